export { NEO4J_URI_SCHEMES, parseNeo4jConfig, type Neo4jConfig } from './config.js';
export { Neo4jStore, openNeo4jStore, openNeo4jStoreFromEnv } from './Neo4jStore.js';
export { resetNeo4jDatabase } from './resetNeo4jDatabase.js';
