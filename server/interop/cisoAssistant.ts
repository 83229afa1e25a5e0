import path from 'node:path';
import type { CatalogFile } from '../content/fileSchemas.js';
import { formatPath, parseYaml, type PathSegment } from '../content/yamlDocument.js';
import type { Problem } from '../domain/errors.js';
import { splitRequirementId } from '../domain/ids.js';
import { FrameworkIdSchema, RefSchema, RequirementIdSchema } from '../domain/schemas/common.js';
import { RATIONALES, type Provenance, type Rationale } from '../domain/schemas/mapping.js';
import { buildMappingFiles, type ImportedMapping } from './buildMappingFiles.js';
import { currentDate, isRecord, isoDateOf } from './jsonInput.js';
import { attempt, defaultStrength, maybeRelationship, maybeStrength, slugify } from './maybeRelationship.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';

export interface CisoAssistantImportOptions extends ImportOptions {
  /** Crosswalk id of the library's framework; defaults to its ref_id as a slug ("ISO 27001:2022" → "iso-27001-2022"). */
  frameworkId?: string;
  /** The standard's edition; defaults to the library's version (CISO Assistant's packaging number), with a warning. */
  edition?: string;
  /**
   * The Crosswalk requirement id ("<framework-id>:<ref>") a requirement URN of a framework that is not in this file
   * denotes, or undefined. The caller builds it from the loaded content; URNs it cannot resolve are reported.
   */
  resolveUrn?: (urn: string) => string | undefined;
  /** The name and edition of a loaded framework by id, so a library of one that is already loaded is not imported as a second copy. */
  loadedFrameworkName?: (frameworkId: string) => string | undefined;
  /** The ids of the catalogs Crosswalk ships: a library that names one in its URN and its ref_id alike is still a second copy. */
  shippedFrameworkIds?: ReadonlySet<string>;
}

const DEFAULT_LICENCE = 'Imported by the user from a CISO Assistant library; not redistributed by Crosswalk.';
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined);
const lastSegment = (urn: string) => urn.slice(urn.lastIndexOf(':') + 1);

/** A CISO Assistant library read from its YAML or its workbook: the library's data and where each part was written. */
export interface CisoAssistantDocument {
  data: unknown;
  /** The file (with the sheet, for a workbook), line or row, and path or column a path into `data` came from. */
  place(at: PathSegment[]): { file: string; line?: number; path?: string };
  /** How a message names another part of the same file: a YAML path, or a workbook's row. */
  describe(at: PathSegment[]): string;
}

/** Reads a CISO Assistant library in YAML; see `importCisoAssistantDocument`. */
export function importCisoAssistantLibrary(source: string, options: CisoAssistantImportOptions): ImportResult {
  const yaml = parseYaml(options.file, source);
  if (yaml.data === undefined) return emptyImport(yaml.problems);
  const place = (at: PathSegment[]) => ({ file: options.file, line: yaml.lineOf(at), path: at.length ? formatPath(at) : undefined });
  return importCisoAssistantDocument({ data: yaml.data, place, describe: (at) => formatPath(at.slice(-2)) }, options, yaml.problems);
}

/**
 * Reads a CISO Assistant library: `objects.framework.requirement_nodes` become a catalog and
 * `objects.requirement_mapping_set(s)` mapping files. A node's ref is its ref_id, else the last segment of its URN
 * (tagged "synthetic"); repeated refs get " (2)", " (3)" with a warning. Assessable nodes are kind "requirement", the
 * others "section"; parents come from parent_urn. Requirement URNs of the file's framework resolve directly, others
 * through `resolveUrn`; every URN that resolves to nothing is reported and its mapping left out. Reverse ("-revert")
 * sets that only restate the forward set are skipped with a warning, since Crosswalk derives inverses.
 */
