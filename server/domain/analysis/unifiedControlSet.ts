import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { isEquivalence } from '../relationships.js';
import type { HarmonizedClause } from '../schemas/harmonizedClause.js';
import type { Status } from '../schemas/mapping.js';
import type { OrgControl } from '../schemas/orgControl.js';
import { isAssessable, levelOfCode, relationshipOfCode, statusMask, toCoverageIndex, type CoverageIndex, type CoverageInput } from './coverageIndex.js';
import { unknownFramework } from '../likelyMeant.js';

export interface ProposeControlsQuery {
  /** Frameworks whose requirements the controls cite, in order of preference for naming. */
  frameworks: string[];
  statuses?: Status[];
  /** Give requirements linked to nothing a control of their own, so the set covers everything (default true). */
  includeSingletons?: boolean;
  /** ISO date-time stamped on the proposed controls. */
  at: string;
  /**
   * Concepts of the harmonized structure. Clauses of two standards that realise one concept and are mapped to each
   * other become one control (one integrated process), even where their mapping is partial.
   */
  harmonizedClauses?: readonly HarmonizedClause[];
}

/**
 * Why a control cites a requirement:
 * - `anchor`: the requirement the control is named after;
 * - `equivalent`: linked to the anchor by equal-to/equivalent-to mappings (both ways full);
 * - `shared-process`: realises the same harmonized-structure concept as a clause of the control and is mapped to it,
 *   but asks for it about another subject (AI, information security, quality): one process serves both only when it
 *   is written to cover each standard's subject, so implementing the control for one standard is not enough;
 * - `covered`: a subset of the control's requirements (reached through superset-of mappings), so implementing the
 *   control covers it too.
 */
export interface Citation {
  requirementId: string;
  basis: 'anchor' | 'equivalent' | 'shared-process' | 'covered';
  /** Mappings that put it in this control. */
  mappingIds: string[];
}

export interface ProposedControl {
  control: OrgControl;
  citations: Citation[];
  frameworks: string[];
}

export interface ProposedControlSet {
  frameworks: string[];
  controls: ProposedControl[];
  summary: {
    controls: number;
    /** Assessable requirements of the chosen frameworks, and how many controls cite several frameworks. */
    requirements: number;
    crossFramework: number;
    singletons: number;
    /** Requirements cited by more than one control (subsets of several unrelated controls). */
    citedMoreThanOnce: number;
  };
}

/**
 * Proposes an organisation control set for the chosen frameworks.
 *
 * 1. Requirements linked by equal-to/equivalent-to mappings (full in both directions) form classes (connected
 *    components); so do clauses that realise the same harmonized-structure concept and are mapped to each other.
 * 2. Superset-of mappings between classes say "implementing one covers the other". Classes that cover each other
 *    (a superset cycle) are merged.
 * 3. Each class that no other class covers becomes a control; it cites its own requirements and every requirement of
 *    the classes it covers, transitively (superset chains collapse into the broadest control). A covered class with
 *    several unrelated covering classes is cited by each of them rather than gluing them together — that is the
 *    difference from plain connected components, which would merge two broad controls through one small shared one.
 *
 * Only assessable requirements (no sub-requirements, neither informative nor withdrawn) of the chosen frameworks take part, and
 * only mappings of the given statuses (approved by default) between them.
 */
