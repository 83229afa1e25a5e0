import { RELATIONSHIPS, STATUSES, type Mapping, type NoCounterpart, type Relationship, type Status } from '../schemas/mapping.js';
import { isInformative, isWithdrawn, type Requirement } from '../schemas/requirement.js';
import { inverseRelationship } from '../relationships.js';
import { coverageOf, type Coverage } from './coverage.js';

/** The plain arrays every analysis can start from (a ContentBundle fits). */
export interface CoverageContent {
  requirements: readonly Requirement[];
  mappings: readonly Mapping[];
  noCounterparts?: readonly NoCounterpart[];
}

const REL_CODE = new Map<Relationship, number>(RELATIONSHIPS.map((r, i) => [r, i]));
const STATUS_CODE = new Map<Status, number>(STATUSES.map((s, i) => [s, i]));
/** Coverage by relationship code: 2 full, 1 partial, 0 none. */
const LEVEL_OF_CODE = Uint8Array.from(RELATIONSHIPS, (r) => (coverageOf(r) === 'full' ? 2 : coverageOf(r) === 'partial' ? 1 : 0));
const INVERSE_CODE = Uint8Array.from(RELATIONSHIPS, (r) => REL_CODE.get(inverseRelationship(r))!);

/**
 * Requirements and mappings arranged for fast traversal, built once per content version and reused by every analysis
 * (evidence reach, gap analysis, unified controls). Nodes are numbered in id order; each node's mappings are kept in
 * one flat array (compressed sparse rows), sorted by the other end's id so every traversal is deterministic. The
 * index holds mappings of every status; analyses filter by status while they walk.
 */
export interface CoverageIndex {
  readonly kind: 'coverage-index';
  /** Node number → requirement id (sorted). Ids only mappings mention are nodes too, without a requirement. */
  readonly ids: readonly string[];
  readonly nodeOf: ReadonlyMap<string, number>;
  readonly requirements: ReadonlyArray<Requirement | undefined>;
  /** Node → index in `frameworks`. */
  readonly frameworkOfNode: Int32Array;
  readonly frameworks: readonly string[];
  readonly frameworkNumber: ReadonlyMap<string, number>;
  /** Node → parent node, or -1. */
  readonly parentOf: Int32Array;
  /** Children of a node in document order. */
  readonly childrenOf: ReadonlyMap<number, readonly number[]>;
  /** Requirement nodes of each framework in document order. */
  readonly byFramework: ReadonlyMap<string, readonly number[]>;
  /** CSR rows: the mappings at node n are slots offsets[n] .. offsets[n+1]-1. */
  readonly offsets: Int32Array;
  /** Slot → the node at the other end. */
  readonly other: Int32Array;
  /** Slot → index in `mappings`. */
  readonly mappingOf: Int32Array;
  /** Slot → relationship code read from this node towards the other end. */
  readonly outward: Uint8Array;
  readonly mappings: readonly Mapping[];
  /** Mapping index → status code (index in STATUSES). */
  readonly statusOf: Uint8Array;
  /** No-counterpart records of each node (every status). */
  readonly noCounterpartsOf: ReadonlyMap<number, readonly NoCounterpart[]>;
  /** Node → 1 when it has any no-counterpart record (a fast pre-check for the map above). */
  readonly hasNoCounterpart: Uint8Array;
}

export type CoverageInput = CoverageIndex | CoverageContent;

export const isCoverageIndex = (input: CoverageInput): input is CoverageIndex => (input as CoverageIndex).kind === 'coverage-index';

/** Builds the index (about a second for a million mappings); an index passed in is returned as it is. */
export function toCoverageIndex(input: CoverageInput): CoverageIndex {
  return isCoverageIndex(input) ? input : buildCoverageIndex(input);
}

