import { parse } from 'csv-parse/sync';
import type { Problem } from '../domain/errors.js';
import { requirementId, splitRequirementId } from '../domain/ids.js';
import { detectDelimiter, restoreFormula } from '../interop/csv.js';
import { attempt, maybeRelationship } from '../interop/maybeRelationship.js';
import { prefixedSides } from '../interop/missingPrefix.js';
import { enclosingRef, isWholeId, refResolver } from '../interop/refResolver.js';
import { RELATIONSHIPS, type Relationship } from '../domain/schemas/mapping.js';
import { pushTo } from '../domain/multimap.js';
import { frameworkTally, type FrameworkLabel } from '../domain/frameworkNames.js';
import { didYouMean } from '../domain/likelyMeant.js';
import { citationFolded } from '../domain/refSpelling.js';

export const GOLD_COLUMNS = ['source_framework', 'source_ref', 'target_framework', 'target_ref'] as const;

export interface GoldPair {
  sourceId: string;
  targetId: string;
  line: number;
  /** The gold relationship, when the file states one: the proposed relationship is scored against it. */
  relationship?: Relationship;
}

export interface GoldFile {
  pairs: GoldPair[];
  problems: Problem[];
}

/**
 * Reads a gold CSV (`source_framework,source_ref,target_framework,target_ref`, header optional). Every row is
 * checked against the known frameworks and requirements; problems carry the file and line. A column's ids of one
 * framework that leave off the prefix its refs share ("5.15" for ISO/IEC 27001's A.5.15) are read with it, with one
 * warning (see prefixedSides).
 *
 * A file whose header starts with those four columns may have more, so a crosswalk exported by Crosswalk (or
 * written alike) is a gold file as it is: rows whose `relationship` is no-relationship or whose `status` is
 * rejected are not pairs to find and are skipped, with one warning that counts them.
 */
