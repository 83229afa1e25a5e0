import { formatProblem, type Problem } from '../domain/errors.js';

/** Ends the CLI quietly with an exit code; the command has already told the user what went wrong. */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Prints a warning to stderr as every command does: where, what, and "(warning)" so it reads apart from errors. */
export const printWarning = (warning: Problem | string) => console.warn(`${typeof warning === 'string' ? warning : formatProblem(warning)} (warning)`);
