import { InputError } from '../domain/errors.js';
import { headerKey, type CsvRow } from './csv.js';
import { isEquivalence } from '../domain/relationships.js';
import {
  METHODS,
  RATIONALES,
  RELATIONSHIPS,
  STATUSES,
  type Method,
  type Rationale,
  type Relationship,
  type Status,
} from '../domain/schemas/mapping.js';

/** "Subset Of", "subset_of", " subset " → "subset-of"-style keys for the lookup tables below. */
const loose = (input: string) => input.trim().toLowerCase().replace(/[\s_]+/g, '-');

const keyword = <T extends string>(input: unknown, name: string, allowed: readonly T[], aliases: Record<string, T>): T => {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input : '';
  const found = aliases[loose(text)] ?? allowed.find((value) => value === loose(text));
  if (found) return found;
  throw new InputError(`invalid ${name}: ${JSON.stringify(input ?? '')} (expected: ${allowed.join(', ')})`);
};

const RELATIONSHIP_ALIASES: Record<string, Relationship> = {
  equal: 'equal-to',
  equals: 'equal-to',
  '=': 'equal-to',
  equivalent: 'equivalent-to',
  subset: 'subset-of',
  superset: 'superset-of',
  intersect: 'intersects-with',
  intersects: 'intersects-with',
  'intersect-with': 'intersects-with',
  intersecting: 'intersects-with',
  'no-relation': 'no-relationship',
  none: 'no-relationship',
  'not-related': 'no-relationship',
  'not-related-to': 'no-relationship',
  unrelated: 'no-relationship',
};

/**
 * Canonical STRM relationship (OSCAL 1.2 names) from the loose forms other tools write: "equal", "subset",
 * "superset", "intersect(s)", "not_related", "no relationship", "Subset Of", … Throws an InputError naming the
 * allowed values otherwise.
 */
export const maybeRelationship = (input: unknown): Relationship => keyword(input, 'relationship', RELATIONSHIPS, RELATIONSHIP_ALIASES);

export const maybeRationale = (input: unknown): Rationale => keyword(input, 'rationale', RATIONALES, {});

export const maybeMethod = (input: unknown): Method =>
  keyword(input, 'method', METHODS, { manual: 'human', automated: 'automation', automatic: 'automation' });

export const maybeStatus = (input: unknown): Status => keyword(input, 'status', STATUSES, {});

/** An OLIR strength: an integer 0–10 (number or numeric text); blank means "not stated" (undefined). */
export function maybeStrength(input: unknown): number | undefined {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) return undefined;
  const value = typeof input === 'number' ? input : typeof input === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(input) ? Number(input) : NaN;
  if (!Number.isInteger(value) || value < 0 || value > 10)
    throw new InputError(`invalid strength: ${JSON.stringify(input)} (expected an integer from 0 to 10)`);
  return value;
}

/**
 * The strength a mapping gets when its source states none, following the OLIR scale: 10 for equal, 0 for no
 * relationship, and the middle of the scale (5, "about half") for the partial relationships.
 */
export const defaultStrength = (relationship: Relationship): number =>
  isEquivalence(relationship) ? 10 : relationship === 'no-relationship' ? 0 : 5;

/** Runs a normaliser and turns its InputError into a message, so importers can collect instead of throw. */
export function attempt<T>(normalise: () => T): { value: T; error?: undefined } | { value?: undefined; error: string } {
  try {
    return { value: normalise() };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    throw e;
  }
}

/** A lowercase slug usable as a framework id or a provenance key: "AI Act" → "ai-act", "CSF_2_0_0" → "csf-2-0-0". */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');

export interface RationaleColumnsInput {
  /** The header as `readCsv` keys a row's values. */
  header: readonly string[];
  /** The header as written, for messages. */
  shown: readonly string[];
  /** Names a rationale column goes by (as `keyOf` reads a header cell), in order of preference. */
  names: readonly string[];
  rows: readonly CsvRow[];
  isBlank: (cell: string) => boolean;
  keyOf?: (headerCell: string) => string;
}

/**
 * Of a table's columns named for a rationale, which holds the rationale and which hold prose: the one whose filled
 * cells are most often syntactic, semantic or functional is the rationale; a column whose filled cells are mostly
 * something else is an explanation, for the note (tables use "Rationale" for either, and a 12-column STRM template
 * in circulation has both, "NIST IR-8477 Rational" for the type and "STRM Rationale" for the reasoning). Columns are
 * given by index; `warning` says what was read as an explanation, when anything was.
 */
export function rationaleColumns({ header, shown, names, rows, isBlank, keyOf = headerKey }: RationaleColumnsInput): { rationale?: number; explanations: number[]; warning?: string } {
  const preference = (i: number) => names.indexOf(keyOf(header[i]!));
  const candidates = header.flatMap((_, i) => (preference(i) >= 0 ? [i] : [])).sort((a, b) => preference(a) - preference(b));
  const read = candidates.map((column) => {
    const filled = rows.map((r) => r.values[header[column]!]?.trim() ?? '').filter((c) => !isBlank(c));
    const words = filled.filter((c) => attempt(() => maybeRationale(c)).error === undefined).length;
    return { column, words, prose: filled.length > 0 && words * 2 < filled.length };
  });
  const rationale = read.filter((c) => !c.prose).sort((a, b) => b.words - a.words)[0]?.column;
  const explanations = read.filter((c) => c.prose).map((c) => c.column);
  const named = (i: number) => `"${shown[i]!.trim()}"`;
  const warning = explanations.length
    ? `${explanations.map(named).join(', ')} holds explanations rather than syntactic, semantic or functional: kept in the mappings' notes${rationale !== undefined ? `; the rationale is read from ${named(rationale)}` : ''}`
    : undefined;
  return { rationale, explanations, warning };
}
