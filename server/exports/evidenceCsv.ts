import type { Problem } from '../domain/errors.js';
import { EVIDENCE_TYPES, EvidenceLinkSchema, EvidenceSchema, type Evidence, type EvidenceLink } from '../domain/schemas/evidence.js';
import { cellsByColumn, findColumns, readCsv, toCsv } from '../interop/csv.js';
import { pushTo } from '../domain/multimap.js';
import { joinList, splitList } from './workbook.js';
import { didYouMean, frameworksMeant } from '../domain/likelyMeant.js';

/**
 * The evidence register as CSV, one item per row (docs/analysis.md):
 * - `id`, `title`, `type` (one of EVIDENCE_TYPES), `owner`, `location_uri`, `collected` (YYYY-MM-DD) are required;
 * - `expires` (YYYY-MM-DD), `scope` (framework ids separated by ";", empty = every framework) and `description` are optional;
 * - `requirements` (requirement ids, ";"-separated) and `org_controls` (control ids) are the item's links, `link_note`
 *   a note put on each of them.
 * Header names are matched case-insensitively, and common names of other tools' registers ("Evidence ID", "Name",
 * "Link", "Date Collected", "Expiry Date", …) are read with a warning; unknown columns are ignored.
 */
export const EVIDENCE_CSV_COLUMNS = [
  'id', 'title', 'type', 'owner', 'location_uri', 'collected', 'expires', 'scope', 'description', 'requirements', 'org_controls', 'link_note',
] as const;
const REQUIRED = ['id', 'title', 'type', 'owner', 'location_uri', 'collected'] as const;
type EvidenceColumn = (typeof EVIDENCE_CSV_COLUMNS)[number];

/** Each column's own name first, then names other tools' evidence registers use for it. */
const COLUMN_NAMES: Record<EvidenceColumn, readonly string[]> = {
  id: ['id', 'evidence_id', 'evidence_ref', 'document_id', 'artifact_id', 'reference', 'ref'],
  title: ['title', 'evidence_title', 'evidence_name', 'document_title', 'document_name', 'name'],
  type: ['type', 'evidence_type', 'document_type', 'artifact_type', 'category'],
  owner: ['owner', 'evidence_owner', 'document_owner', 'responsible', 'responsible_party'],
  location_uri: ['location_uri', 'location', 'url', 'uri', 'link', 'document_url', 'document_link', 'evidence_link'],
  collected: ['collected', 'collected_on', 'date_collected', 'collection_date', 'evidence_date', 'last_updated', 'date'],
  expires: ['expires', 'expires_on', 'expiry', 'expiry_date', 'expiration_date', 'valid_until', 'next_review', 'review_date'],
  scope: ['scope', 'frameworks'],
  description: ['description', 'details', 'summary', 'notes'],
  requirements: ['requirements', 'requirement_ids', 'requirement_id'],
  org_controls: ['org_controls', 'controls', 'control_ids', 'control_id'],
  link_note: ['link_note'],
};

export interface EvidenceCsvOptions {
  file: string;
  /** When given, links to other requirements (or controls) are errors naming the row. */
  knownRequirementIds?: ReadonlySet<string>;
  knownOrgControlIds?: ReadonlySet<string>;
  knownFrameworkIds?: ReadonlySet<string>;
}

export interface EvidenceCsvResult {
  evidence: Evidence[];
  links: EvidenceLink[];
  /** With any error, `evidence` and `links` are empty: a file with a bad row imports nothing. */
  problems: Problem[];
}

/** A header row of an evidence register: an id and a title column, under any of their names (for picking a workbook sheet). */
export const isEvidenceHeader = (header: string[]) => {
  const { at } = findColumns(header, COLUMN_NAMES);
  return at.id !== undefined && at.title !== undefined;
};

/** "Policy" → "policy", "Screen shot" → "screenshot"… loose spellings of a type are accepted. */
const maybeEvidenceType = (input: string): string => {
  const slug = input.trim().toLowerCase().replace(/[\s_-]+/g, '');
  return EVIDENCE_TYPES.find((t) => t.replace(/-/g, '') === slug) ?? input.trim().toLowerCase();
};

