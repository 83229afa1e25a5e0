import type { MappingFile } from '../content/fileSchemas.js';
import type { Problem } from '../domain/errors.js';
import { inverseRelationship } from '../domain/relationships.js';
import type { Method, Provenance, Rationale, Relationship, SourceStatement, Status } from '../domain/schemas/mapping.js';
import { slugify } from './maybeRelationship.js';
import type { InputLocation } from './types.js';

/** One mapping as an importer read it, with refs local to its two frameworks and every field resolved. */
export interface ImportedMapping {
  sourceFramework: string;
  targetFramework: string;
  source: string;
  target: string;
  relationship: Relationship;
  rationale: Rationale;
  strength: number;
  method: Method;
  status: Status;
  provenance: Provenance;
  note?: string;
  reviewNote?: string;
  /** Other sources of the same pair, written as the file's "alsoStated" entries. */
  alsoStatedBy?: SourceStatement[];
  at: InputLocation;
}

/** A reviewed "nothing corresponds" statement: `ref` of `frameworkId` has no counterpart in `otherFrameworkId`. */
export interface ImportedNoCounterpart {
  frameworkId: string;
  otherFrameworkId: string;
  ref: string;
  note: string;
  status: Status;
  provenance: Provenance;
  at: InputLocation;
}

export interface BuildMappingFilesOptions {
  file: string;
  /** The "description" of every mapping file made. */
  description?: string;
  noCounterparts?: ImportedNoCounterpart[];
}

const unorderedPair = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const describe = (at: InputLocation) => (at.line ? `line ${at.line}` : at.path ? at.path : 'an earlier entry');

const mostCommon = <T>(values: T[]): T | undefined => {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { value, count: 1 });
  }
  let best: { value: T; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.value;
};

/**
 * The most used provenance key that can be the file's default. The loader merges an entry's record over the default
 * one, so a default with a url, reviewer or review date that another record lacks would leak into that record's
 * mappings: such a key is passed over, and with no safe key every entry names its own.
 */
function defaultProvenance(keys: string[], sources: Record<string, Provenance>): string | undefined {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const used = [...counts.keys()];
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
  return ranked.find((candidate) => used.every((other) => Object.keys(sources[candidate]!).every((field) => field in sources[other]!)));
}

/** A key for a new named source of a mapping file: the document's name as a slug, numbered when taken. */
export function unusedSourceKey(sources: Record<string, Provenance>, documentName: string): string {
  const base = slugify(documentName).slice(0, 40).replace(/[-.]+$/, '') || 'imported';
  let key = base;
  for (let n = 2; key in sources; n++) key = `${base}-${n}`;
  return key;
}

/** Provenance with its keys in one order, so equal records compare equal as JSON. */
const canonicalProvenance = (p: Provenance): Provenance => ({
  source: p.source,
  ...(p.url !== undefined ? { url: p.url } : {}),
  author: p.author,
  ...(p.reviewer !== undefined ? { reviewer: p.reviewer } : {}),
  created: p.created,
  ...(p.reviewed !== undefined ? { reviewed: p.reviewed } : {}),
});

/**
 * Groups imported mappings into one mapping file per (source framework, target framework) pair, in first-seen order,
 * with the file's most common rationale, method, status and provenance as its defaults and every distinct provenance
 * record named under "sources". A pair stated twice, or together with its inverse, is reported: a restatement that
 * agrees is skipped with one warning per kind, a disagreeing one is an error (coded `conflicting-statement`, and neither
 * reading is kept), as is a self-loop.
 */
