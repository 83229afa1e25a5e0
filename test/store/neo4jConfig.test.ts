import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../server/domain/errors.js';
import { parseNeo4jConfig, serverTooOld } from '../../server/store/neo4j/config.js';

const problemsOf = (env: Record<string, string | undefined>): string => {
  try {
    parseNeo4jConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected the settings to be refused');
};

describe('Neo4j settings from the environment', () => {
  it('reads a full set, routing URI included', () => {
    expect(parseNeo4jConfig({ NEO4J_URI: 'neo4j+s://abc123.databases.neo4j.io', NEO4J_USER: 'crosswalk', NEO4J_PASSWORD: 's3cret', NEO4J_DATABASE: 'crosswalk' })).toEqual({
      uri: 'neo4j+s://abc123.databases.neo4j.io', user: 'crosswalk', password: 's3cret', database: 'crosswalk', queryTimeoutMs: 30_000, loadTimeoutMs: 600_000,
    });
  });

  it('defaults the user to neo4j and leaves the database to the server when unset or empty', () => {
    for (const NEO4J_DATABASE of [undefined, '', '  ']) {
      const config = parseNeo4jConfig({ NEO4J_URI: 'bolt://localhost:7687', NEO4J_PASSWORD: 'pw', NEO4J_USER: '', NEO4J_DATABASE });
      expect(config.user).toBe('neo4j');
      expect(config).not.toHaveProperty('database');
    }
  });

  it('accepts every scheme the driver knows, and timeouts in milliseconds', () => {
    for (const scheme of ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'])
      expect(parseNeo4jConfig({ NEO4J_URI: `${scheme}://db.example:7687`, NEO4J_PASSWORD: 'pw' }).uri).toBe(`${scheme}://db.example:7687`);
    expect(parseNeo4jConfig({ NEO4J_URI: 'neo4j://h', NEO4J_PASSWORD: 'pw', NEO4J_QUERY_TIMEOUT_MS: '5000', NEO4J_LOAD_TIMEOUT_MS: '60000' }))
      .toMatchObject({ queryTimeoutMs: 5000, loadTimeoutMs: 60_000 });
  });

  it('names each variable at fault, with what was expected', () => {
    const message = problemsOf({});
    expect(message).toMatch(/NEO4J_URI: is not set/);
    expect(message).toMatch(/NEO4J_PASSWORD: is not set/);
    expect(message).toMatch(/docs\/neo4j\.md/);
    expect(problemsOf({ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'pw' })).toMatch(/NEO4J_URI: expected a neo4j:\/\/, .* URI, received "http:\/\/localhost:7474"/);
    expect(problemsOf({ NEO4J_URI: 'localhost:7687', NEO4J_PASSWORD: 'pw' })).toMatch(/NEO4J_URI: expected/);
    expect(problemsOf({ NEO4J_URI: 'neo4j://h', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'my db' })).toMatch(/NEO4J_DATABASE: a database name cannot contain white space/);
    expect(problemsOf({ NEO4J_URI: 'neo4j://h', NEO4J_PASSWORD: 'pw', NEO4J_QUERY_TIMEOUT_MS: 'soon' })).toMatch(/NEO4J_QUERY_TIMEOUT_MS: expected a number of milliseconds/);
    expect(problemsOf({ NEO4J_URI: 'neo4j://h', NEO4J_PASSWORD: 'pw', NEO4J_LOAD_TIMEOUT_MS: '-1' })).toMatch(/NEO4J_LOAD_TIMEOUT_MS: expected a positive number/);
  });

  it('never echoes the password', () => {
    const message = problemsOf({ NEO4J_URI: 'ftp://x', NEO4J_PASSWORD: 'hunter2-very-secret' });
    expect(message).not.toContain('hunter2');
  });
});

describe('the test run against Neo4j', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  const testConfig = async () => (await import('../../vitest.config.js')).default.test;

  it('runs test files one at a time when NEO4J_URI is set: the contract suites share one database and empty it', async () => {
    vi.stubEnv('NEO4J_URI', 'bolt://localhost:7687');
    vi.resetModules();
    expect((await testConfig())?.fileParallelism).toBe(false);
    vi.stubEnv('NEO4J_URI', '');
    vi.resetModules();
    expect((await testConfig())?.fileParallelism).toBe(true);
  });
});

describe('the server version the store needs (vector search scores with vector.similarity.cosine, new in 5.18)', () => {
  it('accepts 5.18 and later, 2025.x calendar releases and Aura agents', () => {
    for (const agent of ['Neo4j/5.18.0', 'Neo4j/5.26.3', 'Neo4j/5.27-aura', 'Neo4j/2025.01.0', 'neo4j/2025.10.1']) expect(serverTooOld(agent)).toBeUndefined();
  });

  it('refuses an older server, naming its version and the one needed', () => {
    expect(serverTooOld('Neo4j/5.15.0')).toBe('the Neo4j server is Neo4j/5.15.0; Crosswalk needs Neo4j 5.18 or later (5.26 LTS or a 2025.x release recommended; see docs/neo4j.md)');
    for (const agent of ['Neo4j/5.17.9', 'Neo4j/4.4.30']) expect(serverTooOld(agent)).toMatch(/needs Neo4j 5\.18 or later/);
  });

  it('lets a server that does not say which it is through (the first query will tell)', () => {
    for (const agent of [undefined, '', 'Memgraph/2.1', 'Neo4j']) expect(serverTooOld(agent)).toBeUndefined();
  });
});
