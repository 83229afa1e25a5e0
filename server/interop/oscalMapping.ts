import path from 'node:path';
import { z } from 'zod';
import { formatPath, type PathSegment } from '../content/yamlDocument.js';
import { frameworkCitation } from '../domain/citation.js';
import { InputError } from '../domain/errors.js';
import { frameworkOf, splitRequirementId } from '../domain/ids.js';
import { inverseRelationship } from '../domain/relationships.js';
import { FrameworkIdSchema, IsoDateSchema, RefSchema, WebUrlSchema } from '../domain/schemas/common.js';
import type { Framework } from '../domain/schemas/framework.js';
import { SourceStatementSchema, type Mapping, type Method, type Provenance, type Rationale, type Relationship, type SourceStatement, type Status } from '../domain/schemas/mapping.js';
import type { Requirement } from '../domain/schemas/requirement.js';
import { buildMappingFiles, type ImportedMapping } from './buildMappingFiles.js';
import { currentDate, isRecord, isoDateOf, parseOscalInput, problemReporter } from './jsonInput.js';
import { attempt, defaultStrength, maybeMethod, maybeRationale, maybeRelationship, maybeStatus, maybeStrength } from './maybeRelationship.js';
import { missingPrefix, prefixReadingMessage } from './missingPrefix.js';
import { oscalIds } from './oscalCatalog.js';
import { OSCAL_NS, OSCAL_VERSION, crosswalkProp, oneLine, propValue, uuidProblem } from './oscalCommon.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';
import { uuidV5 } from './uuid.js';

/** The href a Crosswalk export gives a framework's catalog when the caller names none. */
export const crosswalkFrameworkHref = (frameworkId: string) => `urn:crosswalk:framework:${frameworkId}`;
const HREF_PATTERN = /^urn:crosswalk:framework:([a-z0-9][a-z0-9._-]*)$/;

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

export interface OscalMappingExportOptions {
  source: Framework;
  target: Framework;
  /** Mappings between the two frameworks, stored in either direction; others are ignored. */
  mappings: readonly Mapping[];
  /** Requirements of both frameworks, so that id-refs are the ids `exportOscalCatalog` gives their controls. */
  requirements?: readonly Requirement[];
  /** ISO date-time with a time zone for metadata.last-modified. */
  lastModified: string;
  /** Which mappings to export. Rejected ones are left out by default: other tools would read them as claims. */
  statuses?: readonly Status[];
  title?: string;
  description?: string;
  /** metadata.version; defaults to the date part of lastModified. */
  version?: string;
  /** Where each framework's OSCAL catalog is; defaults to "urn:crosswalk:framework:<id>". */
  hrefFor?: (framework: Framework) => string;
}

const statusOfDocument = (statuses: Status[]): 'complete' | 'draft' => (statuses.every((s) => s === 'approved') ? 'complete' : 'draft');