export function buildMappingFiles(entries: readonly ImportedMapping[], options: BuildMappingFilesOptions): { mappingFiles: MappingFile[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (at: InputLocation, message: string, severity: Problem['severity'] = 'error', code?: Problem['code']) =>
    problems.push({ file: options.file, ...(at.line ? { line: at.line } : {}), ...(at.path ? { path: at.path } : {}), message, severity, ...(code ? { code } : {}) });
  // Neither reading of a pair the file states two ways is kept: which one holds is for a person to decide.
  const conflicting = new Set<string>();
  const conflict = (entry: ImportedMapping, source: string, target: string, message: string) => {
    report(entry.at, message, 'error', 'conflicting-statement');
    conflicting.add(unorderedPair(source, target));
  };

  const byPair = new Map<string, ImportedMapping>();
  const kept: ImportedMapping[] = [];
  const skipped = { duplicate: [] as InputLocation[], inverse: [] as InputLocation[] };
  for (const entry of entries) {
    const source = `${entry.sourceFramework}:${entry.source}`;
    const target = `${entry.targetFramework}:${entry.target}`;
    if (source === target) {
      report(entry.at, `"${source}" is mapped to itself`);
      continue;
    }
    const same = byPair.get(`${source}\u0000${target}`);
    const inverse = byPair.get(`${target}\u0000${source}`);
    if (same) {
      const agrees = same.relationship === entry.relationship && same.rationale === entry.rationale && same.strength === entry.strength;
      if (agrees) skipped.duplicate.push(entry.at);
      else
        conflict(entry, source, target, `${source} → ${target} is stated again with a different relationship, rationale or strength (first at ${describe(same.at)}: ${same.relationship}, ${same.rationale}, ${same.strength}; here: ${entry.relationship}, ${entry.rationale}, ${entry.strength})`);
      continue;
    }
    if (inverse) {
      if (inverse.relationship === inverseRelationship(entry.relationship)) skipped.inverse.push(entry.at);
      else conflict(entry, source, target, `${source} ${entry.relationship} ${target} contradicts ${describe(inverse.at)}, which states ${target} ${inverse.relationship} ${source}`);
      continue;
    }
    byPair.set(`${source}\u0000${target}`, entry);
    kept.push(entry);
  }
  if (skipped.duplicate.length)
    report(skipped.duplicate[0]!, `skipped ${skipped.duplicate.length} mapping(s) that repeat an earlier one (first at ${describe(skipped.duplicate[0]!)})`, 'warning');
  if (skipped.inverse.length)
    report(skipped.inverse[0]!, `skipped ${skipped.inverse.length} mapping(s) that restate an earlier one in the opposite direction; Crosswalk derives inverses (first at ${describe(skipped.inverse[0]!)})`, 'warning');

  const groups = new Map<string, { source: string; target: string; mappings: ImportedMapping[]; noCounterparts: Array<ImportedNoCounterpart & { side: 'source' | 'target' }> }>();
  const group = (source: string, target: string) => {
    const key = `${source}\u0000${target}`;
    let found = groups.get(key);
    if (!found) groups.set(key, (found = { source, target, mappings: [], noCounterparts: [] }));
    return found;
  };
  for (const entry of kept)
    if (!conflicting.has(unorderedPair(`${entry.sourceFramework}:${entry.source}`, `${entry.targetFramework}:${entry.target}`)))
      group(entry.sourceFramework, entry.targetFramework).mappings.push(entry);
  for (const record of options.noCounterparts ?? []) {
    const asSource = groups.get(`${record.frameworkId}\u0000${record.otherFrameworkId}`);
    const asTarget = groups.get(`${record.otherFrameworkId}\u0000${record.frameworkId}`);
    if (asSource || !asTarget) group(record.frameworkId, record.otherFrameworkId).noCounterparts.push({ ...record, side: 'source' });
    else asTarget.noCounterparts.push({ ...record, side: 'target' });
  }

  const mappingFiles = [...groups.values()].map(({ source, target, mappings, noCounterparts }): MappingFile => {
    const sources: Record<string, Provenance> = {};
    const keyOf = new Map<string, string>();
    const nameProvenance = (p: Provenance) => {
      const record = canonicalProvenance(p);
      const json = JSON.stringify(record);
      const known = keyOf.get(json);
      if (known) return known;
      const key = unusedSourceKey(sources, record.source);
      sources[key] = record;
      keyOf.set(json, key);
      return key;
    };
    const provenanceKeys = mappings.map((m) => nameProvenance(m.provenance));
    const noCounterpartKeys = noCounterparts.map((n) => nameProvenance(n.provenance));
    // Named whole (never merged over the default), so they need no say in which key is the default.
    const alsoStated = mappings.flatMap((m) =>
      (m.alsoStatedBy ?? []).map((s) => ({
        source: m.source,
        target: m.target,
        relationship: s.relationship,
        ...(s.strength !== undefined ? { strength: s.strength } : {}),
        provenance: nameProvenance(s.provenance),
        ...(s.note !== undefined ? { note: s.note } : {}),
      })),
    );
    const defaults = {
      rationale: mostCommon(mappings.map((m) => m.rationale)),
      method: mostCommon(mappings.map((m) => m.method)),
      status: mostCommon([...mappings.map((m) => m.status), ...noCounterparts.map((n) => n.status)]),
      provenance: defaultProvenance([...provenanceKeys, ...noCounterpartKeys], sources),
    };
    return {
      source,
      target,
      ...(options.description ? { description: options.description } : {}),
      sources,
      defaults: {
        ...(defaults.rationale ? { rationale: defaults.rationale } : {}),
        ...(defaults.method ? { method: defaults.method } : {}),
        ...(defaults.status ? { status: defaults.status } : {}),
        ...(defaults.provenance ? { provenance: defaults.provenance } : {}),
      },
      mappings: mappings.map((m, index) => ({
        source: m.source,
        target: m.target,
        relationship: m.relationship,
        ...(m.rationale !== defaults.rationale ? { rationale: m.rationale } : {}),
        strength: m.strength,
        ...(m.method !== defaults.method ? { method: m.method } : {}),
        ...(m.status !== defaults.status ? { status: m.status } : {}),
        ...(provenanceKeys[index] !== defaults.provenance ? { provenance: provenanceKeys[index] } : {}),
        ...(m.note !== undefined ? { note: m.note } : {}),
        ...(m.reviewNote !== undefined ? { reviewNote: m.reviewNote } : {}),
      })),
      noCounterpart: noCounterparts.map((n, index) => ({
        ref: n.ref,
        side: n.side,
        note: n.note,
        ...(n.status !== defaults.status ? { status: n.status } : {}),
        ...(noCounterpartKeys[index] !== defaults.provenance ? { provenance: noCounterpartKeys[index] } : {}),
      })),
      ...(alsoStated.length ? { alsoStated } : {}),
    };
  });
  return { mappingFiles, problems };
}