export function buildCoverageIndex({ requirements, mappings, noCounterparts = [] }: CoverageContent): CoverageIndex {
  const idSet = new Set<string>();
  for (const r of requirements) idSet.add(r.id);
  for (const m of mappings) {
    idSet.add(m.source);
    idSet.add(m.target);
  }
  const ids = [...idSet].sort();
  const nodeOf = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const reqs: Array<Requirement | undefined> = new Array(n);
  for (const r of requirements) reqs[nodeOf.get(r.id)!] = r;

  const frameworks: string[] = [];
  const frameworkNumber = new Map<string, number>();
  const frameworkOfNode = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const fw = reqs[i]?.frameworkId ?? id.slice(0, id.indexOf(':'));
    let f = frameworkNumber.get(fw);
    if (f === undefined) {
      frameworkNumber.set(fw, (f = frameworks.length));
      frameworks.push(fw);
    }
    frameworkOfNode[i] = f;
  }

  const parentOf = new Int32Array(n).fill(-1);
  const childrenOf = new Map<number, number[]>();
  const byFramework = new Map<string, number[]>();
  const ordered = [...requirements].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of ordered) {
    const node = nodeOf.get(r.id)!;
    let list = byFramework.get(r.frameworkId);
    if (!list) byFramework.set(r.frameworkId, (list = []));
    list.push(node);
    const parent = r.parentId === undefined ? undefined : nodeOf.get(r.parentId);
    if (parent !== undefined && parent !== node) {
      parentOf[node] = parent;
      let kids = childrenOf.get(parent);
      if (!kids) childrenOf.set(parent, (kids = []));
      kids.push(node);
    }
  }

  const degree = new Int32Array(n + 1);
  const ends = new Int32Array(mappings.length * 2);
  const codes = new Uint8Array(mappings.length);
  const statusOf = new Uint8Array(mappings.length);
  mappings.forEach((m, i) => {
    const s = nodeOf.get(m.source)!;
    const t = nodeOf.get(m.target)!;
    ends[2 * i] = s;
    ends[2 * i + 1] = t;
    codes[i] = REL_CODE.get(m.relationship) ?? REL_CODE.get('no-relationship')!;
    statusOf[i] = STATUS_CODE.get(m.status) ?? 0;
    degree[s + 1]!++;
    if (t !== s) degree[t + 1]!++;
  });
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i + 1]!;
  const slots = offsets[n]!;
  const other = new Int32Array(slots);
  const mappingOf = new Int32Array(slots);
  const outward = new Uint8Array(slots);
  const fill = offsets.slice(0, n);
  for (let i = 0; i < mappings.length; i++) {
    const s = ends[2 * i]!;
    const t = ends[2 * i + 1]!;
    let slot = fill[s]!++;
    other[slot] = t;
    mappingOf[slot] = i;
    outward[slot] = codes[i]!;
    if (t === s) continue;
    slot = fill[t]!++;
    other[slot] = s;
    mappingOf[slot] = i;
    outward[slot] = INVERSE_CODE[codes[i]!]!;
  }
  // Sort each row by the other end (then mapping id) so traversals visit neighbours in a fixed order.
  const order: number[] = [];
  for (let node = 0; node < n; node++) {
    const from = offsets[node]!;
    const to = offsets[node + 1]!;
    if (to - from < 2) continue;
    order.length = 0;
    for (let slot = from; slot < to; slot++) order.push(slot);
    order.sort((a, b) => other[a]! - other[b]! || (mappings[mappingOf[a]!]!.id < mappings[mappingOf[b]!]!.id ? -1 : 1));
    const o = order.map((slot) => other[slot]!);
    const mp = order.map((slot) => mappingOf[slot]!);
    const ow = order.map((slot) => outward[slot]!);
    for (let k = 0; k < o.length; k++) {
      other[from + k] = o[k]!;
      mappingOf[from + k] = mp[k]!;
      outward[from + k] = ow[k]!;
    }
  }

  const noCounterpartsOf = new Map<number, NoCounterpart[]>();
  for (const record of noCounterparts) {
    const node = nodeOf.get(record.requirementId);
    if (node === undefined) continue;
    let list = noCounterpartsOf.get(node);
    if (!list) noCounterpartsOf.set(node, (list = []));
    list.push(record);
  }

  const hasNoCounterpart = new Uint8Array(n);
  for (const node of noCounterpartsOf.keys()) hasNoCounterpart[node] = 1;

  return {
    kind: 'coverage-index', ids, nodeOf, requirements: reqs, frameworkOfNode, frameworks, frameworkNumber, parentOf, childrenOf, byFramework,
    offsets, other, mappingOf, outward, mappings: [...mappings], statusOf, noCounterpartsOf, hasNoCounterpart,
  };
}

/** A bit per status code, for the statuses an analysis follows. */
export const statusMask = (statuses: readonly Status[]): number => statuses.reduce((mask, s) => mask | (1 << STATUS_CODE.get(s)!), 0);

export const relationshipOfCode = (code: number): Relationship => RELATIONSHIPS[code]!;
/** 2 full, 1 partial, 0 nothing. */
export const levelOfCode = (code: number): number => LEVEL_OF_CODE[code]!;
export const inverseCode = (code: number): number => INVERSE_CODE[code]!;
export const coverageOfLevel = (level: number): Coverage | undefined => (level === 2 ? 'full' : level === 1 ? 'partial' : undefined);

/**
 * A requirement counts in gap analyses when it is neither informative nor withdrawn and has no children (parents are
 * rolled up). Withdrawn children do not count as children: a control whose enhancements were all withdrawn is a leaf
 * again (SP 800-53 Rev. 4 has eight).
 */
export function isAssessable(index: CoverageIndex, node: number): boolean {
  const r = index.requirements[node];
  if (r === undefined || isInformative(r) || isWithdrawn(r)) return false;
  return !(index.childrenOf.get(node) ?? []).some((child) => !isWithdrawn(index.requirements[child]!));
}

/** Ancestors of a node, nearest first. Guards against parent cycles in unchecked input. */
export function ancestorsOf(index: CoverageIndex, node: number): number[] {
  const found: number[] = [];
  for (let p = index.parentOf[node]!; p >= 0 && found.length < 64 && !found.includes(p); p = index.parentOf[p]!) found.push(p);
  return found;
}

/** Every descendant of a node, depth first in document order. */
export function descendantsOf(index: CoverageIndex, node: number): number[] {
  const found: number[] = [];
  const seen = new Set<number>([node]);
  const visit = (n: number) => {
    for (const child of index.childrenOf.get(n) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      visit(child);
    }
  };
  visit(node);
  return found;
}
