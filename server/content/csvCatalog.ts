import { parse } from 'csv-parse/sync';
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

/**
 * Turns a catalog CSV (`ref_id,title,description,parent_ref_id,kind`) into a catalog file.
 * Every row is checked; with any error no catalog is returned, so nothing half-made is written.
 */
export function csvToCatalog(text: string, options: CsvCatalogOptions): { catalog?: CatalogFile; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (message: string, line?: number) => problems.push({ file: options.file, line, message, severity: 'error' });

  const id = FrameworkIdSchema.safeParse(options.frameworkId);
  if (!id.success) fail(`--framework-id "${options.frameworkId}": ${id.error.issues[0]?.message}`);
  if (!options.name.trim()) fail('--name cannot be empty');
  if (!options.edition.trim()) fail('--edition cannot be empty');

  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: false,
      info: true,
      relax_column_count: false,
    });
  } catch (e) {
    const err = e as Error & { lines?: number };
    fail(`not a readable CSV: ${err.message}`, err.lines);
    return { problems };
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((h) => h.trim().toLowerCase().replace(/^"|"$/g, ''));
  const missing = CATALOG_CSV_COLUMNS.filter((c) => !header.includes(c) && c !== 'description' && c !== 'parent_ref_id' && c !== 'kind');
  if (missing.length) {
    fail(`missing column(s) ${missing.join(', ')} (expected header: ${CATALOG_CSV_COLUMNS.join(',')})`, 1);
    return { problems };
  }
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
  if (problems.length) return { problems };
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
