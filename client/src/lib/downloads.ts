/**
 * Links to the service's file downloads (server/api/rest.ts). Pure: each returns the href and a label that says
 * what the file holds, so a screen reader hears more than "CSV".
 */
export interface Download {
  href: string;
  format: string;
  label: string;
  /** Spoken and shown on hover: what the file is. */
  description: string;
}

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  return q.toString();
};

const FORMAT_LABELS: Record<string, string> = {
  csv: 'CSV',
  xlsx: 'Excel (XLSX)',
  json: 'JSON',
  md: 'Markdown',
  'oscal-catalog': 'OSCAL catalog',
  'oscal-mapping': 'OSCAL mapping',
  'olir-csv': 'NIST OLIR CSV',
};
export const formatLabel = (format: string) => FORMAT_LABELS[format] ?? format;

export type GapHave = { kind: 'frameworks'; frameworkIds: string[] } | { kind: 'evidence'; asOf?: string };

/** `maxPathLength` goes in the link whenever it is given, so the file holds the analysis shown on screen. */
export function gapDownloads(
  { target, have, includeProposed = false, maxPathLength, scope = [] }: { target: string; have: GapHave; includeProposed?: boolean; maxPathLength?: number; scope?: string[] },
  formats = ['csv', 'xlsx', 'json'],
): Download[] {
  const haveParams = have.kind === 'frameworks' ? { have: have.frameworkIds.join(',') } : { evidence: 'true', asOf: have.asOf };
  return formats.map((format) => ({
    href: `/api/reports/gap?${query({ target, ...haveParams, scope: scope.length ? scope.join(',') : undefined, maxPathLength: maxPathLength === undefined ? undefined : String(maxPathLength), includeProposed: includeProposed ? 'true' : undefined, format })}`,
    format,
    label: formatLabel(format),
    description: `Gap analysis of ${target} as ${formatLabel(format)}`,
  }));
}

/** The saved control set, or (with `frameworks`) a fresh proposal for them. */
export function controlDownloads({ frameworks }: { frameworks?: string[] } = {}, formats = ['csv', 'xlsx', 'json', 'oscal-catalog']): Download[] {
  const what = frameworks?.length ? `Proposed control set for ${frameworks.join(', ')}` : 'Saved unified control set';
  return formats.map((format) => ({
    href: `/api/reports/controls?${query({ format, frameworks: frameworks?.length ? frameworks.join(',') : undefined })}`,
    format,
    label: formatLabel(format),
    description: `${what} as ${formatLabel(format)}`,
  }));
}

export function imsDownloads(standards: string[], formats = ['md', 'xlsx', 'json']): Download[] {
  return formats.map((format) => ({
    href: `/api/reports/ims?${query({ standards: standards.join(','), format })}`,
    format,
    label: formatLabel(format),
    description: `IMS plan for ${standards.join(', ')} as ${formatLabel(format)}`,
  }));
}

export function soaDownloads(frameworkId: string, formats = ['csv', 'xlsx', 'json']): Download[] {
  return formats.map((format) => ({
    href: `/api/reports/soa?${query({ framework: frameworkId, format })}`,
    format,
    label: formatLabel(format),
    description: `Statement of Applicability for ${frameworkId} as ${formatLabel(format)}`,
  }));
}

/** The crosswalk between two frameworks (every mapping between them, any status). */
export function crosswalkDownloads(from: string, to: string, formats = ['csv', 'xlsx', 'oscal-mapping', 'olir-csv']): Download[] {
  return formats.map((format) => ({
    href: `/api/export?${query({ format, from, to })}`,
    format,
    label: formatLabel(format),
    description: `Crosswalk ${from} → ${to} as ${formatLabel(format)}`,
  }));
}
