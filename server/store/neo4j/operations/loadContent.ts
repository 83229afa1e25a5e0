import type { ManagedTransaction } from 'neo4j-driver';
import { InputError } from '../../../domain/errors.js';
import { fingerprintBundle } from '../../../domain/fingerprint.js';
import type { ContentBundle } from '../../../domain/schemas/content.js';
import type { LoadCounts, LoadProgress, LoadSummary } from '../../types.js';
import {
  FILE_ORIGINS, fromFramework, fromHarmonizedClause, fromMapping, fromNoCounterpart, fromRequirement, frameworkOrder, toFramework,
  toHarmonizedClause, toInteger, toMapping, toNoCounterpart, toNumber, toRequirement, toReview, type Props,
} from '../conversion.js';
import * as Q from '../queries.js';
import { planContentSync, type StoredContent } from './planContentSync.js';

/** Rows per UNWIND statement: large enough to keep round trips few, small enough to keep each statement's memory flat. */
export const BATCH_SIZE = 5000;

const NONE: LoadCounts = { added: 0, updated: 0, removed: 0 };
const MAX_PROBLEMS_SHOWN = 20;

/** Reads what a load compares the bundle with, inside the load's own transaction. */
export async function readStoredContent(tx: ManagedTransaction): Promise<StoredContent> {
  const fileOrigins = [...FILE_ORIGINS];
  const frameworks = (await tx.run(Q.STORED_FRAMEWORKS)).records.map((r) => {
    const props = r.get('framework') as Props;
    return { framework: toFramework(props), order: frameworkOrder(props) };
  });
  const requirements = (await tx.run(Q.STORED_REQUIREMENTS)).records.map((r) => toRequirement(r.get('requirement') as Props));
  const fileMappings = (await tx.run(Q.STORED_FILE_MAPPINGS, { fileOrigins })).records.map((r) => toMapping(r.get('mapping') as Props));
  const otherMappingIds = new Set((await tx.run(Q.STORED_OTHER_MAPPING_IDS, { fileOrigins })).records.map((r) => r.get('id') as string));
  const fileNoCounterparts = (await tx.run(Q.STORED_FILE_NO_COUNTERPARTS, { fileOrigins })).records.map((r) => toNoCounterpart(r.get('noCounterpart') as Props));
  const harmonizedClauses = (await tx.run(Q.LIST_HARMONIZED_CLAUSES)).records.map((r) =>
    toHarmonizedClause(r.get('clause') as Props, r.get('members') as Props[]));
  const latestReviews = new Map(
    (await tx.run(Q.LATEST_REVIEWS)).records.map((r) => {
      const review = toReview(r.get('review') as Props);
      return [review.mappingId, review] as const;
    }),
  );
  return { frameworks, requirements, fileMappings, otherMappingIds, fileNoCounterparts, harmonizedClauses, latestReviews };
}

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) out.push(items.slice(i, i + BATCH_SIZE));
  return out;
}

/** Sums an integer column over the records of a batch statement (e.g. `created`, `removed`). */
const total = (records: ReadonlyArray<{ get(key: string): unknown }>, column: string) =>
  records.reduce((sum, record) => sum + toNumber(record.get(column), column), 0);

/**
 * See GraphStore.loadContent. Runs inside the caller's single write transaction, so a failure anywhere (or a
 * retry by the driver) leaves the stored content as it was. Only rows that differ are written. Matches the SQLite
 * store's loadContent decision for decision: counts, what people made and what survives.
 */
