import { contentDirs, dataDirFrom } from '../../config.js';
import { errorsIn, loadContent } from '../../content/loadContent.js';
import { formatProblem } from '../../domain/errors.js';
import { parseCommandArgs } from '../args.js';
import { ExitError } from '../errors.js';

export function validate({ dataDir = dataDirFrom() } = {}) {
  const { files, problems } = loadContent(contentDirs({ dataDir }));
  return { files, problems, errors: errorsIn(problems).length, warnings: problems.length - errorsIn(problems).length };
}

export async function validateCommand(argv: string[]) {
  const { values } = parseCommandArgs('validate', argv, { json: { type: 'boolean' } });
  const result = validate();
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    result.problems.forEach((p) => (p.severity === 'error' ? console.error : console.warn)(`${formatProblem(p)}${p.severity === 'warning' ? ' (warning)' : ''}`));
    console.log(`${result.files.length} files checked: ${result.errors} errors, ${result.warnings} warnings`);
  }
  if (result.errors) throw new ExitError(1);
}
