// Running the suggestion engine through the API: GraphQL suggestMappings and POST /api/suggestions, over the real
// app and an in-memory store with the shipped content. No model folder holds a model, so the offline method runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDirFrom } from '../../server/suggest/modelFolder.js';
import { startTestServer, TOKENS } from './testServer.js';
import { TINY_MODEL_ID, TINY_RERANKER_ID, writeTinyBertModel, writeTinyCrossEncoder } from '../suggest/tinyBertModel.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let noModels: string;
const previousModelDir = process.env.CROSSWALK_MODEL_DIR;

beforeAll(async () => {
  noModels = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-api-nomodels-'));
  process.env.CROSSWALK_MODEL_DIR = noModels;
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  if (previousModelDir === undefined) delete process.env.CROSSWALK_MODEL_DIR;
  else process.env.CROSSWALK_MODEL_DIR = previousModelDir;
  fs.rmSync(noModels, { recursive: true, force: true });
});

const SUGGEST = `mutation($input: SuggestInput!) {
  suggestMappings(input: $input) { from to method model reranker sources proposals created updated unchanged earlierLeft noCounterpart notices
    skipped { approved rejected reviewed otherDirection notASuggestion } }
}`;

describe('suggestMappings', () => {
  it('saves proposals for review, says there is no model, and leaves the shipped crosswalk alone', async () => {
    const dry = await server.gql(SUGGEST, { input: { from: 'iso42001-2023', to: 'nist-ai-600-1', top: 2, dryRun: true } }, TOKENS.analyst);
    expect(dry.body.errors).toBeUndefined();
    expect(dry.body.data.suggestMappings).toMatchObject({ method: 'lexical', created: null, model: null, reranker: null });
    expect(await server.store.countMappings({ frameworks: ['iso42001-2023', 'nist-ai-600-1'], origins: ['suggestion'] })).toBe(0);

    const { body } = await server.gql(SUGGEST, { input: { from: 'iso42001-2023', to: 'nist-ai-600-1', top: 2 } }, TOKENS.analyst);
    expect(body.errors).toBeUndefined();
    const run = body.data.suggestMappings;
    expect(run).toMatchObject({ from: 'iso42001-2023', to: 'nist-ai-600-1', method: 'lexical', updated: 0, unchanged: 0, noCounterpart: 0 });
    expect(run.notices).toEqual([expect.stringMatching(/no embedding model .*Using the offline method \(lexical\) instead\./)]);
    expect(run.notices[0]).toContain("in the server's model folder (CROSSWALK_MODEL_DIR)");
    expect(run.notices[0]).not.toContain(modelDirFrom());
    expect(run.sources).toBeGreaterThan(100);
    expect(run.created).toBe(run.proposals);
    // The shipped 42001 → AI 600-1 crosswalk is approved: none of its pairs is proposed again.
    expect(run.skipped.approved).toBeGreaterThan(0);
    const saved = await server.store.findMappings({ frameworks: ['iso42001-2023', 'nist-ai-600-1'], origins: ['suggestion'], limit: 1000 });
    expect(saved).toHaveLength(run.created);
    for (const m of saved) expect(m).toMatchObject({ status: 'proposed', method: 'automation', provenance: { created: '2026-03-04' } });

    // REST mirrors it; the same run again changes nothing.
    const again = await fetch(`${server.url}/api/suggestions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.analyst}` },
      body: JSON.stringify({ from: 'iso42001-2023', to: 'nist-ai-600-1', top: 2 }),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0, unchanged: run.created, earlierLeft: 0 });

    // A narrower run says how many earlier proposals it did not make again; they stay in the queue.
    const narrower = (await server.gql(SUGGEST, { input: { from: 'iso42001-2023', to: 'nist-ai-600-1', top: 1 } }, TOKENS.analyst)).body.data.suggestMappings;
    expect(narrower).toMatchObject({ created: 0, updated: 0, earlierLeft: run.created - narrower.unchanged });
    expect(narrower.earlierLeft).toBeGreaterThan(0);
    expect(await server.store.countMappings({ frameworks: ['iso42001-2023', 'nist-ai-600-1'], origins: ['suggestion'] })).toBe(run.created);
  });

  it('runs for a scope of the source framework only, through GraphQL and REST', async () => {
    const scoped = (await server.gql(SUGGEST, { input: { from: 'eu-ai-act-2024-1689', to: 'iso42001-2023', top: 1, dryRun: true, scope: ['role:importer'] } }, TOKENS.analyst)).body.data.suggestMappings;
    const whole = (await server.gql(SUGGEST, { input: { from: 'eu-ai-act-2024-1689', to: 'iso42001-2023', top: 1, dryRun: true } }, TOKENS.analyst)).body.data.suggestMappings;
    expect(scoped.sources).toBeGreaterThan(0);
    expect(scoped.sources).toBeLessThan(whole.sources / 5);
    const rest = await fetch(`${server.url}/api/suggestions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.analyst}` },
      body: JSON.stringify({ from: 'eu-ai-act-2024-1689', to: 'iso42001-2023', top: 1, dryRun: true, scope: ['role:importr'] }),
    });
    expect(rest.status).toBe(400);
    expect((await rest.json()).error.message).toMatch(/no requirement of eu-ai-act-2024-1689 is tagged "role:importr"/);
  });

  it('refuses viewers and anonymous callers, and names bad input', async () => {
    const input = { from: 'iso42001-2023', to: 'hitrust-ai' };
    const anonymous = await server.gql(SUGGEST, { input });
    expect(anonymous.body.errors?.[0]?.message).toMatch(/authentication|token|sign in/i);
    const viewer = await server.gql(SUGGEST, { input }, TOKENS.viewer);
    expect(viewer.body.errors?.[0]?.message).toMatch(/carol has the viewer role; this needs analyst/);
    const unknown = await server.gql(SUGGEST, { input: { from: 'iso42001-2023', to: 'iso99999' } }, TOKENS.analyst);
    expect(unknown.body.errors?.[0]?.message).toMatch(/unknown framework "iso99999"/);
    const same = await server.gql(SUGGEST, { input: { from: 'hitrust-ai', to: 'hitrust-ai' } }, TOKENS.analyst);
    expect(same.body.errors?.[0]?.message).toMatch(/the same framework/);
    const rest = await fetch(`${server.url}/api/suggestions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.analyst}` },
      body: JSON.stringify({ from: 'iso42001-2023', to: 'hitrust-ai', top: 1000, method: 'magic' }),
    });
    expect(rest.status).toBe(400);
    const problem = JSON.stringify(await rest.json());
    expect(problem).toMatch(/top/);
    expect(problem).toMatch(/method/);
    expect(await server.store.countMappings({ frameworks: ['iso42001-2023', 'hitrust-ai'], origins: ['suggestion'] })).toBe(0);
  });
});

