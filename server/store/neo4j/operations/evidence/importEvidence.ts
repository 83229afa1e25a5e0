import type { ManagedTransaction } from 'neo4j-driver';
import type { Evidence, EvidenceLink } from '../../../../domain/schemas/evidence.js';
import type { EvidenceImportSummary } from '../../../types.js';
import * as Q from '../../queries.js';
import { inBatches } from './checks.js';
import { writeEvidenceLinks } from './evidenceLinks.js';
import { saveEvidence } from './saveEvidence.js';

/** Items and links in the caller's one write transaction: an imported item's links become exactly the imported ones. */
export async function importEvidence(
  { tx, evidence, links }: { tx: ManagedTransaction; evidence: Evidence[]; links: EvidenceLink[] },
): Promise<EvidenceImportSummary> {
  const { added, updated } = await saveEvidence({ tx, items: evidence });
  await inBatches([...new Set(evidence.map((e) => e.id))], (ids) => tx.run(Q.DELETE_LINKS_OF_EVIDENCE, { ids }));
  await writeEvidenceLinks({ tx, links });
  return { added, updated, links: links.length };
}