export function proposeUnifiedControls(input: CoverageInput, query: ProposeControlsQuery): ProposedControlSet {
  const index = toCoverageIndex(input);
  const { frameworks, includeSingletons = true, at } = query;
  if (!frameworks.length) throw new InputError('name at least one framework');
  const unknown = frameworks.filter((f) => !index.byFramework.has(f));
  if (unknown.length) throw new NotFoundError(unknownFramework(unknown[0]!, index.byFramework.keys()));
  const mask = statusMask(query.statuses ?? ['approved']);

  const members: number[] = [];
  for (const fw of frameworks) for (const node of index.byFramework.get(fw)!) if (isAssessable(index, node)) members.push(node);
  const inSet = new Set(members);

  // 1. Equivalence classes (union-find).
  const parent = new Map<number, number>(members.map((m) => [m, m]));
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  const covers: Array<[number, number, string]> = [];
  const equivalentVia = new Map<number, string[]>();
  const sharedProcessVia = new Map<number, string[]>();
  const conceptOf = new Map<number, string>();
  for (const concept of query.harmonizedClauses ?? [])
    for (const id of concept.requirementIds) {
      const node = index.nodeOf.get(id);
      if (node !== undefined && inSet.has(node)) conceptOf.set(node, concept.id);
    }
  for (const u of members) {
    for (let slot = index.offsets[u]!, end = index.offsets[u + 1]!; slot < end; slot++) {
      const v = index.other[slot]!;
      if (!inSet.has(v) || !(mask & (1 << index.statusOf[index.mappingOf[slot]!]!))) continue;
      const relationship = relationshipOfCode(index.outward[slot]!);
      const mappingId = index.mappings[index.mappingOf[slot]!]!.id;
      if (isEquivalence(relationship)) {
        if (u < v) {
          union(u, v);
          for (const x of [u, v]) equivalentVia.set(x, [...(equivalentVia.get(x) ?? []), mappingId]);
        }
      } else if (relationship === 'superset-of' && levelOfCode(index.outward[slot]!) === 2) covers.push([u, v, mappingId]);
      if (!isEquivalence(relationship) && u < v && levelOfCode(index.outward[slot]!) > 0 && conceptOf.has(u) && conceptOf.get(u) === conceptOf.get(v)) {
        union(u, v);
        for (const x of [u, v]) sharedProcessVia.set(x, [...(sharedProcessVia.get(x) ?? []), mappingId]);
      }
    }
  }

  // 2. Class graph of "covers", with superset cycles merged (repeat until no cycle is left).
  for (;;) {
    const classEdges = new Map<number, Set<number>>();
    for (const [a, b] of covers) {
      const ca = find(a);
      const cb = find(b);
      if (ca === cb) continue;
      let set = classEdges.get(ca);
      if (!set) classEdges.set(ca, (set = new Set()));
      set.add(cb);
    }
    const cycle = findCycle(classEdges);
    if (!cycle) break;
    for (const c of cycle.slice(1)) union(cycle[0]!, c);
  }
  const classes = new Map<number, number[]>();
  for (const m of members) {
    const root = find(m);
    let list = classes.get(root);
    if (!list) classes.set(root, (list = []));
    list.push(m);
  }
  const coversClass = new Map<number, Map<number, string[]>>();
  const coveredBy = new Map<number, Set<number>>();
  for (const [a, b, mappingId] of covers) {
    const ca = find(a);
    const cb = find(b);
    if (ca === cb) continue;
    let targets = coversClass.get(ca);
    if (!targets) coversClass.set(ca, (targets = new Map()));
    targets.set(cb, [...(targets.get(cb) ?? []), mappingId]);
    let by = coveredBy.get(cb);
    if (!by) coveredBy.set(cb, (by = new Set()));
    by.add(ca);
  }

  // 3. One control per class nobody covers.
  const frameworkRank = new Map(frameworks.map((f, i) => [f, i]));
  const rankOf = (node: number) => {
    const r = index.requirements[node]!;
    return [frameworkRank.get(r.frameworkId)!, r.order] as const;
  };
  const byRank = (a: number, b: number) => {
    const [fa, oa] = rankOf(a);
    const [fb, ob] = rankOf(b);
    return fa - fb || oa - ob || a - b;
  };
  const proposals: ProposedControl[] = [];
  const usedIds = new Set<string>();
  const citedCount = new Map<number, number>();
  const roots = [...classes.keys()].filter((c) => !coveredBy.has(c));
  for (const root of roots) {
    const own = [...classes.get(root)!].sort(byRank);
    const citations: Citation[] = own.map((node, i) => {
      if (i === 0) return { requirementId: index.ids[node]!, basis: 'anchor', mappingIds: [] };
      const equivalent = equivalentVia.get(node);
      const shared = equivalent ? undefined : sharedProcessVia.get(node);
      return { requirementId: index.ids[node]!, basis: shared ? 'shared-process' : 'equivalent', mappingIds: [...new Set(equivalent ?? shared ?? [])].sort() };
    });
    // Classes covered, transitively (breadth first, each once).
    const seen = new Set<number>([root]);
    const queue: Array<{ cls: number; via: string[] }> = [...(coversClass.get(root) ?? new Map())].map(([cls, via]) => ({ cls, via }));
    const coveredNodes: Array<{ node: number; via: string[] }> = [];
    while (queue.length) {
      const { cls, via } = queue.shift()!;
      if (seen.has(cls)) continue;
      seen.add(cls);
      for (const node of classes.get(cls)!) coveredNodes.push({ node, via });
      for (const [next, more] of coversClass.get(cls) ?? []) queue.push({ cls: next, via: [...via, ...more] });
    }
    coveredNodes.sort((a, b) => byRank(a.node, b.node));
    for (const { node, via } of coveredNodes) citations.push({ requirementId: index.ids[node]!, basis: 'covered', mappingIds: [...new Set(via)].sort() });
    const nodes = [...own, ...coveredNodes.map((c) => c.node)];
    if (nodes.length === 1 && !includeSingletons) continue;
    for (const n of nodes) citedCount.set(n, (citedCount.get(n) ?? 0) + 1);
    const anchor = index.requirements[own[0]!]!;
    const id = uniqueId(controlIdFor(anchor.id), usedIds);
    const usedFrameworks = frameworks.filter((f) => nodes.some((n) => index.requirements[n]!.frameworkId === f));
    proposals.push({
      control: {
        id, title: controlTitle(index, own[0]!), description: describeProposal(index, citations, coveredNodes.length),
        requirementIds: citations.map((c) => c.requirementId), origin: 'proposed', createdAt: at, updatedAt: at,
      },
      citations,
      frameworks: usedFrameworks,
    });
  }
  proposals.sort((a, b) => byRank(index.nodeOf.get(a.citations[0]!.requirementId)!, index.nodeOf.get(b.citations[0]!.requirementId)!));
  return {
    frameworks: [...frameworks],
    controls: proposals,
    summary: {
      controls: proposals.length,
      requirements: members.length,
      crossFramework: proposals.filter((p) => p.frameworks.length > 1).length,
      singletons: proposals.filter((p) => p.citations.length === 1).length,
      citedMoreThanOnce: [...citedCount.values()].filter((n) => n > 1).length,
    },
  };
}