describe('contradictions', () => {
  it('lists, over GraphQL and REST, the mappings a chained path contradicts; none opposite in the shipped content', async () => {
    const q = `query($from: ID, $to: ID, $kind: ContradictionKind) { contradictions(from: $from, to: $to, kind: $kind) {
      kind composed mapping { id relationship } path { fromId toId relationship mapping { id } } } }`;
    const opposite = await server.gql(q, { kind: 'opposite' });
    expect(opposite.body).toEqual({ data: { contradictions: [] } });
    // The shipped content has no strictness left: an approved equivalence where the chain 9001 10.2 ⊇ 42001 10.2 ≡
    // 27001 10.2 reads a containment makes one.
    const created = await server.gql(
      'mutation($input: MappingInput!) { createMapping(input: $input) { id } }',
      { input: { sourceId: 'iso9001-2015:10.2', targetId: 'iso27001-2022:10.2', relationship: 'equivalent_to', rationale: 'semantic', strength: 9, provenanceSource: 'API test' } },
      TOKENS.analyst,
    );
    const approved = await server.gql('mutation($id: ID!) { approveMapping(id: $id) { status } }', { id: created.body.data.createMapping.id }, TOKENS.analyst);
    expect(approved.body.data.approveMapping.status).toBe('approved');
    const strictness = await server.gql(q, { from: 'iso9001-2015', to: 'iso27001-2022', kind: 'strictness' });
    expect(strictness.body.errors).toBeUndefined();
    const found = strictness.body.data.contradictions;
    expect(found.length).toBeGreaterThan(0);
    const first = found[0];
    expect(first).toMatchObject({ kind: 'strictness', composed: 'superset_of', mapping: { id: 'iso9001-2015:10.2 -> iso27001-2022:10.2', relationship: 'equivalent_to' } });
    expect(first.path).toHaveLength(2);
    expect(first.path[0].fromId).toBe(first.mapping.id.split(' -> ')[0]);
    expect(first.path[1].toId).toBe(first.mapping.id.split(' -> ')[1]);
    expect(first.path[0].mapping.id).toEqual(expect.any(String));

    const rest = await fetch(`${server.url}/api/contradictions?from=iso9001-2015&to=iso27001-2022&kind=strictness`);
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as unknown[]).length).toBe(found.length);
    const half = await server.gql(q, { from: 'iso42001-2023' });
    expect(half.body.errors?.[0]?.message).toMatch(/give both from and to/);
    const unknown = await fetch(`${server.url}/api/contradictions?from=iso42001-2023&to=nope`);
    expect(unknown.status).toBe(404);
  });
});

