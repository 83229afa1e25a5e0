import { InputError } from '../errors.js';
import { inScope, isExpired, type Evidence, type EvidenceLink } from '../schemas/evidence.js';
import type { OrgControl } from '../schemas/orgControl.js';
import { descendantsOf, type CoverageIndex } from './coverageIndex.js';

/** Where evidence enters the graph: one requirement, and the evidence items (and controls they came through) behind it. */
export interface SourceEvidence {
  /** Sorted, each once. Shared by every contribution from this source: treat as read-only. */
  evidenceIds: string[];
  orgControlIds: string[];
}

/** Evidence behind each source node, grouped once (counting sort into flat arrays) and turned into id lists on demand. */
export class NodeEvidence {
  private readonly offsets: Int32Array;
  private readonly entries: Int32Array;
  private readonly cache = new Map<number, SourceEvidence>();

  /** `pairs`: node, evidence index, control index (-1 for none), repeated. */
  constructor(
    nodeCount: number,
    pairs: Int32Array,
    private readonly evidenceIds: readonly string[],
    private readonly controlIds: readonly string[],
  ) {
    const count = pairs.length / 3;
    this.offsets = new Int32Array(nodeCount + 1);
    for (let i = 0; i < count; i++) this.offsets[pairs[3 * i]! + 1]!++;
    for (let n = 0; n < nodeCount; n++) this.offsets[n + 1]! += this.offsets[n]!;
    const fill = this.offsets.slice(0, nodeCount);
    this.entries = new Int32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const at = fill[pairs[3 * i]!]!++;
      this.entries[2 * at] = pairs[3 * i + 1]!;
      this.entries[2 * at + 1] = pairs[3 * i + 2]!;
    }
  }

  has(node: number): boolean {
    return this.offsets[node + 1]! > this.offsets[node]!;
  }

  /** Nodes with evidence, ascending. */
  *keys(): Iterable<number> {
    for (let n = 0; n + 1 < this.offsets.length; n++) if (this.has(n)) yield n;
  }

  get(node: number): SourceEvidence | undefined {
    if (!this.has(node)) return undefined;
    let entry = this.cache.get(node);
    if (!entry) {
      const evidence = new Set<string>();
      const controls = new Set<string>();
      for (let at = this.offsets[node]!; at < this.offsets[node + 1]!; at++) {
        evidence.add(this.evidenceIds[this.entries[2 * at]!]!);
        const control = this.entries[2 * at + 1]!;
        if (control >= 0) controls.add(this.controlIds[control]!);
      }
      this.cache.set(node, (entry = { evidenceIds: [...evidence].sort(), orgControlIds: [...controls].sort() }));
    }
    return entry;
  }
}

/**
 * What an analysis starts from for targets in one framework: the requirement nodes taken as satisfied, and for
 * evidence-based analyses which items stand behind each node. Expired items are kept apart: they are reported but
 * carry nothing. Items out of scope for the target framework are left out.
 */
export interface SourceSet {
  isSource: Uint8Array;
  evidence?: NodeEvidence;
  expired?: NodeEvidence;
  /** Requirement ids that were named (by the caller, by links or by controls) but are not in the content. */
  unknown: string[];
  /** Evidence items that do not count for the target framework because of their scope. */
  outOfScope: string[];
}

export function sourcesFromRequirements(index: CoverageIndex, ids: readonly string[], { withDescendants = true } = {}): SourceSet {
  const isSource = new Uint8Array(index.ids.length);
  const unknown: string[] = [];
  for (const id of ids) {
    const node = index.nodeOf.get(id);
    if (node === undefined || !index.requirements[node]) {
      unknown.push(id);
      continue;
    }
    isSource[node] = 1;
    // Satisfying a requirement means satisfying all of it, sub-clauses included.
    if (withDescendants) for (const d of descendantsOf(index, node)) isSource[d] = 1;
  }
  return { isSource, unknown, outOfScope: [] };
}

export function sourcesFromFrameworks(index: CoverageIndex, frameworkIds: readonly string[]): SourceSet {
  const isSource = new Uint8Array(index.ids.length);
  for (const fw of frameworkIds) for (const node of index.byFramework.get(fw) ?? []) isSource[node] = 1;
  return { isSource, unknown: [], outOfScope: [] };
}

export interface EvidenceArrays {
  evidence: readonly Evidence[];
  links: readonly EvidenceLink[];
  orgControls?: readonly OrgControl[];
}

/**
 * Evidence links resolved to requirement nodes once (links to controls expanded to the requirements they cite), for
 * callers that run many analyses over the same register: building it costs a map look-up per link, using it none.
 * Rebuild it when evidence, links, controls or the coverage index change.
 */
