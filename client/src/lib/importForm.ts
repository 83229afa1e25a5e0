import { FRAMEWORK_ID_PATTERN } from '../../../server/domain/ids.js';
import { isCisoAssistantWorkbook, XLSX_CROSSWALK_SHEET } from '../../../server/interop/workbookKinds.js';
import type { ImportFormat } from '../../../server/services/importContent.js';

/** The form's options beyond the file; which of them a format asks for is in IMPORT_CHOICES. */
export type ImportField = 'frameworkId' | 'name' | 'edition' | 'publisher' | 'shortName' | 'from' | 'to' | 'sheet' | 'elementTypes';

export interface ImportChoice {
  label: string;
  /** What the file is, in a line. */
  hint: string;
  /** Fields shown for the format; `true` when the import cannot run without them. */
  fields: Partial<Record<ImportField, boolean>>;
  /** What "from" and "to" mean for this format. */
  fromLabel?: string;
  toLabel?: string;
}

/** Every import format of the service (the type ties the keys to the server's list), as the form offers them. */
export const IMPORT_CHOICES: Record<ImportFormat, ImportChoice> = {
  csv: {
    label: 'Catalog table (CSV or XLSX)',
    hint: 'One row per requirement: ref_id, title, description, parent_ref_id, kind (or common other names such as "Control ID", "Name").',
    fields: { frameworkId: true, name: true, edition: true, publisher: false, shortName: false, sheet: false },
  },
  'csv-crosswalk': {
    label: 'Crosswalk table (CSV or XLSX)',
    hint: 'One row per mapping, read "source <relationship> target": Crosswalk\'s own export, or another tool\'s table with source and target ids and a relationship, or a published two-column crosswalk (give both frameworks; its pairs arrive as intersects-with).',
    fields: { from: false, to: false, sheet: false },
    fromLabel: 'Source framework (when the table has no framework column)',
    toLabel: 'Target framework (when the table has no framework column)',
  },
  olir: {
    label: 'NIST OLIR / IR 8477 STRM table (CSV or XLSX)',
    hint: 'Focal document element, relationship, reference document element; OLIR states each relationship for the reference element, so it is turned round to read from the focal one.',
    fields: { from: true, to: true, sheet: false },
    fromLabel: 'Focal document framework',
    toLabel: 'Reference document framework',
  },
  oscal: {
    label: 'OSCAL catalog (JSON, YAML or XML)',
    hint: 'A catalog such as NIST SP 800-53 or a resolved baseline profile catalog.',
    fields: { frameworkId: false, name: false, edition: false, publisher: false, shortName: false },
  },
  'oscal-mapping': {
    label: 'OSCAL mapping collection (JSON, YAML or XML)',
    hint: 'OSCAL 1.2 control mappings; name the two frameworks unless the file was exported by Crosswalk.',
    fields: { from: false, to: false },
    fromLabel: 'Source framework',
    toLabel: 'Target framework',
  },
  'ciso-assistant': {
    label: 'CISO Assistant library (YAML, or its XLSX workbook)',
    hint: 'A framework library, or a mapping library between two frameworks already loaded; as YAML, or as the workbook CISO Assistant builds its libraries from (library_meta, *_meta and *_content sheets).',
    fields: { frameworkId: false, edition: false, shortName: false },
  },
  cprt: {
    label: 'NIST CPRT export (JSON)',
    hint: 'Elements and their hierarchy from NIST\'s Cybersecurity and Privacy Reference Tool.',
    fields: { frameworkId: false, publisher: false, shortName: false, elementTypes: false },
  },
  json: {
    label: 'Crosswalk bundle (JSON)',
    hint: 'Everything another Crosswalk exported: its own catalogs, mappings and review decisions.',
    fields: {},
  },
};

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  frameworkId: 'Framework id',
  name: 'Name',
  edition: 'Edition',
  publisher: 'Publisher',
  shortName: 'Short name for graphs and tables (e.g. NIST CSF 2.0)',
  from: 'From',
  to: 'To',
  sheet: 'Sheet of the workbook (when not the one that fits)',
  elementTypes: 'Element types to keep (comma-separated, e.g. function, category, subcategory)',
};