export function importCisoAssistantDocument(document: CisoAssistantDocument, options: CisoAssistantImportOptions, earlier: Problem[] = []): ImportResult {
  const { file } = options;
  const problems: Problem[] = [...earlier];
  const report = (at: PathSegment[], message: string, severity: Problem['severity'] = 'error') => {
    const { file: where, line, path: inside } = document.place(at);
    problems.push({ file: where, ...(line ? { line } : {}), ...(inside ? { path: inside } : {}), message, severity });
  };
  const library = document.data;
  if (!isRecord(library) || !isRecord(library.objects)) {
    report([], 'not a CISO Assistant library: expected a top-level "objects" map (with "framework" and/or "requirement_mapping_sets")');
    return emptyImport(problems);
  }
  const objects = library.objects;
  const today = options.today ?? currentDate();
  const publication = library.publication_date instanceof Date ? library.publication_date.toISOString().slice(0, 10) : isoDateOf(library.publication_date);
  const provenance: Provenance = {
    source: text(library.name) ?? path.basename(file),
    author: text(library.provider) ?? text(library.packager) ?? 'imported',
    created: publication ?? today,
  };

  // Frameworks: URN (lower case, as CISO Assistant compares them) → Crosswalk framework id and ref.
  const urnToRequirement = new Map<string, { frameworkId: string; ref: string }>();
  const catalogs: CatalogFile[] = [];
  const frameworks: Array<{ node: unknown; at: PathSegment[] }> = [];
  if (objects.framework !== undefined) frameworks.push({ node: objects.framework, at: ['objects', 'framework'] });
  if (Array.isArray(objects.frameworks)) objects.frameworks.forEach((node, i) => frameworks.push({ node, at: ['objects', 'frameworks', i] }));
  if (options.frameworkId && frameworks.length !== 1) report([], `--framework-id applies to a library with one framework; this one has ${frameworks.length}`);

  for (const { node: fw, at } of frameworks) {
    if (!isRecord(fw)) {
      report(at, 'expected a framework map');
      continue;
    }
    // Ids are pinned to their edition: a library named without one ("gdpr") takes the edition given ("gdpr-2016").
    const named = slugify(text(fw.ref_id) ?? text(fw.name) ?? '');
    const unpinned = !/\d/.test(named);
    const frameworkId = options.frameworkId ?? (unpinned && options.edition?.trim() ? `${named}-${slugify(options.edition)}` : named);
    const idCheck = FrameworkIdSchema.safeParse(frameworkId);
    if (!idCheck.success) report([...at, 'ref_id'], `framework id "${frameworkId}": ${idCheck.error.issues[0]?.message} (pass one with --framework-id)`);
    // CISO Assistant names its framework in the URN as Crosswalk names the same standard ("iso27001-2022"), while the
    // ref_id slug differs ("iso-iec-27001-2022"): imported as it is, the standard would be loaded twice, and mapping
    // libraries would attach to whichever copy their URNs resolve to. Where the two agree ("nist-ai-rmf-1.0"), only a
    // shipped catalog is a second copy: a loaded one of that id is this library's earlier import, which --replace renews.
    const urnId = text(fw.urn) && lastSegment(text(fw.urn)!).toLowerCase();
    const secondCopy = !options.frameworkId && urnId && (urnId !== frameworkId || options.shippedFrameworkIds?.has(urnId));
    const loadedName = secondCopy ? options.loadedFrameworkName?.(urnId) : undefined;
    if (loadedName !== undefined)
      report([...at, 'urn'], `this library is CISO Assistant's "${urnId}", which is already loaded as ${urnId} (${loadedName}); CISO Assistant mapping libraries that use it resolve to the loaded catalog, so it need not be imported. To import it as a framework of its own anyway, pass --framework-id (frameworkId in the API)`);
    const edition = options.edition?.trim() || text(library.version);
    if (!options.edition)
      report(at, `edition taken from the library version (${edition ?? 'none'}), which numbers CISO Assistant's packaging, not the standard's edition; pass --edition${unpinned && !options.frameworkId ? `, which the framework id then carries ("${named}-EDITION")` : ''}`, 'warning');
    const nodes = Array.isArray(fw.requirement_nodes) ? fw.requirement_nodes : [];
    if (!nodes.length) report([...at, 'requirement_nodes'], 'the framework has no requirement_nodes');

    const refOfUrn = new Map<string, { ref: string; index: number }>();
    const firstAt = new Map<string, number>();
    const requirements: CatalogFile['requirements'] = [];
    const parents: Array<{ parentUrn: string; index: number; nodeIndex: number }> = [];
    nodes.forEach((node, index) => {
      const nodeAt: PathSegment[] = [...at, 'requirement_nodes', index];
      if (!isRecord(node)) return report(nodeAt, 'expected a requirement node map');
      const urn = text(node.urn);
      if (!urn) return report([...nodeAt, 'urn'], 'a requirement node needs a urn');
      if (refOfUrn.has(urn.toLowerCase())) return report([...nodeAt, 'urn'], `urn "${urn}" is used again (first at ${document.describe([...at, 'requirement_nodes', refOfUrn.get(urn.toLowerCase())!.index])})`);
      const synthetic = !text(node.ref_id);
      let ref = text(node.ref_id) ?? syntheticRef(urn, text(node.parent_urn), refOfUrn);
      const refCheck = RefSchema.safeParse(ref);
      if (!refCheck.success) return report([...nodeAt, 'ref_id'], `"${ref}": ${refCheck.error.issues[0]?.message}`);
      if (firstAt.has(ref)) {
        const base = ref;
        for (let n = 2; firstAt.has(ref); n++) ref = `${base} (${n})`;
        report([...nodeAt, synthetic ? 'urn' : 'ref_id'], `ref "${base}" is used again (first at ${document.describe([...at, 'requirement_nodes', firstAt.get(base)!])}); this node is imported as "${ref}"`, 'warning');
      }
      firstAt.set(ref, index);
      refOfUrn.set(urn.toLowerCase(), { ref, index });
      urnToRequirement.set(urn.toLowerCase(), { frameworkId, ref });
      const description = text(node.description);
      requirements.push({
        ref,
        kind: node.assessable === true ? 'requirement' : 'section',
        title: text(node.name) ?? '',
        ...(description ? { summary: description } : {}),
        // The URN is kept so that mapping sets imported later can resolve to this requirement.
        tags: [...(synthetic ? ['synthetic'] : []), `ciso-urn:${urn.toLowerCase()}`],
      });
      const parentUrn = text(node.parent_urn);
      if (parentUrn) parents.push({ parentUrn, index: requirements.length - 1, nodeIndex: index });
    });
    for (const { parentUrn, index, nodeIndex } of parents) {
      const parent = refOfUrn.get(parentUrn.toLowerCase());
      const requirement = requirements[index]!;
      if (!parent) report([...at, 'requirement_nodes', nodeIndex, 'parent_urn'], `parent_urn "${parentUrn}" is not a node of this framework`);
      else if (parent.ref === requirement.ref) report([...at, 'requirement_nodes', nodeIndex, 'parent_urn'], 'a node cannot be its own parent');
      else requirement.parent = parent.ref;
    }
    catalogs.push({
      framework: {
        id: frameworkId,
        name: text(fw.name) ?? text(library.name) ?? frameworkId,
        edition: edition ?? '1',
        publisher: text(library.provider) ?? 'Imported',
        licence: text(library.copyright) ?? DEFAULT_LICENCE,
        ...(text(fw.description) ? { description: text(fw.description)! } : {}),
      },
      requirements,
    });
  }

  // Mapping sets.
  const sets: Array<{ node: unknown; at: PathSegment[] }> = [];
  if (objects.requirement_mapping_set !== undefined) sets.push({ node: objects.requirement_mapping_set, at: ['objects', 'requirement_mapping_set'] });
  if (Array.isArray(objects.requirement_mapping_sets)) objects.requirement_mapping_sets.forEach((node, i) => sets.push({ node, at: ['objects', 'requirement_mapping_sets', i] }));
  if (!frameworks.length && !sets.length) report(['objects'], 'the library has neither a framework nor requirement mapping sets');

  const resolve = (urn: string): { frameworkId: string; ref: string } | undefined => {
    const own = urnToRequirement.get(urn.toLowerCase());
    if (own) return own;
    const id = options.resolveUrn?.(urn);
    if (id === undefined || !RequirementIdSchema.safeParse(id).success) return undefined;
    return splitRequirementId(id);
  };
  const entries: ImportedMapping[] = [];
  const unresolved = new UnresolvedUrns();
  const defaulted = { rationale: 0, strength: 0, firstRationale: undefined as PathSegment[] | undefined, firstStrength: undefined as PathSegment[] | undefined };
  for (const { node: set, at } of sets) {
    if (!isRecord(set)) {
      report(at, 'expected a requirement mapping set map');
      continue;
    }
    const mappings = Array.isArray(set.requirement_mappings) ? set.requirement_mappings : [];
    if (!mappings.length) report([...at, 'requirement_mappings'], 'the mapping set has no requirement_mappings', 'warning');
    const percent = readsAsPercent(mappings.map((m) => (isRecord(m) ? m.strength_of_relationship ?? m.strength : undefined)));
    if (percent) report([...at, 'requirement_mappings'], `strength_of_relationship goes up to ${percent.max} in this set, beyond CISO Assistant's 0–10 scale; its strengths were read as percentages and divided by 10 (${percent.max} → ${Math.round(percent.max / 10)}); review them`, 'warning');
    mappings.forEach((mapping, index) => {
      const mAt: PathSegment[] = [...at, 'requirement_mappings', index];
      if (!isRecord(mapping)) return report(mAt, 'expected a requirement mapping map');
      const ends = (['source', 'target'] as const).map((side) => {
        const key = `${side}_requirement_urn`;
        const urn = text(mapping[key]);
        if (!urn) return report([...mAt, key], `missing ${key}`), undefined;
        const found = resolve(urn);
        unresolved.note(urn, [...mAt, key], formatPath(mAt), found !== undefined);
        return found;
      });
      const relationship = attempt(() => maybeRelationship(mapping.relationship));
      if (relationship.error !== undefined) report([...mAt, 'relationship'], relationship.error);
      const rationaleText = text(mapping.rationale);
      const rationale: Rationale = rationaleText && (RATIONALES as readonly string[]).includes(rationaleText.toLowerCase()) ? (rationaleText.toLowerCase() as Rationale) : 'semantic';
      const stated = attempt(() => maybeStrength(percentToTen(mapping.strength_of_relationship ?? mapping.strength, percent !== undefined)));
      if (stated.error !== undefined) report([...mAt, 'strength_of_relationship'], stated.error);
      const [from, to] = ends;
      if (!from || !to || relationship.value === undefined || stated.error !== undefined) return;
      if (!rationaleText || rationale !== rationaleText.toLowerCase()) {
        defaulted.rationale++;
        defaulted.firstRationale ??= mAt;
      }
      if (stated.value === undefined) {
        defaulted.strength++;
        defaulted.firstStrength ??= mAt;
      }
      const written = document.place(mAt);
      const notes = [text(mapping.annotation), rationaleText && rationale !== rationaleText.toLowerCase() ? `Rationale in the library: ${rationaleText}` : undefined].filter(Boolean);
      entries.push({
        sourceFramework: from.frameworkId,
        targetFramework: to.frameworkId,
        source: from.ref,
        target: to.ref,
        relationship: relationship.value,
        rationale,
        strength: stated.value ?? defaultStrength(relationship.value),
        method: 'human',
        status: 'proposed',
        provenance,
        ...(notes.length ? { note: notes.join('\n') } : {}),
        at: { line: written.line, path: written.path },
      });
    });
  }
  const where = options.resolveUrn ? 'not in this file nor in the loaded content' : 'not in this file; no resolver for other frameworks was given';
  for (const group of unresolved.groups()) report(group.firstAt, unresolvedMessage(group, where), 'warning');
  if (defaulted.rationale) report(defaulted.firstRationale!, `${defaulted.rationale} mapping(s) state no syntactic/semantic/functional rationale and were given "semantic" (any other text is kept in the note); review them`, 'warning');
  if (defaulted.strength) report(defaulted.firstStrength!, `${defaulted.strength} mapping(s) state no strength_of_relationship and were given the OLIR default for their relationship (10 equal, 5 partial, 0 none); review them`, 'warning');

  const mappingsFile = sets.length ? document.place([...sets[0]!.at, 'requirement_mappings']).file : file;
  const built = buildMappingFiles(entries, { file: mappingsFile, description: `Imported from ${provenance.source} (CISO Assistant library).` });
  return finishImport({ catalogs, mappingFiles: built.mappingFiles, problems: [...problems, ...built.problems] });
}

