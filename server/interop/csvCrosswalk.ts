import path from 'node:path';
import { z } from 'zod';
import { splitRequirementId } from '../domain/ids.js';
import { FrameworkIdSchema, IsoDateSchema, RefSchema } from '../domain/schemas/common.js';
import type { Mapping, Provenance } from '../domain/schemas/mapping.js';
import { buildMappingFiles, type ImportedMapping } from './buildMappingFiles.js';
import { readCsv, toCsv } from './csv.js';
import { currentDate } from './jsonInput.js';
import { attempt, defaultStrength, maybeMethod, maybeRationale, maybeRelationship, maybeStatus, maybeStrength } from './maybeRelationship.js';
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

const REQUIRED = CROSSWALK_CSV_COLUMNS.slice(0, 5);

export interface CsvCrosswalkImportOptions extends ImportOptions {
  /** Provenance source for rows without a provenance_source cell; defaults to the file name. */
  source?: string;
}

/**
 * Reads a crosswalk CSV into one mapping file per (source_framework, target_framework) pair. Rows default to
 * status "proposed", method "human" and provenance {source: file name, author: "imported", created: today}; a row
 * without a rationale or strength gets "semantic" or the OLIR default for its relationship, with a warning.
 */
export function importCsvCrosswalk(text: string, options: CsvCrosswalkImportOptions): ImportResult {
  const { file } = options;
  const { header, rows, problems } = readCsv(text, file);
  if (!header.length) return emptyImport(problems);
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length) {
    problems.push({ file, line: 1, message: `missing column(s) ${missing.join(', ')} (expected header: ${CROSSWALK_CSV_COLUMNS.join(',')})`, severity: 'error' });
    return emptyImport(problems);
  }
  const known = new Set<string>(CROSSWALK_CSV_EXPORT_COLUMNS);
  const unknown = header.filter((column) => !known.has(column));
  if (unknown.length) problems.push({ file, line: 1, message: `column(s) not read: ${unknown.join(', ')} (known: ${CROSSWALK_CSV_EXPORT_COLUMNS.join(', ')})`, severity: 'warning' });
  if (!rows.length && !problems.length) problems.push({ file, line: 1, message: 'the CSV has no rows', severity: 'error' });

  const today = options.today ?? currentDate();
  const defaultSource = options.source?.trim() || path.basename(file);
  const defaulted = { rationale: [] as number[], strength: [] as number[] };
  const entries: ImportedMapping[] = [];

  for (const { values, line } of rows) {
    const fail = (column: string, message: string) => problems.push({ file, line, message: `row ${line}: ${column}: ${message}`, severity: 'error' });
    const cell = (column: string) => values[column]?.trim() ?? '';
    const raw = (column: string) => (values[column] !== undefined && values[column]!.trim() !== '' ? values[column] : undefined);
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

    const sourceFramework = checked('source_framework', FrameworkIdSchema, cell('source_framework'));
    const source = checked('source_ref', RefSchema, cell('source_ref'));
    const targetFramework = checked('target_framework', FrameworkIdSchema, cell('target_framework'));
    const target = checked('target_ref', RefSchema, cell('target_ref'));
    const relationship = normalised('relationship', () => maybeRelationship(cell('relationship')));
    const rationale = cell('rationale') ? normalised('rationale', () => maybeRationale(cell('rationale'))) : (defaulted.rationale.push(line), 'semantic' as const);
    const stated = normalised('strength', () => maybeStrength(cell('strength')));
    const status = cell('status') ? normalised('status', () => maybeStatus(cell('status'))) : 'proposed';
    const method = cell('method') ? normalised('method', () => maybeMethod(cell('method'))) : 'human';
    const url = cell('provenance_url') ? checked('provenance_url', z.url(), cell('provenance_url')) : undefined;
    const created = cell('provenance_created') ? checked('provenance_created', IsoDateSchema, cell('provenance_created')) : today;
    const reviewed = cell('reviewed') ? checked('reviewed', IsoDateSchema, cell('reviewed')) : undefined;
    if (!sourceFramework || !source || !targetFramework || !target || !relationship || !rationale || !status || !method || !created) continue;
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
    const note = raw('note');
    const reviewNote = raw('review_note');
    entries.push({
      sourceFramework, targetFramework, source, target, relationship, rationale,
      strength: stated ?? defaultStrength(relationship),
      method, status, provenance,
      ...(note !== undefined ? { note } : {}),
      ...(reviewNote !== undefined ? { reviewNote } : {}),
      at: { line },
    });
  }
  const rowList = (lines: number[]) => `${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ', …' : ''}`;
  if (defaulted.rationale.length)
    problems.push({ file, line: defaulted.rationale[0], message: `${defaulted.rationale.length} row(s) state no rationale and were given "semantic"; review them (rows ${rowList(defaulted.rationale)})`, severity: 'warning' });
  if (defaulted.strength.length)
    problems.push({ file, line: defaulted.strength[0], message: `${defaulted.strength.length} row(s) state no strength and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them (rows ${rowList(defaulted.strength)})`, severity: 'warning' });

  const built = buildMappingFiles(entries, { file, description: `Imported from ${path.basename(file)} (crosswalk CSV).` });
  return finishImport({ catalogs: [], mappingFiles: built.mappingFiles, problems: [...problems, ...built.problems] });
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

