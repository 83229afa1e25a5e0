import type { Server } from 'node:http';
import { buildApp } from './api/buildApp.js';
import { parseTokens } from './api/auth.js';
import { loadIntoStore } from './services/loadIntoStore.js';
import { dataDirFrom } from './config.js';
import { InputError } from './domain/errors.js';
import { REVIEW_POLICIES, type ReviewPolicy } from './domain/review.js';
import { createStore, describeStore, storeConfigFrom } from './store/createStore.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ServeOptions {
  host: string;
  port: number;
}

export function serveOptionsFrom(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`PORT must be a port number, got "${env.PORT}"`);
  return { host: env.HOST || '127.0.0.1', port };
}

/** CROSSWALK_REVIEW_POLICY: `single` (default, any analyst approves) or `four-eyes` (nobody approves their own work). */
export function reviewPolicyFrom(env: NodeJS.ProcessEnv = process.env): ReviewPolicy {
  const value = env.CROSSWALK_REVIEW_POLICY || 'single';
  if (!(REVIEW_POLICIES as readonly string[]).includes(value)) throw new InputError(`CROSSWALK_REVIEW_POLICY must be one of ${REVIEW_POLICIES.join(', ')}, got "${value}"`);
  return value as ReviewPolicy;
}

/** Opens the configured store, loads the shipped content on first start, and listens. */
export async function startServer({ env = process.env, log = console.log } = {}): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const { host, port } = serveOptionsFrom(env);
  const tokens = parseTokens(env.CROSSWALK_TOKENS);
  const reviewPolicy = reviewPolicyFrom(env);
  const config = storeConfigFrom(env);
  const store = await createStore(config);
  let ready = false;
  if (!LOOPBACK.has(host) && tokens.size === 0) log(`Warning: listening on ${host} with no CROSSWALK_TOKENS: reads are open to the network and nothing can be changed.`);
  const app = buildApp({
    store,
    tokens,
    corsOrigins: (env.CROSSWALK_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    graphiql: env.NODE_ENV !== 'production',
    isReady: () => ready,
    dataDir: dataDirFrom(env),
    reviewPolicy,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.on('error', reject);
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`;
  log(`Crosswalk on the ${describeStore(config)}`);
  if (!(await store.contentFingerprint())) {
    log('First start: loading the shipped catalogs and mappings…');
    const summary = await loadIntoStore(store, { dataDir: dataDirFrom(env) });
    log(`Loaded ${summary.requirements.added} requirements and ${summary.mappings.added} mappings.`);
  }
  ready = true;
  // The coverage matrix is the one aggregate over the whole graph: compute it now, not on the first click.
  void store.coverageMatrix({ statuses: ['approved'] }).catch((e) => log(`Could not precompute the coverage matrix: ${(e as Error).message}`));
  log(`Ready: ${url}  (GraphQL at ${url}/graphql, REST at ${url}/api)`);
  return {
    server,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
