import type { Problem } from '../domain/errors.js';
import { idsOfCell, type ResolvedRef } from './refResolver.js';

/**
 * The prefix a file leaves off a framework's refs, as tools that number ISO/IEC 27001's Annex A as ISO/IEC 27002 does
 * write "5.4" for A.5.4: the prefix (ending in a separator) that, put before the ids that name no ref as written,
 * makes nearly all of them (90%, at least three) refs, when those are at least half of the distinct ids. Then the
 * file numbers that side without it throughout, and an id that names a ref as written too ("5.1", clause 5.1 of
 * the same standard) most likely means the prefixed one. Only one prefix may fit: bare numbers that several
 * families would complete are not read.
 */
export function missingPrefix(refs: readonly string[], idRefs: readonly string[]): string | undefined {
  const { known, distinct, unknown } = sortIds(refs, idRefs);
  if (unknown.length < 3 || unknown.length * 2 < distinct.length) return undefined;
  const counts = new Map<string, number>();
  for (const id of unknown) for (const prefix of prefixesCompleting(id, known)) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  // One prefix, clearly: bare numbers that several families would complete ("1" as AC-1 or AU-1) name nothing.
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] * 10 < unknown.length * 9 || (second && second[1] * 2 >= best[1])) return undefined;
  return asRefsWriteIt(refs, known, best[0]);
}

/**
 * For a table too small for missingPrefix (one or two ids that name no ref as written): the one prefix that completes
 * each of them, and only it ("5.15" and "8.24" in a short SoA of ISO/IEC 27001:2022 are A.5.15 and A.8.24), used for
 * those ids alone. None when an id the table writes names a ref both as written and with the prefix ("5.1": clause
 * 5.1, or A.5.1?): with so little to go on the table cannot say which it means, so it is left to the reader.
 */
export function completingPrefix(refs: readonly string[], idRefs: readonly string[]): string | undefined {
  const { known, distinct, unknown } = sortIds(refs, idRefs);
  if (!unknown.length || unknown.length >= 3) return undefined;
  const fits = unknown.map((id) => prefixesCompleting(id, known));
  if (fits.some((f) => f.length !== 1) || new Set(fits.map((f) => f[0])).size !== 1) return undefined;
  const prefix = fits[0]![0]!;
  if (distinct.some((id) => known.has(id) && known.has(prefix + id))) return undefined;
  return asRefsWriteIt(refs, known, prefix);
}

function sortIds(refs: readonly string[], idRefs: readonly string[]) {
  const known = new Set(refs.map((r) => r.toLowerCase()));
  const distinct = [...new Set(idRefs.map((id) => id.trim().toLowerCase()))].filter(Boolean);
  return { known, distinct, unknown: distinct.filter((id) => !known.has(id)) };
}

/** The prefixes (each ending in a separator) that make `id` a known ref, lower-cased. */
function prefixesCompleting(id: string, known: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const ref of known)
    if (ref.length > id.length && ref.endsWith(id)) {
      const prefix = ref.slice(0, ref.length - id.length);
      if (/[^\p{L}\p{N}]$/u.test(prefix)) found.push(prefix);
    }
  return found;
}

/** A lower-cased prefix as the framework's refs write it ("a." → "A."). */
const asRefsWriteIt = (refs: readonly string[], known: ReadonlySet<string>, prefix: string): string =>
  refs.find((r) => r.toLowerCase().startsWith(prefix) && known.has(r.toLowerCase()))!.slice(0, prefix.length);

/** An id read with the prefix it left off: as written, the ref it was read as, and the ref it names as written, if any. */
export interface PrefixReading {
  written: string;
  ref: string;
  asWritten?: string;
}

const LISTED = 10;

/**
 * The one warning about ids read with a prefix they leave off, the same for every format: how many, a few examples,
 * and each one (the first ten) that names another requirement as written, since those would otherwise have landed
 * on it without a word. `what` names the ids ("id-ref(s)", "source_ref id(s)").
 */
export function prefixReadingMessage(what: string, frameworkId: string, prefix: string, readings: readonly PrefixReading[]): string {
  const clashing = readings.filter((r) => r.asWritten !== undefined);
  // The clashing ones are listed on their own, so the examples show the others first.
  const examples = [...readings.filter((r) => r.asWritten === undefined), ...clashing].slice(0, 3).map((r) => `"${r.written}" as ${r.ref}`).join(', ');
  const listed = clashing.slice(0, LISTED).map((r) => `"${r.written}" as ${r.ref}, not ${r.asWritten}`).join('; ');
  const clashes = clashing.length
    ? `; ${clashing.length} of them also name another requirement as written, and are read with it all the same (${listed}${clashing.length > LISTED ? '; …' : ''})`
    : '';
  return `${readings.length} ${what} of ${frameworkId} leave off the "${prefix}" its refs begin with and were read with it, e.g. ${examples}${clashes}; check them`;
}

type Resolve = (cell: string) => ResolvedRef | undefined;

