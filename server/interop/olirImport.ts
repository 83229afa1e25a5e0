import path from 'node:path';
import { inverseRelationship } from '../domain/relationships.js';
import type { Problem } from '../domain/errors.js';
import type { Provenance, Rationale } from '../domain/schemas/mapping.js';
import { buildMappingFiles, type ImportedMapping, type ImportedNoCounterpart } from './buildMappingFiles.js';
import { findColumns, headerKey, readCsv } from './csv.js';
import { currentDate } from './jsonInput.js';
import { attempt, defaultStrength, maybeRationale, maybeRelationship, maybeStrength, rationaleColumns } from './maybeRelationship.js';
import { prefixedSide } from './missingPrefix.js';
import { refResolver, resolveRefList } from './refResolver.js';
import { defaultedRowWarnings, looseReadingWarnings, noteLooseReadings, rowList, type LooseReadings } from './rowWarnings.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';

/**
 * Names of the STRM columns (compared as `headerKey`s, a trailing "(optional)" aside), as written by the OLIR template
 * (IR 8278A Rev. 1), its first edition, and the STRM spreadsheets others publish (the Secure Controls Framework's, for
 * one). Earlier names win: where a sheet has "FDE #" as the id, its "Focal Document Element" column is the text.
 */
const STRM_COLUMNS = {
  focal: ['fde', 'fde_id', 'focal_document_element_id', 'focal_document_element', 'focal_element', 'focal_document_element_fde'],
  reference: ['reference_document_element', 'reference_document_element_id', 'rde', 'reference_element', 'scf', 'target_id'],
  relationship: ['relationship', 'strm_relationship', 'set_theory_relationship'],
  // A 12-column STRM template in circulation writes the rationale type as "NIST IR-8477 Rational" beside a
  // "STRM Rationale" of prose; which one holds syntactic/semantic/functional is decided by the cells (rationaleColumns).
  rationale: ['rationale', 'strm_rationale', 'nist_ir_8477_rationale', 'nist_ir_8477_rational', 'rationale_type'],
  strength: ['strength_of_relationship', 'strength'],
  comments: ['comments', 'comment', 'notes', 'note'],
} as const;

type StrmColumn = keyof typeof STRM_COLUMNS;

/** Which header cell (its name as `readCsv` keys a row's values) holds each STRM column; absent when the sheet has none. */
function strmColumns(header: readonly string[]): Partial<Record<StrmColumn, string>> {
  const { at } = findColumns(header.map((h) => h.replace(/\(optional\)/gi, '')), STRM_COLUMNS);
  return Object.fromEntries(Object.entries(at).map(([column, index]) => [column, header[index as number]!.toLowerCase().trim()]));
}

/** A header row of an OLIR table: a focal and a reference element column (a concept crosswalk has no relationship). */
export const isStrmHeader = (header: readonly string[]) => {
  const columns = strmColumns(header);
  return Boolean(columns.focal && columns.reference);
};

const EXPECTED = '"Focal Document Element" and "Reference Document Element" columns (OLIR template) or "FDE #" and the reference id';

/** Cells that stand for "nothing here" in published spreadsheets. */
const BLANK = new Set(['', 'n/a', 'na', '-', '\u2013', '\u2014', 'none']);
const isBlank = (cell: string) => BLANK.has(cell.trim().toLowerCase());

export interface OlirImportOptions extends ImportOptions {
  /** The framework the focal document elements belong to (the mappings' source). */
  focal: string;
  /** The framework the reference document elements belong to (the mappings' target). */
  reference: string;
  /** The refs of a loaded framework, or undefined when it is not loaded. */
  refsOf: (frameworkId: string) => readonly string[] | undefined;
  /** The aliases a framework's catalog records (see refResolver). */
  aliasesOf?: (frameworkId: string) => ReadonlyArray<readonly [string, string]> | undefined;
}

/** Refs that could not be resolved, reported once per side rather than once per row. */
class Unresolved {
  readonly cells = new Map<string, number>();
  rows = 0;
  firstLine?: number;
  note(cell: string, line: number) {
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + 1);
    this.rows++;
    this.firstLine ??= line;
  }
}

const EXAMPLES = 3;

/**
 * Reads a NIST IR 8477 set theory relationship mapping (STRM) table — the OLIR template or a spreadsheet in its shape,
 * or an OLIR concept crosswalk, whose pairs (no Relationship column) are imported as intersects-with —
 * CSV here (the import service turns a workbook's sheet into CSV) — into mappings from `focal` to `reference`. The OLIR
 * relationship is the reference element's compared to the focal element's, so it is turned round to be stated from the
 * focal element (see `olirRelationshipOf`, its inverse in the export). Rows above the header (a
 * template's title block) are skipped; a focal cell left blank under a filled one (merged cells) repeats it; a row with
 * no reference element is a focal element the author did not map; "not related to" without a reference element, or
 * against the whole reference document, is an imported "no counterpart" statement. Cells may carry a title after the
 * ref, a document name before it, or several refs; anything that does not resolve to a loaded requirement is reported
 * and left out.
 */
