/** Ends the CLI quietly with an exit code; the command has already told the user what went wrong. */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
