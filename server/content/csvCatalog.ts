import { parse } from 'csv-parse/sync';
import { detectDelimiter, findColumns, headerKey } from '../interop/csv.js';
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

/** A column whose cells name the group a row belongs to ("Control Domain": "Audit & Assurance") rather than its parent's ref. */
type CatalogColumn = (typeof CATALOG_CSV_COLUMNS)[number] | 'group';

/**
 * Header names other tools and hand-made spreadsheets use for the catalog columns, compared after lower-casing and
 * turning every run of other characters into "_" ("Control ID" → control_id). The exact column name wins.
 */
const COLUMN_ALIASES: Record<CatalogColumn, string[]> = {
  ref_id: ['ref_id', 'ref', 'id', 'identifier', 'reference', 'control_id', 'requirement_id', 'ref_no', 'number'],
  title: ['title', 'name', 'control_name', 'requirement_name', 'control_title', 'short_title', 'heading'],
  description: [
    'description', 'summary', 'text', 'control_text', 'requirement_text', 'statement', 'details', 'control_description',
    'control_specification', 'specification', 'control_statement', 'requirement_description',
  ],
  parent_ref_id: ['parent_ref_id', 'parent', 'parent_id', 'parent_ref'],
  kind: ['kind', 'type', 'level'],
  group: [
    'domain', 'control_domain', 'family', 'control_family', 'category', 'control_category', 'group', 'control_group',
    'area', 'topic', 'theme', 'chapter', 'section', 'function',
  ],
};

/**
 * Which header cell holds each catalog column. Exports that prefix every header with the sheet or document name
 * ("AICM Controls - Control ID") are read too: a column not found by name is looked for as the end of a header, for
 * names of two words or more only, so a bare "id" never matches "Service ID".
 */
