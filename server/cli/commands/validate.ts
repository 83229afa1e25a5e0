import fs from 'node:fs';
import path from 'node:path';
import { contentDirs, dataDirFrom } from '../../config.js';
import { errorsIn, loadContent } from '../../content/loadContent.js';
import { formatProblem, InputError } from '../../domain/errors.js';
import { parseCommandArgs } from '../args.js';
import { ExitError } from '../errors.js';

/** Checks the shipped and imported content, or exactly the given files and folders when `paths` is non-empty. */
export function validate({ dataDir = dataDirFrom(), paths = [] as string[] } = {}) {
  for (const p of paths) if (!fs.existsSync(p)) throw new InputError(`validate: no such file or folder: ${p}`);
  const dirs = paths.length ? { reference: paths.map((p) => path.resolve(p)), user: [] } : contentDirs({ dataDir });
  const { files, problems } = loadContent(dirs);
  return { files, problems, errors: errorsIn(problems).length, warnings: problems.length - errorsIn(problems).length };
}

export async function validateCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs('validate', argv, { json: { type: 'boolean' } }, { positionals: true });
  const result = validate({ paths: positionals });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    result.problems.forEach((p) => (p.severity === 'error' ? console.error : console.warn)(`${formatProblem(p)}${p.severity === 'warning' ? ' (warning)' : ''}`));
    console.log(`${result.files.length} files checked: ${result.errors} errors, ${result.warnings} warnings`);
  }
  if (result.errors) throw new ExitError(1);
}