export async function loadContent(
  { tx, bundle, onProgress = () => {} }: { tx: ManagedTransaction; bundle: ContentBundle; onProgress?: (p: LoadProgress) => void },
): Promise<LoadSummary> {
  const fingerprint = fingerprintBundle(bundle);
  const previous = (await tx.run(Q.CONTENT_FINGERPRINT)).records[0]?.get('fingerprint') as string | undefined;
  if (previous === fingerprint)
    return { changed: false, fingerprint, frameworks: NONE, requirements: NONE, mappings: NONE, noCounterparts: NONE, harmonizedClauses: NONE, reviewsKept: 0, requirementsKept: [], proposalsDropped: 0 };

  const plan = planContentSync(await readStoredContent(tx), bundle);
  if (plan.problems.length) {
    const shown = plan.problems.slice(0, MAX_PROBLEMS_SHOWN);
    const more = plan.problems.length - shown.length;
    throw new InputError(`content not loaded, nothing was written:\n${shown.join('\n')}${more > 0 ? `\n(and ${more} more)` : ''}`);
  }

  type Records = Array<{ get(key: string): unknown }>;
  /** Runs `write` once per batch of `rows`, reporting progress through the phase; returns all records. */
  const writeInBatches = async <T>(phase: string, itemCount: number, rows: T[], write: (batch: T[]) => Promise<{ records: Records }>) => {
    const results: Records = [];
    let written = 0;
    for (const batch of batches(rows)) {
      results.push(...(await write(batch)).records);
      written += batch.length;
      onProgress({ phase, done: Math.min(itemCount, itemCount - rows.length + written), total: itemCount });
    }
    onProgress({ phase, done: itemCount, total: itemCount });
    return results;
  };
  const expectAll = (records: Records, column: string, wanted: number, what: string) => {
    const created = total(records, column);
    if (created !== wanted) throw new InputError(`content not loaded, nothing was written: ${wanted - created} ${what} refer to requirements that do not exist`);
  };

  // Frameworks, then requirements (which point at them), then their hierarchy.
  const frameworkRows = plan.frameworks.write.map(({ framework, order }) => fromFramework(framework, order));
  await writeInBatches('frameworks', bundle.frameworks.length, frameworkRows, (rows) => tx.run(Q.UPSERT_FRAMEWORKS, { rows }));

  await writeInBatches('requirements', bundle.requirements.length, plan.requirements.write.map(fromRequirement), (rows) => tx.run(Q.UPSERT_REQUIREMENTS, { rows }));
  for (const ids of batches(plan.requirements.write.map((r) => r.id))) {
    await tx.run(Q.LINK_PARENTS, { ids });
    await tx.run(Q.LINK_CHILDREN, { ids });
    // Vectors stored for a requirement before it was (re)loaded point at it again; none is written or removed.
    await tx.run(Q.LINK_EMBEDDINGS, { ids });
  }

  // Mappings: a changed one is deleted and created again, since its ends may have changed.
  const fileOrigins = [...FILE_ORIGINS];
  for (const ids of batches([...plan.mappings.replaced, ...plan.mappings.vanished.map((m) => m.id)])) await tx.run(Q.DELETE_FILE_MAPPINGS, { ids, fileOrigins });
  const mappingRows = plan.mappings.write.map(fromMapping);
  const created = await writeInBatches('mappings', bundle.mappings.length, mappingRows, (rows) => tx.run(Q.CREATE_MAPPINGS, { rows }));
  expectAll(created, 'created', mappingRows.length, 'mappings');

  const goneKeys = plan.noCounterparts.vanished.map(({ requirementId, otherFrameworkId }) => ({ requirementId, otherFrameworkId }));
  for (const keys of batches(goneKeys)) await tx.run(Q.DELETE_NO_COUNTERPARTS, { keys });
  const noCounterpartRows = plan.noCounterparts.write.map(fromNoCounterpart);
  const written = await writeInBatches('noCounterparts', bundle.noCounterparts.length, noCounterpartRows, (rows) => tx.run(Q.UPSERT_NO_COUNTERPARTS, { rows }));
  expectAll(written, 'written', noCounterpartRows.length, 'no-counterpart records');

  for (const ids of batches(plan.harmonizedClauses.vanished.map((c) => c.id))) await tx.run(Q.DELETE_HARMONIZED_CLAUSES, { ids });
  const clauseRows = plan.harmonizedClauses.write.map(fromHarmonizedClause);
  await writeInBatches('harmonizedClauses', bundle.harmonizedClauses.length, clauseRows, (rows) => tx.run(Q.UPSERT_HARMONIZED_CLAUSES, { rows }));
  for (const ids of batches(plan.harmonizedClauses.write.map((c) => c.id))) await tx.run(Q.CLEAR_HARMONIZED_MEMBERS, { ids });
  const memberRows = plan.harmonizedClauses.write.flatMap((c) => c.requirementIds.map((requirementId, order) => ({ clauseId: c.id, requirementId, order: toInteger(order) })));
  const members: Records = [];
  for (const rows of batches(memberRows)) members.push(...(await tx.run(Q.CREATE_HARMONIZED_MEMBERS, { rows })).records);
  expectAll(members, 'created', memberRows.length, 'harmonized clause members');

  // Requirements and frameworks no longer in any file go, unless something still points at them: a mapping, or what
  // people made (an evidence link, a control citation, a SoA decision). Evidence, controls and SoA entries themselves
  // are never written by a load.
  // The suggester's unreviewed proposals do not keep a requirement: they go with it.
  const vanishedIds = plan.requirements.vanished.map((r) => r.id);
  let proposalsDropped = 0;
  for (const ids of batches(vanishedIds)) proposalsDropped += total((await tx.run(Q.DROP_UNREVIEWED_PROPOSALS, { ids })).records, 'dropped');
  const removedIds = new Set<string>();
  for (const ids of batches(vanishedIds)) for (const record of (await tx.run(Q.REMOVE_UNUSED_REQUIREMENTS, { ids })).records) for (const id of record.get('removed') as string[]) removedIds.add(id);
  const requirementsRemoved = removedIds.size;
  const requirementsKept = vanishedIds.filter((id) => !removedIds.has(id)).sort();
  let frameworksRemoved = 0;
  for (const ids of batches(plan.frameworks.vanished.map((f) => f.framework.id))) frameworksRemoved += total((await tx.run(Q.REMOVE_UNUSED_FRAMEWORKS, { ids })).records, 'removed');

  await tx.run(Q.SET_CONTENT_FINGERPRINT, { fingerprint });
  const counts = ({ added, updated }: LoadCounts, removed: number): LoadCounts => ({ added, updated, removed });
  const kinds = {
    frameworks: counts(plan.frameworks.counts, frameworksRemoved),
    requirements: counts(plan.requirements.counts, requirementsRemoved),
    mappings: counts(plan.mappings.counts, plan.mappings.vanished.length),
    noCounterparts: counts(plan.noCounterparts.counts, plan.noCounterparts.vanished.length),
    harmonizedClauses: counts(plan.harmonizedClauses.counts, plan.harmonizedClauses.vanished.length),
  };
  // A new fingerprint for the same content (items only moved between files) changes nothing else.
  const changed = Object.values(kinds).some((c) => c.added + c.updated + c.removed > 0) || proposalsDropped > 0;
  return { changed, fingerprint, ...kinds, reviewsKept: plan.reviewsKept, requirementsKept, proposalsDropped };
}
