import type { GraphStore } from '../types.js';
import { Neo4jStore } from './Neo4jStore.js';

/**
 * Test support: empties the database behind a Neo4j store, in batches so a large database does not need one huge
 * transaction. Constraints, indexes, the migration record and the revision counter stay, so the store is ready for use
 * at once and its revision never repeats an earlier value. Refuses any other kind of store, so a test cannot wipe the
 * wrong thing by accident.
 */
export async function resetNeo4jDatabase(store: GraphStore): Promise<void> {
  if (!(store instanceof Neo4jStore)) throw new TypeError(`resetNeo4jDatabase: expected a Neo4j store, received a ${store.engine} store`);
  await store.deleteAllData();
}
