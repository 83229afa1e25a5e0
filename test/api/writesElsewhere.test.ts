import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDirs } from '../../server/config.js';
import { loadContent } from '../../server/content/loadContent.js';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite/SqliteStore.js';
import { startTestServer } from './testServer.js';

// The server caches the graph and the evidence register for its analyses. The CLI writing to the same database
// while the server runs (another connection, as another process would be) must show in the next answer.
let server: Awaited<ReturnType<typeof startTestServer>>;
let cli: SqliteStore;
let folder: string;
beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-elsewhere-'));
  const file = path.join(folder, 'crosswalk.db');
  const store = openSqliteStore({ file });
  await store.loadContent(loadContent(contentDirs({ dataDir: '/nonexistent-crosswalk-data' })).bundle);
  server = await startTestServer({ store });
  cli = openSqliteStore({ file });
});
afterAll(async () => {
  await server.close();
  await cli.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const rowOf = (report: { rows: Array<{ ref: string; status: string }> }, ref: string) => report.rows.find((r) => r.ref === ref);

describe('writes made by another process', () => {
  it('evidence imported elsewhere counts in the next gap analysis from evidence', async () => {
    const gap = async () => (await server.gql('{ gapAnalysis(target: "iso42001-2023", haveEvidence: true) }')).body.data.gapAnalysis;
    expect(rowOf(await gap(), 'A.2.2')?.status).toBe('uncovered');
    await cli.importEvidence({
      evidence: [{ id: 'ev-cli', title: 'AI policy', type: 'policy', owner: 'CISO', locationUri: 'https://intranet.example/ai-policy', collected: '2026-01-10', scope: [], description: '' }],
      links: [{ kind: 'requirement', evidenceId: 'ev-cli', requirementId: 'iso42001-2023:A.2.2' }],
    });
    expect(rowOf(await gap(), 'A.2.2')?.status).toBe('covered');
  });

  it('a mapping approved elsewhere shows in the next framework gap analysis and the coverage matrix', async () => {
    const gap = async () => (await server.gql('{ gapAnalysis(target: "iso42001-2023", haveFrameworks: ["iso27001-2022"]) }')).body.data.gapAnalysis;
    const matrixCell = async () =>
      (await server.gql('{ coverageMatrix { source target byRelationship { relationship count } } }')).body.data.coverageMatrix.find(
        (c: { source: string; target: string }) => c.source === 'iso27001-2022' && c.target === 'iso42001-2023',
      );
    expect(rowOf(await gap(), '6.1.2')?.status).toBe('partial');
    const before = await matrixCell();
    await cli.saveMapping({
      id: 'iso27001-2022:8.2 -> iso42001-2023:6.1.2',
      source: 'iso27001-2022:8.2',
      target: 'iso42001-2023:6.1.2',
      relationship: 'superset-of',
      rationale: 'semantic',
      strength: 9,
      method: 'manual',
      status: 'approved',
      origin: 'user',
      provenance: { source: 'test', author: 'cli-user', created: '2026-03-04' },
    } as never);
    expect(rowOf(await gap(), '6.1.2')?.status).toBe('covered');
    expect(await matrixCell()).not.toEqual(before);
  });
});