export function importOlirStrm(text: string, options: OlirImportOptions): ImportResult {
  const { file, focal, reference } = options;
  const { header, rows, problems, written } = readCsv(text, file, { isHeader: isStrmHeader, expected: EXPECTED });
  if (!header.length) return emptyImport(problems);
  const columns = strmColumns(header);
  const rationaleRead = rationaleColumns({ header, shown: written ?? header, names: STRM_COLUMNS.rationale, rows, isBlank, keyOf: (h) => headerKey(h.replace(/\(optional\)/gi, '')) });
  if (rationaleRead.rationale !== undefined) columns.rationale = header[rationaleRead.rationale]!;
  else delete columns.rationale;
  const explanations = rationaleRead.explanations.map((i) => header[i]!);
  for (const [side, frameworkId] of [['focal', focal], ['reference', reference]] as const)
    if (!options.refsOf(frameworkId))
      problems.push({ file, message: `the ${side} framework "${frameworkId}" is not loaded: import its catalog first (crosswalk import --format csv|oscal|cprt|ciso-assistant), or name another with --${side === 'focal' ? 'from' : 'to'}`, severity: 'error' });
  if (focal === reference) problems.push({ file, message: `the focal and reference frameworks must differ (both are "${focal}")`, severity: 'error' });
  if (problems.some((p) => p.severity === 'error')) return emptyImport(problems);

  // A side whose ids leave off a prefix its framework's refs share ("5.1" for ISO/IEC 27001's A.5.1) is read with it.
  const sideOf = (side: 'focal' | 'reference', frameworkId: string) => {
    const resolve = refResolver(options.refsOf(frameworkId)!, options.aliasesOf?.(frameworkId) ?? []);
    const cells = rows.map(({ values }) => (columns[side] ? values[columns[side]!]?.trim() ?? '' : '')).filter((cell) => !isBlank(cell));
    const prefixed = prefixedSide(options.refsOf(frameworkId), cells, resolve);
    return { resolve: prefixed?.resolve ?? resolve, prefixed };
  };
  const sides = { focal: sideOf('focal', focal), reference: sideOf('reference', reference) };
  const resolvers = { focal: sides.focal.resolve, reference: sides.reference.resolve };
  const today = options.today ?? currentDate();
  const provenance: Provenance = { source: path.basename(file), author: 'imported', created: today };
  const entries: ImportedMapping[] = [];
  const notRelated: Array<{ ref: string; line: number }> = [];
  const unresolved = { focal: new Unresolved(), reference: new Unresolved() };
  const loose: LooseReadings = new Map();
  const defaulted = { rationale: [] as number[], strength: [] as number[] };
  const unmapped: number[] = [];
  const carried: number[] = [];
  let focalAbove = '';

  for (const { values, line } of rows) {
    const cell = (column: StrmColumn) => (columns[column] ? values[columns[column]!]?.trim() ?? '' : '');
    const fail = (column: StrmColumn, message: string) => problems.push({ file, line, message: `row ${line}: ${columns[column] ?? column}: ${message}`, severity: 'error' });
    let focalCell = cell('focal');
    const referenceCell = isBlank(cell('reference')) ? '' : cell('reference');
    const relationshipCell = columns.relationship ? cell('relationship') : referenceCell ? 'intersects-with' : '';
    if (!focalCell && focalAbove && (referenceCell || relationshipCell)) {
      focalCell = focalAbove;
      carried.push(line);
    }
    if (!focalCell) {
      if (referenceCell || relationshipCell) fail('focal', 'no focal document element');
      continue;
    }
    focalAbove = focalCell;
    if (!referenceCell && !relationshipCell) {
      unmapped.push(line);
      continue;
    }
    const relationship = attempt(() => maybeRelationship(relationshipCell));
    if (relationship.error !== undefined) {
      fail('relationship', relationship.error);
      continue;
    }
    const sources = resolveRefList(focalCell, resolvers.focal);
    if (!sources) {
      unresolved.focal.note(focalCell, line);
      continue;
    }
    sides.focal.prefixed?.note(sources, line);
    if (relationship.value === 'no-relationship' && !referenceCell) {
      for (const source of sources) notRelated.push({ ref: source.ref, line });
      continue;
    }
    if (!referenceCell) {
      fail('reference', `"${relationshipCell}" needs a reference document element`);
      continue;
    }
    const targets = resolveRefList(referenceCell, resolvers.reference);
    if (!targets) {
      unresolved.reference.note(referenceCell, line);
      continue;
    }
    sides.reference.prefixed?.note(targets, line);
    const rationale = attempt(() => (cell('rationale') ? maybeRationale(cell('rationale')) : undefined));
    if (rationale.error !== undefined) {
      fail('rationale', rationale.error);
      continue;
    }
    const strength = attempt(() => (isBlank(cell('strength')) ? undefined : maybeStrength(cell('strength'))));
    if (strength.error !== undefined) {
      fail('strength', strength.error);
      continue;
    }
    if (rationale.value === undefined) defaulted.rationale.push(line);
    if (strength.value === undefined) defaulted.strength.push(line);
    const note = [...explanations.map((name) => values[name]?.trim() ?? ''), cell('comments')].filter((text) => text && !isBlank(text)).join('\n') || undefined;
    noteLooseReadings(loose, focalCell, sources, line);
    noteLooseReadings(loose, referenceCell, targets, line);
    for (const source of sources)
      for (const target of targets)
        entries.push({
          sourceFramework: focal,
          targetFramework: reference,
          source: source.ref,
          target: target.ref,
          relationship: inverseRelationship(relationship.value),
          rationale: rationale.value ?? ('semantic' satisfies Rationale),
          strength: strength.value ?? defaultStrength(relationship.value),
          method: 'human',
          status: 'proposed',
          provenance,
          ...(note ? { note } : {}),
          at: { line },
        });
  }

  if (rationaleRead.warning) problems.push({ file, severity: 'warning', message: rationaleRead.warning });
  for (const [side, frameworkId] of [['focal', focal], ['reference', reference]] as const) {
    const warning = sides[side].prefixed?.warning(file, `${side} document element(s)`, frameworkId);
    if (warning) problems.push(warning);
  }
  problems.push(...skipWarnings({ file, focal, reference, conceptCrosswalk: !columns.relationship, pairs: entries.length, unresolved, loose, carried, unmapped, defaulted }));

  const mappedFocal = new Set(entries.filter((e) => e.relationship !== 'no-relationship').map((e) => e.source));
  const noCounterparts: ImportedNoCounterpart[] = [];
  const contradicted: number[] = [];
  for (const { ref, line } of notRelated) {
    if (mappedFocal.has(ref)) contradicted.push(line);
    else if (!noCounterparts.some((n) => n.ref === ref))
      noCounterparts.push({ frameworkId: focal, otherFrameworkId: reference, ref, note: `Stated as not related to any element of ${reference} in ${path.basename(file)}.`, status: 'proposed', provenance, at: { line } });
  }
  if (contradicted.length)
    problems.push({ file, line: contradicted[0], severity: 'warning', message: `${contradicted.length} "not related" row(s) name a focal element that other rows map; the mappings were kept and the "not related" statement left out (rows ${rowList(contradicted)})` });
  if (!entries.length && !noCounterparts.length && !problems.some((p) => p.severity === 'error'))
    problems.push({ file, message: 'no row could be imported (see the warnings)', severity: 'error' });

  const built = buildMappingFiles(entries, { file, description: `Imported from ${path.basename(file)} (NIST IR 8477 STRM / OLIR template).`, noCounterparts });
  return finishImport({ catalogs: [], mappingFiles: built.mappingFiles, problems: [...problems, ...built.problems] });
}

