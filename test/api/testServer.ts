import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type AppOptions } from '../../server/api/buildApp.js';
import { parseTokens } from '../../server/api/auth.js';
import { contentDirs } from '../../server/config.js';
import { loadContent } from '../../server/content/loadContent.js';
import { openSqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import type { GraphStore } from '../../server/store/types.js';

export const TOKENS = {
  admin: 'admin-token-0123456789',
  analyst: 'analyst-token-0123456789',
  viewer: 'viewer-token-0123456789',
};

/** The real app on a real port, over an in-memory store holding the shipped content. */
export async function startTestServer(options: Partial<AppOptions> & { store?: GraphStore } = {}) {
  const store = options.store ?? openSqliteStore({ file: ':memory:' });
  if (!options.store) await store.loadContent(loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' })).bundle);
  const tokens = parseTokens(`${TOKENS.admin}:admin:alice,${TOKENS.analyst}:analyst:bob,${TOKENS.viewer}:viewer:carol`);
  const app = buildApp({ store, tokens, now: () => new Date('2026-03-04T05:06:07Z'), ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };
  return {
    url,
    store,
    gql,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