export function parseGoldCsv(
  text: string,
  { file, frameworks, requirements, aliases }: { file: string; frameworks: readonly FrameworkLabel[]; requirements: ReadonlySet<string>; aliases?: ReadonlyMap<string, ReadonlyArray<readonly [string, string]>> },
): GoldFile {
  const problems: Problem[] = [];
  const fail = (line: number | undefined, message: string, severity: Problem['severity'] = 'error') => problems.push({ file, line, message, severity });
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { delimiter: detectDelimiter(text), skip_empty_lines: true, relax_column_count: true, info: true, trim: true, comment: '#' }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    fail(err.lines, `not a readable CSV: ${err.message}`);
    return { pairs: [], problems };
  }
  const known = frameworks.map((f) => f.id).sort().join(', ');
  const frameworkNames = frameworkTally(frameworks, { editionless: 'read' });
  const pairs: GoldPair[] = [];
  const seen = new Set<string>();
  // A header may be written as people type it: "Source Framework", "source-ref".
  const header = records[0]?.record.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const hasHeader = !!header && GOLD_COLUMNS.every((column, i) => header[i] === column);
  // A first row naming gold columns is a header even when one is missing or out of place; read as a row, it would
  // only give "unknown framework" errors for its column names.
  if (!hasHeader && header?.some((cell) => (GOLD_COLUMNS as readonly string[]).includes(cell))) {
    const missing = GOLD_COLUMNS.filter((column) => !header.includes(column));
    const expected = `expected the header ${GOLD_COLUMNS.join(',')}, then any others`;
    fail(records[0]!.info.lines, missing.length ? `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${expected})` : `the header names the gold columns in another order (${expected})`);
    return { pairs: [], problems };
  }
  const columns = hasHeader ? header.length : GOLD_COLUMNS.length;
  const relationshipAt = hasHeader ? header.indexOf('relationship') : -1;
  const statusAt = hasHeader ? header.indexOf('status') : -1;
  const skipped = { rejected: 0, none: 0, first: 0 };
  const unread: number[] = [];
  // Gold files from other tools write ids in their own case, separators or zero padding ("GV.OC-01", "PM-09",
  // "GOVERN.1.1"): read as the same ids.
  const respelled: Array<{ line: number; written: string; ref: string }> = [];
  // A point below the depth the catalog goes to ("Article 10(2)(f)"): read as the requirement that holds it.
  const enclosed: Array<{ line: number; written: string; ref: string }> = [];
  // The rows that name two known frameworks, read once all are known.
  const rows: Array<{ line: number; relationship?: Relationship; refs: Array<{ column: 'source_ref' | 'target_ref'; frameworkId: string; written: string }> }> = [];
  const refsOf = new Map<string, string[]>();
  for (const id of requirements) {
    const { frameworkId, ref } = splitRequirementId(id);
    pushTo(refsOf, frameworkId, ref);
  }
  const resolvers = new Map<string, ReturnType<typeof refResolver>>();
  // Whether a framework's catalog goes below a ref: another ref of it that starts with it and a separator.
  const foldedRefs = new Map<string, string[]>();
  const hasChildren = (fw: string, ref: string) => {
    const folded = foldedRefs.get(fw) ?? foldedRefs.set(fw, (refsOf.get(fw) ?? []).map((r) => citationFolded(r.toLowerCase()))).get(fw)!;
    const prefix = `${citationFolded(ref.toLowerCase())}.`;
    return folded.some((r) => r.startsWith(prefix));
  };
  const resolverOf = (fw: string) => resolvers.get(fw) ?? resolvers.set(fw, refResolver(refsOf.get(fw) ?? [], aliases?.get(fw))).get(fw)!;
  records.forEach(({ record, info }, index) => {
    const line = info.lines;
    if (index === 0 && hasHeader) return;
    if (record.length !== columns) {
      const expected = columns > GOLD_COLUMNS.length ? `${columns} columns, as in the header` : `${GOLD_COLUMNS.length} columns (${GOLD_COLUMNS.join(',')})`;
      fail(line, `expected ${expected}, found ${record.length}: "${record.join(',')}"`);
      return;
    }
    let relationship: Relationship | undefined;
    const stated = relationshipAt >= 0 ? record[relationshipAt] : undefined;
    if (stated) {
      const read = attempt(() => maybeRelationship(stated));
      if (read.error !== undefined) unread.push(line);
      else relationship = read.value;
    }
    if (record[statusAt]?.toLowerCase() === 'rejected' || relationship === 'no-relationship') {
      skipped[record[statusAt]?.toLowerCase() === 'rejected' ? 'rejected' : 'none']++;
      skipped.first ||= line;
      return;
    }
    const [sourceWritten, sourceRef, targetWritten, targetRef] = record.slice(0, GOLD_COLUMNS.length).map(restoreFormula) as [string, string, string, string];
    let ok = true;
    for (const [column, value] of [['source_framework', sourceWritten], ['source_ref', sourceRef], ['target_framework', targetWritten], ['target_ref', targetRef]] as const) {
      if (!value) {
        fail(line, `${column} is empty`);
        ok = false;
      }
    }
    if (!ok) return;
    const sourceFramework = frameworkNames.read(sourceWritten, line);
    const targetFramework = frameworkNames.read(targetWritten, line);
    if (!sourceFramework || !targetFramework) return;
    if (sourceFramework === targetFramework) return void fail(line, `source and target are the same framework ("${sourceFramework}")`);
    rows.push({ line, relationship, refs: [{ column: 'source_ref', frameworkId: sourceFramework, written: sourceRef }, { column: 'target_ref', frameworkId: targetFramework, written: targetRef }] });
  });
  // A side (one column's refs of one framework) that writes its ids without the prefix they share (27001's Annex A as
  // "5.15", as tools that number it like 27002 do) is read with it, decided over all its rows (see prefixedSides).
  const sides = prefixedSides(rows.flatMap((row) => row.refs.map(({ column, frameworkId, written }) => ({ column, frameworkId, cell: written }))), (fw) => refsOf.get(fw), resolverOf);
  for (const { line, relationship, refs } of rows) {
    let ok = true;
    const [sourceId, targetId] = refs.map(({ column, frameworkId: fw, written: ref }) => {
      const id = requirementId(fw, ref);
      const side = sides.side(column, fw);
      const found = (side?.resolve ?? resolverOf(fw))(ref);
      // A gold ref is a whole id, never one with a title after it.
      const whole = found && isWholeId(found) ? found : undefined;
      if (requirements.has(id) && !whole?.withPrefix) return id;
      if (whole) {
        if (whole.withPrefix) side!.note([whole], line);
        if (!whole.withPrefix || whole.match !== 'exact') respelled.push({ line, written: ref, ref: whole.ref });
        return requirementId(fw, whole.ref);
      }
      const holder = enclosingRef(ref, side?.resolve ?? resolverOf(fw), (held) => hasChildren(fw, held));
      if (holder) {
        enclosed.push({ line, written: ref, ref: holder.ref });
        return requirementId(fw, holder.ref);
      }
      fail(line, `unknown requirement "${ref}" in ${fw}${didYouMean(id, requirements)}`);
      ok = false;
      return id;
    }) as [string, string];
    if (!ok) continue;
    const key = `${sourceId}\u0000${targetId}`;
    if (seen.has(key)) {
      fail(line, `duplicate pair ${sourceId} → ${targetId} (counted once)`, 'warning');
      continue;
    }
    seen.add(key);
    pairs.push({ sourceId, targetId, line, ...(relationship ? { relationship } : {}) });
  }
  problems.push(...sides.warnings(file, (column) => `${column} id(s)`));
  problems.push(...frameworkNames.problems(file, { unknown: (written, where) => `unknown framework "${written}"${where} (known: ${known}; import a framework first with "crosswalk import")` }));
  if (respelled.length) {
    const examples = respelled.slice(0, 3).map((r) => `"${r.written}" as ${r.ref}`).join(', ');
    fail(respelled[0]!.line, `${respelled.length} ref(s) are written otherwise than in the catalog (case, spacing, separators, zero padding, citation words such as "Article", or an alias it records) and were read as its ids, e.g. ${examples}`, 'warning');
  }
  if (enclosed.length) {
    const examples = enclosed.slice(0, 3).map((r) => `"${r.written}" as ${r.ref}`).join(', ');
    fail(enclosed[0]!.line, `${enclosed.length} ref(s) name a point below the depth the catalog goes to and were read as the requirement that holds it, e.g. ${examples}; ranking that requirement counts as finding the pair`, 'warning');
  }
  if (unread.length)
    fail(unread[0], `${unread.length} relationship(s) not read (expected: ${RELATIONSHIPS.join(', ')}); those pairs are still ranked, but their proposed relationship is not scored`, 'warning');
  if (skipped.first) fail(skipped.first, `skipped ${skipped.rejected + skipped.none} row(s) that are not pairs to find: ${skipped.rejected} rejected, ${skipped.none} no-relationship`, 'warning');
  if (!pairs.length && !problems.some((p) => p.severity === 'error')) fail(1, `no gold pairs (expected rows of ${GOLD_COLUMNS.join(',')})`);
  // Errors first, then warnings, each in the file's order whichever check found them (the sort is stable).
  problems.sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error') || (a.line ?? 0) - (b.line ?? 0));
  return { pairs, problems };
}

/**
 * A gold set from approved mappings, as stored (source framework → target framework): how the benchmark
 * measures the suggester on the shipped crosswalks. "no-relationship" records are not pairs to find.
 */
export function goldFromMappings(mappings: ReadonlyArray<{ source: string; target: string; status: string; relationship: Relationship }>, { from, to }: { from: string; to: string }): GoldPair[] {
  return mappings
    .filter((m) => m.status === 'approved' && m.relationship !== 'no-relationship' && m.source.startsWith(`${from}:`) && m.target.startsWith(`${to}:`))
    .map((m, i) => ({ sourceId: m.source, targetId: m.target, line: i + 1, relationship: m.relationship }));
}
