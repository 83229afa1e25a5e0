import type { Problem } from '../domain/errors.js';
import { OrgControlSchema, type OrgControl } from '../domain/schemas/orgControl.js';
import { cellsByColumn, findColumns, readCsv } from '../interop/csv.js';
import { refResolver, resolveRefList } from '../interop/refResolver.js';
import { rowList } from '../interop/rowWarnings.js';
import type { ControlSetImportResult } from './controlSetExport.js';

/**
 * A unified control set as other tools keep it (a "control matrix"): one row per control, with its id, title and
 * description, and one column per framework that lists the refs the control answers ("ISO/IEC 27001:2022": "A.5.1,
 * A.5.2"). Columns are tied to loaded frameworks by their id or name, with a warning that says how each was read.
 */
type ControlColumn = 'control_id' | 'control_title' | 'control_description';
const CONTROL_COLUMNS: Record<ControlColumn, readonly string[]> = {
  control_id: ['control_id', 'id', 'control_ref', 'control_number', 'control_no', 'control', 'ref'],
  control_title: ['control_title', 'title', 'control_name', 'name', 'control'],
  control_description: ['control_description', 'description', 'control_text', 'control_statement', 'details'],
};

export interface ControlMatrixOptions {
  file: string;
  frameworks: ReadonlyArray<{ id: string; name: string }>;
  /** The refs of a loaded framework. */
  refsOf: (frameworkId: string) => readonly string[];
  /** ISO date-time stamped on the imported controls. */
  now: string;
}

/** A header row of a control matrix: a control id and a title column under any of their names. */
export const isControlMatrixHeader = (header: string[]) => {
  const { at } = findColumns(header, CONTROL_COLUMNS);
  return at.control_id !== undefined && at.control_title !== undefined;
};

const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The loaded framework a column names: its id or name written loosely ("ISO/IEC 42001:2023", "iso42001-2023", "ISO
 * 27001 v2022", with line breaks or not), or,
 * when only one framework fits, the start or a part of its id ("ISO 27001", "NIST AI RMF"); an ambiguous name
 * ("ISO 27701" with two editions loaded) is a problem, since the edition matters.
 */
export function frameworkOfColumn(name: string, frameworks: ReadonlyArray<{ id: string; name: string }>): { id?: string; ambiguous?: string[] } {
  // "ISO/IEC 27001 v2022" and "ISO 27001:2022" name the same edition.
  const plain = name.replace(/\biec\b/gi, '').replace(/\bv(?=\d)/gi, '');
  const keys = [...new Set([compact(name), compact(plain)])].filter(Boolean);
  const exact = frameworks.filter((f) => keys.some((k) => k === compact(f.id) || k === compact(f.name)));
  if (exact.length === 1) return { id: exact[0]!.id };
  const loose = frameworks.filter((f) => keys.some((k) => k.length >= 4 && compact(f.id).includes(k)));
  if (loose.length === 1) return { id: loose[0]!.id };
  return loose.length > 1 ? { ambiguous: loose.map((f) => f.id) } : {};
}

export function importControlMatrix(text: string, { file, frameworks, refsOf, now }: ControlMatrixOptions): ControlSetImportResult {
  const { header, rows: read, problems, written = header } = readCsv(text, file);
  const fail = (line: number | undefined, message: string) => problems.push({ file, ...(line ? { line } : {}), message, severity: 'error' });
  if (!header.length) return { controls: [], problems };
  const { at, renamed } = findColumns(header, CONTROL_COLUMNS, written);
  const missing = (['control_id', 'control_title'] as const).filter((c) => at[c] === undefined);
  if (missing.length) fail(1, `missing column(s) ${missing.join(', ')} (a control matrix has a control id, a title and one column per framework)`);

  const taken = new Set(Object.values(at));
  const frameworkColumns: Array<{ index: number; frameworkId: string }> = [];
  const notRead: string[] = [];
  written.forEach((name, index) => {
    if (taken.has(index) || !name) return;
    const found = frameworkOfColumn(name, frameworks);
    if (found.id) frameworkColumns.push({ index, frameworkId: found.id });
    else if (found.ambiguous) fail(1, `column "${name}" could be ${found.ambiguous.join(' or ')}: name the edition in the header (e.g. "${found.ambiguous[0]}")`);
    else notRead.push(name);
  });
  if (!missing.length && !frameworkColumns.length && !problems.some((p) => p.severity === 'error'))
    fail(1, `no column names a loaded framework (columns: ${written.filter(Boolean).join(', ')}); head each framework's column with its id, such as "${frameworks[0]?.id ?? 'iso27001-2022'}"`);
  if (problems.some((p) => p.severity === 'error')) return { controls: [], problems };
  if (renamed.length) problems.push({ file, line: 1, message: `header read with other names: ${renamed.join(', ')}`, severity: 'warning' });
  problems.push({ file, line: 1, message: `framework columns: ${frameworkColumns.map(({ index, frameworkId }) => `"${written[index]}" as ${frameworkId}`).join(', ')}`, severity: 'warning' });
  if (notRead.length) problems.push({ file, line: 1, message: `column(s) not read: ${notRead.join(', ')}`, severity: 'warning' });

  const resolvers = new Map(frameworkColumns.map(({ frameworkId }) => [frameworkId, refResolver(refsOf(frameworkId))]));
  const controls: OrgControl[] = [];
  const seen = new Map<string, number>();
  const citingNothing: number[] = [];
  const fields = cellsByColumn(read, header, at);
  read.forEach(({ values, line }, i) => {
    const { control_id: id = '', control_title: title = '', control_description: description = '' } = fields[i]!.values;
    if (!id.trim() && !title.trim()) return;
    const requirementIds: string[] = [];
    for (const { index, frameworkId } of frameworkColumns) {
      const cell = (values[header[index]!] ?? '').trim();
      if (!cell) continue;
      const refs = resolveRefList(cell, resolvers.get(frameworkId)!);
      if (!refs) fail(line, `row ${line}: ${written[index]}: "${cell}" names no requirement of ${frameworkId}`);
      else for (const { ref } of refs) if (!requirementIds.includes(`${frameworkId}:${ref}`)) requirementIds.push(`${frameworkId}:${ref}`);
    }
    if (!requirementIds.length) return void citingNothing.push(line);
    if (seen.has(id.trim())) return fail(line, `row ${line}: control "${id.trim()}" was already on line ${seen.get(id.trim())}`);
    seen.set(id.trim(), line);
    const parsed = OrgControlSchema.safeParse({ id: id.trim(), title, description, requirementIds, origin: 'user', createdAt: now, updatedAt: now });
    if (!parsed.success) for (const issue of parsed.error.issues) fail(line, `row ${line}: ${issue.path.join('.') || 'control'}: ${issue.message}`);
    else controls.push(parsed.data);
  });
  if (citingNothing.length)
    problems.push({ file, line: citingNothing[0], message: `${citingNothing.length} control(s) cite no requirement of the framework columns and were not imported (rows ${rowList(citingNothing)})`, severity: 'warning' });
  return problems.some((p) => p.severity === 'error') ? { controls: [], problems } : { controls, problems };
}
