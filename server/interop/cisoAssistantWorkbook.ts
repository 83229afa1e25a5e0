import type { PathSegment } from '../content/yamlDocument.js';
import type { Problem } from '../domain/errors.js';
import type { CisoAssistantDocument } from './cisoAssistant.js';
import { readWorkbookSheets, type SheetCells } from './xlsxSheet.js';

/**
 * CISO Assistant's library workbook (its "v2" Excel format, the source its YAML libraries are built from): a
 * `library_meta` sheet of key/value rows, and for each object a `<name>_meta` sheet (key/value, with a `type`) and a
 * `<name>_content` table. Frameworks list their nodes by `depth`; mapping sets name nodes by id under a base URN.
 * Crosswalk reads the framework and requirement_mapping_set objects; the others (threats, scores, …) are skipped.
 */

interface Cell {
  sheet: string;
  row: number;
  column?: string;
}

/** Where a workbook-built value came from: a cell, and for a node or mapping, which column holds which field. */
interface Origin extends Cell {
  columns?: Record<string, string>;
}

const IMPORTED_TYPES = new Set(['framework', 'requirement_mapping_set']);

/** CISO Assistant's URN suffix of a ref_id or name: accents dropped, lower case, spaces as hyphens, other signs "_". */
export const urnSuffixOf = (value: string) =>
  value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/ /g, '-').replace(/[^a-z0-9_\-.[\]():]/g, '_');

/** A node id in a mapping sheet as CISO Assistant turns it into a URN suffix: lower case, spaces as hyphens. */
const nodeIdSuffix = (value: string) => value.toLowerCase().replace(/ /g, '-');

const isTruthyCell = (value: string) => value !== '' && !/^(false|0|no)$/i.test(value);

function keyValues(sheet: SheetCells): Map<string, { value: string; row: number }> {
  const pairs = new Map<string, { value: string; row: number }>();
  sheet.rows.forEach((cells, i) => {
    const key = cells[0]?.toLowerCase();
    if (key && !pairs.has(key)) pairs.set(key, { value: cells[1] ?? '', row: i + 1 });
  });
  return pairs;
}

/** A `_content` sheet as records keyed by its lower-cased header, with each record's sheet row; empty rows left out. */
function contentRows(sheet: SheetCells): { header: string[]; rows: Array<{ row: number; values: Record<string, string> }> } {
  const header = (sheet.rows[0] ?? []).map((h) => h.toLowerCase());
  const rows = sheet.rows.slice(1).flatMap((cells, i) => {
    if (!cells.some((c) => c)) return [];
    const values: Record<string, string> = {};
    header.forEach((name, c) => name && (values[name] = cells[c] ?? ''));
    return [{ row: i + 2, values }];
  });
  return { header, rows };
}

/**
 * Reads a CISO Assistant library workbook into the shape of its YAML library, so the one importer reads both, with
 * every problem placed on its sheet, row and column. Node URNs follow CISO Assistant's rules (base URN + node_id, else
 * the cleaned ref_id, else the parent's URN and a count), so mapping libraries resolve against frameworks read here.
 */