/**
 * The ref of a node without ref_id: its URN's last segment, or where the URN extends its parent's (CISO Assistant numbers
 * such nodes under their parent, "…:govern:1"), the parent's ref and that numbering ("GOVERN:1"), which stays unique.
 */
function syntheticRef(urn: string, parentUrn: string | undefined, refOfUrn: Map<string, { ref: string }>): string {
  const parent = parentUrn ? refOfUrn.get(parentUrn.toLowerCase()) : undefined;
  const below = parentUrn && urn.toLowerCase().startsWith(`${parentUrn.toLowerCase()}:`) ? urn.slice(parentUrn.length + 1) : undefined;
  return parent && below ? `${parent.ref}:${below}` : lastSegment(urn);
}

/** Requirement URNs that resolved to nothing, grouped by the framework part of the URN (all but its last segment). */
class UnresolvedUrns {
  private readonly byPrefix = new Map<string, UnresolvedGroup>();
  private readonly resolvedPrefixes = new Set<string>();

  note(urn: string, at: PathSegment[], mapping: string, resolved: boolean) {
    const prefix = urn.toLowerCase().slice(0, urn.lastIndexOf(':') + 1);
    if (resolved) return void this.resolvedPrefixes.add(prefix);
    let group = this.byPrefix.get(prefix);
    if (!group) this.byPrefix.set(prefix, (group = { prefix, urns: new Set(), mappings: new Set(), firstAt: at, noneResolved: true }));
    group.urns.add(urn);
    group.mappings.add(mapping);
  }

