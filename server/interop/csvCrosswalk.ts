import path from 'node:path';
import { z } from 'zod';
import { splitRequirementId } from '../domain/ids.js';
import { frameworkReader, frameworkTally, type FrameworkLabel } from '../domain/frameworkNames.js';
import { FrameworkIdSchema, IsoDateSchema, RefSchema, WebUrlSchema } from '../domain/schemas/common.js';
import type { Mapping, Provenance } from '../domain/schemas/mapping.js';
import { buildMappingFiles, type ImportedMapping } from './buildMappingFiles.js';
import { cellsByColumn, findColumns, headerKey, readCsv, toCsv } from './csv.js';
import { currentDate } from './jsonInput.js';
import { attempt, defaultStrength, maybeMethod, maybeRationale, maybeRelationship, maybeStatus, maybeStrength, rationaleColumns } from './maybeRelationship.js';
import { prefixedSides, type PrefixedSides } from './missingPrefix.js';
import { resolveRefList, type ResolvedRef } from './refResolver.js';
import { defaultedRowWarnings, looseReadingWarnings, noteLooseReadings, rowList, type LooseReadings } from './rowWarnings.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';

/** The columns a crosswalk CSV must (first five) or may have. */
export const CROSSWALK_CSV_COLUMNS = ['source_framework', 'source_ref', 'target_framework', 'target_ref', 'relationship', 'rationale', 'strength', 'note'] as const;

/**
 * What the export writes: the crosswalk columns, then every other field of a mapping, so that export → import
 * gives back every field. The import reads these extra columns too when they are present.
 */
export const CROSSWALK_CSV_EXPORT_COLUMNS = [
  ...CROSSWALK_CSV_COLUMNS,
  'status', 'method', 'provenance_source', 'provenance_author', 'reviewer', 'reviewed',
  'provenance_url', 'provenance_created', 'review_note',
] as const;

type CrosswalkColumn = (typeof CROSSWALK_CSV_EXPORT_COLUMNS)[number];

/**
 * Header names other tools and hand-made spreadsheets use for the crosswalk columns (compared as `headerKey`s), each
 * column's own name first. A bare "source" or "target" is read as the ref, never as the framework.
 */
const COLUMN_NAMES: Record<CrosswalkColumn, readonly string[]> = {
  source_framework: ['source_framework', 'source_framework_id', 'from_framework'],
  source_ref: ['source_ref', 'source_id', 'source_control_id', 'source_requirement_id', 'source_control', 'source_requirement', 'source'],
  target_framework: ['target_framework', 'target_framework_id', 'to_framework'],
  target_ref: ['target_ref', 'target_id', 'target_control_id', 'target_requirement_id', 'target_control', 'target_requirement', 'target'],
  relationship: ['relationship', 'relationship_type', 'relation', 'mapping_type', 'strm_relationship'],
  rationale: ['rationale', 'rationale_type', 'strm_rationale', 'nist_ir_8477_rationale', 'nist_ir_8477_rational'],
  strength: ['strength', 'strength_of_relationship'],
  note: ['note', 'notes', 'comment', 'comments'],
  status: ['status'],
  method: ['method'],
  provenance_source: ['provenance_source'],
  provenance_author: ['provenance_author'],
  reviewer: ['reviewer'],
  reviewed: ['reviewed'],
  provenance_url: ['provenance_url'],
  provenance_created: ['provenance_created'],
  review_note: ['review_note'],
};

/** A crosswalk table's header: source and target refs and a relationship, under any of their names. */
export const isCrosswalkHeader = (header: readonly string[]) => {
  const { at } = findColumns(header, COLUMN_NAMES);
  return at.source_ref !== undefined && at.target_ref !== undefined && at.relationship !== undefined;
};

