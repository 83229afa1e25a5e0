import type { ManagedTransaction } from 'neo4j-driver';
import type { EvidenceLink } from '../../../../domain/schemas/evidence.js';
import type { EvidenceLinkFilter, EvidenceLinkKey } from '../../../types.js';
import { fromEvidenceLink, toEvidenceLink, type Props } from '../../conversion.js';
import * as Q from '../../queries.js';
import { deletedAny, inBatches, requireEvidence, requireOrgControls, requireRequirements } from './checks.js';

/**
 * Creates links, or replaces their notes, after checking that every item, requirement and control exists (in that
 * order, as the SQLite store checks them). Runs inside the caller's write transaction.
 */
export async function writeEvidenceLinks({ tx, links }: { tx: ManagedTransaction; links: EvidenceLink[] }): Promise<void> {
  await requireEvidence(tx, links.map((l) => l.evidenceId));
  await requireRequirements(tx, links.flatMap((l) => (l.kind === 'requirement' ? [l.requirementId] : [])));
  await requireOrgControls(tx, links.flatMap((l) => (l.kind === 'org-control' ? [l.orgControlId] : [])));
  const toRequirements = links.filter((l) => l.kind === 'requirement').map(fromEvidenceLink);
  const toControls = links.filter((l) => l.kind === 'org-control').map(fromEvidenceLink);
  await inBatches(toRequirements, (rows) => tx.run(Q.UPSERT_REQUIREMENT_LINKS, { rows }));
  await inBatches(toControls, (rows) => tx.run(Q.UPSERT_CONTROL_LINKS, { rows }));
}

export async function deleteEvidenceLink({ tx, key }: { tx: ManagedTransaction; key: EvidenceLinkKey }): Promise<boolean> {
  const records = key.kind === 'requirement'
    ? (await tx.run(Q.DELETE_REQUIREMENT_LINK, { evidenceId: key.evidenceId, targetId: key.requirementId })).records
    : (await tx.run(Q.DELETE_CONTROL_LINK, { evidenceId: key.evidenceId, targetId: key.orgControlId })).records;
  return deletedAny(records);
}

/** Sorted by evidence id, then requirement links before control links, then target id. Empty strings filter nothing. */
export async function listEvidenceLinks({ tx, filter = {} }: { tx: ManagedTransaction; filter?: EvidenceLinkFilter }): Promise<EvidenceLink[]> {
  const params = { evidenceId: filter.evidenceId || null, requirementId: filter.requirementId || null, orgControlId: filter.orgControlId || null };
  return (await tx.run(Q.LIST_EVIDENCE_LINKS, params)).records.map((r) =>
    toEvidenceLink({ evidenceId: r.get('evidenceId'), kind: r.get('kind'), targetId: r.get('targetId'), note: r.get('note') } as Props));
}
