import type { MappingFile } from '../content/fileSchemas.js';
import type { Problem } from '../domain/errors.js';
import { splitRequirementId } from '../domain/ids.js';
import { inverseRelationship } from '../domain/relationships.js';
import { IsoDateSchema, WebUrlSchema } from '../domain/schemas/common.js';
import type { Mapping, Provenance, SourceStatement } from '../domain/schemas/mapping.js';
import { readCsv } from './csv.js';
import { canonicalJson } from '../domain/fingerprint.js';
import { unusedSourceKey } from './buildMappingFiles.js';
import { maybeRelationship } from './maybeRelationship.js';
import { hasColumns } from './xlsxSheet.js';

/** The "Further sources" sheet of the XLSX crosswalk export: one row per other source of an exported mapping's pair. */
export const FURTHER_SOURCE_COLUMNS = [
  'source_framework', 'source_ref', 'target_framework', 'target_ref', 'mapping_relationship', 'stated_relationship', 'agrees',
  'strength', 'note', 'provenance_source', 'provenance_url', 'provenance_author', 'provenance_created',
] as const;

/** The sheet's rows for these mappings, in the mappings' own direction (strength a number, or empty). */
export function furtherSourceRows(mappings: readonly Mapping[]): Array<Array<string | number>> {
  return mappings.flatMap((m) =>
    (m.alsoStatedBy ?? []).map((s) => {
      const source = splitRequirementId(m.source);
      const target = splitRequirementId(m.target);
      return [
        source.frameworkId, source.ref, target.frameworkId, target.ref, m.relationship, s.relationship, s.relationship === m.relationship ? 'yes' : 'no',
        s.strength ?? '', s.note ?? '', s.provenance.source, s.provenance.url ?? '', s.provenance.author, s.provenance.created,
      ];
    }),
  );
}

interface FurtherSource {
  sourceFramework: string;
  sourceRef: string;
  targetFramework: string;
  targetRef: string;
  statement: SourceStatement;
  line: number;
}

/**
 * Reads the sheet (as CSV) back, and adds each row to the imported mapping file of its framework pair as an
 * "alsoStated" entry (turned round when the file runs the other way), so an XLSX export imported again keeps the
 * further sources. `mapping_relationship` and `agrees` are for reading and are not read back. Every bad cell is a
 * located error; rows whose frameworks no imported file has are reported once.
 */
export function withFurtherSources(mappingFiles: MappingFile[], text: string, file: string): { mappingFiles: MappingFile[]; problems: Problem[] } {
  const required = FURTHER_SOURCE_COLUMNS.filter((c) => !['mapping_relationship', 'agrees', 'strength', 'note', 'provenance_url'].includes(c));
  const { header, rows, problems } = readCsv(text, file, { isHeader: hasColumns(required), expected: required.join(', ') });
  if (!header.length) return { mappingFiles, problems };
  const sources: FurtherSource[] = [];
  for (const { values, line } of rows) {
    let bad = false;
    const fail = (column: string, message: string) => {
      bad = true;
      problems.push({ file, line, message: `row ${line}: ${column}: ${message}`, severity: 'error' });
    };
    const cell = (column: string) => (values[column] ?? '').trim();
    let relationship: SourceStatement['relationship'] | undefined;
    try {
      relationship = maybeRelationship(cell('stated_relationship'));
    } catch (e) {
      fail('stated_relationship', (e as Error).message);
    }
    const strengthText = cell('strength');
    const strength = strengthText === '' ? undefined : Number(strengthText);
    if (strength !== undefined && !(Number.isInteger(strength) && strength >= 0 && strength <= 10)) fail('strength', `"${strengthText}" is not a whole number from 0 to 10`);
    const created = cell('provenance_created');
    if (!IsoDateSchema.safeParse(created).success) fail('provenance_created', `"${created}" is not a date (YYYY-MM-DD)`);
    const url = cell('provenance_url');
    if (url && !WebUrlSchema.safeParse(url).success) fail('provenance_url', `"${url}" is not an http(s) URL`);
    for (const column of ['source_framework', 'source_ref', 'target_framework', 'target_ref', 'provenance_source', 'provenance_author'])
      if (!cell(column)) fail(column, 'empty');
    if (bad || !relationship) continue;
    const provenance: Provenance = { source: cell('provenance_source'), ...(url ? { url } : {}), author: cell('provenance_author'), created };
    sources.push({
      sourceFramework: cell('source_framework'), sourceRef: cell('source_ref'), targetFramework: cell('target_framework'), targetRef: cell('target_ref'), line,
      statement: { relationship, ...(strength !== undefined ? { strength } : {}), ...(cell('note') ? { note: cell('note') } : {}), provenance },
    });
  }
  if (problems.some((p) => p.severity === 'error')) return { mappingFiles, problems };

  const unplaced: FurtherSource[] = [];
  const files = mappingFiles.map((f) => ({ ...f, sources: { ...f.sources }, alsoStated: [...(f.alsoStated ?? [])] }));
  for (const s of sources) {
    const forward = files.find((f) => f.source === s.sourceFramework && f.target === s.targetFramework);
    const backward = forward ? undefined : files.find((f) => f.source === s.targetFramework && f.target === s.sourceFramework);
    const target = forward ?? backward;
    if (!target) {
      unplaced.push(s);
      continue;
    }
    const key = sourceKey(target.sources, s.statement.provenance);
    const [from, to] = forward ? [s.sourceRef, s.targetRef] : [s.targetRef, s.sourceRef];
    const relationship = forward ? s.statement.relationship : inverseRelationship(s.statement.relationship);
    target.alsoStated.push({ source: from, target: to, relationship, ...(s.statement.strength !== undefined ? { strength: s.statement.strength } : {}), provenance: key, ...(s.statement.note ? { note: s.statement.note } : {}) });
  }
  if (unplaced.length)
    problems.push({
      file,
      line: unplaced[0]!.line,
      message: `${unplaced.length} further source(s) name a framework pair the crosswalk sheet has no mapping of (e.g. ${unplaced[0]!.sourceFramework} → ${unplaced[0]!.targetFramework}); they were left out`,
      severity: 'warning',
    });
  return { mappingFiles: files.map(({ alsoStated, ...f }) => ({ ...f, ...(alsoStated.length ? { alsoStated } : {}) })), problems };
}

/** The key of this provenance record among the file's named sources, added when it is new. */
function sourceKey(sources: Record<string, Provenance>, provenance: Provenance): string {
  const same = Object.entries(sources).find(([, p]) => canonicalJson(p) === canonicalJson(provenance));
  if (same) return same[0];
  const key = unusedSourceKey(sources, provenance.source);
  sources[key] = provenance;
  return key;
}