export async function readCisoAssistantWorkbook(bytes: Uint8Array, file: string): Promise<{ document?: CisoAssistantDocument; problems: Problem[] }> {
  const sheets = await readWorkbookSheets(bytes, file);
  const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  const problems: Problem[] = [];
  const inSheet = (sheet: string) => `${file} (sheet "${sheet}")`;
  const fail = (cell: Cell, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: inSheet(cell.sheet), ...(cell.row ? { line: cell.row } : {}), ...(cell.column ? { path: cell.column } : {}), message, severity });

  const libraryMeta = byName.get('library_meta');
  if (!libraryMeta) {
    const v1 = byName.has('library_content') ? '; this looks like the older v1 layout: convert it with CISO Assistant\'s tools/convert_v1_to_v2.py first' : '';
    problems.push({ file, message: `not a CISO Assistant library workbook: it has no "library_meta" sheet (sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')})${v1}`, severity: 'error' });
    return { problems };
  }

  const origins = new Map<string, Origin>();
  const remember = (at: PathSegment[], origin: Origin) => origins.set(JSON.stringify(at), origin);
  const library: Record<string, unknown> = {};
  for (const [key, { value, row }] of keyValues(libraryMeta)) {
    library[key] = value;
    remember([key], { sheet: libraryMeta.name, row, column: key });
  }
  remember([], { sheet: libraryMeta.name, row: 0 });

  const frameworks: Array<Record<string, unknown>> = [];
  const sets: Array<Record<string, unknown>> = [];
  const skipped: string[] = [];
  for (const meta of sheets.filter((s) => /_meta$/i.test(s.name) && s.name.toLowerCase() !== 'library_meta')) {
    const keys = keyValues(meta);
    const type = keys.get('type')?.value.toLowerCase();
    if (!type) {
      fail({ sheet: meta.name, row: 0 }, 'a _meta sheet needs a "type" row (framework, requirement_mapping_set, …)');
      continue;
    }
    if (!IMPORTED_TYPES.has(type)) {
      skipped.push(`"${meta.name}" (${type})`);
      continue;
    }
    const contentName = meta.name.replace(/_meta$/i, '_content');
    const content = byName.get(contentName.toLowerCase());
    if (!content) {
      fail({ sheet: meta.name, row: keys.get('type')!.row }, `the ${type} has no "${contentName}" sheet`);
      continue;
    }
    const object: Record<string, unknown> = Object.fromEntries([...keys].map(([key, { value }]) => [key, value]));
    const at: PathSegment[] = type === 'framework' ? ['objects', 'frameworks', frameworks.length] : ['objects', 'requirement_mapping_sets', sets.length];
    remember(at, { sheet: meta.name, row: keys.get('type')!.row });
    for (const [key, { row }] of keys) remember([...at, key], { sheet: meta.name, row, column: key });
    const objectSheets: ObjectSheets = { meta, keys, content, at, fail, remember };
    // An object whose sheets cannot be read (reported) is left out, so it is not reported again as empty.
    const rows = type === 'framework' ? frameworkNodes(objectSheets) : setMappings(objectSheets);
    if (!rows) continue;
    if (type === 'framework') frameworks.push({ ...object, requirement_nodes: rows });
    else sets.push({ ...object, requirement_mappings: rows });
  }
  if (skipped.length) problems.push({ file, message: `skipped the objects Crosswalk does not import: ${skipped.join(', ')}`, severity: 'warning' });

  // Every object was refused (each said why): nothing is left to read.
  if (!frameworks.length && !sets.length && problems.some((p) => p.severity === 'error')) return { problems };
  library.objects = { frameworks, requirement_mapping_sets: sets };
  const place = (at: PathSegment[]): { file: string; line?: number; path?: string } => {
    for (let n = at.length; n >= 0; n--) {
      const origin = origins.get(JSON.stringify(at.slice(0, n)));
      if (!origin) continue;
      const field = at[n];
      const column = origin.column ?? (typeof field === 'string' ? origin.columns?.[field] ?? field : undefined);
      return { file: inSheet(origin.sheet), ...(origin.row ? { line: origin.row } : {}), ...(column ? { path: column } : {}) };
    }
    return { file };
  };
  const describe = (at: PathSegment[]) => {
    const { file: where, line } = place(at);
    return line ? `row ${line}` : where;
  };
  return { document: { data: library, place, describe }, problems };
}

interface ObjectSheets {
  meta: SheetCells;
  keys: Map<string, { value: string; row: number }>;
  content: SheetCells;
  at: PathSegment[];
  fail: (cell: Cell, message: string) => void;
  remember: (at: PathSegment[], origin: Origin) => void;
}

