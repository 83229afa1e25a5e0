import { inScope, isExpired, type Evidence, type EvidenceLink } from '../schemas/evidence.js';
import type { OrgControl } from '../schemas/orgControl.js';
import { descendantsOf, type CoverageIndex } from './coverageIndex.js';

/** Where evidence enters the graph: one requirement, and the evidence items (and controls they came through) behind it. */
export interface SourceEvidence {
  evidenceIds: Set<string>;
  orgControlIds: Set<string>;
}

/**
 * What an analysis starts from for targets in one framework: the requirement nodes taken as satisfied, and for
 * evidence-based analyses which items stand behind each node. Expired items are kept apart: they are reported but
 * carry nothing. Items out of scope for the target framework are left out.
 */
export interface SourceSet {
  isSource: Uint8Array;
  evidence?: Map<number, SourceEvidence>;
  expired?: Map<number, SourceEvidence>;
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

export interface EvidenceSourceInput {
  evidence: readonly Evidence[];
  links: readonly EvidenceLink[];
  orgControls?: readonly OrgControl[];
  asOf: string;
}

/** Evidence sources for targets in `targetFrameworkId` (scope is checked against it). */
export function sourcesFromEvidence(index: CoverageIndex, { evidence, links, orgControls = [], asOf }: EvidenceSourceInput, targetFrameworkId: string): SourceSet {
  const isSource = new Uint8Array(index.ids.length);
  const valid = new Map<number, SourceEvidence>();
  const expired = new Map<number, SourceEvidence>();
  const unknown = new Set<string>();
  const outOfScope = new Set<string>();
  const items = new Map(evidence.map((e) => [e.id, e]));
  const controls = new Map(orgControls.map((c) => [c.id, c]));
  const add = (map: Map<number, SourceEvidence>, node: number, evidenceId: string, orgControlId?: string) => {
    let entry = map.get(node);
    if (!entry) map.set(node, (entry = { evidenceIds: new Set(), orgControlIds: new Set() }));
    entry.evidenceIds.add(evidenceId);
    if (orgControlId) entry.orgControlIds.add(orgControlId);
  };
  for (const link of links) {
    const item = items.get(link.evidenceId);
    if (!item) continue;
    if (!inScope(item, targetFrameworkId)) {
      outOfScope.add(item.id);
      continue;
    }
    const targets =
      link.kind === 'requirement'
        ? [{ requirementId: link.requirementId }]
        : (controls.get(link.orgControlId)?.requirementIds ?? []).map((requirementId) => ({ requirementId, orgControlId: link.orgControlId }));
    for (const target of targets) {
      const node = index.nodeOf.get(target.requirementId);
      if (node === undefined || !index.requirements[node]) {
        unknown.add(target.requirementId);
        continue;
      }
      const orgControlId = 'orgControlId' in target ? target.orgControlId : undefined;
      if (isExpired(item, asOf)) add(expired, node, item.id, orgControlId);
      else {
        isSource[node] = 1;
        add(valid, node, item.id, orgControlId);
      }
    }
  }
  return { isSource, evidence: valid, expired, unknown: [...unknown].sort(), outOfScope: [...outOfScope].sort() };
}
