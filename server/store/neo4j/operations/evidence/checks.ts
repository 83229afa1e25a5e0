import type { ManagedTransaction } from 'neo4j-driver';
import { NotFoundError } from '../../../../domain/errors.js';
import { toNumber } from '../../conversion.js';
import * as Q from '../../queries.js';

/** Rows (or ids) per UNWIND statement, as in a content load. */
const BATCH_SIZE = 5000;

type Records = ReadonlyArray<{ get(key: string): unknown }>;

/** Runs `run` once per batch of `items` and returns every record it produced. */
export async function inBatches<T>(items: T[], run: (batch: T[]) => Promise<{ records: Records }>): Promise<Records> {
  const records: Array<Records[number]> = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) records.push(...(await run(items.slice(i, i + BATCH_SIZE))).records);
  return records;
}

/** NotFoundError worded as the SQLite store words it: `unknown frameworks "a", "b" and 3 more`. */
export function notFound(what: string, missing: string[]): NotFoundError {
  const shown = missing.slice(0, 5).map((id) => `"${id}"`).join(', ');
  return new NotFoundError(`unknown ${what}${missing.length === 1 ? '' : 's'} ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
}

/** Throws notFound for the ids (deduplicated, in the order given) that `found` lacks. */
function requireFound(wanted: string[], found: Records, what: string) {
  const ids = new Set(found.map((r) => r.get('id') as string));
  const missing = wanted.filter((id) => !ids.has(id));
  if (missing.length) throw notFound(what, missing);
}

export async function requireFrameworks(tx: ManagedTransaction, ids: Iterable<string>) {
  const wanted = [...new Set(ids)];
  requireFound(wanted, await inBatches(wanted, (batch) => tx.run(Q.EXISTING_FRAMEWORK_IDS, { ids: batch })), 'framework');
}

export async function requireEvidence(tx: ManagedTransaction, ids: Iterable<string>) {
  const wanted = [...new Set(ids)];
  requireFound(wanted, await inBatches(wanted, (batch) => tx.run(Q.EXISTING_EVIDENCE_IDS, { ids: batch })), 'evidence item');
}

export async function requireOrgControls(tx: ManagedTransaction, ids: Iterable<string>) {
  const wanted = [...new Set(ids)];
  requireFound(wanted, await inBatches(wanted, (batch) => tx.run(Q.EXISTING_ORG_CONTROL_IDS, { ids: batch })), 'control');
}

/** The framework of each of `ids`; NotFoundError when any is not a stored requirement. */
export async function requireRequirements(tx: ManagedTransaction, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const found = await inBatches(wanted, (batch) => tx.run(Q.EXISTING_REQUIREMENTS, { ids: batch }));
  requireFound(wanted, found, 'requirement');
  return new Map(found.map((r) => [r.get('id') as string, r.get('frameworkId') as string]));
}

/** Whether a DELETE_* statement (one row, `deleted`) deleted anything. */
export const deletedAny = (records: Records) => toNumber(records[0]?.get('deleted') ?? 0, 'deleted') > 0;
