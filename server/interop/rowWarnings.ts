import { pushTo } from '../domain/multimap.js';
import type { Problem } from '../domain/errors.js';
import type { RefMatch, ResolvedRef } from './refResolver.js';

/** The first ten rows of a list, for a warning that counts many: "4, 9, 12, …". */
export const rowList = (lines: number[]) => `${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', …' : ''}`;

/** Rows of a table import that were given a default rationale or strength: one warning each, with the rows. */
export function defaultedRowWarnings(file: string, defaulted: { rationale: number[]; strength: number[] }): Problem[] {
  const problems: Problem[] = [];
  if (defaulted.rationale.length)
    problems.push({ file, line: defaulted.rationale[0], message: `${defaulted.rationale.length} row(s) state no rationale and were given "semantic"; review them (rows ${rowList(defaulted.rationale)})`, severity: 'warning' });
  if (defaulted.strength.length)
    problems.push({ file, line: defaulted.strength[0], message: `${defaulted.strength.length} row(s) state no strength and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them (rows ${rowList(defaulted.strength)})`, severity: 'warning' });
  return problems;
}

/** Cells read loosely (see refResolver), kept per kind of reading so each kind is reported once. */
export type LooseReadings = Map<Exclude<RefMatch, 'exact'>, Array<{ cell: string; ref: string; line: number }>>;

export function noteLooseReadings(loose: LooseReadings, cell: string, found: readonly ResolvedRef[], line: number) {
  for (const { match, ref } of found) if (match !== 'exact') pushTo(loose, match, { cell, ref, line });
}

const READING: Record<Exclude<RefMatch, 'exact'>, string> = {
  alias: 'another identifier the catalog records for a ref',
  'zero-padding': 'a ref written with zero padding',
  separators: 'a ref written with other separators (or none after its letter)',
  citation: 'a legal citation written another way',
  'ref-then-title': 'a ref followed by a title',
  'title-then-ref': 'a document name followed by a ref',
};

/** One warning per kind of loose reading: how many cells, and three examples (different cells) of what they were read as. */
export function looseReadingWarnings(file: string, loose: LooseReadings): Problem[] {
  return [...loose].map(([match, found]) => ({
    file,
    line: found[0]!.line,
    message: `${found.length} cell(s) were read as ${READING[match]}, e.g. ${[...new Map(found.map((f) => [f.cell, f])).values()].slice(0, 3).map((f) => `${JSON.stringify(f.cell)} → ${f.ref}`).join(', ')}; check them`,
    severity: 'warning' as const,
  }));
}
