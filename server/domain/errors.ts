/** Business errors; the API and CLI translate them, everything else is an internal error. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
export class InputError extends Error {
  override name = 'InputError';
}
export class ConflictError extends Error {
  override name = 'ConflictError';
}

export interface Problem {
  file: string;
  line?: number;
  /** Dot path into the file, e.g. `requirements[3].parent`. */
  path?: string;
  message: string;
  severity: 'error' | 'warning';
  /** Set on a file's statements that contradict each other: an import may leave such pairs out instead of refusing. */
  code?: 'conflicting-statement';
}

export const formatProblem = (p: Problem): string =>
  `${p.file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;

/** A data file (or several) is broken; carries every problem found, not only the first. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/**
 * An option as both front doors spell it, for messages the command line and the API share: "frameworkId (--framework-id)".
 */
export const optionNamed = (option: string) => `${option} (--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)})`;
