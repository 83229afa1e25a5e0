import type { Database } from 'better-sqlite3';
import type { Evidence, EvidenceLink } from '../../../../domain/schemas/evidence.js';
import type { EvidenceImportSummary } from '../../../types.js';
import { placeholders } from './checks.js';
import { writeEvidenceLinks } from './evidenceLinks.js';
import { saveEvidence } from './saveEvidence.js';

/** Items and links in one transaction: an imported item's links become exactly the imported ones. */
export function importEvidence({ db, evidence, links }: { db: Database; evidence: Evidence[]; links: EvidenceLink[] }): EvidenceImportSummary {
  return db.transaction((): EvidenceImportSummary => {
    const { added, updated } = saveEvidence({ db, items: evidence });
    const ids = evidence.map((e) => e.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      db.prepare(`DELETE FROM evidence_links WHERE evidence_id IN (${placeholders(chunk.length)})`).run(...chunk);
    }
    writeEvidenceLinks({ db, links });
    return { added, updated, links: links.length };
  })();
}
