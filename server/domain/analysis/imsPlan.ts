import { InputError, NotFoundError } from '../errors.js';
import type { HarmonizedClause } from '../schemas/harmonizedClause.js';
import type { Status } from '../schemas/mapping.js';
import { ancestorsOf, isAssessable, levelOfCode, relationshipOfCode, statusMask, toCoverageIndex, type CoverageIndex, type CoverageInput } from './coverageIndex.js';
import { unknownFramework } from '../likelyMeant.js';

export interface ImsPlanQuery {
  /** Management-system standards to integrate, e.g. iso42001-2023, iso27001-2022, iso9001-2015. */
  standards: string[];
  harmonizedClauses: readonly HarmonizedClause[];
  statuses?: Status[];
}

export interface Counterpart {
  requirementId: string;
  /** Read from the clause towards its counterpart. */
  relationship: string;
  mappingId: string;
  /** The mapping's note: what one clause asks for that the other does not. */
  note?: string;
}

export interface ImsClause {
  requirementId: string;
  standardId: string;
  ref: string;
  title: string;
  /** Linked by a mapping to a clause of the same concept in another chosen standard. */
  shared: boolean;
  counterparts: Counterpart[];
  /** Reviewed "no counterpart" records against the other chosen standards. */
  noCounterparts: Array<{ otherFrameworkId: string; note: string }>;
}

/** One process of the integrated system: a harmonized-structure concept and the clauses it satisfies in each standard. */
export interface ImsProcess {
  conceptId: string;
  title: string;
  summary: string;
  order: number;
  /** Per chosen standard (in the order given), the clauses this process satisfies there. */
  clauses: Array<{ standardId: string; items: ImsClause[] }>;
  /** Standards that realise the concept; standards that do not. */
  standards: string[];
  missingIn: string[];
}

export interface ImsAddition {
  requirementId: string;
  ref: string;
  title: string;
  kind: string;
  /** Top-level section it belongs to ("8 Operation", "Annex A …"). */
  section: string;
  /** When the clause sits inside a harmonized concept but has no counterpart in the other standards. */
  conceptId?: string;
  /** Direct mappings to the other chosen standards: related work, not the same process. */
  related: Counterpart[];
  noCounterparts: Array<{ otherFrameworkId: string; note: string }>;
}

export interface ImsPlan {
  standards: string[];
  processes: ImsProcess[];
  additions: Array<{ standardId: string; items: ImsAddition[] }>;
  summary: { processes: number; sharedByAll: number; additions: Record<string, number> };
}

/**
 * An integrated management-system plan for several standards of the harmonized structure.
 *
 * Shared processes come from the harmonized clause concepts (joined on the concept, never on the clause number).
 * Inside a concept, a clause counts as shared when an approved mapping links it to a clause of the same concept
 * in another chosen standard; a clause with none (e.g. ISO/IEC 42001 6.1.4, the AI system impact assessment) is one
 * of its standard's own additions. Everything else each standard asks for — assessable clauses outside every
 * concept and the annex controls — is listed as that standard's additions, with any direct mappings to the other
 * standards as "related".
 */
