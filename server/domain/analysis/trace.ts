import { coverageOf, type Coverage, type CoverageStep } from './coverage.js';
import { inverseCode, levelOfCode, relationshipOfCode, type CoverageIndex } from './coverageIndex.js';
import { inverseRelationship } from '../relationships.js';
import type { Mapping } from '../schemas/mapping.js';

/**
 * Breadth-first walks over the coverage index, bounded by a maximum path length and restricted to the statuses in
 * `mask`. Two walks per start: one over full edges only, one over every edge that carries something. A node found by
 * the first is reached in full (every link full); one found only by the second, partly (its weakest link is
 * partial). Breadth-first order gives each node its shortest qualifying path, which is always simple, so cycles
 * in the mappings cost nothing. Scratch arrays are allocated once per tracer and reused across starts.
 */
export class Tracer {
  private readonly scratch: Scratch;
  private readonly full: Walk;
  private readonly any: Walk;

  constructor(
    private readonly index: CoverageIndex,
    private readonly options: { maxPathLength: number; mask: number },
  ) {
    // Scratch arrays are as long as the graph has nodes; they are shared by every tracer of one index (analyses are
    // synchronous, so two walks never interleave) instead of being allocated and zeroed per query.
    let scratch = SCRATCH.get(index);
    if (!scratch) SCRATCH.set(index, (scratch = { generation: 0, full: new Walk(index.ids.length), any: new Walk(index.ids.length) }));
    this.scratch = scratch;
    this.full = scratch.full;
    this.any = scratch.any;
  }

  private get generation() {
    return this.scratch.generation;
  }

  /**
   * `forward`: evidence sits at `start` and travels outwards (evidence reach).
   * `backward`: `start` is the target and the walk looks for what can reach it (gap analysis); paths are still
   * reported in the direction evidence travels, ending at `start`.
   */
  run(start: number, direction: 'forward' | 'backward') {
    if (this.scratch.generation >= 0x7ffffff0) {
      for (const walk of [this.full, this.any]) walk.stamp.fill(0);
      this.scratch.generation = 0;
    }
    this.scratch.generation++;
    this.walk(this.full, start, direction, 2);
    this.walk(this.any, start, direction, 1);
    this.direction = direction;
    this.start = start;
  }

  private direction: 'forward' | 'backward' = 'forward';
  private start = -1;

  /** Nodes the last run reached (the start excluded), in breadth-first order. */
  reached(): Int32Array {
    return this.any.list.subarray(1, this.any.count);
  }

  /** 2 when the node is reached in full, 1 partly, 0 not at all. */
  level(node: number): number {
    if (this.full.stamp[node] === this.generation) return 2;
    return this.any.stamp[node] === this.generation ? 1 : 0;
  }

  /** Number of mappings on the node's path (the one `path` would give). */
  hops(node: number): number {
    return (this.level(node) === 2 ? this.full : this.any).depth[node]!;
  }

  /** Lowest strength on the node's path, without building it. */
  weakestStrength(node: number): number {
    const walk = this.level(node) === 2 ? this.full : this.any;
    let min = Infinity;
    for (let x = node; x !== this.start; x = walk.prevNode[x]!) min = Math.min(min, this.index.mappings[this.index.mappingOf[walk.prevSlot[x]!]!]!.strength);
    return min;
  }

  /** The hops from the node to the start (backward) or from the start to the node (forward), in travel order. */
  path(node: number): CoverageStep[] {
    const walk = this.level(node) === 2 ? this.full : this.any;
    const { index } = this;
    const hops: CoverageStep[] = [];
    for (let x = node; x !== this.start; ) {
      const slot = walk.prevSlot[x]!;
      const prev = walk.prevNode[x]!;
      const mapping = index.mappings[index.mappingOf[slot]!]!;
      if (this.direction === 'forward') {
        const code = index.outward[slot]!;
        hops.push(step(index.ids[prev]!, index.ids[x]!, code, mapping));
      } else {
        const code = inverseCode(index.outward[slot]!);
        hops.push(step(index.ids[x]!, index.ids[prev]!, code, mapping));
      }
      x = prev;
    }
    return this.direction === 'forward' ? hops.reverse() : hops;
  }