export interface CsvCrosswalkImportOptions extends ImportOptions {
  /** Provenance source for rows without a provenance_source cell; defaults to the file name. */
  source?: string;
  /** The framework of rows without a source_framework cell (or of every row, when the table has no such column). */
  sourceFramework?: string;
  targetFramework?: string;
  /** Finds the ref a cell names in a loaded framework (a title after it, zero padding, …); cells it does not resolve are kept as written. */
  resolveRef?: (frameworkId: string, cell: string) => ResolvedRef | undefined;
  /**
   * The refs of a loaded framework, so a ref column whose ids leave off a prefix its framework's refs share ("5.1" for
   * ISO/IEC 27001's A.5.1) is read with it (see prefixedSide; with `resolveRef` only).
   */
  refsOf?: (frameworkId: string) => readonly string[] | undefined;
  /** The loaded frameworks, so a framework cell may name one as other tools do ("ISO/IEC 27001:2022"). */
  frameworks?: readonly FrameworkLabel[];
}


/**
 * Reads a crosswalk CSV into one mapping file per (source_framework, target_framework) pair. Each row reads "source
 * <relationship> target". Common other column names are read with a warning, and with `sourceFramework` /
 * `targetFramework` (the CLI's --from / --to) a two-framework table needs no framework columns. Rows default to
 * status "proposed", method "human" and provenance {source: file name, author: "imported", created: today}; a row
 * without a rationale or strength gets "semantic" or the OLIR default for its relationship, with a warning.
 */
