import { InputError } from '../domain/errors.js';
import { frameworkOf } from '../domain/ids.js';
import { inverseRelationship } from '../domain/relationships.js';
import type { FrameworkId } from '../domain/schemas/common.js';
import type { Mapping, Rationale, Relationship, Status } from '../domain/schemas/mapping.js';
import type { Requirement } from '../domain/schemas/requirement.js';
import { toCsv } from './csv.js';

/**
 * Columns of the set theory relationship mapping (STRM) OLIR template, in the template's order. Source: NIST IR
 * 8278A Rev. 1 (February 2024), "National Online Informative References (OLIR) Program: Submission Guidance for OLIR
 * Developers", Table 2 (field names and which are required for STRM) and Tables 4–5 (column order of the STRM
 * template examples). "Security Control Baseline" is left out: it applies only to the SP 800-53 focal template.
 * Comments and Strength of Relationship are optional in the template.
 */
export const OLIR_STRM_COLUMNS = [
  'Focal Document Element',
  'Focal Document Element Description',
  'Rationale',
  'Relationship',
  'Reference Document Element',
  'Reference Document Element Description',
  'Comments',
  'Strength of Relationship',
] as const;

/** IR 8278A Rev. 1 §3.2.6 spells the five relationships "subset of, intersects with, equal, superset of, not related to". */
const OLIR_RELATIONSHIP: Record<Relationship, string> = {
  'equal-to': 'equal',
  'equivalent-to': 'equal',
  'subset-of': 'subset of',
  'superset-of': 'superset of',
  'intersects-with': 'intersects with',
  'no-relationship': 'not related to',
};

/** The template examples capitalise the rationale ("Semantic", "Functional"). */
const OLIR_RATIONALE: Record<Rationale, string> = { syntactic: 'Syntactic', semantic: 'Semantic', functional: 'Functional' };

export interface OlirCsvExportOptions {
  /** The framework that plays the OLIR focal document (its elements come first in each row). */
  focal: FrameworkId;
  /** The framework that plays the reference document. */
  reference: FrameworkId;
  /** Mappings between the two, stored in either direction; others are ignored. */
  mappings: readonly Mapping[];
  /** Requirements of both frameworks: their titles fill the description columns and set the row order. */
  requirements: readonly Requirement[];
  /** Which mappings to export; rejected ones are left out by default (the template has no status column). */
  statuses?: readonly Status[];
  /** Add a row with only the focal element for every focal requirement without a mapping, as the template asks. */
  includeUnmapped?: boolean;
}

/**
 * The OLIR "Relationship" is stated for the reference document element compared to the focal one (IR 8278A Rev. 1
 * §3.2, Table 2: "the type of logical comparison … for the Reference Document Element compared to the Focal Document
 * Element"): "subset of" says the reference element is a subset of the focal element. A Crosswalk mapping states
 * "source <relationship> target", so one stored reference → focal keeps its relationship and one stored focal →
 * reference is turned round (subset-of ↔ superset-of).
 */
export const olirRelationshipOf = (mapping: Pick<Mapping, 'relationship'>, storedFrom: 'focal' | 'reference'): Relationship =>
  storedFrom === 'reference' ? mapping.relationship : inverseRelationship(mapping.relationship);

/**
 * Exports one framework pair as the OLIR STRM template CSV, focal element first in each row and the relationship read
 * from the reference element to the focal one (see `olirRelationshipOf`).
 * Rows follow the focal document's order, then the reference document's. "equivalent-to" has no OLIR value: it is
 * written as "equal" and said so in Comments, as is a mapping that is still only proposed.
 */
export function exportOlirCsv({ focal, reference, mappings, requirements, statuses = ['approved', 'proposed'], includeUnmapped = true }: OlirCsvExportOptions): string {
  if (focal === reference) throw new InputError(`OLIR export: the focal and reference documents must differ (both are "${focal}")`);
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const description = (id: string) => {
    const requirement = byId.get(id);
    return requirement ? requirement.title || requirement.summary || '' : '';
  };
  const refOf = (id: string) => byId.get(id)?.ref ?? id.slice(id.indexOf(':') + 1);
  const order = (id: string) => byId.get(id)?.order ?? Number.MAX_SAFE_INTEGER;

  const oriented = mappings
    .filter((m) => statuses.includes(m.status))
    .flatMap((m) => {
      const [from, to] = [frameworkOf(m.source), frameworkOf(m.target)];
      if (from === focal && to === reference) return [{ mapping: m, focalId: m.source, referenceId: m.target, relationship: olirRelationshipOf(m, 'focal') }];
      if (from === reference && to === focal) return [{ mapping: m, focalId: m.target, referenceId: m.source, relationship: olirRelationshipOf(m, 'reference') }];
      return [];
    })
    .sort((a, b) => order(a.focalId) - order(b.focalId) || order(a.referenceId) - order(b.referenceId) || a.focalId.localeCompare(b.focalId) || a.referenceId.localeCompare(b.referenceId));

  const rows: string[][] = [];
  const mapped = new Set(oriented.map((o) => o.focalId));
  const focalRequirements = requirements.filter((r) => r.frameworkId === focal).sort((a, b) => a.order - b.order);
  const unmappedRow = (r: Requirement) => [r.ref, description(r.id), '', '', '', '', '', ''];
  let next = 0;
  for (const { mapping, focalId, referenceId, relationship } of oriented) {
    // Unmapped focal elements go where they sit in the focal document's order.
    while (includeUnmapped && next < focalRequirements.length && focalRequirements[next]!.order <= order(focalId)) {
      const candidate = focalRequirements[next++]!;
      if (!mapped.has(candidate.id)) rows.push(unmappedRow(candidate));
    }
    const comments = [
      mapping.relationship === 'equivalent-to' ? 'Crosswalk states "equivalent-to" (same effective meaning, different words); OLIR has no such value.' : '',
      mapping.status === 'proposed' ? 'Proposed in Crosswalk; not yet reviewed.' : '',
      mapping.note ?? '',
    ].filter(Boolean).join(' ');
    rows.push([refOf(focalId), description(focalId), OLIR_RATIONALE[mapping.rationale], OLIR_RELATIONSHIP[relationship], refOf(referenceId), description(referenceId), comments, String(mapping.strength)]);
  }
  if (includeUnmapped) for (const candidate of focalRequirements.slice(next)) if (!mapped.has(candidate.id)) rows.push(unmappedRow(candidate));
  return toCsv([[...OLIR_STRM_COLUMNS], ...rows]);
}
