import type { ManagedTransaction } from 'neo4j-driver';
import type { Evidence } from '../../../../domain/schemas/evidence.js';
import type { EvidenceCriteria, EvidenceFilter } from '../../../types.js';
import { toEvidence, toNumber, type Props } from '../../conversion.js';
import { evidenceSearchWords } from '../../../evidenceSearch.js';
import { deletedAny } from './checks.js';
import { pageOf } from '../../paging.js';
import * as Q from '../../queries.js';

/** The SQLite store's page size for evidence when none is asked for. */
const DEFAULT_LIMIT = 100_000;

/** The parameters of EVIDENCE_FILTER. Empty strings filter nothing, as in the SQLite store. */
const filterParams = ({ requirementId, orgControlId, frameworkId, expiredAsOf, text }: EvidenceCriteria) => ({
  requirementId: requirementId || null,
  orgControlId: orgControlId || null,
  frameworkId: frameworkId || null,
  expiredAsOf: expiredAsOf || null,
  words: evidenceSearchWords(text),
});

/** Sorted by id. */
export async function listEvidence({ tx, filter = {} }: { tx: ManagedTransaction; filter?: EvidenceFilter }): Promise<Evidence[]> {
  const { limit, offset, ...rest } = filter;
  const params = { ...filterParams(rest), ...pageOf({ limit, offset }, DEFAULT_LIMIT) };
  return (await tx.run(Q.LIST_EVIDENCE, params)).records.map((r) => toEvidence(r.get('evidence') as Props));
}

export async function countEvidence({ tx, filter = {} }: { tx: ManagedTransaction; filter?: EvidenceCriteria }): Promise<number> {
  const record = (await tx.run(Q.COUNT_EVIDENCE, filterParams(filter))).records[0];
  return record ? toNumber(record.get('total')) : 0;
}

export async function getEvidence({ tx, id }: { tx: ManagedTransaction; id: string }): Promise<Evidence | undefined> {
  const record = (await tx.run(Q.GET_EVIDENCE, { id })).records[0];
  return record && toEvidence(record.get('evidence') as Props);
}

/** Deletes the item with its links; false when there was none. */
export async function deleteEvidence({ tx, id }: { tx: ManagedTransaction; id: string }): Promise<boolean> {
  return deletedAny((await tx.run(Q.DELETE_EVIDENCE, { id })).records);
}