/** A framework's `_content` rows as requirement nodes: depth gives the parent, and the URN is computed as CISO Assistant does. */
function frameworkNodes({ meta, keys, content, at, fail, remember }: ObjectSheets): Array<Record<string, unknown>> | undefined {
  const baseUrn = keys.get('base_urn')?.value;
  if (!baseUrn) {
    fail({ sheet: meta.name, row: 0 }, 'a framework needs a "base_urn" row (the prefix of its requirement URNs)');
    return undefined;
  }
  const { header, rows } = contentRows(content);
  if (!header.includes('depth')) {
    fail({ sheet: content.name, row: 1 }, `the framework table needs a "depth" column (columns: ${header.filter(Boolean).join(', ') || 'none'})`);
    return undefined;
  }
  const nodes: Array<Record<string, unknown>> = [];
  // The last node seen at each depth is the parent of the next deeper one; nodes without ref_id are counted per depth.
  const parentAt: string[] = [];
  const unnamedCount: number[] = [];
  let previousDepth = 0;
  for (const { row, values } of rows) {
    const depth = Number(values.depth);
    if (!Number.isInteger(depth) || depth < 1) {
      fail({ sheet: content.name, row, column: 'depth' }, `depth "${values.depth}" is not a whole number from 1`);
      continue;
    }
    if (depth > previousDepth + 1) {
      fail({ sheet: content.name, row, column: 'depth' }, `depth ${depth} follows depth ${previousDepth}; a node can only be one level below the row above`);
      continue;
    }
    if (depth === previousDepth + 1) unnamedCount[depth] = 1;
    const parentUrn = depth > 1 ? parentAt[depth - 1] : undefined;
    const refId = values.ref_id ?? '';
    const nodeId = values.node_id ?? '';
    let urn: string;
    if (nodeId) urn = `${baseUrn}:${nodeId}`;
    else if (refId) urn = `${baseUrn}:${urnSuffixOf(refId)}`;
    else {
      const count = unnamedCount[depth] ?? 1;
      urn = parentUrn ? `${parentUrn}:${count}` : values.name ? `${baseUrn}:${urnSuffixOf(values.name)}` : `${baseUrn}:node${count}`;
      unnamedCount[depth] = count + 1;
    }
    parentAt[depth] = urn;
    previousDepth = depth;
    const nodeAt = [...at, 'requirement_nodes', nodes.length];
    remember(nodeAt, { sheet: content.name, row, columns: { urn: nodeId ? 'node_id' : 'ref_id', parent_urn: 'depth' } });
    nodes.push({
      urn,
      depth,
      assessable: isTruthyCell(values.assessable ?? ''),
      ...(parentUrn ? { parent_urn: parentUrn } : {}),
      ...(refId ? { ref_id: refId } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values.description ? { description: values.description } : {}),
    });
  }
  return nodes;
}

/** A mapping set's `_content` rows as requirement mappings: node ids become URNs under the meta sheet's base URNs. */
function setMappings({ meta, keys, content, at, fail, remember }: ObjectSheets): Array<Record<string, unknown>> | undefined {
  const base = { source: keys.get('source_node_base_urn')?.value, target: keys.get('target_node_base_urn')?.value };
  for (const side of ['source', 'target'] as const)
    if (!base[side]) fail({ sheet: meta.name, row: 0 }, `a requirement_mapping_set needs a "${side}_node_base_urn" row (the prefix of its ${side} requirement URNs)`);
  if (!base.source || !base.target) return undefined;
  const { header, rows } = contentRows(content);
  const missing = ['source_node_id', 'target_node_id', 'relationship'].filter((c) => !header.includes(c));
  if (missing.length) {
    fail({ sheet: content.name, row: 1 }, `the mapping table needs the column(s) ${missing.join(', ')} (columns: ${header.filter(Boolean).join(', ') || 'none'})`);
    return undefined;
  }
  const mappings: Array<Record<string, unknown>> = [];
  for (const { row, values } of rows) {
    const blank = (['source', 'target'] as const).filter((side) => !values[`${side}_node_id`]);
    if (blank.length) {
      for (const side of blank) fail({ sheet: content.name, row, column: `${side}_node_id` }, `no ${side} node id`);
      continue;
    }
    const mappingAt = [...at, 'requirement_mappings', mappings.length];
    remember(mappingAt, { sheet: content.name, row, columns: { source_requirement_urn: 'source_node_id', target_requirement_urn: 'target_node_id' } });
    const urnOf = (side: 'source' | 'target') => `${base[side]}:${nodeIdSuffix(values[`${side}_node_id`]!)}`;
    mappings.push({
      source_requirement_urn: urnOf('source'),
      target_requirement_urn: urnOf('target'),
      relationship: values.relationship || undefined,
      ...(values.rationale ? { rationale: values.rationale } : {}),
      ...(values.strength_of_relationship ? { strength_of_relationship: values.strength_of_relationship } : {}),
      ...(values.annotation ? { annotation: values.annotation } : {}),
    });
  }
  return mappings;
}
