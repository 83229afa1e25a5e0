import fs from 'node:fs';
import path from 'node:path';
import { contentDirs, dataDirFrom } from '../../config.js';
import { errorsIn, listContentFiles, loadContent } from '../../content/loadContent.js';
import { formatProblem, InputError } from '../../domain/errors.js';
import { parseCommandArgs } from '../args.js';
import { ExitError } from '../errors.js';

interface ValidateOptions {
  dataDir?: string;
  /** Files or folders to check; none means every shipped and imported content file. */
  paths?: string[];
  /** Check the given files as a set of their own, without the shipped and imported content around them. */
  alone?: boolean;
}

/**
 * Checks the shipped and imported content, or the given files and folders. Given files are checked as `load` would
 * see them: together with the shipped content and the data folder (a given file takes the place of the content file
 * at the same path), so a crosswalk between shipped frameworks, or a file that adds clauses to a shipped
 * harmonized-structure concept, can be checked on its own. Only problems in the given files are reported; those
 * elsewhere are counted.
 */
export function validate({ dataDir = dataDirFrom(), paths = [], alone = false }: ValidateOptions = {}) {
  for (const p of paths) if (!fs.existsSync(p)) throw new InputError(`validate: no such file or folder: ${p}`);
  if (!paths.length || alone) {
    const dirs = paths.length ? { reference: paths.map((p) => path.resolve(p)), user: [] } : contentDirs({ dataDir });
    const { files, problems } = loadContent(dirs);
    return summarise(files, problems, 0);
  }
  const given = [...new Set(paths.flatMap(listContentFiles).map((file) => path.resolve(file)))];
  const pending = given.map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
  const { files, problems } = loadContent(contentDirs({ dataDir }), { pending });
  const shown = new Set(given.map((file) => path.relative(process.cwd(), file) || file));
  const inGiven = problems.filter((p) => shown.has(p.file));
  return summarise(files.filter((file) => shown.has(file)), inGiven, problems.length - inGiven.length);
}

function summarise(files: string[], problems: ReturnType<typeof loadContent>['problems'], elsewhere: number) {
  const errors = errorsIn(problems).length;
  return { files, problems, errors, warnings: problems.length - errors, problemsElsewhere: elsewhere };
}

export async function validateCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs('validate', argv, { json: { type: 'boolean' }, alone: { type: 'boolean' } }, { positionals: true });
  const result = validate({ paths: positionals, alone: values.alone });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    result.problems.forEach((p) => (p.severity === 'error' ? console.error : console.warn)(`${formatProblem(p)}${p.severity === 'warning' ? ' (warning)' : ''}`));
    const context = positionals.length && !values.alone ? ' against the shipped and imported content' : '';
    console.log(`${result.files.length} files checked${context}: ${result.errors} errors, ${result.warnings} warnings`);
    if (result.problemsElsewhere) console.log(`${result.problemsElsewhere} more problems are in other content files; run "crosswalk validate" to see them`);
  }
  if (result.errors) throw new ExitError(1);
}
