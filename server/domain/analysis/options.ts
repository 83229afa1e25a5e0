import { InputError } from '../errors.js';
import { IsoDateSchema } from '../schemas/common.js';
import { STATUSES, type Status } from '../schemas/mapping.js';
import { statusMask } from './coverageIndex.js';

/** Direct mappings and one intermediate requirement: enough to go through a hub such as ISO/IEC 42001. */
export const DEFAULT_MAX_PATH_LENGTH = 2;
export const MAX_PATH_LENGTH_LIMIT = 6;

export interface TraversalOptions {
  /** Longest chain of mappings evidence may travel (1 = direct mappings only). */
  maxPathLength?: number;
  /** Mapping statuses to follow; approved only by default, so nobody's unchecked mapping carries evidence. */
  statuses?: readonly Status[];
}

export interface NormalizedTraversal {
  maxPathLength: number;
  statuses: Status[];
  mask: number;
}

export function normalizeTraversal({ maxPathLength = DEFAULT_MAX_PATH_LENGTH, statuses = ['approved'] }: TraversalOptions = {}): NormalizedTraversal {
  if (!Number.isInteger(maxPathLength) || maxPathLength < 1 || maxPathLength > MAX_PATH_LENGTH_LIMIT)
    throw new InputError(`invalid maxPathLength: ${maxPathLength} (expected a whole number from 1 to ${MAX_PATH_LENGTH_LIMIT})`);
  const unknown = statuses.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (unknown.length) throw new InputError(`invalid status: "${unknown[0]}" (expected: ${STATUSES.join(', ')})`);
  if (!statuses.length) throw new InputError('statuses cannot be empty (expected some of: approved, proposed, rejected)');
  if (statuses.includes('rejected')) throw new InputError('rejected mappings never carry evidence; leave "rejected" out of statuses');
  const unique = [...new Set(statuses)];
  return { maxPathLength, statuses: unique, mask: statusMask(unique) };
}

/** A `YYYY-MM-DD` date for expiry checks. */
export function maybeAsOf(asOf: string): string {
  if (!IsoDateSchema.safeParse(asOf).success) throw new InputError(`asOf: "${asOf}" is not a date (YYYY-MM-DD)`);
  return asOf;
}