const mostCommon = <T extends string>(values: T[]): T | undefined => {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/**
 * One framework pair's mappings as an OSCAL 1.2.1 mapping-collection (one `mapping`, one `map` per Crosswalk mapping,
 * source → target). A mapping stored target → source is written inverted with a `direction: inverse` prop. Every
 * field OSCAL has no place for travels in Crosswalk props on the map: strength, status, method, provenance (source,
 * url, author, created, reviewer, reviewed) and review note; the note is the map's remarks and each item carries the
 * exact ref. UUIDs are v5 UUIDs of the framework pair and mapping ids, so the same content exports identically.
 */
export function exportOscalMapping(options: OscalMappingExportOptions): string {
  const { source, target, lastModified, statuses = ['approved', 'proposed'], hrefFor = (f: Framework) => crosswalkFrameworkHref(f.id) } = options;
  const selected = options.mappings
    .filter((m) => statuses.includes(m.status))
    .flatMap((m) => {
      const [from, to] = [frameworkOf(m.source), frameworkOf(m.target)];
      if (from === source.id && to === target.id) return [{ m, inverse: false }];
      if (from === target.id && to === source.id) return [{ m, inverse: true }];
      return [];
    });
  if (!selected.length)
    throw new InputError(`OSCAL mapping export: no ${statuses.join('/')} mappings between "${source.id}" and "${target.id}" (a mapping-collection needs at least one)`);

  const idsOf = (frameworkId: string) => oscalIds((options.requirements ?? []).filter((r) => r.frameworkId === frameworkId));
  const ids = { [source.id]: idsOf(source.id), [target.id]: idsOf(target.id) };
  const item = (requirementId: string) => {
    const { frameworkId, ref } = splitRequirementId(requirementId);
    const idRef = ids[frameworkId]?.get(ref) ?? oscalIds([{ ref, order: 0 }]).get(ref)!;
    return { type: 'control', 'id-ref': idRef, props: [crosswalkProp('ref', ref)] };
  };
  const maps = selected.map(({ m, inverse }) => {
    const p = m.provenance;
    return {
      uuid: uuidV5(`map:${m.id}`),
      'matching-rationale': m.rationale,
      relationship: inverse ? inverseRelationship(m.relationship) : m.relationship,
      sources: [item(inverse ? m.target : m.source)],
      targets: [item(inverse ? m.source : m.target)],
      props: [
        crosswalkProp('strength', String(m.strength)),
        crosswalkProp('status', m.status),
        crosswalkProp('method', m.method),
        crosswalkProp('provenance-source', p.source),
        ...(p.url ? [crosswalkProp('provenance-url', p.url)] : []),
        crosswalkProp('provenance-author', p.author),
        crosswalkProp('provenance-created', p.created),
        ...(p.reviewer ? [crosswalkProp('reviewer', p.reviewer)] : []),
        ...(p.reviewed ? [crosswalkProp('reviewed', p.reviewed)] : []),
        ...(m.reviewNote !== undefined ? [crosswalkProp('review-note', m.reviewNote)] : []),
        ...(inverse ? [crosswalkProp('direction', 'inverse')] : []),
        // Further sources as JSON, their relationships read in the mapping's own direction (see "direction").
        ...(m.alsoStatedBy?.length ? [crosswalkProp('also-stated-by', JSON.stringify(m.alsoStatedBy))] : []),
      ],
      ...(m.note !== undefined ? { remarks: m.note } : {}),
    };
  });
  const methods = [...new Set(selected.map(({ m }) => m.method))];
  const method: Method = methods.length === 1 ? methods[0]! : 'hybrid';
  const rationale = mostCommon(selected.map(({ m }) => m.rationale))!;
  const status = statusOfDocument(selected.map(({ m }) => m.status));
  const label = (f: Framework) => oneLine(frameworkCitation(f));
  const description = options.description ?? `Crosswalk mappings from ${label(source)} to ${label(target)}, exported by Crosswalk.`;
  const resource = (f: Framework) => ({ type: 'catalog', href: hrefFor(f), props: [crosswalkProp('framework-id', f.id)] });
  const collection = {
    'mapping-collection': {
      uuid: uuidV5(`mapping-collection:${source.id}:${target.id}`),
      metadata: {
        title: oneLine(options.title ?? `${label(source)} to ${label(target)}`),
        'last-modified': lastModified,
        version: options.version ?? lastModified.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
      },
      provenance: { method, 'matching-rationale': rationale, status, 'mapping-description': description },
      mappings: [
        {
          uuid: uuidV5(`mapping:${source.id}:${target.id}`),
          method,
          'matching-rationale': rationale,
          status,
          'source-resource': resource(source),
          'target-resource': resource(target),
          maps,
        },
      ],
    },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

export interface OscalMappingImportOptions extends ImportOptions {
  /**
   * Crosswalk framework id of every source-resource (the CLI's --from); wins over what the file says. Several ids,
   * comma-separated, for a collection whose mappings point at several catalogs: each mapping's resource is read as
   * the one whose requirements its id-refs name (most of them; see resolveIdRef).
   */
  sourceFramework?: string;
  /** Crosswalk framework id(s) of the target-resources (--to), as sourceFramework. */
  targetFramework?: string;
  /**
   * The Crosswalk ref an OSCAL id-ref denotes in a framework (e.g. "ac-1" → "AC-1", from the loaded catalog);
   * undefined reports the id-ref as dangling. The exact ref a Crosswalk export recorded wins; without either, the
   * id-ref itself is the ref.
   */
  resolveIdRef?: (frameworkId: string, idRef: string) => string | undefined;
  /** The refs of a loaded framework, so ids written without a prefix its refs share ("5.1" for A.5.1) are recognised (see missingPrefix). */
  refsOf?: (frameworkId: string) => readonly string[] | undefined;
}

/**
 * The relationship each (source, target) pair of a map with several sources or targets can honestly carry: the
 * map's statement is about the union of each side, so e.g. {A1, A2} equal-to {B} means each Ai is a subset of B.
 */
export function pairwiseRelationship(relationship: Relationship, sources: number, targets: number): Relationship {
  if (sources === 1 && targets === 1) return relationship;
  if (relationship === 'no-relationship') return relationship;
  if (targets === 1 && ['equal-to', 'equivalent-to', 'subset-of'].includes(relationship)) return 'subset-of';
  if (sources === 1 && ['equal-to', 'equivalent-to', 'superset-of'].includes(relationship)) return 'superset-of';
  return 'intersects-with';
}

/** The framework ids of a --from or --to option: one, or several separated by commas. */
const frameworkList = (value: string | undefined): string[] => (value ?? '').split(',').map((id) => id.trim()).filter(Boolean);

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * The namespace a tool's catalog puts before every control id of one side ("iso-iec-42001_" in "iso-iec-42001_4-1"):
 * the longest prefix, ending in "_" or ":", that all of that side's id-refs share (at least two of them). Only "_" and
 * ":" end one, so a family prefix such as "ac-" in "ac-1" never counts.
 */
export function idRefNamespace(idRefs: readonly string[]): string | undefined {
  const distinct = [...new Set(idRefs)];
  if (distinct.length < 2) return undefined;
  let common = distinct[0]!;
  for (const id of distinct) while (!id.startsWith(common)) common = common.slice(0, -1);
  const end = Math.max(common.lastIndexOf('_'), common.lastIndexOf(':'));
  return end > 0 && distinct.every((id) => id.length > end + 1) ? common.slice(0, end + 1) : undefined;
}

/**
 * Reads an OSCAL 1.2 mapping-collection into mapping files. Each map's sources × targets become Crosswalk mappings
 * (with the relationship each pair can carry, see pairwiseRelationship, and a warning when a map is not one-to-one).
 * Framework ids come from the options, else a Crosswalk export's props or href; refs are the ref a Crosswalk export
 * recorded, else what the resolver says, else the id-ref. Mappings are "proposed" and "human" unless a Crosswalk export states otherwise.
 */
export function importOscalMapping(text: string, options: OscalMappingImportOptions): ImportResult {
  const { file } = options;
  const parsed = parseOscalInput(text, file);
  const { problems, report } = problemReporter(file, [...parsed.problems]);
  if (parsed.data === undefined) return emptyImport(problems);

  const root = parsed.data;
  if (!isRecord(root) || !isRecord(root['mapping-collection'])) {
    report([], `not an OSCAL mapping collection: expected a top-level "mapping-collection" object${isRecord(root) && isRecord(root.catalog) ? ' (this file holds a catalog)' : ''}`);
    return emptyImport(problems);
  }
  const collection = root['mapping-collection'];
  const base: PathSegment[] = ['mapping-collection'];
  const uuidChecks = uuidChecker(report);
  uuidChecks.checkDocument([...base, 'uuid'], collection.uuid);
  const metadata = isRecord(collection.metadata) ? collection.metadata : {};
  const provenance = isRecord(collection.provenance) ? collection.provenance : {};
  const documentTitle = typeof metadata.title === 'string' && metadata.title.trim() ? metadata.title.trim() : path.basename(file);
  const documentDate = isoDateOf(metadata.published) ?? isoDateOf(metadata['last-modified']) ?? options.today ?? currentDate();

  const given = { source: frameworkList(options.sourceFramework), target: frameworkList(options.targetFramework) };
  for (const [option, values] of [['--from', given.source], ['--to', given.target]] as const)
    for (const value of values) {
      const check = FrameworkIdSchema.safeParse(value);
      if (!check.success) report([], `${option} "${value}": ${check.error.issues[0]?.message}`);
    }
  const chosen: Array<{ at: PathSegment[]; side: 'source' | 'target'; href: string | undefined; frameworkId: string; named: number; of: number }> = [];

  const entries: ImportedMapping[] = [];
  const defaulted = { strength: [] as string[], rationale: [] as string[] };
  // Reported once per kind, not once per map: a published collection has hundreds of one-to-many maps.
  const manyToMany: Array<{ at: PathSegment[]; shape: string; pairwise: Relationship }> = [];
  const unresolved = new Map<string, { idRefs: Set<string>; items: number; first: PathSegment[] }>();
  const readWithoutNamespace: Array<{ idRef: string; ref: string; at: PathSegment[] }> = [];
  const readAsFragment: typeof readWithoutNamespace = [];
  const readWithPrefix: Array<{ idRef: string; ref: string; at: PathSegment[]; frameworkId: string; prefix: string; asWritten?: string }> = [];
  const mappings = list(collection.mappings);
  if (!mappings.length) report([...base, 'mappings'], 'no mappings');
  mappings.forEach((mapping, i) => {
    const at: PathSegment[] = [...base, 'mappings', i];
    if (!isRecord(mapping)) return report(at, 'expected a mapping object');
    uuidChecks.checkDocument([...at, 'uuid'], mapping.uuid);
    const maps = list(mapping.maps);
    const frameworkFor = (side: 'source' | 'target'): string | undefined => {
      const resource = mapping[`${side}-resource`];
      const candidates = given[side];
      if (candidates.length === 1) return candidates[0];
      if (candidates.length > 1) return chooseFramework(side, candidates, isRecord(resource) && typeof resource.href === 'string' ? resource.href : undefined);
      const fromProp = propValue(resource, 'framework-id');
      const href = isRecord(resource) && typeof resource.href === 'string' ? resource.href : undefined;
      const fromHref = href ? HREF_PATTERN.exec(href)?.[1] : undefined;
      const id = fromProp ?? fromHref;
      if (id && FrameworkIdSchema.safeParse(id).success) return id;
      report([...at, `${side}-resource`], `cannot tell which Crosswalk framework the ${side} resource${href ? ` (href "${href}")` : ''} is; pass it with ${side === 'source' ? '--from' : '--to'} <framework-id>`);
      return undefined;
    };
    const idRefsOf = (side: 'sources' | 'targets') =>
      maps.flatMap((map) => (isRecord(map) ? list(map[side]) : [])).flatMap((item) => (isRecord(item) && typeof item['id-ref'] === 'string' ? [item['id-ref']] : []));
    // Of several frameworks given for one side, the one whose requirements most of this mapping's id-refs name.
    const chooseFramework = (side: 'source' | 'target', candidates: string[], href: string | undefined): string | undefined => {
      const idRefs = [...new Set(idRefsOf(side === 'source' ? 'sources' : 'targets'))];
      const named = candidates.map((frameworkId) => ({ frameworkId, named: options.resolveIdRef ? idRefs.filter((id) => options.resolveIdRef!(frameworkId, id) !== undefined).length : 0 }));
      const [best, second] = [...named].sort((a, b) => b.named - a.named);
      const option = side === 'source' ? '--from' : '--to';
      if (!best || best.named === 0 || (second && second.named === best.named)) {
        report([...at, `${side}-resource`], `of the frameworks given with ${option} (${candidates.join(', ')}), ${best?.named ? `${best.named} of the ${idRefs.length} id-ref(s) of this mapping name requirements of ${named.filter((n) => n.named === best.named).map((n) => n.frameworkId).join(' and of ')} alike` : `none has a requirement that the ${idRefs.length} id-ref(s) of this mapping name`}${href ? ` (its ${side} resource is "${href}")` : ''}; import this mapping on its own with one ${option} framework`);
        return undefined;
      }
      chosen.push({ at: [...at, `${side}-resource`], side, href, frameworkId: best.frameworkId, named: best.named, of: idRefs.length });
      return best.frameworkId;
    };
    const sourceFramework = frameworkFor('source');
    const targetFramework = frameworkFor('target');
    const mappingMethod = [mapping.method, provenance.method].find((v) => typeof v === 'string');
    const mappingRationale = [mapping['matching-rationale'], provenance['matching-rationale']].find((v) => typeof v === 'string');
    if (!maps.length) report([...at, 'maps'], 'no maps');
    if (!sourceFramework || !targetFramework) return;
    const namespaces = { sources: idRefNamespace(idRefsOf('sources')), targets: idRefNamespace(idRefsOf('targets')) };
    const prefixOf = (frameworkId: string, side: 'sources' | 'targets') => {
      const refs = options.refsOf?.(frameworkId);
      return refs ? missingPrefix(refs, idRefsOf(side)) : undefined;
    };
    const prefixes = { sources: prefixOf(sourceFramework, 'sources'), targets: prefixOf(targetFramework, 'targets') };

    maps.forEach((map, j) => {
      const mapAt: PathSegment[] = [...at, 'maps', j];
      if (!isRecord(map)) return report(mapAt, 'expected a map object');
      uuidChecks.checkMap([...mapAt, 'uuid'], map.uuid);
      const fail = (key: PathSegment[], message: string) => report([...mapAt, ...key], message);
      if (map.ns !== undefined && map.ns !== OSCAL_NS) return fail(['ns'], `relationships in namespace "${String(map.ns)}" are not OSCAL's and cannot be read`);
      const relationship = attempt(() => maybeRelationship(map.relationship));
      if (relationship.error !== undefined) fail(['relationship'], relationship.error);
      const rationaleText = [map['matching-rationale'], mappingRationale].find((v) => typeof v === 'string');
      const rationale = attempt(() => (rationaleText === undefined ? ('semantic' as Rationale) : maybeRationale(rationaleText)));
      if (rationale.error !== undefined) fail(['matching-rationale'], rationale.error);
      if (rationaleText === undefined) defaulted.rationale.push(formatPath(mapAt));
      const prop = (name: string) => propValue(map, name);
      const normalised = <T>(name: string, normalise: (v: string) => T, fallback: T): T | undefined => {
        const value = prop(name);
        if (value === undefined) return fallback;
        const result = attempt(() => normalise(value));
        if (result.error !== undefined) fail(['props'], `${name}: ${result.error}`);
        return result.value;
      };
      const strength = normalised('strength', (v) => maybeStrength(v), undefined);
      const status = normalised<Status>('status', maybeStatus, 'proposed');
      const methodText = prop('method') ?? mappingMethod;
      const method = attempt(() => (methodText === undefined ? ('human' as Method) : maybeMethod(methodText)));
      if (method.error !== undefined) fail(prop('method') ? ['props'] : [], `method: ${method.error}`);
      const date = (name: string) => {
        const value = prop(name);
        if (value !== undefined && !IsoDateSchema.safeParse(value).success) fail(['props'], `${name}: "${value}" is not a date (YYYY-MM-DD)`);
        return value;
      };
      const url = prop('provenance-url');
      if (url !== undefined && !WebUrlSchema.safeParse(url).success) fail(['props'], `provenance-url: "${url}" is not an http(s) URL`);
      const created = date('provenance-created') ?? documentDate;
      const reviewed = date('reviewed');
      const reviewer = prop('reviewer');
      const record: Provenance = {
        source: prop('provenance-source') ?? documentTitle,
        ...(url !== undefined ? { url } : {}),
        author: prop('provenance-author') ?? 'imported',
        ...(reviewer !== undefined ? { reviewer } : {}),
        created,
        ...(reviewed !== undefined ? { reviewed } : {}),
      };

      const items = (side: 'sources' | 'targets', frameworkId: string) =>
        list(map[side]).flatMap((item, k): Array<{ ref: string; at: PathSegment[] }> => {
          const itemAt: PathSegment[] = [side, k];
          if (!isRecord(item)) return fail(itemAt, 'expected an object with "type" and "id-ref"'), [];
          if (item.type !== 'control' && item.type !== 'statement') fail([...itemAt, 'type'], `invalid type: ${JSON.stringify(item.type)} (expected: control, statement)`);
          const idRef = item['id-ref'];
          if (typeof idRef !== 'string' || !idRef.trim())
            return fail([...itemAt, 'id-ref'], `missing id-ref${'id_ref' in item || 'idRef' in item ? ` (found "${'id_ref' in item ? 'id_ref' : 'idRef'}": OSCAL spells the key "id-ref", with a hyphen)` : ''}`), [];
          const recorded = propValue(item, 'ref');
          const prefix = prefixes[side];
          const prefixed = recorded === undefined && prefix && options.resolveIdRef ? options.resolveIdRef(frameworkId, `${prefix}${idRef.trim()}`) : undefined;
          if (prefixed !== undefined) {
            const asWritten = options.resolveIdRef!(frameworkId, idRef);
            readWithPrefix.push({ idRef, ref: prefixed, at: [...mapAt, ...itemAt, 'id-ref'], frameworkId, prefix: prefix!, ...(asWritten !== undefined ? { asWritten } : {}) });
          }
          let ref = prefixed ?? recorded ?? (options.resolveIdRef ? options.resolveIdRef(frameworkId, idRef) : idRef);
          // An id written as a link within the document ("#cis-1.1", as drafts do) names the same control.
          if (ref === undefined && options.resolveIdRef && idRef.startsWith('#')) {
            ref = options.resolveIdRef(frameworkId, idRef.slice(1));
            if (ref !== undefined) readAsFragment.push({ idRef, ref, at: [...mapAt, ...itemAt, 'id-ref'] });
          }
          const namespace = namespaces[side];
          if (ref === undefined && options.resolveIdRef && namespace && idRef.startsWith(namespace)) {
            ref = options.resolveIdRef(frameworkId, idRef.slice(namespace.length));
            if (ref !== undefined) readWithoutNamespace.push({ idRef, ref, at: [...mapAt, ...itemAt, 'id-ref'] });
          }
          if (ref === undefined) {
            const missing = unresolved.get(frameworkId) ?? { idRefs: new Set<string>(), items: 0, first: [...mapAt, ...itemAt, 'id-ref'] };
            missing.idRefs.add(idRef);
            missing.items++;
            unresolved.set(frameworkId, missing);
            return [];
          }
          const checked = RefSchema.safeParse(ref);
          if (!checked.success) return fail([...itemAt, 'id-ref'], `"${ref}": ${checked.error.issues[0]?.message}`), [];
          return [{ ref, at: [...mapAt, ...itemAt] }];
        });
      const sources = items('sources', sourceFramework);
      const targets = items('targets', targetFramework);
      if (!list(map.sources).length) fail(['sources'], 'no sources');
      if (!list(map.targets).length) fail(['targets'], 'no targets');
      if (relationship.value === undefined || rationale.value === undefined || status === undefined || method.value === undefined) return;

      const counts = { sources: list(map.sources).length, targets: list(map.targets).length };
      const pairwise = pairwiseRelationship(relationship.value, counts.sources, counts.targets);
      const groupNote =
        counts.sources * counts.targets > 1
          ? `Imported from an OSCAL map that states ${counts.sources} source(s) ${relationship.value} ${counts.targets} target(s) together; this pair was given ${pairwise}.`
          : undefined;
      if (groupNote) manyToMany.push({ at: mapAt, shape: `${counts.sources} source(s) to ${counts.targets} target(s)`, pairwise });
      const remarks = typeof map.remarks === 'string' ? map.remarks : undefined;
      const note = [remarks, groupNote].filter((n) => n !== undefined).join('\n') || undefined;
      const reviewNote = prop('review-note');
      const inverse = prop('direction') === 'inverse';
      const alsoStatedBy = furtherSources(prop('also-stated-by'), counts, (message) => fail(['props'], `also-stated-by: ${message}`));
      if (strength === undefined) defaulted.strength.push(formatPath(mapAt));
      for (const s of sources)
        for (const t of targets) {
          const [from, to] = inverse ? [t, s] : [s, t];
          entries.push({
            sourceFramework: inverse ? targetFramework : sourceFramework,
            targetFramework: inverse ? sourceFramework : targetFramework,
            source: from.ref,
            target: to.ref,
            relationship: inverse ? inverseRelationship(pairwise) : pairwise,
            rationale: rationale.value,
            strength: strength ?? defaultStrength(pairwise),
            method: method.value,
            status,
            provenance: record,
            ...(note !== undefined ? { note } : {}),
            ...(reviewNote !== undefined ? { reviewNote } : {}),
            ...(alsoStatedBy ? { alsoStatedBy } : {}),
            at: { path: formatPath(mapAt) },
          });
        }
    });
  });
  uuidChecks.reportMaps();
  for (const { at, side, href, frameworkId, named, of } of chosen)
    report(at, `the ${side} resource${href ? ` "${href}"` : ''} is read as ${frameworkId}, whose requirements ${named} of this mapping's ${of} distinct id-ref(s) name`, 'warning');
  const [firstGroup] = manyToMany;
  if (manyToMany.length === 1) report(firstGroup!.at, `the map relates ${firstGroup!.shape}; each pair is imported as ${firstGroup!.pairwise}: review them`, 'warning');
  else if (firstGroup)
    report(firstGroup.at, `${manyToMany.length} maps relate several sources or targets together (this one ${firstGroup.shape}); each of their pairs is imported with the relationship a single pair can carry (here ${firstGroup.pairwise}) and a note: review them`, 'warning');
  for (const [read, how] of [[readWithoutNamespace, 'without the namespace their catalog puts before every id'], [readAsFragment, 'without the "#" of a link within a document (OSCAL writes the bare id)']] as const) {
    if (!read.length) continue;
    const distinct = [...new Map(read.map((r) => [r.idRef, r])).values()];
    const examples = distinct.slice(0, 3).map((r) => `"${r.idRef}" as ${r.ref}`).join(', ');
    report(read[0]!.at, `${distinct.length} id-ref(s) were read ${how}, e.g. ${examples}; check them`, 'warning');
  }
  for (const frameworkId of new Set(readWithPrefix.map((r) => r.frameworkId))) {
    const read = [...new Map(readWithPrefix.filter((r) => r.frameworkId === frameworkId).map((r) => [r.idRef, r])).values()];
    report(read[0]!.at, prefixReadingMessage('id-ref(s)', frameworkId, read[0]!.prefix, read.map((r) => ({ ...r, written: r.idRef }))), 'warning');
  }
  for (const [frameworkId, { idRefs, items, first }] of unresolved) {
    const examples = [...idRefs].slice(0, 3).map((id) => `"${id}"`).join(', ');
    report(first, items === 1 ? `${examples} is not a requirement of ${frameworkId}; this pair is not imported` : `${idRefs.size} id-ref(s) name no requirement of ${frameworkId}, e.g. ${examples}; their ${items} place(s) in maps are left out (this is the first)`, 'warning');
  }
  if (defaulted.rationale.length)
    problems.push({ file, path: defaulted.rationale[0], message: `${defaulted.rationale.length} map(s) state no matching-rationale and were given "semantic"; review them`, severity: 'warning' });
  if (defaulted.strength.length)
    problems.push({ file, path: defaulted.strength[0], message: `${defaulted.strength.length} map(s) state no strength and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them`, severity: 'warning' });

  const built = buildMappingFiles(entries, { file, description: `Imported from ${documentTitle} (OSCAL mapping collection).` });
  return finishImport({ catalogs: [], mappingFiles: built.mappingFiles, problems: [...problems, ...built.problems] });
}

/**
 * Checks the uuids of a mapping collection, its mappings and its maps (warnings: the mappings are still read). Maps are
 * many, so their invalid and repeated uuids are reported once per kind (count, examples, the first place) when there
 * are several, as the other per-map problems are.
 */
function uuidChecker(report: (at: PathSegment[], message: string, severity?: 'error' | 'warning') => void) {
  const firstPlace = new Map<string, string>();
  const invalid: Array<{ at: PathSegment[]; message: string; value: unknown }> = [];
  const repeated: Array<{ at: PathSegment[]; uuid: string; first: string }> = [];
  return {
    checkDocument(at: PathSegment[], value: unknown) {
      const problem = uuidProblem(value);
      if (problem) report(at, problem, 'warning');
    },
    checkMap(at: PathSegment[], value: unknown) {
      const problem = uuidProblem(value);
      if (problem) return void invalid.push({ at, message: problem, value });
      const uuid = (value as string).toLowerCase();
      const first = firstPlace.get(uuid);
      if (first !== undefined) repeated.push({ at, uuid: value as string, first });
      else firstPlace.set(uuid, formatPath(at));
    },
    reportMaps() {
      const [badOne, badTwo] = invalid;
      if (badOne && !badTwo) report(badOne.at, badOne.message, 'warning');
      else if (badOne)
        report(badOne.at, `${invalid.length} maps have no valid uuid, e.g. ${invalid.slice(0, 3).map((b) => JSON.stringify(b.value) ?? 'none').join(', ')} (this is the first): OSCAL requires an RFC 4122 version 4 or 5 UUID on each; give them new ones. Read anyway`, 'warning');
      const [again, more] = repeated;
      if (again && !more) report(again.at, `uuid "${again.uuid}" is used again (first at ${again.first}); OSCAL requires each map's uuid to be unique: give this map a new one. Read anyway`, 'warning');
      else if (again)
        report(again.at, `${repeated.length} maps repeat the uuid of an earlier map, e.g. "${again.uuid}" (first at ${again.first}; this is the first repeat); OSCAL requires each map's uuid to be unique: give them new ones. Read anyway`, 'warning');
    },
  };
}

/** The further sources a Crosswalk export wrote on a one-to-one map; on a map of several pairs they are not read. */
function furtherSources(json: string | undefined, counts: { sources: number; targets: number }, fail: (message: string) => void): SourceStatement[] | undefined {
  if (json === undefined || counts.sources * counts.targets !== 1) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    fail('not JSON');
    return undefined;
  }
  const parsed = z.array(SourceStatementSchema.strict()).min(1).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`${issue.path.join('.') || 'value'}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}