export function importCsvCrosswalk(text: string, options: CsvCrosswalkImportOptions): ImportResult {
  const { file } = options;
  const read = readCsv(text, file);
  const { header, problems } = read;
  if (!header.length) return emptyImport(problems);
  const shown = read.written ?? header;
  const { at, renamed } = findColumns(header, COLUMN_NAMES, shown);
  const fallback = { source_framework: options.sourceFramework, target_framework: options.targetFramework };
  const positional = positionalRefColumns(shown, at, options);
  if (positional) Object.assign(at, positional.at);
  const concept = at.relationship === undefined && at.source_ref !== undefined && at.target_ref !== undefined;
  const headerRead = shown.map((name, i) => (name.trim() ? `"${name.trim()}"` : `(column ${i + 1}, no name)`));
  const missing = (['source_framework', 'source_ref', 'target_framework', 'target_ref'] as const).filter((column) => at[column] === undefined && !(column in fallback && fallback[column as keyof typeof fallback]));
  if (missing.length) {
    const flags = missing.flatMap((c) => (c === 'source_framework' ? ['--from'] : c === 'target_framework' ? ['--to'] : []));
    const twoColumns = !options.sourceFramework || !options.targetFramework ? '; a table of two id columns is read with --from and --to' : '';
    const refNames = missing.filter((c) => c.endsWith('_ref')).map((c) => `${c} may be headed ${COLUMN_NAMES[c].slice(1, 5).join(', ')}`);
    problems.push({
      file, line: 1,
      message: `missing column(s) ${missing.join(', ')} (expected header: ${CROSSWALK_CSV_COLUMNS.join(',')}${flags.length ? `; or give the framework of every row with ${flags.join(' and ')}` : ''}${twoColumns}${refNames.length ? `; ${refNames.join('; ')}` : ''}). The header read: ${headerRead.slice(0, 12).join(', ')}${headerRead.length > 12 ? ', …' : ''}`,
      severity: 'error',
    });
    return emptyImport(problems);
  }
  // Which rationale-named column holds syntactic/semantic/functional, and which hold reasoning for the note.
  const { rationale: rationaleAt, explanations, warning } = rationaleColumns({ header, shown, names: COLUMN_NAMES.rationale, rows: read.rows, isBlank: (cell) => !cell.trim() });
  if (rationaleAt !== undefined) at.rationale = rationaleAt;
  else delete at.rationale;
  const explanationOf = new Map(read.rows.map((r) => [r.line, explanations.map((i) => r.values[header[i]!]?.trim() ?? '').filter(Boolean).join('\n')]));
  if (warning) problems.push({ file, line: 1, message: warning, severity: 'warning' });
  const readAs = renamed.filter((r) => !r.endsWith(' as rationale'));
  if (rationaleAt !== undefined && headerKey(header[rationaleAt]!) !== 'rationale') readAs.push(`"${shown[rationaleAt]!.trim()}" as rationale`);
  if (readAs.length) problems.push({ file, line: 1, message: `header read with other names: ${readAs.join(', ')}`, severity: 'warning' });
  if (positional) problems.push({ file, line: 1, message: positional.message, severity: 'warning' });
  const used = new Set([...Object.values(at), ...explanations]);
  // Empty columns with no name (a spreadsheet's trailing cells) are not worth a word.
  const unknown = headerRead.filter((_, i) => !used.has(i) && (shown[i]!.trim() || read.rows.some((row) => row.values[header[i]!]?.trim())));
  if (unknown.length) problems.push({ file, line: 1, message: `column(s) not read: ${unknown.join(', ')} (known: ${CROSSWALK_CSV_EXPORT_COLUMNS.join(', ')})`, severity: 'warning' });
  const rows = cellsByColumn(read.rows, header, at);
  if (!rows.length && !problems.some((p) => p.severity === 'error')) problems.push({ file, line: 1, message: 'the CSV has no rows', severity: 'error' });
  const loose: LooseReadings = new Map();

  const today = options.today ?? currentDate();
  const defaultSource = options.source?.trim() || path.basename(file);
  const defaulted = { rationale: [] as number[], strength: [] as number[] };
  const entries: ImportedMapping[] = [];
  const frameworkNames = frameworkTally(options.frameworks ?? [], { editionless: 'refuse' });
  const loadedIds = new Set((options.frameworks ?? []).map((f) => f.id));
  // A concept crosswalk table lists one source against several targets, often with the source cell merged or left blank.
  const concepts = { sourceAbove: '', carried: [] as number[], unmapped: [] as number[], blank: [] as number[] };
  const sides = refColumnSides(rows, options);

  for (const { values, line } of rows) {
    const fail = (column: string, message: string) => problems.push({ file, line, message: `row ${line}: ${column}: ${message}`, severity: 'error' });
    if (concept && !values.target_ref?.trim()) {
      if (values.source_ref?.trim()) concepts.unmapped.push(line);
      continue;
    }
    // A published table lists every source requirement, leaving the target and relationship blank where the author
    // mapped nothing (and some rows are headings or descriptions): such rows state no mapping, so they are counted, not
    // refused. A row with a relationship but no target, or a target but no relationship, is still an error.
    if (!concept && !values.target_ref?.trim() && !values.relationship?.trim()) {
      (values.source_ref?.trim() ? concepts.unmapped : concepts.blank).push(line);
      continue;
    }
    if (concept && !values.source_ref?.trim() && concepts.sourceAbove) {
      values.source_ref = concepts.sourceAbove;
      concepts.carried.push(line);
    }
    if (concept) concepts.sourceAbove = values.source_ref ?? '';
    const cell = (column: CrosswalkColumn) => values[column]?.trim() ?? '';
    const raw = (column: CrosswalkColumn) => (values[column] !== undefined && values[column]!.trim() !== '' ? values[column] : undefined);
    const checked = <T>(column: string, schema: z.ZodType<T>, value: string): T | undefined => {
      const result = schema.safeParse(value);
      if (!result.success) fail(column, result.error.issues[0]?.message ?? 'invalid');
      return result.success ? result.data : undefined;
    };
    const normalised = <T>(column: string, normalise: () => T): T | undefined => {
      const result = attempt(normalise);
      if (result.error !== undefined) fail(column, result.error);
      return result.value;
    };

    // A name that fits no loaded framework is kept as written, so validation names it as unknown.
    const frameworkIn = (column: 'source_framework' | 'target_framework', fallback?: string) => {
      const written = cell(column) || (fallback ?? '');
      const id = written ? frameworkNames.read(written, line) : undefined;
      if (id || frameworkNames.refused(written)) return id;
      if (written && options.frameworks?.length && !FrameworkIdSchema.safeParse(written).success)
        return void fail(column, `"${written}" names no loaded framework by its id, its name, or its name and edition (known: ${options.frameworks.map((f) => f.id).sort().join(', ')})`);
      return checked(column, FrameworkIdSchema, written);
    };
    const sourceFramework = frameworkIn('source_framework', options.sourceFramework);
    const targetFramework = frameworkIn('target_framework', options.targetFramework);
    // A cell may name several refs ("4.1, 4.2"); each pair of the row becomes a mapping.
    const refsIn = (column: 'source_ref' | 'target_ref', frameworkId: string | undefined) => {
      const text = cell(column);
      const side = frameworkId ? sides?.side(column, frameworkId) : undefined;
      const found = frameworkId && text && options.resolveRef ? resolveRefList(text, side?.resolve ?? ((part) => options.resolveRef!(frameworkId, part))) : undefined;
      if (found) noteLooseReadings(loose, text, found, line);
      if (found) side?.note(found, line);
      if (!found && text && frameworkId && options.resolveRef && loadedIds.has(frameworkId))
        return [void fail(column, `"${text}" is not a requirement of ${frameworkId} (nor a list of them); look it up with "crosswalk search" or in the catalog`)];
      return (found?.map((r) => r.ref) ?? [text]).map((ref) => checked(column, RefSchema, ref));
    };
    const sources = refsIn('source_ref', sourceFramework);
    const targets = refsIn('target_ref', targetFramework);
    const relationship = concept ? 'intersects-with' : normalised('relationship', () => maybeRelationship(cell('relationship')));
    const rationale = cell('rationale') ? normalised('rationale', () => maybeRationale(cell('rationale'))) : (defaulted.rationale.push(line), 'semantic' as const);
    const stated = normalised('strength', () => maybeStrength(cell('strength')));
    const status = cell('status') ? normalised('status', () => maybeStatus(cell('status'))) : 'proposed';
    const method = cell('method') ? normalised('method', () => maybeMethod(cell('method'))) : 'human';
    const url = cell('provenance_url') ? checked('provenance_url', WebUrlSchema, cell('provenance_url')) : undefined;
    const created = cell('provenance_created') ? checked('provenance_created', IsoDateSchema, cell('provenance_created')) : today;
    const reviewed = cell('reviewed') ? checked('reviewed', IsoDateSchema, cell('reviewed')) : undefined;
    if (!sourceFramework || !targetFramework || !relationship || !rationale || !status || !method || !created) continue;
    if (sources.some((r) => r === undefined) || targets.some((r) => r === undefined)) continue;
    if (cell('provenance_url') && !url) continue;
    if (cell('reviewed') && !reviewed) continue;
    if (stated === undefined && !cell('strength')) defaulted.strength.push(line);
    else if (stated === undefined) continue;

    const provenance: Provenance = {
      source: cell('provenance_source') || defaultSource,
      ...(url ? { url } : {}),
      author: cell('provenance_author') || 'imported',
      ...(cell('reviewer') ? { reviewer: cell('reviewer') } : {}),
      created,
      ...(reviewed ? { reviewed } : {}),
    };
    const note = [explanationOf.get(line), raw('note')].filter(Boolean).join('\n') || undefined;
    const reviewNote = raw('review_note');
    for (const source of sources as string[])
      for (const target of targets as string[])
        entries.push({
          sourceFramework, targetFramework, source, target, relationship, rationale,
          strength: stated ?? defaultStrength(relationship),
          method, status, provenance,
          ...(note !== undefined ? { note } : {}),
          ...(reviewNote !== undefined ? { reviewNote } : {}),
          at: { line },
        });
  }
  if (concept && entries.length)
    problems.push({ file, line: 1, message: `the table has no relationship column (a concept crosswalk): its ${entries.length} pair(s) say only that the requirements are related and were imported as intersects-with; review them`, severity: 'warning' });
  if (concepts.carried.length)
    problems.push({ file, line: concepts.carried[0], message: `${concepts.carried.length} row(s) had no source ref and were given the one above (merged cells; rows ${rowList(concepts.carried)})`, severity: 'warning' });
  if (concepts.unmapped.length)
    problems.push({ file, line: concepts.unmapped[0], message: `${concepts.unmapped.length} row(s) name no target: not mapped by the author, nothing imported for them (rows ${rowList(concepts.unmapped)})`, severity: 'warning' });
  if (concepts.blank.length)
    problems.push({ file, line: concepts.blank[0], message: `${concepts.blank.length} row(s) name neither a source nor a target ref (headings or descriptions in the table?): nothing imported for them (rows ${rowList(concepts.blank)})`, severity: 'warning' });
  const prefixWarnings = sides?.warnings(file, (column) => `${column} id(s)`) ?? [];
  problems.push(...frameworkNames.problems(file), ...prefixWarnings, ...looseReadingWarnings(file, loose), ...defaultedRowWarnings(file, defaulted));

  const built = buildMappingFiles(entries, { file, description: `Imported from ${path.basename(file)} (crosswalk CSV).` });
  return finishImport({ catalogs: [], mappingFiles: built.mappingFiles, problems: [...problems, ...built.problems] });
}

