import type { ManagedTransaction } from 'neo4j-driver';
import { NotFoundError } from '../../../../domain/errors.js';
import type { OrgControl } from '../../../../domain/schemas/orgControl.js';
import type { OrgControlSaveOptions } from '../../../types.js';
import { fromOrgControl, toInteger, toNumber, toOrgControl, type Props } from '../../conversion.js';
import * as Q from '../../queries.js';
import { deletedAny, inBatches, requireOrgControls, requireRequirements } from './checks.js';

/** In set order (position, then id); one control when `id` is given. */
export async function listOrgControls({ tx, id }: { tx: ManagedTransaction; id?: string }): Promise<OrgControl[]> {
  return (await tx.run(Q.LIST_ORG_CONTROLS, { id: id ?? null })).records.map((r) => toOrgControl(r.get('control') as Props, r.get('citations') as Props[]));
}

/**
 * See EvidenceStore.saveOrgControls. Runs inside the caller's write transaction and decides as the SQLite store
 * does, step by step: cited requirements and controls to remove must exist; each control is written at its index in
 * `controls` (an id given twice ends as its last occurrence, at that index) with exactly its citations; links move
 * in the order given; then `remove` goes.
 */
export async function saveOrgControls(
  { tx, controls, remove = [], moveLinks = [] }: { tx: ManagedTransaction; controls: OrgControl[] } & OrgControlSaveOptions,
): Promise<void> {
  await requireRequirements(tx, controls.flatMap((c) => c.requirementIds));
  await requireOrgControls(tx, remove.filter((id) => !controls.some((c) => c.id === id)));

  const latest = new Map<string, { control: OrgControl; position: number }>();
  controls.forEach((control, position) => latest.set(control.id, { control, position }));
  const written = [...latest.values()];
  await inBatches(written.map(({ control, position }) => fromOrgControl(control, position)), (rows) => tx.run(Q.UPSERT_ORG_CONTROLS, { rows }));
  await inBatches([...latest.keys()], (ids) => tx.run(Q.CLEAR_CITATIONS, { ids }));
  const citations = written.flatMap(({ control }) =>
    control.requirementIds.map((requirementId, position) => ({ controlId: control.id, requirementId, position: toInteger(position) })));
  const created = (await inBatches(citations, (rows) => tx.run(Q.CREATE_CITATIONS, { rows }))).reduce((sum, r) => sum + toNumber(r.get('created'), 'created'), 0);
  // The requirements were there a moment ago in this transaction; one removed since (by a concurrent load) is as unknown.
  if (created !== citations.length) throw new NotFoundError(`unknown requirements: ${citations.length - created} cited requirements no longer exist`);

  for (const { from, to } of moveLinks) {
    if (!(await tx.run(Q.EXISTING_ORG_CONTROL_IDS, { ids: [to] })).records.length) throw new NotFoundError(`unknown control "${to}" to move evidence links to`);
    await tx.run(Q.MOVE_CONTROL_LINKS, { from, to });
  }
  for (const id of remove) await tx.run(Q.DELETE_ORG_CONTROL, { id });
}

/** Deletes a control with its citations and the evidence links to it; false when there was none. */
export async function deleteOrgControl({ tx, id }: { tx: ManagedTransaction; id: string }): Promise<boolean> {
  return deletedAny((await tx.run(Q.DELETE_ORG_CONTROL, { id })).records);
}
