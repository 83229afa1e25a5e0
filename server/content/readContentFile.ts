import type { z } from 'zod';
import type { Problem } from '../domain/errors.js';
import { mappingId, requirementId } from '../domain/ids.js';
import type { ContentBundle } from '../domain/schemas/content.js';
import type { Mapping, NoCounterpart, Provenance, SourceStatement } from '../domain/schemas/mapping.js';
import type { Requirement } from '../domain/schemas/requirement.js';
import { emptyBundle } from '../domain/schemas/content.js';
import type { DeclaredPair, Location } from '../domain/validation/rules.js';
import { CatalogFileSchema, HarmonizedFileSchema, MappingFileSchema, type MappingFile } from './fileSchemas.js';
import { formatPath, parseYaml, type PathSegment } from './yamlDocument.js';

export type ContentFileKind = 'catalog' | 'mapping' | 'harmonized';

export interface ReadContentFileResult {
  kind?: ContentFileKind;
  bundle: ContentBundle;
  /** The framework pairs that mapping files declare in their header. */
  mappingPairs: DeclaredPair[];
  problems: Problem[];
  /** Where each item of the bundle was written, for messages of cross-file rules. */
  locations: Map<object, Location>;
  /** Clauses this file adds to harmonized concepts defined in other files (entries without a title). */
  harmonizedExtensions: HarmonizedExtension[];
  /** Further sources of pairs held as mappings elsewhere ("alsoStated"), for the loader to attach. */
  restatements: Restatement[];
}

/** Another source's statement of the pair `source` → `target` (requirement ids), read in that direction. */
export interface Restatement {
  source: string;
  target: string;
  statement: SourceStatement;
  at: Location;
}

export interface HarmonizedExtension {
  id: string;
  requirementIds: string[];
  at: Location;
}

function detectKind(data: unknown): ContentFileKind | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if ('framework' in data) return 'catalog';
  if ('harmonizedClauses' in data) return 'harmonized';
  if ('mappings' in data || 'noCounterpart' in data || ('source' in data && 'target' in data)) return 'mapping';
  return undefined;
}

/** Reads one catalog, mapping or harmonized-structure file into domain objects; never throws on bad content. */
export function readContentFile(file: string, text: string, { origin = 'reference' as Mapping['origin'] } = {}): ReadContentFileResult {
  const result: ReadContentFileResult = { bundle: emptyBundle(), mappingPairs: [], problems: [], locations: new Map(), harmonizedExtensions: [], restatements: [] };
  const yaml = parseYaml(file, text);
  result.problems.push(...yaml.problems);
  if (yaml.data === undefined) return result;

  const at = (path: PathSegment[]): Location => ({ file, line: yaml.lineOf(path), path: formatPath(path) });
  const fail = (path: PathSegment[], message: string) =>
    result.problems.push({ ...at(path), message, severity: 'error' });
  const check = <S extends z.ZodType>(schema: S): z.infer<S> | undefined => {
    const parsed = schema.safeParse(yaml.data);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) fail(issue.path as PathSegment[], issue.message);
    return undefined;
  };

  result.kind = detectKind(yaml.data);
  switch (result.kind) {
    case 'catalog': {
      const catalog = check(CatalogFileSchema);
      if (!catalog) break;
      const fw = catalog.framework;
      result.bundle.frameworks.push(fw);
      result.locations.set(fw, at(['framework', 'id']));
      catalog.requirements.forEach((entry, index) => {
        const requirement: Requirement = {
          id: requirementId(fw.id, entry.ref),
          frameworkId: fw.id,
          ref: entry.ref,
          kind: entry.kind,
          title: entry.title,
          summary: entry.summary,
          parentId: entry.parent === undefined ? undefined : requirementId(fw.id, entry.parent),
          order: index,
          tags: entry.tags ?? [],
        };
        result.bundle.requirements.push(requirement);
        result.locations.set(requirement, at(['requirements', index]));
      });
      break;
    }
    case 'mapping': {
      const mappingFile = check(MappingFileSchema);
      if (mappingFile) readMappingFile(mappingFile, { origin, at, fail, result });
      break;
    }
    case 'harmonized': {
      const hs = check(HarmonizedFileSchema);
      if (!hs) break;
      hs.harmonizedClauses.forEach((clause, index) => {
        const requirementIds = Object.entries(clause.clauses).flatMap(([fw, refs]) => refs.map((ref) => requirementId(fw, ref)));
        if (clause.title === undefined || clause.summary === undefined) {
          result.harmonizedExtensions.push({ id: clause.id, requirementIds, at: at(['harmonizedClauses', index]) });
          return;
        }
        const concept = { id: clause.id, title: clause.title, summary: clause.summary, order: index, requirementIds };
        result.bundle.harmonizedClauses.push(concept);
        result.locations.set(concept, at(['harmonizedClauses', index]));
      });
      break;
    }
    default:
      fail([], 'not a Crosswalk content file: expected a top-level "framework" (catalog), "mappings" (crosswalk) or "harmonizedClauses" key');
  }
  return result;
}