/**
 * The sides of the ref columns (one column's cells of one framework) whose ids leave off a prefix their framework's
 * refs share ("5.1" for ISO/IEC 27001's A.5.1; see prefixedSides), so each is read with it throughout, the cells that
 * would name another ref as written included. A row's framework is its framework cell read as a framework's id, name
 * or name and edition, else --from/--to; the import itself reports what it cannot read.
 */
function refColumnSides(rows: ReadonlyArray<{ values: Partial<Record<CrosswalkColumn, string>> }>, options: CsvCrosswalkImportOptions): PrefixedSides | undefined {
  const { resolveRef, refsOf } = options;
  if (!resolveRef || !refsOf) return undefined;
  const readFramework = frameworkReader(options.frameworks ?? []);
  const cells = rows.flatMap(({ values }) =>
    ([['source_ref', 'source_framework', options.sourceFramework], ['target_ref', 'target_framework', options.targetFramework]] as const).flatMap(([column, frameworkColumn, fallback]) => {
      const written = values[frameworkColumn]?.trim() || fallback?.trim();
      if (!written) return [];
      const reading = readFramework(written);
      const frameworkId = reading && 'id' in reading ? reading.id : written;
      return [{ column, frameworkId, cell: values[column] ?? '' }];
    }),
  );
  return prefixedSides(cells, refsOf, (frameworkId) => (cell) => resolveRef(frameworkId, cell));
}