/**
 * One side of a table (one column's cells that name refs of one framework) whose ids leave off a prefix its refs
 * share (see missingPrefix): `resolve` reads each cell, or part of a cell, with the prefix put before it whenever that
 * names a ref with the prefix ("5.1 Policies" as A.5.1 with its title), else as written; a cell that already names
 * such a ref as written ("A.5.1", "A5.1") is read as written. `note` keeps the readings a row used, for `warning`.
 */
export class PrefixedSide {
  private readonly readings = new Map<string, PrefixReading & { line: number }>();

  constructor(
    readonly prefix: string,
    private readonly resolveAsWritten: Resolve,
    /** Put the prefix only before ids that name nothing as written (see completingPrefix). */
    private readonly unknownOnly = false,
  ) {}

  private readonly hasPrefix = (ref: string) => ref.toLowerCase().startsWith(this.prefix.toLowerCase());

  readonly resolve: Resolve = (cell) => {
    const asWritten = this.resolveAsWritten(cell);
    if (asWritten && (this.unknownOnly || this.hasPrefix(asWritten.ref))) return asWritten;
    const prefixed = this.resolveAsWritten(`${this.prefix}${cell.trim()}`);
    if (!prefixed || !this.hasPrefix(prefixed.ref)) return asWritten;
    return { ...prefixed, withPrefix: { written: cell.trim(), ...(asWritten ? { asWritten: asWritten.ref } : {}) } };
  };

  /** Keeps the readings with the prefix among the refs a row's cell resolved to. */
  note(found: readonly ResolvedRef[], line: number) {
    for (const { ref, withPrefix } of found)
      if (withPrefix && !this.readings.has(withPrefix.written)) this.readings.set(withPrefix.written, { ...withPrefix, ref, line });
  }

  /** The warning for the readings kept (at the first row that used one), or none. */
  warning(file: string, what: string, frameworkId: string): Problem | undefined {
    const readings = [...this.readings.values()];
    if (!readings.length) return undefined;
    return { file, line: Math.min(...readings.map((r) => r.line)), message: prefixReadingMessage(what, frameworkId, this.prefix, readings), severity: 'warning' };
  }
}

/**
 * The side's cells read with the prefix they leave off, when missingPrefix finds one from the ids the cells write
 * (each cell's ids without their titles, see idsOfCell), or, in a table too small for it, with the one prefix that
 * completes its unknown ids (completingPrefix, for those ids only); undefined when neither fits or the framework is
 * not loaded.
 */
export function prefixedSide(refs: readonly string[] | undefined, cells: Iterable<string>, resolve: Resolve): PrefixedSide | undefined {
  if (!refs) return undefined;
  const ids = [...cells].flatMap(idsOfCell);
  const prefix = missingPrefix(refs, ids);
  if (prefix) return new PrefixedSide(prefix, resolve);
  const completing = completingPrefix(refs, ids);
  return completing ? new PrefixedSide(completing, resolve, true) : undefined;
}

/** A table's sides read with the prefix they leave off (see prefixedSides). */
export interface PrefixedSides {
  /** The side of a column's cells of a framework, when they leave off a prefix. */
  side(column: string, frameworkId: string): PrefixedSide | undefined;
  /** The warning of each side (see PrefixedSide.warning); `what` names a column's ids ("source_ref id(s)"). */
  warnings(file: string, what: (column: string) => string): Problem[];
}

/**
 * The sides of a table that leave off a prefix their framework's refs share (see prefixedSide): a side is one column's
 * cells of one framework (a table whose column holds several frameworks' refs, by a framework column, has a side for
 * each), decided as a whole. Sides that find no prefix, or whose framework is not loaded (`refsOf` gives nothing),
 * have none: their cells are read as written.
 */
export function prefixedSides(
  cells: Iterable<{ column: string; frameworkId: string; cell: string }>,
  refsOf: (frameworkId: string) => readonly string[] | undefined,
  resolverOf: (frameworkId: string) => Resolve,
): PrefixedSides {
  const keyOf = (column: string, frameworkId: string) => JSON.stringify([column, frameworkId]);
  const grouped = new Map<string, { column: string; frameworkId: string; cells: string[] }>();
  for (const { column, frameworkId, cell } of cells) {
    if (!cell.trim()) continue;
    const key = keyOf(column, frameworkId);
    if (!grouped.has(key)) grouped.set(key, { column, frameworkId, cells: [] });
    grouped.get(key)!.cells.push(cell);
  }
  const sides = new Map<string, { column: string; frameworkId: string; side: PrefixedSide }>();
  for (const [key, { column, frameworkId, cells: written }] of grouped) {
    const side = prefixedSide(refsOf(frameworkId), written, resolverOf(frameworkId));
    if (side) sides.set(key, { column, frameworkId, side });
  }
  return {
    side: (column, frameworkId) => sides.get(keyOf(column, frameworkId))?.side,
    warnings: (file, what) => [...sides.values()].flatMap(({ column, frameworkId, side }) => side.warning(file, what(column), frameworkId) ?? []),
  };
}