/** A cycle in a directed graph of classes, or undefined (iterative depth-first search). */
function findCycle(edges: Map<number, Set<number>>): number[] | undefined {
  const state = new Map<number, 1 | 2>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ node: number; next: Iterator<number> }> = [{ node: start, next: (edges.get(start) ?? new Set<number>()).values() }];
    const onPath: number[] = [start];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const step = top.next.next();
      if (step.done) {
        state.set(top.node, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const v = step.value;
      if (state.get(v) === 1) return onPath.slice(onPath.indexOf(v));
      if (state.has(v)) continue;
      state.set(v, 1);
      onPath.push(v);
      stack.push({ node: v, next: (edges.get(v) ?? new Set<number>()).values() });
    }
  }
  return undefined;
}

/** The anchor's title; a generic one ("General", or none) is prefixed with its parent's ("Internal audit: General"). */
function controlTitle(index: CoverageIndex, node: number): string {
  const r = index.requirements[node]!;
  const title = r.title.trim();
  if (title && !/^general$/i.test(title)) return title;
  const parent = index.parentOf[node]! >= 0 ? index.requirements[index.parentOf[node]!] : undefined;
  return parent?.title.trim() ? `${parent.title.trim()}: ${title || r.ref}` : title || r.ref;
}

/** "uc:iso42001-2023:a.6.2.4" from "iso42001-2023:A.6.2.4": stable across proposals of the same content. */
export const controlIdFor = (requirementId: string): string =>
  `uc:${requirementId.toLowerCase().replace(/[^a-z0-9._:/-]+/g, '-').replace(/-+$/g, '')}`;

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function describeProposal(index: CoverageIndex, citations: readonly Citation[], covered: number): string {
  const own = citations.filter((c) => c.basis !== 'covered');
  const refs = own.map((c) => {
    const r = index.requirements[index.nodeOf.get(c.requirementId)!]!;
    return `${r.frameworkId} ${r.ref}`;
  });
  const shared = own.some((c) => c.basis === 'shared-process');
  const parts = [
    own.length === 1
      ? `Control for ${refs[0]}.`
      : shared
        ? `One process for ${refs.join(', ')} (the same harmonized-structure clause in each standard): write it to cover each standard's subject.`
        : `One control for ${refs.join(', ')} (equal or equivalent requirements).`,
  ];
  if (covered) parts.push(`It also covers ${covered} narrower requirement${covered === 1 ? '' : 's'} (superset-of mappings).`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Edits: pure functions over the control list; each returns a new list and never changes the one it was given.
// ---------------------------------------------------------------------------------------------------------------

export interface ControlSetChange {
  controls: OrgControl[];
  /** Ids that no longer exist, and where evidence linked to them should move. */
  removed: string[];
  moveLinks: Array<{ from: string; to: string }>;
}

const byId = (controls: readonly OrgControl[], id: string) => {
  const control = controls.find((c) => c.id === id);
  if (!control) throw new NotFoundError(`unknown control "${id}"`);
  return control;
};

/** One control from several: it keeps the first id (or `id`), cites every requirement once, in order. */
export function mergeOrgControls(
  controls: readonly OrgControl[],
  { ids, id, title, description, at }: { ids: string[]; id?: string; title?: string; description?: string; at: string },
): ControlSetChange {
  if (new Set(ids).size < 2) throw new InputError('merge needs at least two different controls');
  const merging = ids.map((x) => byId(controls, x));
  const keep = id ?? merging[0]!.id;
  if (id && !ids.includes(id) && controls.some((c) => c.id === id)) throw new ConflictError(`control "${id}" already exists`);
  const merged: OrgControl = {
    id: keep,
    title: title?.trim() || merging[0]!.title,
    description: description ?? merging.map((c) => c.description).filter(Boolean).join('\n\n'),
    requirementIds: [...new Set(merging.flatMap((c) => c.requirementIds))],
    origin: 'user',
    createdAt: merging.map((c) => c.createdAt).sort()[0]!,
    updatedAt: at,
  };
  const removed = ids.filter((x) => x !== keep);
  const firstAt = controls.findIndex((c) => ids.includes(c.id));
  const rest = controls.filter((c) => !ids.includes(c.id));
  rest.splice(Math.min(firstAt, rest.length), 0, merged);
  return { controls: rest, removed, moveLinks: removed.map((from) => ({ from, to: keep })) };
}

/**
 * Splits a control: `parts` must share out its cited requirements exactly (each in one part). The first part keeps
 * the control's id (and its evidence links); the others need new ids.
 */
export function splitOrgControl(
  controls: readonly OrgControl[],
  { id, parts, at }: { id: string; parts: Array<{ id?: string; title: string; description?: string; requirementIds: string[] }>; at: string },
): ControlSetChange {
  const control = byId(controls, id);
  if (parts.length < 2) throw new InputError('split needs at least two parts');
  const cited = new Set(control.requirementIds);
  const seen = new Set<string>();
  for (const part of parts) {
    if (!part.requirementIds.length) throw new InputError(`part "${part.title}" cites no requirement`);
    for (const r of part.requirementIds) {
      if (!cited.has(r)) throw new InputError(`"${r}" is not cited by control "${id}"`);
      if (seen.has(r)) throw new InputError(`"${r}" is in two parts`);
      seen.add(r);
    }
  }
  const missing = control.requirementIds.filter((r) => !seen.has(r));
  if (missing.length) throw new InputError(`every cited requirement must go to a part; not placed: ${missing.join(', ')}`);
  const taken = new Set(controls.map((c) => c.id));
  const made: OrgControl[] = parts.map((part, i) => {
    let partId = i === 0 ? id : part.id;
    if (i > 0) {
      if (partId && (taken.has(partId) || partId === id)) throw new ConflictError(`control "${partId}" already exists`);
      partId ??= uniqueId(`${id}-${i + 1}`, taken);
      taken.add(partId);
    }
    return {
      id: partId!, title: part.title.trim() || control.title, description: part.description ?? control.description,
      requirementIds: control.requirementIds.filter((r) => part.requirementIds.includes(r)), origin: 'user',
      createdAt: i === 0 ? control.createdAt : at, updatedAt: at,
    };
  });
  const at_ = controls.findIndex((c) => c.id === id);
  const next = [...controls.slice(0, at_), ...made, ...controls.slice(at_ + 1)];
  return { controls: next, removed: [], moveLinks: [] };
}

export function renameOrgControl(
  controls: readonly OrgControl[],
  { id, title, description, at }: { id: string; title: string; description?: string; at: string },
): ControlSetChange {
  byId(controls, id);
  if (!title.trim()) throw new InputError('a control needs a title');
  return {
    controls: controls.map((c) => (c.id === id ? { ...c, title: title.trim(), ...(description !== undefined ? { description } : {}), origin: 'user', updatedAt: at } : c)),
    removed: [],
    moveLinks: [],
  };
}
