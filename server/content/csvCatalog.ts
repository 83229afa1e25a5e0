import { parse } from 'csv-parse/sync';
import { detectDelimiter, findColumns } from '../interop/csv.js';
import type { Problem } from '../domain/errors.js';
import { FrameworkIdSchema, RefSchema } from '../domain/schemas/common.js';
import type { CatalogFile } from './fileSchemas.js';

export const CATALOG_CSV_COLUMNS = ['ref_id', 'title', 'description', 'parent_ref_id', 'kind'] as const;

export interface CsvCatalogOptions {
  file: string;
  frameworkId: string;
  name: string;
  edition: string;
  publisher?: string;
  licence?: string;
}

/** Normalises a free-form kind ("Sub Category") to the slug the schema expects ("sub-category"); blank means requirement. */
export const maybeKind = (kind: string | undefined) =>
  (kind ?? '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').replace(/^(\d)/, 'k$1') || 'requirement';

type CatalogColumn = (typeof CATALOG_CSV_COLUMNS)[number];

/**
 * Header names other tools and hand-made spreadsheets use for the catalog columns, compared after lower-casing and
 * turning every run of other characters into "_" ("Control ID" → control_id). The exact column name wins.
 */
const COLUMN_ALIASES: Record<CatalogColumn, string[]> = {
  ref_id: ['ref_id', 'ref', 'id', 'identifier', 'reference', 'control_id', 'requirement_id', 'ref_no', 'number'],
  title: ['title', 'name', 'control_name', 'requirement_name', 'control_title', 'short_title', 'heading'],
  description: ['description', 'summary', 'text', 'control_text', 'requirement_text', 'statement', 'details'],
  parent_ref_id: ['parent_ref_id', 'parent', 'parent_id', 'parent_ref'],
  kind: ['kind', 'type', 'level'],
};

/** Which header cell holds each catalog column, and the columns that were found under another name. */
const catalogColumns = (header: string[]) => findColumns<CatalogColumn>(header, COLUMN_ALIASES);

/** Whether a header row has the columns a catalog needs (under any of their names). */
export const hasCatalogHeader = (header: string[]) => {
  const { at } = catalogColumns(header);
  return at.ref_id !== undefined && at.title !== undefined;
};

/**
 * Turns a catalog CSV (`ref_id,title,description,parent_ref_id,kind`) into a catalog file. Common other names for
 * the columns ("Control ID", "Name", "Text", "Parent", "Type") and semicolon or tab separators are accepted, with a
 * warning saying how the header was read. Every row is checked; with any error no catalog is returned, so nothing
 * half-made is written.
 */
export function csvToCatalog(text: string, options: CsvCatalogOptions): { catalog?: CatalogFile; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (message: string, line?: number) => problems.push({ file: options.file, line, message, severity: 'error' });

  const id = FrameworkIdSchema.safeParse(options.frameworkId);
  if (!id.success) fail(`--framework-id "${options.frameworkId}": ${id.error.issues[0]?.message}`);
  if (!options.name.trim()) fail('--name cannot be empty');
  if (!options.edition.trim()) fail('--edition cannot be empty');

  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text.replace(/^\uFEFF/, ''), { delimiter: detectDelimiter(text), skip_empty_lines: true, trim: false, info: true, relax_column_count: false }) as unknown as typeof parsed;
  } catch (e) {
    const err = e as Error & { lines?: number };
    fail(`not a readable CSV: ${err.message}`, err.lines);
    return { problems };
  }
  const [headerRecord, ...rows] = parsed;
  const { at, renamed } = catalogColumns(headerRecord?.record ?? []);
  const missing = (['ref_id', 'title'] as const).filter((c) => at[c] === undefined);
  if (missing.length) {
    fail(`missing column(s) ${missing.join(', ')} (expected header: ${CATALOG_CSV_COLUMNS.join(',')})`, 1);
    return { problems };
  }
  if (renamed.length) problems.push({ file: options.file, line: 1, message: `header read with other names: ${renamed.join(', ')}`, severity: 'warning' });
  const records = rows.map(({ record, info }) => ({
    record: Object.fromEntries(CATALOG_CSV_COLUMNS.flatMap((c) => (at[c] === undefined ? [] : [[c, record[at[c]!] ?? '']]))) as Partial<Record<CatalogColumn, string>>,
    info,
  }));
  if (!records.length) fail('the CSV has no rows', 1);

  const lineOfRef = new Map<string, number>();
  const requirements: CatalogFile['requirements'] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const ref = (record.ref_id ?? '').trim();
    const checked = RefSchema.safeParse(ref);
    if (!checked.success) {
      fail(`row ${line}: ref_id: ${checked.error.issues[0]?.message}`, line);
      continue;
    }
    if (lineOfRef.has(ref)) {
      fail(`row ${line}: duplicate ref_id "${ref}" (first on line ${lineOfRef.get(ref)})`, line);
      continue;
    }
    lineOfRef.set(ref, line);
    const parent = (record.parent_ref_id ?? '').trim();
    const description = (record.description ?? '').trim();
    requirements.push({
      ref,
      kind: maybeKind(record.kind),
      title: (record.title ?? '').trim(),
      ...(description ? { summary: description } : {}),
      ...(parent ? { parent } : {}),
    });
  }
  for (const [index, requirement] of requirements.entries()) {
    if (requirement.parent && !lineOfRef.has(requirement.parent)) {
      const line = lineOfRef.get(requirement.ref);
      fail(`row ${line}: parent_ref_id "${requirement.parent}" is not a ref_id in this file`, line);
    }
    if (requirement.parent === requirement.ref) fail(`row ${lineOfRef.get(requirement.ref)}: "${requirement.ref}" is its own parent`, lineOfRef.get(requirement.ref));
    void index;
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return {
    problems,
    catalog: {
      framework: {
        id: options.frameworkId,
        name: options.name.trim(),
        edition: options.edition.trim(),
        publisher: options.publisher?.trim() || 'Imported',
        licence: options.licence?.trim() || 'Imported by the user from their own copy; not redistributed by Crosswalk.',
      },
      requirements,
    },
  };
}