export function parseEvidenceCsv(text: string, { file, knownRequirementIds, knownOrgControlIds, knownFrameworkIds }: EvidenceCsvOptions): EvidenceCsvResult {
  const { header, rows: read, problems, written } = readCsv(text, file);
  const fail = (line: number | undefined, message: string) => problems.push({ file, ...(line ? { line } : {}), message, severity: 'error' });
  const { at, renamed } = findColumns(header, COLUMN_NAMES, written);
  const missing = REQUIRED.filter((c) => header.length && at[c] === undefined);
  if (missing.length) fail(1, `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (expected: ${EVIDENCE_CSV_COLUMNS.join(',')})`);
  if (missing.length || !header.length) return { evidence: [], links: [], problems };
  if (renamed.length) problems.push({ file, line: 1, message: `header read with other names: ${renamed.join(', ')}`, severity: 'warning' });
  const rows = cellsByColumn(read, header, at);

  const evidence: Evidence[] = [];
  const links: EvidenceLink[] = [];
  const seen = new Map<string, number>();
  for (const { values, line } of rows) {
    const parsed = EvidenceSchema.safeParse({
      id: values.id?.trim(), title: values.title, type: maybeEvidenceType(values.type ?? ''), owner: values.owner,
      locationUri: values.location_uri?.trim(), collected: values.collected?.trim(),
      ...(values.expires?.trim() ? { expires: values.expires.trim() } : {}),
      scope: splitList(values.scope), description: values.description ?? '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(line, `${columnOf(issue.path[0])}: ${issue.message}`);
      continue;
    }
    const item = parsed.data;
    if (seen.has(item.id)) {
      fail(line, `id "${item.id}" was already used on line ${seen.get(item.id)}`);
      continue;
    }
    seen.set(item.id, line);
    for (const fw of item.scope)
      if (knownFrameworkIds && !knownFrameworkIds.has(fw)) {
        const close = frameworksMeant(fw, knownFrameworkIds);
        fail(line, `scope: unknown framework "${fw}"${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : ''}`);
      }
    const note = values.link_note?.trim() ? { note: values.link_note.trim() } : {};
    for (const requirementId of splitList(values.requirements)) {
      const link = EvidenceLinkSchema.safeParse({ kind: 'requirement', evidenceId: item.id, requirementId, ...note });
      if (!link.success) fail(line, `requirements: "${requirementId}": ${link.error.issues[0]?.message}`);
      else if (knownRequirementIds && !knownRequirementIds.has(requirementId)) fail(line, `requirements: unknown requirement "${requirementId}"${didYouMean(requirementId, knownRequirementIds)}`);
      else links.push(link.data);
    }
    for (const orgControlId of splitList(values.org_controls)) {
      const link = EvidenceLinkSchema.safeParse({ kind: 'org-control', evidenceId: item.id, orgControlId, ...note });
      if (!link.success) fail(line, `org_controls: "${orgControlId}": ${link.error.issues[0]?.message}`);
      else if (knownOrgControlIds && !knownOrgControlIds.has(orgControlId)) fail(line, `org_controls: unknown control "${orgControlId}"`);
      else links.push(link.data);
    }
    evidence.push(item);
  }
  if (problems.some((p) => p.severity === 'error')) return { evidence: [], links: [], problems };
  return { evidence, links, problems };
}

const columnOf = (key: PropertyKey | undefined): string =>
  key === 'locationUri' ? 'location_uri' : typeof key === 'string' ? key : 'row';

/** The register as CSV in the import format, so an export re-imports to the same items and links. */
export function exportEvidenceCsv(evidence: readonly Evidence[], links: readonly EvidenceLink[]): string {
  const byItem = new Map<string, EvidenceLink[]>();
  for (const link of links) pushTo(byItem, link.evidenceId, link);
  const rows = evidence.map((e) => {
    const own = byItem.get(e.id) ?? [];
    const notes = [...new Set(own.map((l) => l.note ?? ''))];
    return [
      e.id, e.title, e.type, e.owner, e.locationUri, e.collected, e.expires ?? '', joinList(e.scope), e.description,
      joinList(own.flatMap((l) => (l.kind === 'requirement' ? [l.requirementId] : []))),
      joinList(own.flatMap((l) => (l.kind === 'org-control' ? [l.orgControlId] : []))),
      notes.length === 1 ? notes[0]! : '',
    ];
  });
  return toCsv([[...EVIDENCE_CSV_COLUMNS], ...rows]);
}