export interface EvidenceIndex {
  readonly kind: 'evidence-index';
  /** The coverage index the links were resolved against. */
  readonly coverage: CoverageIndex;
  readonly evidence: readonly Evidence[];
  readonly orgControlIds: readonly string[];
  /** (node, item number, control number or -1) per link target. */
  readonly entries: Int32Array;
  /** Item number → 1 when it has any link. */
  readonly linked: Uint8Array;
  /** Requirement ids links or controls name that are not in the content. */
  readonly unknown: readonly string[];
}

export function buildEvidenceIndex(index: CoverageIndex, { evidence, links, orgControls = [] }: EvidenceArrays): EvidenceIndex {
  const evidenceIds = evidence.map((e) => e.id);
  // Stores return items and links both sorted by item id, so a cursor finds each link's item without hashing;
  // anything else falls back to a map built on first need.
  let itemNumber: Map<string, number> | undefined;
  let cursor = 0;
  const itemOf = (id: string): number | undefined => {
    if (evidenceIds[cursor] === id) return cursor;
    if (evidenceIds[cursor + 1] === id) return ++cursor;
    itemNumber ??= new Map(evidenceIds.map((e, i) => [e, i]));
    const found = itemNumber.get(id);
    if (found !== undefined) cursor = found;
    return found;
  };
  const controlNumber = new Map(orgControls.map((c, i) => [c.id, i]));
  const unknown = new Set<string>();
  const linked = new Uint8Array(evidence.length);
  let entries: Int32Array = new Int32Array(Math.max(16, links.length * 3));
  let count = 0;
  const push = (requirementId: string, item: number, control: number) => {
    const node = index.nodeOf.get(requirementId);
    if (node === undefined || !index.requirements[node]) {
      unknown.add(requirementId);
      return;
    }
    if (count * 3 + 3 > entries.length) {
      const bigger = new Int32Array(entries.length * 2);
      bigger.set(entries);
      entries = bigger;
    }
    entries[count * 3] = node;
    entries[count * 3 + 1] = item;
    entries[count * 3 + 2] = control;
    count++;
  };
  for (const link of links) {
    const item = itemOf(link.evidenceId);
    if (item === undefined) continue;
    linked[item] = 1;
    if (link.kind === 'requirement') push(link.requirementId, item, -1);
    else {
      const control = controlNumber.get(link.orgControlId);
      if (control !== undefined) for (const requirementId of orgControls[control]!.requirementIds) push(requirementId, item, control);
    }
  }
  return {
    kind: 'evidence-index', coverage: index, evidence, orgControlIds: orgControls.map((c) => c.id), entries: entries.slice(0, count * 3), linked,
    unknown: [...unknown].sort(),
  };
}

/** The register as arrays, or resolved once with buildEvidenceIndex; `asOf` for expiry. */
export type EvidenceSourceInput = (EvidenceArrays | { evidenceIndex: EvidenceIndex }) & { asOf: string };

/** Evidence sources for targets in `targetFrameworkId` (scope is checked against it). */
export function sourcesFromEvidence(index: CoverageIndex, input: EvidenceSourceInput, targetFrameworkId: string): SourceSet {
  const prepared = 'evidenceIndex' in input ? input.evidenceIndex : buildEvidenceIndex(index, input);
  if (prepared.coverage !== index) throw new InputError('the evidence index was built for another coverage index; rebuild it');
  const { evidence, entries } = prepared;
  const n = index.ids.length;
  const isSource = new Uint8Array(n);
  // 0: counts here; 1: expired; 2: out of scope for the target framework.
  const state = Uint8Array.from(evidence, (e) => (!inScope(e, targetFrameworkId) ? 2 : isExpired(e, input.asOf) ? 1 : 0));
  const valid = new Int32Array(entries.length);
  const stale = new Int32Array(entries.length);
  let validLength = 0;
  let staleLength = 0;
  for (let i = 0; i < entries.length; i += 3) {
    const item = entries[i + 1]!;
    const st = state[item];
    if (st === 2) continue;
    const target = st === 0 ? valid : stale;
    const at = st === 0 ? validLength : staleLength;
    target[at] = entries[i]!;
    target[at + 1] = item;
    target[at + 2] = entries[i + 2]!;
    if (st === 0) {
      validLength += 3;
      isSource[entries[i]!] = 1;
    } else staleLength += 3;
  }
  const evidenceIds = evidence.map((e) => e.id);
  const outOfScope: string[] = [];
  state.forEach((st, item) => st === 2 && prepared.linked[item] && outOfScope.push(evidenceIds[item]!));
  return {
    isSource,
    evidence: new NodeEvidence(n, valid.subarray(0, validLength), evidenceIds, prepared.orgControlIds),
    expired: new NodeEvidence(n, stale.subarray(0, staleLength), evidenceIds, prepared.orgControlIds),
    unknown: [...prepared.unknown],
    outOfScope: outOfScope.sort(),
  };
}