/**
 * A table without source_ref and target_ref columns, when --from and --to name its frameworks and exactly two of its
 * columns are not otherwise known ("AI RMF subcategory", "ISO/IEC 42001 clause"): the first holds the source refs,
 * the second the target refs, with a warning that says so.
 */
function positionalRefColumns(header: readonly string[], at: Partial<Record<CrosswalkColumn, number>>, options: CsvCrosswalkImportOptions) {
  if (at.source_ref !== undefined || at.target_ref !== undefined || !options.sourceFramework || !options.targetFramework) return undefined;
  const known = new Set(Object.values(at));
  const free = header.flatMap((name, i) => (name.trim() && !known.has(i) ? [i] : []));
  if (free.length !== 2) return undefined;
  const [source, target] = free as [number, number];
  return {
    at: { source_ref: source, target_ref: target },
    message: `no source_ref and target_ref columns: read "${header[source]}" as the refs of ${options.sourceFramework} (--from) and "${header[target]}" as the refs of ${options.targetFramework} (--to)`,
  };
}

/** The export columns' cells for each mapping, in the order given (shared with the XLSX export). */
export function crosswalkRows(mappings: readonly Mapping[]): string[][] {
  return mappings.map((m) => {
    const source = splitRequirementId(m.source);
    const target = splitRequirementId(m.target);
    const cells: Record<(typeof CROSSWALK_CSV_EXPORT_COLUMNS)[number], string> = {
      source_framework: source.frameworkId,
      source_ref: source.ref,
      target_framework: target.frameworkId,
      target_ref: target.ref,
      relationship: m.relationship,
      rationale: m.rationale,
      strength: String(m.strength),
      note: m.note ?? '',
      status: m.status,
      method: m.method,
      provenance_source: m.provenance.source,
      provenance_author: m.provenance.author,
      reviewer: m.provenance.reviewer ?? '',
      reviewed: m.provenance.reviewed ?? '',
      provenance_url: m.provenance.url ?? '',
      provenance_created: m.provenance.created,
      review_note: m.reviewNote ?? '',
    };
    return CROSSWALK_CSV_EXPORT_COLUMNS.map((column) => cells[column]);
  });
}

/** The mappings as a crosswalk CSV with every field (see CROSSWALK_CSV_EXPORT_COLUMNS), in the order given. */
export const exportCsvCrosswalk = (mappings: readonly Mapping[]): string => toCsv([[...CROSSWALK_CSV_EXPORT_COLUMNS], ...crosswalkRows(mappings)]);

