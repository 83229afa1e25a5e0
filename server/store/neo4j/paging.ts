import { toInteger } from './conversion.js';

/** SQLite reads a negative LIMIT as "no limit"; Cypher refuses one, so it becomes this. */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** A row count for LIMIT as SQLite reads one: negative (or not a number) is no limit, a fraction is cut. */
export const limitOf = (limit: number) => (Number.isNaN(limit) || limit < 0 || limit > NO_LIMIT ? NO_LIMIT : Math.floor(limit));

/** A row count for SKIP: negative is none, as SQLite reads a negative OFFSET. */
export const offsetOf = (offset: number) => (Number.isNaN(offset) || offset <= 0 ? 0 : Math.min(NO_LIMIT, Math.floor(offset)));

/** `$limit` and `$offset` for a paged statement, read as the SQLite store reads them, with its default page size. */
export const pageOf = ({ limit, offset = 0 }: { limit?: number; offset?: number }, defaultLimit: number) => ({
  limit: toInteger(limitOf(limit ?? defaultLimit)),
  offset: toInteger(offsetOf(offset)),
});
