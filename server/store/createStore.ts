import path from 'node:path';
import { dataDirFrom } from '../config.js';
import type { GraphStore } from './types.js';

export type StoreConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'neo4j'; env: NodeJS.ProcessEnv };

/** Neo4j when NEO4J_URI is set; otherwise the embedded store at $CROSSWALK_DATA_DIR/crosswalk.db. */
export function storeConfigFrom(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env.NEO4J_URI) return { engine: 'neo4j', env };
  return { engine: 'sqlite', file: path.join(dataDirFrom(env), 'crosswalk.db') };
}

export async function createStore(config: StoreConfig = storeConfigFrom()): Promise<GraphStore> {
  if (config.engine === 'sqlite') {
    const { openSqliteStore } = await import('./sqlite/SqliteStore.js');
    return openSqliteStore({ file: config.file });
  }
  const { openNeo4jStoreFromEnv } = await import('./neo4j/index.js');
  return openNeo4jStoreFromEnv(config.env);
}

export const describeStore = (config: StoreConfig) =>
  config.engine === 'sqlite' ? `embedded store ${config.file}` : `Neo4j ${config.env.NEO4J_URI} (database ${config.env.NEO4J_DATABASE || 'neo4j'})`;