function catalogColumns(header: string[]): { at: Partial<Record<CatalogColumn, number>>; renamed: string[] } {
  const found = findColumns<CatalogColumn>(header, COLUMN_ALIASES);
  const keys = header.map(headerKey);
  const taken = new Set(Object.values(found.at));
  for (const column of Object.keys(COLUMN_ALIASES) as CatalogColumn[]) {
    if (found.at[column] !== undefined) continue;
    const index = COLUMN_ALIASES[column].filter((name) => name.includes('_')).map((name) => keys.findIndex((key, i) => !taken.has(i) && key.endsWith(`_${name}`))).find((i) => i >= 0);
    if (index === undefined) continue;
    found.at[column] = index;
    taken.add(index);
    found.renamed.push(`"${header[index]!.trim()}" as ${column}`);
  }
  return found;
}

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
  const header = headerRecord!.record;
  const grouped = at.group !== undefined && at.parent_ref_id === undefined;
  if (!grouped) delete at.group;
  const readAs = renamed.filter((r) => grouped || !/ as group$/.test(r));
  if (readAs.length) problems.push({ file: options.file, line: 1, message: `header read with other names: ${readAs.join(', ')}`, severity: 'warning' });
  const used = new Set(Object.values(at));
  const unread = header.filter((name, i) => name.trim() && !used.has(i)).map((name) => `"${name.trim()}"`);
  if (unread.length) problems.push({ file: options.file, line: 1, message: `column(s) not read: ${unread.join(', ')} (known: ${CATALOG_CSV_COLUMNS.join(', ')}, or a group column such as "Domain")`, severity: 'warning' });
  const records = rows.map(({ record, info }) => ({
    record: Object.fromEntries((Object.keys(COLUMN_ALIASES) as CatalogColumn[]).flatMap((c) => (at[c] === undefined ? [] : [[c, record[at[c]!] ?? '']]))) as Partial<Record<CatalogColumn, string>>,
    info,
  }));
  if (!records.length) fail('the CSV has no rows', 1);

  const lineOfRef = new Map<string, number>();
  const requirements: CatalogFile['requirements'] = [];
  const groupOf = new Map<string, string>();
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
    const group = (record.group ?? '').replace(/\s+/g, ' ').trim();
    if (group) groupOf.set(ref, group);
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
  if (at.parent_ref_id === undefined) {
    const inferred = inferParents(requirements);
    if (grouped) {
      const groups = addGroups(requirements, groupOf, groupKind(header[at.group!]!));
      if (groups.length)
        problems.push({
          file: options.file,
          line: 1,
          message: `grouped by "${header[at.group!]!.trim()}": ${groups.length} group(s) added as parents (e.g. ${groups.slice(0, 3).map((g) => `"${g}"`).join(', ')}), tagged synthetic since their names are not identifiers of the source`,
          severity: 'warning',
        });
    }
    if (inferred.length)
      problems.push({
        file: options.file,
        line: 1,
        message: `no parent column: ${inferred.length} requirement(s) were placed under the one whose ref begins theirs (e.g. ${inferred.slice(0, 3).map((r) => `"${r.ref}" under "${r.parent}"`).join(', ')}); add a parent_ref_id column to state the hierarchy yourself`,
        severity: 'warning',
      });
  }
  const known = new Set(requirements.map((r) => r.ref));
  for (const requirement of requirements) {
    if (requirement.parent && !known.has(requirement.parent)) {
      const line = lineOfRef.get(requirement.ref);
      fail(`row ${line}: parent_ref_id "${requirement.parent}" is not a ref_id in this file`, line);
    }
    if (requirement.parent === requirement.ref) fail(`row ${lineOfRef.get(requirement.ref)}: "${requirement.ref}" is its own parent`, lineOfRef.get(requirement.ref));
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

/** Where a ref may be cut to name its parent: "A.5.1" → "A.5", "AC-2(1)" → "AC-2", "GV.OC-01" → "GV.OC", "GOVERN 1.1" → "GOVERN 1". */
const REF_SEPARATORS = new Set(['.', '-', '(', ' ', '_', '/', ':']);

/**
 * The longest proper prefix of `ref`, cut at a separator, that is itself a ref of the catalog; undefined when none is.
 * "A.5.10" never goes under "A.5.1": cuts fall only at separators.
 */
export function parentRefOf(ref: string, refs: ReadonlySet<string>): string | undefined {
  for (let i = ref.length - 1; i > 0; i--) {
    if (!REF_SEPARATORS.has(ref[i]!)) continue;
    const candidate = ref.slice(0, i).replace(/[\s.\-_/:(]+$/, '');
    if (candidate && candidate !== ref && refs.has(candidate)) return candidate;
  }
  return undefined;
}

/** Gives every requirement without a parent the parent its ref implies (see parentRefOf); returns those it placed. */
function inferParents(requirements: CatalogFile['requirements']): CatalogFile['requirements'] {
  const refs = new Set(requirements.map((r) => r.ref));
  const placed: CatalogFile['requirements'] = [];
  for (const requirement of requirements) {
    const parent = requirement.parent ?? parentRefOf(requirement.ref, refs);
    if (!requirement.parent && parent) {
      requirement.parent = parent;
      placed.push(requirement);
    }
  }
  return placed;
}

/** The kind given to the groups a group column names: its last word ("Control Domain" → domain). */
const groupKind = (headerName: string) => maybeKind(headerName.trim().split(/[\s_]+/).pop());

/**
 * Puts every requirement that still has no parent under the group its row names: the requirement whose ref is the
 * group's name when there is one, else a new requirement for the group (ref and title the name, tagged synthetic),
 * placed before its first member. Returns the names of the groups added.
 */
function addGroups(requirements: CatalogFile['requirements'], groupOf: ReadonlyMap<string, string>, kind: string): string[] {
  const refs = new Set(requirements.map((r) => r.ref));
  const added: string[] = [];
  const ordered: CatalogFile['requirements'] = [];
  for (const requirement of requirements) {
    const group = groupOf.get(requirement.ref);
    if (group && !requirement.parent && group !== requirement.ref) {
      if (!refs.has(group)) {
        refs.add(group);
        added.push(group);
        ordered.push({ ref: group, kind, title: group, tags: ['synthetic'] });
      }
      requirement.parent = group;
    }
    ordered.push(requirement);
  }
  requirements.splice(0, requirements.length, ...ordered);
  return added;
}
