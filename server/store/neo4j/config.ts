import { z } from 'zod';
import { InputError } from '../../domain/errors.js';

/** URI schemes neo4j-driver accepts: `neo4j*` route across a cluster (use them for Aura), `bolt*` talk to one server. */
export const NEO4J_URI_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'] as const;

const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const schemeOf = (uri: string) => /^([a-z0-9+.-]+):\/\//i.exec(uri)?.[1]?.toLowerCase();
const milliseconds = (fallback: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number({ error: 'expected a number of milliseconds' }).int('expected a whole number of milliseconds').positive('expected a positive number of milliseconds').default(fallback));

/** The environment variables the Neo4j store reads; empty values count as unset. */
export const Neo4jEnvSchema = z.object({
  NEO4J_URI: z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: (issue) => (issue.input === undefined ? 'is not set (e.g. NEO4J_URI=neo4j://localhost:7687)' : 'expected a URI') })
      .trim()
      .refine((uri) => (NEO4J_URI_SCHEMES as readonly string[]).includes(schemeOf(uri) ?? ''), {
        error: (issue) => `expected a ${NEO4J_URI_SCHEMES.map((s) => `${s}://`).join(', ')} URI, received ${JSON.stringify(issue.input)}`,
      }),
  ),
  NEO4J_USER: z.preprocess(unsetIfEmpty, z.string().trim().default('neo4j')),
  NEO4J_PASSWORD: z.preprocess(unsetIfEmpty, z.string({ error: 'is not set (the password of NEO4J_USER)' })),
  /** Unset: the user's home database on the server (usually "neo4j"). */
  NEO4J_DATABASE: z.preprocess(
    unsetIfEmpty,
    z.string().trim().regex(/^\S+$/, 'a database name cannot contain white space').optional(),
  ),
  NEO4J_QUERY_TIMEOUT_MS: milliseconds(30_000),
  NEO4J_LOAD_TIMEOUT_MS: milliseconds(600_000),
});

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Server-side timeout of each read or write transaction. */
  queryTimeoutMs: number;
  /** Server-side timeout of the one transaction a content load runs in. */
  loadTimeoutMs: number;
}

/**
 * Reads the store's settings from the environment. Throws an InputError that names each variable at fault and says
 * what was expected; a password is never echoed.
 */
export function parseNeo4jConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Neo4jConfig {
  const parsed = Neo4jEnvSchema.safeParse({
    NEO4J_URI: env.NEO4J_URI,
    NEO4J_USER: env.NEO4J_USER,
    NEO4J_PASSWORD: env.NEO4J_PASSWORD,
    NEO4J_DATABASE: env.NEO4J_DATABASE,
    NEO4J_QUERY_TIMEOUT_MS: env.NEO4J_QUERY_TIMEOUT_MS,
    NEO4J_LOAD_TIMEOUT_MS: env.NEO4J_LOAD_TIMEOUT_MS,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new InputError(`invalid Neo4j settings (see docs/neo4j.md):\n${lines.join('\n')}`);
  }
  const { NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, NEO4J_QUERY_TIMEOUT_MS, NEO4J_LOAD_TIMEOUT_MS } = parsed.data;
  return {
    uri: NEO4J_URI,
    user: NEO4J_USER,
    password: NEO4J_PASSWORD,
    ...(NEO4J_DATABASE ? { database: NEO4J_DATABASE } : {}),
    queryTimeoutMs: NEO4J_QUERY_TIMEOUT_MS,
    loadTimeoutMs: NEO4J_LOAD_TIMEOUT_MS,
  };
}

/** The oldest server the store works on: vector search scores with `vector.similarity.cosine`, new in 5.18. */
export const MINIMUM_SERVER_VERSION = [5, 18] as const;

/**
 * Why a server, named by the agent string it reports ("Neo4j/5.26.0", "Neo4j/2025.01.0", "Neo4j/5.27-aura"), is too
 * old for the store, or undefined when it is recent enough or does not say (a proxy may hide it: the store then tries).
 */
export function serverTooOld(agent: string | undefined): string | undefined {
  const version = /^Neo4j\/(\d+)\.(\d+)/i.exec(agent ?? '');
  if (!version) return undefined;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  const [needMajor, needMinor] = MINIMUM_SERVER_VERSION;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `the Neo4j server is ${agent}; Crosswalk needs Neo4j ${needMajor}.${needMinor} or later (5.26 LTS or a 2025.x release recommended; see docs/neo4j.md)`;
}
