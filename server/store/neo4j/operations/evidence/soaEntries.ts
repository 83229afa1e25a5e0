import type { ManagedTransaction } from 'neo4j-driver';
import { InputError, NotFoundError } from '../../../../domain/errors.js';
import type { SoaEntry } from '../../../../domain/schemas/soa.js';
import { fromSoaEntry, toNumber, toSoaEntry, type Props } from '../../conversion.js';
import * as Q from '../../queries.js';
import { deletedAny, inBatches, requireFrameworks, requireRequirements } from './checks.js';

/** Sorted by requirement id. */
export async function listSoaEntries({ tx, frameworkId }: { tx: ManagedTransaction; frameworkId: string }): Promise<SoaEntry[]> {
  return (await tx.run(Q.LIST_SOA_ENTRIES, { frameworkId })).records.map((r) => toSoaEntry(r.get('entry') as Props));
}

/**
 * Creates or replaces decisions in the caller's write transaction. Checks as the SQLite store does, in its order:
 * frameworks, then requirements (NotFoundError), then that each requirement is of its entry's framework (InputError
 * naming the first that is not); nothing is written unless all pass.
 */
export async function saveSoaEntries({ tx, entries }: { tx: ManagedTransaction; entries: SoaEntry[] }): Promise<void> {
  await requireFrameworks(tx, entries.map((e) => e.frameworkId));
  const frameworkOf = await requireRequirements(tx, entries.map((e) => e.requirementId));
  for (const entry of entries) {
    const frameworkId = frameworkOf.get(entry.requirementId)!;
    if (frameworkId !== entry.frameworkId) throw new InputError(`"${entry.requirementId}" is a requirement of ${frameworkId}, not of ${entry.frameworkId}`);
  }
  const written = (await inBatches(entries.map(fromSoaEntry), (rows) => tx.run(Q.UPSERT_SOA_ENTRIES, { rows }))).reduce((sum, r) => sum + toNumber(r.get('written'), 'written'), 0);
  if (written !== entries.length) throw new NotFoundError(`unknown requirements: ${entries.length - written} requirements of these entries no longer exist`);
}

export async function deleteSoaEntry({ tx, frameworkId, requirementId }: { tx: ManagedTransaction; frameworkId: string; requirementId: string }): Promise<boolean> {
  return deletedAny((await tx.run(Q.DELETE_SOA_ENTRY, { frameworkId, requirementId })).records);
}