  groups(): UnresolvedGroup[] {
    return [...this.byPrefix.values()].map((g) => ({ ...g, noneResolved: !this.resolvedPrefixes.has(g.prefix) }));
  }
}

interface UnresolvedGroup {
  prefix: string;
  urns: Set<string>;
  mappings: Set<string>;
  firstAt: PathSegment[];
  /** No URN with this prefix resolved: most likely the framework itself is not loaded. */
  noneResolved: boolean;
}

const EXAMPLES = 3;

/** One warning per framework instead of one per URN: a mapping library against an unloaded framework names thousands. */
function unresolvedMessage({ prefix, urns, mappings, noneResolved }: UnresolvedGroup, where: string): string {
  const [only] = urns;
  if (urns.size === 1 && mappings.size === 1) return `"${only}" resolves to no requirement (${where}); this mapping is not imported`;
  const examples = [...urns].slice(0, EXAMPLES).map((u) => `"${u}"`).join(', ');
  const hint = noneResolved && prefix
    ? `; if the framework "${lastSegment(prefix.replace(/:$/, ''))}" is not loaded yet, import its CISO Assistant library first, then this file again`
    : '';
  return `${urns.size} requirement URN(s) under "${prefix}" resolve to no requirement (${where}), e.g. ${examples}; their ${mappings.size} mapping(s) are not imported${hint}`;
}

/**
 * Some published mapping libraries state strengths on a 0–100 scale (50, 90) although CISO Assistant's is 0–10.
 * A set is read as percentages when most (and at least two) of its stated strengths are above 10 and none is above
 * 100; a lone value above 10 among 0–10 ones stays an error (more likely a typo than a scale).
 */
function readsAsPercent(values: unknown[]): { max: number } | undefined {
  const numbers = values.flatMap((v) => (typeof v === 'number' ? [v] : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? [Number(v)] : []));
  const above = numbers.filter((n) => n > 10);
  if (above.length < 2 || above.length * 2 <= numbers.length || numbers.some((n) => !Number.isInteger(n) || n > 100)) return undefined;
  return { max: Math.max(...above) };
}

const percentToTen = (value: unknown, percent: boolean): unknown => {
  if (!percent) return value;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.round(n / 10) : value;
};
