import { z } from 'zod';
import { frameworkCitation } from '../domain/citation.js';
import type { Problem } from '../domain/errors.js';
import { frameworkOf } from '../domain/ids.js';
import type { Framework } from '../domain/schemas/framework.js';
import { OrgControlSchema, type OrgControl } from '../domain/schemas/orgControl.js';
import type { Requirement } from '../domain/schemas/requirement.js';
import { readCsv, toCsv } from '../interop/csv.js';
import { issuesToProblems, isRecord, parseJsonInput } from '../interop/jsonInput.js';
import { OSCAL_VERSION, crosswalkProp, oneLine } from '../interop/oscalCommon.js';
import { uuidV5 } from '../interop/uuid.js';
import { addKeyValueSheet, addTableSheet, joinList, newWorkbook, toBuffer } from './workbook.js';
import { didYouMean } from '../domain/likelyMeant.js';

export interface ControlSetExportInput {
  controls: readonly OrgControl[];
  /** Used for titles and framework columns of cited requirements (unknown ids are exported with blanks). */
  requirements: readonly Requirement[];
  frameworks?: readonly Framework[];
  generatedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV: one row per (control, cited requirement), in set order
// ---------------------------------------------------------------------------------------------------------------

/** On import the control columns and `requirement_id` are read; framework, ref and title are derived and ignored. */
export const CONTROL_SET_CSV_COLUMNS = [
  'control_id', 'control_title', 'control_description', 'origin', 'created_at', 'updated_at', 'requirement_id', 'framework_id', 'ref', 'requirement_title',
] as const;

export function exportControlSetCsv({ controls, requirements }: Omit<ControlSetExportInput, 'generatedAt'>): string {
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const rows = controls.flatMap((c) =>
    c.requirementIds.map((id) => [c.id, c.title, c.description, c.origin, c.createdAt, c.updatedAt, id, frameworkOf(id), byId.get(id)?.ref ?? '', byId.get(id)?.title ?? '']),
  );
  return toCsv([[...CONTROL_SET_CSV_COLUMNS], ...rows]);
}

export interface ControlSetImportResult {
  controls: OrgControl[];
  /** With any error, `controls` is empty. */
  problems: Problem[];
}

/** Rows of one control must agree on its fields; requirements keep row order. */
export function importControlSetCsv(text: string, { file, knownRequirementIds }: { file: string; knownRequirementIds?: ReadonlySet<string> }): ControlSetImportResult {
  const { header, rows, problems } = readCsv(text, file);
  const fail = (line: number | undefined, message: string) => problems.push({ file, ...(line ? { line } : {}), message, severity: 'error' });
  const required = ['control_id', 'control_title', 'origin', 'created_at', 'updated_at', 'requirement_id'];
  const missing = required.filter((c) => header.length && !header.includes(c));
  if (missing.length) fail(1, `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (expected: ${CONTROL_SET_CSV_COLUMNS.join(',')})`);
  if (missing.length || !header.length) return { controls: [], problems };
  const drafts = new Map<string, { line: number; fields: Record<string, string>; requirementIds: string[] }>();
  for (const { values, line } of rows) {
    const id = values.control_id?.trim() ?? '';
    const fields = {
      id, title: values.control_title ?? '', description: values.control_description ?? '', origin: values.origin?.trim() ?? '',
      createdAt: values.created_at?.trim() ?? '', updatedAt: values.updated_at?.trim() ?? '',
    };
    const requirementId = values.requirement_id?.trim() ?? '';
    if (knownRequirementIds && requirementId && !knownRequirementIds.has(requirementId)) fail(line, `requirement_id: unknown requirement "${requirementId}"${didYouMean(requirementId, knownRequirementIds)}`);
    const draft = drafts.get(id);
    if (!draft) drafts.set(id, { line, fields, requirementIds: [requirementId] });
    else {
      const differs = (Object.keys(fields) as Array<keyof typeof fields>).find((k) => fields[k] !== draft.fields[k]);
      if (differs) fail(line, `control "${id}": ${differs} differs from line ${draft.line}`);
      draft.requirementIds.push(requirementId);
    }
  }
  const controls: OrgControl[] = [];
  for (const { line, fields, requirementIds } of drafts.values()) {
    const parsed = OrgControlSchema.safeParse({ ...fields, requirementIds });
    if (!parsed.success) for (const issue of parsed.error.issues) fail(line, `control "${fields.id}": ${issue.path.join('.') || 'row'}: ${issue.message}`);
    else controls.push(parsed.data);
  }
  return problems.some((p) => p.severity === 'error') ? { controls: [], problems } : { controls, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------------------------

export const CONTROL_SET_FORMAT = 'crosswalk-control-set';
export const CONTROL_SET_VERSION = 1;

const ControlSetFileSchema = z.object({
  format: z.literal(CONTROL_SET_FORMAT),
  version: z.literal(CONTROL_SET_VERSION),
  generatedAt: z.string().optional(),
  controls: z.array(OrgControlSchema),
});

/** `{ format, version, generatedAt, controls: OrgControl[] }`, pretty-printed. */
export const exportControlSetJson = ({ controls, generatedAt }: Pick<ControlSetExportInput, 'controls' | 'generatedAt'>): string =>
  `${JSON.stringify({ format: CONTROL_SET_FORMAT, version: CONTROL_SET_VERSION, generatedAt, controls }, null, 2)}\n`;

export function importControlSetJson(text: string, { file, knownRequirementIds }: { file: string; knownRequirementIds?: ReadonlySet<string> }): ControlSetImportResult {
  const { data, problems } = parseJsonInput(text, file);
  if (problems.length) return { controls: [], problems };
  if (!isRecord(data) || data.format !== CONTROL_SET_FORMAT)
    return { controls: [], problems: [{ file, message: `not a Crosswalk control set (expected "format": "${CONTROL_SET_FORMAT}")`, severity: 'error' }] };
  const parsed = ControlSetFileSchema.safeParse(data);
  if (!parsed.success) return { controls: [], problems: issuesToProblems(parsed.error.issues, file) };
  const found: Problem[] = [];
  const ids = new Set<string>();
  parsed.data.controls.forEach((c, i) => {
    if (ids.has(c.id)) found.push({ file, path: `controls[${i}].id`, message: `control id "${c.id}" is used twice`, severity: 'error' });
    ids.add(c.id);
    c.requirementIds.forEach((r, j) => {
      if (knownRequirementIds && !knownRequirementIds.has(r)) found.push({ file, path: `controls[${i}].requirementIds[${j}]`, message: `unknown requirement "${r}"${didYouMean(r, knownRequirementIds)}`, severity: 'error' });
    });
  });
  return found.length ? { controls: [], problems: found } : { controls: parsed.data.controls, problems: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------------------------

/**
 * Sheet "Controls": one row per control with the refs it cites per framework (a column each); sheet "Citations":
 * the CSV rows; sheet "About": frameworks and counts.
 */
export async function exportControlSetXlsx({ controls, requirements, frameworks = [], generatedAt }: ControlSetExportInput): Promise<Buffer> {
  const workbook = newWorkbook(generatedAt);
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const used = [...new Set(controls.flatMap((c) => c.requirementIds.map(frameworkOf)))];
  const refOf = (id: string) => byId.get(id)?.ref ?? id.slice(id.indexOf(':') + 1);
  addTableSheet(
    workbook, 'Controls', ['control_id', 'title', 'description', 'origin', 'requirements', ...used],
    controls.map((c) => [c.id, c.title, c.description, c.origin, c.requirementIds.length, ...used.map((fw) => joinList(c.requirementIds.filter((r) => frameworkOf(r) === fw).map(refOf)))]),
    { widths: { title: 40, description: 60 } },
  );
  const csvRows = controls.flatMap((c) => c.requirementIds.map((id) => [c.id, c.title, c.description, c.origin, c.createdAt, c.updatedAt, id, frameworkOf(id), byId.get(id)?.ref ?? '', byId.get(id)?.title ?? '']));
  addTableSheet(workbook, 'Citations', CONTROL_SET_CSV_COLUMNS, csvRows, { widths: { control_title: 40, requirement_title: 40 } });
  const known = new Map(frameworks.map((f) => [f.id, f]));
  addKeyValueSheet(workbook, 'About', [
    { heading: 'Unified control set' }, ['Generated', generatedAt], ['Controls', controls.length],
    ['Citations', csvRows.length], [], { heading: 'Frameworks cited' },
    ...used.map((fw) => [fw, known.get(fw) ? frameworkCitation(known.get(fw)!) : '']),
  ]);
  return toBuffer(workbook);
}

// ---------------------------------------------------------------------------------------------------------------
// OSCAL 1.2.1 catalog
// ---------------------------------------------------------------------------------------------------------------

const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

/** An OSCAL token for a control id ("uc:iso42001-2023:4.1" → "uc_iso42001-2023_4.1"), unique in the catalog. */
function oscalControlIds(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    let base = id.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '_');
    if (!OSCAL_TOKEN.test(base)) base = `_${base}`;
    let token = base;
    for (let n = 2; used.has(token); n++) token = `${base}-${n}`;
    used.add(token);
    out.set(id, token);
  }
  return out;
}

/** The resource UUID standing for a requirement: the same in every export. */
export const requirementResourceUuid = (requirementId: string) => uuidV5(`requirement:${requirementId}`);

/**
 * The unified control set as an OSCAL 1.2.1 catalog. Each organisation control is a control (its id in the `label`
 * prop, its description as the statement) with a `reference` link to a back-matter resource per requirement it
 * cites; each resource names the framework, edition, ref and title and carries the Crosswalk requirement id, so the
 * links resolve inside the document and the requirement can be found in that framework's own OSCAL catalog.
 */
export function exportControlSetOscal({ controls, requirements, frameworks = [], generatedAt, title = 'Unified control set' }: ControlSetExportInput & { title?: string }): string {
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const fwById = new Map(frameworks.map((f) => [f.id, f]));
  const tokens = oscalControlIds(controls.map((c) => c.id));
  const cited = [...new Set(controls.flatMap((c) => c.requirementIds))];
  const resources = cited.map((id) => {
    const r = byId.get(id);
    const fw = fwById.get(frameworkOf(id));
    const name = fw ? frameworkCitation(fw) : frameworkOf(id);
    return {
      uuid: requirementResourceUuid(id),
      title: oneLine(`${name} ${r?.ref ?? id.slice(id.indexOf(':') + 1)}${r?.title ? ` ${r.title}` : ''}`),
      props: [crosswalkProp('requirement-id', id), crosswalkProp('framework-id', frameworkOf(id)), ...(r ? [crosswalkProp('ref', r.ref)] : [])],
      ...(fw?.url ? { rlinks: [{ href: fw.url }] } : {}),
    };
  });
  const catalog = {
    catalog: {
      uuid: uuidV5(`control-set:${controls.map((c) => `${c.id}=${c.requirementIds.join(',')}`).join('\n')}`),
      metadata: {
        title: oneLine(title),
        'last-modified': generatedAt,
        version: generatedAt.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        props: [crosswalkProp('kind', 'unified-control-set')],
        remarks: 'Exported by Crosswalk: the organisation\'s own controls, each linked to the framework requirements it satisfies.',
      },
      ...(controls.length
        ? {
            controls: controls.map((c) => {
              const token = tokens.get(c.id)!;
              return {
                id: token,
                class: 'organization-control',
                title: oneLine(c.title),
                props: [
                  { name: 'label', value: c.id },
                  crosswalkProp('origin', c.origin),
                  crosswalkProp('created-at', c.createdAt),
                  crosswalkProp('updated-at', c.updatedAt),
                ],
                links: c.requirementIds.map((id) => ({ href: `#${requirementResourceUuid(id)}`, rel: 'reference', text: oneLine(`${frameworkOf(id)} ${byId.get(id)?.ref ?? id}`) })),
                parts: [{ id: `${token}_smt`, name: 'statement', prose: c.description.trim() || c.title }],
              };
            }),
          }
        : {}),
      ...(resources.length ? { 'back-matter': { resources } } : {}),
    },
  };
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