interface MappingContext {
  origin: Mapping['origin'];
  at: (path: PathSegment[]) => Location;
  fail: (path: PathSegment[], message: string) => void;
  result: ReadContentFileResult;
}

function readMappingFile(file: MappingFile, { origin, at, fail, result }: MappingContext) {
  const resolveProvenance = (ref: MappingFile['defaults']['provenance'], path: PathSegment[]): Partial<Provenance> | undefined => {
    if (ref === undefined) return undefined;
    if (typeof ref !== 'string') return ref;
    const named = file.sources[ref];
    if (!named) fail(path, `unknown provenance "${ref}" (expected one of: ${Object.keys(file.sources).join(', ') || 'no "sources" are defined'})`);
    return named;
  };
  const defaultProvenance = resolveProvenance(file.defaults.provenance, ['defaults', 'provenance']) ?? {};
  const provenanceFor = (ref: MappingFile['defaults']['provenance'], path: PathSegment[]): Provenance | undefined => {
    // A named source stands whole; an inline record only fills in or overrides fields of the default.
    const merged = typeof ref === 'string' ? { ...resolveProvenance(ref, path) } : { ...defaultProvenance, ...resolveProvenance(ref, path) };
    if (!merged.source || !merged.author || !merged.created) {
      fail(path, 'provenance is incomplete: every mapping needs a source document, an author and a created date (set "defaults.provenance" or the entry\'s "provenance")');
      return undefined;
    }
    return merged as Provenance;
  };

  file.mappings.forEach((entry, index) => {
    const path = ['mappings', index];
    const rationale = entry.rationale ?? file.defaults.rationale;
    const method = entry.method ?? file.defaults.method;
    const status = entry.status ?? file.defaults.status;
    if (!rationale) fail([...path, 'rationale'], 'missing rationale (syntactic, semantic or functional) and no default is set');
    if (!method) fail([...path, 'method'], 'missing method (human, automation or hybrid) and no default is set');
    if (!status) fail([...path, 'status'], 'missing status (proposed, approved or rejected) and no default is set');
    const provenance = provenanceFor(entry.provenance, [...path, 'provenance']);
    if (!rationale || !method || !status || !provenance) return;
    const source = requirementId(file.source, entry.source);
    const target = requirementId(file.target, entry.target);
    const mapping: Mapping = {
      id: mappingId(source, target),
      source,
      target,
      relationship: entry.relationship,
      rationale,
      strength: entry.strength,
      method,
      status,
      origin,
      provenance,
      note: entry.note,
      ...(entry.reviewNote !== undefined ? { reviewNote: entry.reviewNote } : {}),
    };
    result.bundle.mappings.push(mapping);
    result.locations.set(mapping, at(path));
  });

  file.noCounterpart.forEach((entry, index) => {
    const path = ['noCounterpart', index];
    const provenance = provenanceFor(entry.provenance, [...path, 'provenance']);
    const status = entry.status ?? file.defaults.status;
    if (!status) fail([...path, 'status'], 'missing status and no default is set');
    if (!provenance || !status) return;
    const [own, other] = entry.side === 'source' ? [file.source, file.target] : [file.target, file.source];
    const record: NoCounterpart = {
      requirementId: requirementId(own, entry.ref),
      otherFrameworkId: other,
      note: entry.note,
      status,
      origin,
      provenance,
    };
    result.bundle.noCounterparts.push(record);
    result.locations.set(record, at(path));
  });
  (file.alsoStated ?? []).forEach((entry, index) => {
    const path = ['alsoStated', index];
    const provenance = provenanceFor(entry.provenance, [...path, 'provenance']);
    if (!provenance) return;
    const statement: SourceStatement = {
      relationship: entry.relationship,
      ...(entry.strength !== undefined ? { strength: entry.strength } : {}),
      ...(entry.note !== undefined ? { note: entry.note } : {}),
      provenance,
    };
    result.restatements.push({ source: requirementId(file.source, entry.source), target: requirementId(file.target, entry.target), statement, at: at(path) });
  });

  const pair = { source: file.source, target: file.target };
  result.mappingPairs.push(pair);
  result.locations.set(pair, at(['source']));
}
