import { frameworkReader, type FrameworkLabel } from '../domain/frameworkNames.js';
import { OrgControlSchema, type OrgControl } from '../domain/schemas/orgControl.js';
import { cellsByColumn, findColumns, readCsv } from '../interop/csv.js';
import { prefixedSides } from '../interop/missingPrefix.js';
import { refResolver, resolveRefList } from '../interop/refResolver.js';
import { rowList } from '../interop/rowWarnings.js';
import type { ControlSetImportResult } from './controlSetExport.js';

/**
 * A unified control set as other tools keep it (a "control matrix"): one row per control, with its id, title and
 * description, and one column per framework that lists the refs the control answers ("ISO/IEC 27001:2022": "A.5.1,
 * A.5.2"). Columns are tied to loaded frameworks by their id or name, with a warning that says how each was read; a
 * column that leaves off the prefix its framework's refs share ("5.1, 5.2") is read with it (see prefixedSides).
 */
type ControlColumn = 'control_id' | 'control_title' | 'control_description';
const CONTROL_COLUMNS: Record<ControlColumn, readonly string[]> = {
  control_id: ['control_id', 'id', 'control_ref', 'control_number', 'control_no', 'control', 'ref'],
  control_title: ['control_title', 'title', 'control_name', 'name', 'control'],
  control_description: ['control_description', 'description', 'control_text', 'control_statement', 'details'],
};

export interface ControlMatrixOptions {
  file: string;
  frameworks: readonly FrameworkLabel[];
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
  // A column is a framework's with or without its edition: org controls cite the loaded edition, as the warning says.
  const frameworkOfColumn = frameworkReader(frameworks);
  written.forEach((name, index) => {
    if (taken.has(index) || !name) return;
    const found = frameworkOfColumn(name);
    if (found && 'id' in found) frameworkColumns.push({ index, frameworkId: found.id });
    else if (found) fail(1, `column "${name}" could be ${found.ambiguous.join(' or ')}: name the edition in the header (e.g. "${found.ambiguous[0]}")`);
    else notRead.push(name);
  });
  if (!missing.length && !frameworkColumns.length && !problems.some((p) => p.severity === 'error'))
    fail(1, `no column names a loaded framework (columns: ${written.filter(Boolean).join(', ')}); head each framework's column with its id, such as "${frameworks[0]?.id ?? 'iso27001-2022'}"`);
  if (problems.some((p) => p.severity === 'error')) return { controls: [], problems };
  if (renamed.length) problems.push({ file, line: 1, message: `header read with other names: ${renamed.join(', ')}`, severity: 'warning' });
  problems.push({ file, line: 1, message: `framework columns: ${frameworkColumns.map(({ index, frameworkId }) => `"${written[index]}" as ${frameworkId}`).join(', ')}`, severity: 'warning' });
  if (notRead.length) problems.push({ file, line: 1, message: `column(s) not read: ${notRead.join(', ')}`, severity: 'warning' });

  const resolvers = new Map(frameworkColumns.map(({ frameworkId }) => [frameworkId, refResolver(refsOf(frameworkId))]));
  // A framework column that writes its ids without the prefix they share (27001's Annex A as "5.15", as tools that
  // number it like 27002 do) is read with it, each column decided as a whole (see prefixedSides).
  const columnCells = read.flatMap(({ values }) => frameworkColumns.map(({ index, frameworkId }) => ({ column: written[index]!, frameworkId, cell: values[header[index]!] ?? '' })));
  const sides = prefixedSides(columnCells, refsOf, (frameworkId) => resolvers.get(frameworkId)!);
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
      const side = sides.side(written[index]!, frameworkId);
      const refs = resolveRefList(cell, side?.resolve ?? resolvers.get(frameworkId)!);
      if (refs) side?.note(refs, line);
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
  problems.push(...sides.warnings(file, (column) => `id(s) in column "${column}"`));
  if (citingNothing.length)
    problems.push({ file, line: citingNothing[0], message: `${citingNothing.length} control(s) cite no requirement of the framework columns and were not imported (rows ${rowList(citingNothing)})`, severity: 'warning' });
  return problems.some((p) => p.severity === 'error') ? { controls: [], problems } : { controls, problems };
}
