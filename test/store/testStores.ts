import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import type { GraphStore } from '../../server/store/types.js';

/**
 * The stores the contract suite runs against on this machine: the embedded store always,
 * Neo4j when NEO4J_URI is set (see docs/neo4j.md). Each init() gives an empty store.
 */
export type StoreId = 'sqlite' | 'neo4j';

export function createTestStores() {
  const opened: GraphStore[] = [];
  const folders: string[] = [];
  const ids: StoreId[] = ['sqlite', ...(process.env.NEO4J_URI ? (['neo4j'] as const) : [])];
  return {
    eachSupportedId: () => ids,
    async init(id: StoreId): Promise<GraphStore> {
      let store: GraphStore;
      if (id === 'sqlite') store = openSqliteStore({ file: ':memory:' });
      else {
        const neo4j = await import('../../server/store/neo4j/index.js');
        store = await neo4j.openNeo4jStoreFromEnv(process.env);
        await neo4j.resetNeo4jDatabase(store);
      }
      opened.push(store);
      return store;
    },
    /**
     * Two handles on one empty store, as two processes would have: a database file opened twice, or two
     * drivers on the same Neo4j database.
     */
    async initShared(id: StoreId): Promise<[GraphStore, GraphStore]> {
      if (id === 'neo4j') {
        const first = await this.init(id);
        const neo4j = await import('../../server/store/neo4j/index.js');
        const second = await neo4j.openNeo4jStoreFromEnv(process.env);
        opened.push(second);
        return [first, second];
      }
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-shared-'));
      folders.push(folder);
      const file = path.join(folder, 'crosswalk.db');
      const pair: [GraphStore, GraphStore] = [openSqliteStore({ file }), openSqliteStore({ file })];
      opened.push(...pair);
      return pair;
    },
    async closeAll() {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
