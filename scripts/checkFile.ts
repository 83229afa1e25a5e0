// Quick check of one content file on its own (schema and in-file rules); `crosswalk validate` checks them together.
import fs from 'node:fs';
import { formatProblem } from '../server/domain/errors.js';
import { readContentFile } from '../server/content/readContentFile.js';

for (const file of process.argv.slice(2)) {
  const { kind, problems, bundle } = readContentFile(file, fs.readFileSync(file, 'utf8'));
  problems.forEach((p) => console.log(formatProblem(p)));
  console.log(`${file}: ${kind ?? 'unknown kind'}, ${bundle.requirements.length} requirements, ${bundle.mappings.length} mappings, ${problems.length} problems`);
}