export interface ImportDraft {
  format: ImportFormat;
  fileName: string;
  replace: boolean;
  /** Import the rest of a crosswalk that states some pairs two ways, leaving those pairs out. */
  skipConflicts: boolean;
  values: Partial<Record<ImportField, string>>;
}

/**
 * A format for a file, from its name and first characters: JSON by its top-level key, YAML by CISO Assistant's
 * markers, CSV by its header; undefined when nothing says (a workbook, for one: its sheets are read on the server).
 */
export function guessFormat(fileName: string, head: string): ImportFormat | undefined {
  const lower = fileName.toLowerCase();
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') || lower.endsWith('.json')) {
    if (/"mapping-collection"\s*:/.test(text)) return 'oscal-mapping';
    if (/"catalog"\s*:/.test(text)) return 'oscal';
    if (/"crosswalk-bundle"/.test(text)) return 'json';
    if (/"(response|elements|documents)"\s*:/.test(text)) return 'cprt';
    return undefined;
  }
  if (text.startsWith('<') || lower.endsWith('.xml')) {
    if (/<mapping-collection[\s>]/.test(text)) return 'oscal-mapping';
    if (/<catalog[\s>]/.test(text)) return 'oscal';
    return undefined;
  }
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    if (/^catalog:/m.test(text)) return 'oscal';
    if (/^mapping-collection:/m.test(text)) return 'oscal-mapping';
    return 'ciso-assistant';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) {
    const top = text.split(/\r?\n/).slice(0, 30).join('\n').toLowerCase();
    if (/focal document element|\bfde ?#/.test(top)) return 'olir';
    if (/source_framework|source[ _]?(ref|id|control)/.test(top)) return 'csv-crosswalk';
    return 'csv';
  }
  return undefined;
}

/** The fields the form shows for a draft: its format's, and the sheet only for a workbook. */
export function fieldsOf(draft: Pick<ImportDraft, 'format' | 'fileName'>): Array<[ImportField, boolean]> {
  const workbook = /\.xlsx$/i.test(draft.fileName);
  return (Object.entries(IMPORT_CHOICES[draft.format].fields) as Array<[ImportField, boolean]>).filter(([field]) => field !== 'sheet' || workbook);
}

/** A format for a workbook from its sheet names: a CISO Assistant library, or Crosswalk's own crosswalk export. */
export function guessWorkbookFormat(sheetNames: readonly string[]): ImportFormat | undefined {
  if (isCisoAssistantWorkbook(sheetNames)) return 'ciso-assistant';
  if (sheetNames.includes(XLSX_CROSSWALK_SHEET)) return 'csv-crosswalk';
  return undefined;
}

/** The formats whose files may state mappings, and so may state a pair two ways. */
export const carriesMappings = (format: ImportFormat) => format !== 'csv' && format !== 'oscal' && format !== 'cprt';

/** What is missing or wrong in the form, per field; empty when it can be sent. */
export function validateImportDraft(draft: ImportDraft): Partial<Record<ImportField | 'file', string>> {
  const errors: Partial<Record<ImportField | 'file', string>> = {};
  if (!draft.fileName) errors.file = 'Choose a file to import.';
  const { fields } = IMPORT_CHOICES[draft.format];
  for (const [field, required] of fieldsOf(draft)) {
    const value = draft.values[field]?.trim() ?? '';
    if (required && !value) errors[field] = `${IMPORT_FIELD_LABELS[field]} is needed for this format.`;
    else if (value && field === 'frameworkId' && !FRAMEWORK_ID_PATTERN.test(value)) errors[field] = 'Lower-case letters, digits, dots, hyphens and underscores, starting with a letter or digit, e.g. "acme-controls-2025".';
  }
  if (fields.from !== undefined && draft.values.from && draft.values.from === draft.values.to) errors.to = 'Choose two different frameworks.';
  return errors;
}

/** The query string of POST /api/import for the draft: only the fields the format uses, and only those filled in. */
export function importQuery(draft: ImportDraft): string {
  const query = new URLSearchParams({ format: draft.format, filename: draft.fileName });
  for (const [field] of fieldsOf(draft)) {
    const value = draft.values[field]?.trim();
    if (value) query.set(field, value);
  }
  if (draft.replace) query.set('replace', 'true');
  if (draft.skipConflicts && carriesMappings(draft.format)) query.set('skipConflicts', 'true');
  return query.toString();
}