describe('Mapping.contradictedBy', () => {
  it('tells a reviewer what accepting a proposal as it stands would contradict', async () => {
    const created = await server.gql(
      'mutation($input: MappingInput!) { createMapping(input: $input) { id status contradictedBy { kind composed path { fromId toId relationship } } } }',
      { input: { sourceId: 'iso9001-2015:10.2', targetId: 'iso27701-2019:5.8.1', relationship: 'no_relationship', rationale: 'semantic', strength: 0, provenanceSource: 'API test' } },
      TOKENS.analyst,
    );
    expect(created.body.errors).toBeUndefined();
    const { status, contradictedBy } = created.body.data.createMapping;
    expect(status).toBe('proposed');
    // 9001 10.2 ⊇ 42001 10.2 ≡ 27701:2019 5.8.1 in the shipped crosswalks: "no relationship" is the opposite.
    expect(contradictedBy).toContainEqual({
      kind: 'opposite',
      composed: 'superset_of',
      path: [
        { fromId: 'iso9001-2015:10.2', toId: 'iso42001-2023:10.2', relationship: 'superset_of' },
        { fromId: 'iso42001-2023:10.2', toId: 'iso27701-2019:5.8.1', relationship: 'equivalent_to' },
      ],
    });
    const agreeing = await server.gql('{ mapping(id: "iso42001-2023:A.6.2.8 -> iso27001-2022:A.8.15") { contradictedBy { kind } } }');
    expect(agreeing.body.data.mapping.contradictedBy).toEqual([]);
  });
});

describe('suggestMappings with local models', () => {
  it('runs the model and the reranker again on the models the server kept loaded from the first run', async () => {
    const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-api-models-'));
    writeTinyBertModel(modelDir);
    writeTinyCrossEncoder(modelDir);
    process.env.CROSSWALK_MODEL_DIR = modelDir;
    try {
      const input = { from: 'iso42001-2023', to: 'nist-ai-600-1', top: 2, method: 'hybrid', model: TINY_MODEL_ID, reranker: TINY_RERANKER_ID, dryRun: true };
      const first = (await server.gql(SUGGEST, { input }, TOKENS.analyst)).body;
      const second = (await server.gql(SUGGEST, { input }, TOKENS.analyst)).body;
      const runs = [first, second];
      for (const body of runs) {
        expect(body.errors).toBeUndefined();
        expect(body.data.suggestMappings).toMatchObject({ method: 'hybrid', model: TINY_MODEL_ID, reranker: TINY_RERANKER_ID, sources: expect.any(Number) });
      }
      expect(second.data.suggestMappings).toEqual(first.data.suggestMappings);
      expect(first.data.suggestMappings.proposals).toBeGreaterThan(0);
    } finally {
      process.env.CROSSWALK_MODEL_DIR = noModels;
      fs.rmSync(modelDir, { recursive: true, force: true });
    }
  });
});
