import type { ManagedTransaction } from 'neo4j-driver';
import type { Evidence } from '../../../../domain/schemas/evidence.js';
import { fromEvidence } from '../../conversion.js';
import * as Q from '../../queries.js';
import { inBatches, requireFrameworks } from './checks.js';

/**
 * Creates or replaces items (their links untouched); returns how many were new, counted as the SQLite store counts
 * them (an id given twice is added once, then updated). Every framework of every scope must exist. Runs inside the
 * caller's write transaction.
 */
export async function saveEvidence({ tx, items }: { tx: ManagedTransaction; items: Evidence[] }): Promise<{ added: number; updated: number }> {
  await requireFrameworks(tx, items.flatMap((e) => e.scope));
  const ids = [...new Set(items.map((e) => e.id))];
  const stored = new Set((await inBatches(ids, (batch) => tx.run(Q.EXISTING_EVIDENCE_IDS, { ids: batch }))).map((r) => r.get('id') as string));
  let added = 0;
  for (const item of items) {
    if (stored.has(item.id)) continue;
    added++;
    stored.add(item.id);
  }
  await inBatches(items.map(fromEvidence), (rows) => tx.run(Q.UPSERT_EVIDENCE, { rows }));
  return { added, updated: items.length - added };
}