/** One warning per kind of row that was skipped, defaulted or read loosely, with counts and examples. */
function skipWarnings({ file, focal, reference, conceptCrosswalk, pairs, unresolved, loose, carried, unmapped, defaulted }: {
  file: string;
  focal: string;
  reference: string;
  conceptCrosswalk: boolean;
  pairs: number;
  unresolved: Record<'focal' | 'reference', Unresolved>;
  loose: LooseReadings;
  carried: number[];
  unmapped: number[];
  defaulted: { rationale: number[]; strength: number[] };
}): Problem[] {
  const problems: Problem[] = [];
  const warn = (line: number | undefined, message: string) => problems.push({ file, ...(line ? { line } : {}), message, severity: 'warning' });
  if (conceptCrosswalk && pairs)
    warn(undefined, `the table has no Relationship column (an OLIR concept crosswalk): its ${pairs} pair(s) say only that the elements are related and were imported as intersects-with; review them`);
  for (const side of ['focal', 'reference'] as const) {
    const { cells, rows: count, firstLine } = unresolved[side];
    if (!count) continue;
    const frameworkId = side === 'focal' ? focal : reference;
    const examples = [...cells.keys()].slice(0, EXAMPLES).map((c) => JSON.stringify(c)).join(', ');
    warn(firstLine, `${cells.size} ${side} document element(s) name no requirement of "${frameworkId}", e.g. ${examples}; their ${count} row(s) are not imported (first at row ${firstLine}). Check that --${side === 'focal' ? 'from' : 'to'} is the right framework and edition`);
  }
  problems.push(...looseReadingWarnings(file, loose));
  if (carried.length) warn(carried[0], `${carried.length} row(s) had no focal document element and were given the one above (merged cells; rows ${rowList(carried)})`);
  if (unmapped.length) warn(unmapped[0], `${unmapped.length} focal document element(s) have no reference element and no relationship: not mapped by the author, nothing imported for them (rows ${rowList(unmapped)})`);
  problems.push(...defaultedRowWarnings(file, defaulted));
  return problems;
}