  private walk(walk: Walk, start: number, direction: 'forward' | 'backward', minLevel: number) {
    const { index } = this;
    const { maxPathLength, mask } = this.options;
    const gen = this.generation;
    walk.count = 0;
    walk.stamp[start] = gen;
    walk.depth[start] = 0;
    walk.list[walk.count++] = start;
    for (let head = 0; head < walk.count; head++) {
      const u = walk.list[head]!;
      const d = walk.depth[u]!;
      if (d >= maxPathLength) continue;
      for (let slot = index.offsets[u]!, end = index.offsets[u + 1]!; slot < end; slot++) {
        const v = index.other[slot]!;
        if (walk.stamp[v] === gen) continue;
        if (!(mask & (1 << index.statusOf[index.mappingOf[slot]!]!))) continue;
        const code = direction === 'forward' ? index.outward[slot]! : inverseCode(index.outward[slot]!);
        if (levelOfCode(code) < minLevel) continue;
        walk.stamp[v] = gen;
        walk.depth[v] = d + 1;
        walk.prevNode[v] = u;
        walk.prevSlot[v] = slot;
        walk.list[walk.count++] = v;
      }
    }
  }
}

interface Scratch {
  generation: number;
  full: Walk;
  any: Walk;
}

const SCRATCH = new WeakMap<CoverageIndex, Scratch>();

class Walk {
  readonly stamp: Int32Array;
  readonly depth: Uint8Array;
  readonly prevNode: Int32Array;
  readonly prevSlot: Int32Array;
  readonly list: Int32Array;
  count = 0;
  constructor(n: number) {
    this.stamp = new Int32Array(n);
    this.depth = new Uint8Array(n);
    this.prevNode = new Int32Array(n);
    this.prevSlot = new Int32Array(n);
    this.list = new Int32Array(n);
  }
}

function step(from: string, to: string, code: number, mapping: Mapping): CoverageStep {
  const relationship = relationshipOfCode(code);
  const coverage: Coverage = levelOfCode(code) === 2 ? 'full' : 'partial';
  const contestedBy = coverage === 'full' ? contestingSources(mapping, from) : [];
  return {
    mappingId: mapping.id, from, to, relationship, coverage,
    strength: mapping.strength, status: mapping.status, rationale: mapping.rationale, ...(mapping.note ? { note: mapping.note } : {}),
    ...(contestedBy.length ? { contestedBy } : {}),
  };
}

/** The further sources that read a mapping, crossed from `from`, as carrying less than full coverage. */
function contestingSources(mapping: Mapping, from: string): NonNullable<CoverageStep['contestedBy']> {
  return (mapping.alsoStatedBy ?? []).flatMap((statement) => {
    const relationship = from === mapping.source ? statement.relationship : inverseRelationship(statement.relationship);
    return coverageOf(relationship) === 'full' ? [] : [{ source: statement.provenance.source, relationship }];
  });
}

/** A direct mapping between a source and a target, read from the source towards the target. */
export interface DirectHop {
  level: number;
  strength: number;
  step: () => CoverageStep;
}

/**
 * The direct mappings (of an allowed status) at `node`, by the node at the other end, read in the direction evidence
 * travels: away from `node` when it is the source (`forward`), towards it when it is the target (`backward`). A
 * reviewed direct mapping is the authority on its pair and overrides longer paths between the same two; with
 * several (which the content rules forbid), the strongest counts.
 */
export function directHops(index: CoverageIndex, node: number, mask: number, direction: 'forward' | 'backward'): Map<number, DirectHop> {
  const hops = new Map<number, DirectHop>();
  for (let slot = index.offsets[node]!, end = index.offsets[node + 1]!; slot < end; slot++) {
    if (!(mask & (1 << index.statusOf[index.mappingOf[slot]!]!))) continue;
    const other = index.other[slot]!;
    const code = direction === 'forward' ? index.outward[slot]! : inverseCode(index.outward[slot]!);
    const level = levelOfCode(code);
    const prior = hops.get(other);
    if (prior && prior.level >= level) continue;
    const mapping = index.mappings[index.mappingOf[slot]!]!;
    hops.set(other, {
      level,
      strength: mapping.strength,
      step: () => (direction === 'forward' ? step(index.ids[node]!, index.ids[other]!, code, mapping) : step(index.ids[other]!, index.ids[node]!, code, mapping)),
    });
  }
  return hops;
}
