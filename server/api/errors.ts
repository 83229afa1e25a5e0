import { GraphQLError } from 'graphql';
import { ZodError } from 'zod';
import { ConflictError, DataFileError, formatProblem, InputError, NotFoundError } from '../domain/errors.js';
import { AuthError } from './auth.js';

/** How each business error reaches a client; anything else is masked as an internal error. */
export function describeError(e: unknown): { status: number; code: string; message: string; problems?: string[] } | undefined {
  if (e instanceof AuthError) return { status: e.status, code: e.code ?? (e.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN'), message: e.message };
  if (e instanceof NotFoundError) return { status: 404, code: 'NOT_FOUND', message: e.message };
  if (e instanceof ConflictError) return { status: 409, code: 'CONFLICT', message: e.message };
  if (e instanceof InputError) return { status: 400, code: 'BAD_USER_INPUT', message: e.message };
  if (e instanceof DataFileError) return { status: 422, code: 'INVALID_FILE', message: `${e.problems.length} problem(s) in the file; nothing was imported`, problems: e.problems.map(formatProblem) };
  if (e instanceof ZodError) return { status: 400, code: 'BAD_USER_INPUT', message: e.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
  return undefined;
}

export function toGraphQLError(e: unknown): unknown {
  const described = describeError(e);
  if (!described) return e;
  return new GraphQLError(described.message, {
    extensions: { code: described.code, http: { status: described.status }, ...(described.problems ? { problems: described.problems } : {}) },
  });
}