export function imsPlan(input: CoverageInput, query: ImsPlanQuery): ImsPlan {
  const index = toCoverageIndex(input);
  const { standards, harmonizedClauses } = query;
  if (standards.length < 1) throw new InputError('name at least one standard');
  if (new Set(standards).size !== standards.length) throw new InputError('a standard is named twice');
  const unknown = standards.filter((s) => !index.byFramework.has(s));
  if (unknown.length) throw new NotFoundError(unknownFramework(unknown[0]!, index.byFramework.keys()));
  const mask = statusMask(query.statuses ?? ['approved']);
  const statuses = query.statuses ?? ['approved'];
  const chosen = new Set(standards);
  const fwOf = (node: number) => index.frameworks[index.frameworkOfNode[node]!]!;

  const conceptOf = new Map<number, string>();
  for (const concept of harmonizedClauses)
    for (const id of concept.requirementIds) {
      const node = index.nodeOf.get(id);
      if (node !== undefined && chosen.has(fwOf(node))) conceptOf.set(node, concept.id);
    }

  const counterpartsOf = (node: number, accept: (other: number) => boolean): Counterpart[] => {
    const found: Counterpart[] = [];
    for (let slot = index.offsets[node]!, end = index.offsets[node + 1]!; slot < end; slot++) {
      const other = index.other[slot]!;
      if (!(mask & (1 << index.statusOf[index.mappingOf[slot]!]!))) continue;
      if (levelOfCode(index.outward[slot]!) === 0 || !accept(other)) continue;
      const mapping = index.mappings[index.mappingOf[slot]!]!;
      found.push({ requirementId: index.ids[other]!, relationship: relationshipOfCode(index.outward[slot]!), mappingId: mapping.id, ...(mapping.note ? { note: mapping.note } : {}) });
    }
    return found;
  };
  const noCounterpartsOf = (node: number) =>
    (index.noCounterpartsOf.get(node) ?? [])
      .filter((r) => chosen.has(r.otherFrameworkId) && r.otherFrameworkId !== fwOf(node) && statuses.includes(r.status))
      .map((r) => ({ otherFrameworkId: r.otherFrameworkId, note: r.note }));

  const additions = new Map<string, ImsAddition[]>(standards.map((s) => [s, []]));
  const addition = (node: number, conceptId?: string): ImsAddition => {
    const r = index.requirements[node]!;
    return {
      requirementId: r.id, ref: r.ref, title: r.title, kind: r.kind, section: sectionOf(index, node), ...(conceptId ? { conceptId } : {}),
      related: counterpartsOf(node, (other) => chosen.has(fwOf(other)) && fwOf(other) !== r.frameworkId),
      noCounterparts: noCounterpartsOf(node),
    };
  };

  const processes: ImsProcess[] = [];
  for (const concept of [...harmonizedClauses].sort((a, b) => a.order - b.order)) {
    const clauses = standards.map((standardId) => ({
      standardId,
      items: concept.requirementIds
        .map((id) => index.nodeOf.get(id))
        .filter((node): node is number => node !== undefined && index.requirements[node] !== undefined && fwOf(node) === standardId)
        .map((node): ImsClause => {
          const r = index.requirements[node]!;
          const counterparts = counterpartsOf(node, (other) => conceptOf.get(other) === concept.id && fwOf(other) !== standardId);
          return { requirementId: r.id, standardId, ref: r.ref, title: r.title, shared: counterparts.length > 0, counterparts, noCounterparts: noCounterpartsOf(node) };
        }),
    }));
    const realising = clauses.filter((c) => c.items.length).map((c) => c.standardId);
    if (!realising.length) continue;
    processes.push({
      conceptId: concept.id, title: concept.title, summary: concept.summary, order: concept.order, clauses: clauses.filter((c) => c.items.length),
      standards: realising, missingIn: standards.filter((s) => !realising.includes(s)),
    });
    // With several standards, a clause of the concept that matches nothing in the others is its standard's own.
    if (standards.length > 1)
      for (const { standardId, items } of clauses)
        for (const item of items) {
          const node = index.nodeOf.get(item.requirementId)!;
          if (!item.shared && isAssessable(index, node)) additions.get(standardId)!.push(addition(node, concept.id));
        }
  }

  for (const standardId of standards)
    for (const node of index.byFramework.get(standardId)!) {
      if (!isAssessable(index, node) || conceptOf.has(node) || ancestorsOf(index, node).some((a) => conceptOf.has(a))) continue;
      additions.get(standardId)!.push(addition(node));
    }
  const order = (id: string) => index.requirements[index.nodeOf.get(id)!]!.order;
  for (const list of additions.values()) list.sort((a, b) => order(a.requirementId) - order(b.requirementId));

  return {
    standards: [...standards],
    processes,
    additions: standards.map((standardId) => ({ standardId, items: additions.get(standardId)! })),
    summary: {
      processes: processes.length,
      sharedByAll: processes.filter((p) => !p.missingIn.length && p.clauses.every((c) => c.items.some((i) => i.shared) || standards.length === 1)).length,
      additions: Object.fromEntries(standards.map((s) => [s, additions.get(s)!.length])),
    },
  };
}

/** "8 Operation" or "Annex A Reference control objectives and controls": the top-level ancestor. */
function sectionOf(index: CoverageIndex, node: number): string {
  const top = ancestorsOf(index, node).at(-1) ?? node;
  const r = index.requirements[top]!;
  return `${r.ref} ${r.title}`.trim();
}
