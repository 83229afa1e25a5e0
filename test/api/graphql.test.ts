import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewPolicyFrom } from '../../server/index.js';
import { startTestServer, TOKENS } from './testServer.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GraphQL queries', () => {
  it('lists frameworks with counts and their roots', async () => {
    const { body } = await server.gql('{ frameworks { id edition requirementCount mappingCount roots { ref } } }');
    const iso = body.data.frameworks.find((f: { id: string }) => f.id === 'iso42001-2023');
    expect(iso.edition).toBe('2023');
    expect(iso.requirementCount).toBe(114);
    expect(iso.mappingCount).toBe(await server.store.countMappings({ frameworkId: 'iso42001-2023' }));
    const rmf = body.data.frameworks.find((f: { id: string }) => f.id === 'nist-ai-rmf-1.0');
    expect(rmf.mappingCount).toBe((await server.store.findMappings({ frameworks: ['nist-ai-rmf-1.0', 'iso42001-2023'], limit: 10_000 })).length);
    expect(rmf.mappingCount).toBeGreaterThan(300);
    expect(iso.roots.map((r: { ref: string }) => r.ref).slice(0, 3)).toEqual(['4', '5', '6']);
  });

  it("labels frameworks briefly for graphs and tables: the catalog's short name, else one made from name and edition", async () => {
    const { body } = await server.gql('{ frameworks { id shortName shortLabel } }');
    const byId = new Map(body.data.frameworks.map((f: { id: string }) => [f.id, f]));
    expect(byId.get('eu-ai-act-2024-1689')).toEqual({ id: 'eu-ai-act-2024-1689', shortName: 'EU AI Act', shortLabel: 'EU AI Act' });
    expect(byId.get('iso27001-2022')).toEqual({ id: 'iso27001-2022', shortName: null, shortLabel: 'ISO/IEC 27001:2022' });
  });

  it('gives a requirement with its hierarchy and mappings read from its side', async () => {
    const { body } = await server.gql(`{ requirement(id: "iso42001-2023:A.6.2.8") {
      title ancestors { ref } parent { ref } framework { name }
      mappings(statuses: [approved]) { direction relationship other { id frameworkId } mapping { rationale strength provenance { source author } } } } }`);
    const r = body.data.requirement;
    expect(r.title).toBe('AI system recording of event logs');
    expect(r.ancestors.map((a: { ref: string }) => a.ref)).toEqual(['Annex A', 'A.6', 'A.6.2']);
    expect(r.parent.ref).toBe('A.6.2');
    const logging = r.mappings.find((m: { other: { id: string } }) => m.other.id === 'iso27001-2022:A.8.15');
    expect(logging).toMatchObject({ direction: 'outgoing', mapping: { provenance: { source: 'Crosswalk curation' } } });
    expect(r.mappings.some((m: { direction: string }) => m.direction === 'incoming')).toBe(true);
  });

  it('returns null for an unknown requirement', async () => {
    expect((await server.gql('{ requirement(id: "iso42001-2023:Z.9") { id } }')).body.data.requirement).toBeNull();
  });

  it('walks a framework tree', async () => {
    const { body } = await server.gql('{ requirements(frameworkId: "nist-ai-rmf-1.0", parentId: "nist-ai-rmf-1.0:GOVERN 1") { ref kind } }');
    expect(body.data.requirements.map((r: { ref: string }) => r.ref)).toEqual(['GOVERN 1.1', 'GOVERN 1.2', 'GOVERN 1.3', 'GOVERN 1.4', 'GOVERN 1.5', 'GOVERN 1.6', 'GOVERN 1.7']);
  });

  it('searches ids, titles and summaries', async () => {
    const { body } = await server.gql('{ exact: search(text: "A.5.4") { requirement { id } } words: search(text: "impact assessment", frameworkId: "iso42001-2023", limit: 5) { requirement { ref } score } }');
    expect(body.data.exact.slice(0, 3).map((h: { requirement: { id: string } }) => h.requirement.id)).toContain('iso42001-2023:A.5.4');
    expect(body.data.words.map((h: { requirement: { ref: string } }) => h.requirement.ref)).toEqual(expect.arrayContaining(['6.1.4']));
  });

  it('finds a requirement by its ref however it is spelt, before the words that match', async () => {
    const ids = async (text: string, frameworkId?: string) =>
      (await server.gql('query($text: String!, $fw: ID) { search(text: $text, frameworkId: $fw, limit: 5) { requirement { id } score } }', { text, fw: frameworkId ?? null })).body.data.search;
    for (const text of ['Article 9(2)', 'Art 9.2', 'EU AI Act Article 9(2)'])
      expect((await ids(text))[0]).toEqual({ requirement: { id: 'eu-ai-act-2024-1689:Art. 9(2)' }, score: 1000 });
    expect((await ids('GOVERN.1.1'))[0].requirement.id).toBe('nist-ai-rmf-1.0:GOVERN 1.1');
    // One per framework that has the ref, or only the framework asked for.
    expect((await ids('a5.9')).map((h: { requirement: { id: string } }) => h.requirement.id)).toContain('iso27001-2022:A.5.9');
    expect((await ids('a5.9', 'iso42001-2023')).every((h: { requirement: { id: string } }) => h.requirement.id.startsWith('iso42001-2023:'))).toBe(true);
    // A framework the search names comes first.
    expect((await ids('ISO 42001 6.1.2'))[0].requirement.id).toBe('iso42001-2023:6.1.2');
    expect((await ids('9001 6.1.2'))[0].requirement.id).toBe('iso9001-2015:6.1.2');
    expect((await ids('27001:2022 clause 6.1.2'))[0].requirement.id).toBe('iso27001-2022:6.1.2');
    // Words are never read as a ref.
    expect((await ids('impact assessment')).every((h: { score: number }) => h.score < 1000)).toBe(true);
  });

  it('filters mappings by framework pair, relationship and provenance', async () => {
    const { body } = await server.gql(`{ mappings(filter: { frameworks: ["iso42001-2023", "iso9001-2015"], relationships: [intersects_with] }, limit: 500) { sourceId targetId relationship } }`);
    expect(body.data.mappings.length).toBeGreaterThan(10);
    expect(body.data.mappings.every((m: { relationship: string }) => m.relationship === 'intersects_with')).toBe(true);
    expect(body.data.mappings).toContainEqual({ sourceId: 'iso42001-2023:10.1', targetId: 'iso9001-2015:10.3', relationship: 'intersects_with' });
    const nist = await server.gql(`{ mappings(filter: { provenanceSource: "nope" }) { id } }`);
    expect(nist.body.data.mappings).toEqual([]);
  });

  it('counts the mappings a filter finds, for paging through them', async () => {
    const filter = '{ frameworks: ["iso42001-2023", "iso27001-2022"] }';
    const { body } = await server.gql(`{ total: mappingCount(filter: ${filter}) all: mappings(filter: ${filter}, limit: 1000) { id } page: mappings(filter: ${filter}, limit: 10, offset: 100) { id } }`);
    expect(body.data.total).toBe(body.data.all.length);
    expect(body.data.total).toBeGreaterThan(100);
    expect(body.data.page.map((m: { id: string }) => m.id)).toEqual(body.data.all.slice(100, 110).map((m: { id: string }) => m.id));
    const everything = await server.gql('{ mappingCount }');
    expect(everything.body.data.mappingCount).toBeGreaterThan(body.data.total);
    expect((await server.gql('{ mappingCount(filter: { provenanceSource: "nope" }) }')).body.data.mappingCount).toBe(0);
    const bad = await server.gql('{ mappingCount(filter: { frameworks: ["iso42001-2023"] }) }');
    expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('answers the graph queries: neighbourhood, paths and the coverage matrix', async () => {
    const { body } = await server.gql(`{
      neighbourhood(id: "iso42001-2023:A.6.2.8", depth: 2) { nodes { depth requirement { id } } edges { id } truncated }
      paths(from: "nist-ai-rmf-1.0:GOVERN 1.1", to: "iso27001-2022:5.2", maxLength: 3) { length steps { fromId toId relationship } }
      coverageMatrix { source target total covered share byRelationship { relationship count } }
    }`);
    expect(body.data.neighbourhood.nodes[0]).toEqual({ depth: 0, requirement: { id: 'iso42001-2023:A.6.2.8' } });
    expect(body.data.neighbourhood.nodes.some((n: { depth: number }) => n.depth === 2)).toBe(true);
    for (const path of body.data.paths) {
      expect(path.steps[0].fromId).toBe('nist-ai-rmf-1.0:GOVERN 1.1');
      expect(path.steps.at(-1).toId).toBe('iso27001-2022:5.2');
      expect(path.length).toBe(path.steps.length);
    }
    const cell = body.data.coverageMatrix.find((c: { source: string; target: string }) => c.source === 'nist-ai-rmf-1.0' && c.target === 'iso42001-2023');
    expect(cell.covered).toBeGreaterThanOrEqual(72);
    expect(cell.share).toBeCloseTo(cell.covered / cell.total);
  });

  it('reports unmapped requirements and harmonized clauses', async () => {
    const { body } = await server.gql(`{ unmapped(from: "iso42001-2023", to: "iso27001-2022", kinds: ["clause", "control"]) { total mapped noCounterpart unmapped { id } }
      harmonizedClauses { id requirements { frameworkId } } }`);
    expect(body.data.unmapped).toMatchObject({ total: 81, unmapped: [] });
    expect(body.data.harmonizedClauses.length).toBeGreaterThan(15);
    const same = await server.gql('{ unmapped(from: "iso27001-2022", to: "iso27001-2022") { total } }');
    expect(same.body.errors![0]).toMatchObject({ message: 'from and to are the same framework ("iso27001-2022")', extensions: { code: 'BAD_USER_INPUT' } });
    const unknown = await server.gql('{ unmapped(from: "nope", to: "iso27001-2022") { total } }');
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const scoped = await server.gql('{ all: unmapped(from: "eu-ai-act-2024-1689", to: "iso42001-2023") { total } importers: unmapped(from: "eu-ai-act-2024-1689", to: "iso42001-2023", scope: ["role:importer"]) { total } }');
    expect(scoped.body.data.importers.total).toBeGreaterThan(0);
    expect(scoped.body.data.importers.total).toBeLessThan(scoped.body.data.all.total / 5);
    const frameworks = await server.gql('{ act: framework(id: "eu-ai-act-2024-1689") { scopeTags } iso: framework(id: "iso42001-2023") { scopeTags } }');
    expect(frameworks.body.data.act.scopeTags).toEqual(expect.arrayContaining(['role:deployer', 'role:importer', 'role:provider']));
    expect(frameworks.body.data.act.scopeTags.some((t: string) => t.startsWith('applies:') || t.startsWith('alias:'))).toBe(false);
    expect(frameworks.body.data.iso.scopeTags).toEqual([]);
  });
});

describe('GraphQL mutations and review', () => {
  const create = `mutation($input: MappingInput!) { createMapping(input: $input) { id status method origin relationship provenance { author created } } }`;
  const input = { sourceId: 'iso42001-2023:A.2.4', targetId: 'iso9001-2015:5.2.1', relationship: 'intersects_with', rationale: 'semantic', strength: 4, note: 'Policy review intervals.' };

  it('refuses a mutation without a token (401) and with too low a role (403)', async () => {
    const anonymous = await server.gql(create, { input });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const viewer = await server.gql(create, { input }, TOKENS.viewer);
    expect(viewer.status).toBe(403);
    expect(viewer.body.errors![0]!.message).toMatch(/carol has the viewer role/);
    const wrong = await server.gql(create, { input }, 'not-a-real-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors![0]!.message).toContain('none was sent, or the one sent is not among them');
  });

  it('creates a person\'s mapping as proposed, then approves it, recording who and when', async () => {
    const created = await server.gql(create, { input }, TOKENS.analyst);
    expect(created.body.data.createMapping).toMatchObject({ status: 'proposed', method: 'human', origin: 'user', relationship: 'intersects_with', provenance: { author: 'bob', created: '2026-03-04' } });
    const id = created.body.data.createMapping.id;
    const approved = await server.gql(`mutation($id: ID!) { approveMapping(id: $id, note: "checked") { status reviewNote provenance { reviewer reviewed } reviews { status reviewer at note } } }`, { id }, TOKENS.admin);
    expect(approved.body.data.approveMapping).toEqual({
      status: 'approved', reviewNote: 'checked', provenance: { reviewer: 'alice', reviewed: '2026-03-04' },
      reviews: [{ status: 'approved', reviewer: 'alice', at: '2026-03-04T05:06:07.000Z', note: 'checked' }],
    });
  });

  it('accepts a review with corrections and rejects only with a reason', async () => {
    const id = 'iso42001-2023:A.2.2 -> iso27001-2022:A.5.1';
    const edited = await server.gql(`mutation($id: ID!) { reviewMapping(id: $id, review: { status: approved, strength: 8, rationale: functional, note: "tightened" }) { strength rationale status } }`, { id }, TOKENS.analyst);
    expect(edited.body.data.reviewMapping).toEqual({ strength: 8, rationale: 'functional', status: 'approved' });
    const noReason = await server.gql(`mutation($id: ID!) { rejectMapping(id: $id, reason: "  ") { status } }`, { id }, TOKENS.analyst);
    expect(noReason.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const unknown = await server.gql(`mutation { rejectMapping(id: "a -> b", reason: "x") { status } }`, {}, TOKENS.analyst);
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses unknown ids in the no-counterpart filter instead of answering "none", with a hint where one is close', async () => {
    for (const args of ['frameworkId: "nope-1"', 'otherFrameworkId: "nope-1"', 'requirementId: "iso42001-2023:99.9"']) {
      const { body } = await server.gql(`{ noCounterparts(${args}) { requirementId } }`);
      expect([args, body.errors?.[0]?.extensions?.code]).toEqual([args, 'NOT_FOUND']);
    }
    // An Annex A control written without "A." gets a hint; an id close to nothing gets none.
    const bare = await server.gql('{ neighbourhood(id: "iso27001-2022:5.15") { truncated } }');
    expect(bare.body.errors![0]!.message).toBe('unknown requirement "iso27001-2022:5.15" (did you mean iso27001-2022:A.5.15?)');
    const far = await server.gql('{ neighbourhood(id: "iso27001-2022:Z.99") { truncated } }');
    expect(far.body.errors![0]!.message).toBe('unknown requirement "iso27001-2022:Z.99"');
    const known = await server.gql('{ noCounterparts(frameworkId: "iso42001-2023", otherFrameworkId: "iso27001-2022") { requirementId } }');
    expect(known.body.data.noCounterparts.length).toBeGreaterThan(0);
  });

  it('validates mutation input beyond GraphQL types', async () => {
    const res = await server.gql(create, { input: { ...input, strength: 42 } }, TOKENS.analyst);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toMatch(/strength/);
    const missing = await server.gql(create, { input: { ...input, targetId: 'iso9001-2015:99.9' } }, TOKENS.analyst);
    expect(missing.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});

describe('GraphQL limits and error masking', () => {
  it('refuses a query that is too deep', async () => {
    const deep = `{ requirement(id: "iso42001-2023:A.2.2") { ${'parent { '.repeat(12)} id ${'} '.repeat(12)} } }`;
    const res = await server.gql(deep);
    expect(res.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_DEEP');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses a query that selects too many fields', async () => {
    const wide = `{ ${Array.from({ length: 150 }, (_, i) => `f${i}: frameworks { id name edition }`).join(' ')} }`;
    expect((await server.gql(wide)).body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses, before running it, a query whose lists and analyses cost too much', async () => {
    const gaps = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `g${i}: gapAnalysis(target: "iso42001-2023", haveFrameworks: ["iso27001-2022"], maxPathLength: 6, includeProposed: true)`).join(' ')} }`;
    expect((await server.gql(gaps(2))).body.errors).toBeUndefined();
    const refused = await server.gql(gaps(3));
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COSTLY');
    expect(refused.body.errors![0]!.message).toMatch(/limit is 350000: ask for fewer items/);
    expect(refused.body.data).toBeUndefined();
    const nested = `query($limit: Int) { mappings(limit: $limit) { source { mappings { other { mappings { other { id } } } } } } }`;
    expect((await server.gql(nested, { limit: 1000 })).body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COSTLY');
    // The same shape is fine when the variables ask for little.
    expect((await server.gql(nested, { limit: 2 })).body.errors).toBeUndefined();
    expect((await server.gql(`{ gapAnalysis(target: "iso42001-2023", haveFrameworks: ["iso27001-2022"]) }`)).body.errors).toBeUndefined();
  });

  it('refuses page sizes past the limit', async () => {
    const res = await server.gql('{ mappings(limit: 100000) { id } }');
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('masks unexpected errors without internals', async () => {
    const failing = await startTestServer({ store: new Proxy(server.store, { get: (t, p) => (p === 'listFrameworks' ? () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path')) : Reflect.get(t, p)) }) });
    try {
      const res = await failing.gql('{ frameworks { id } }');
      expect(res.body.errors![0]!.message).toBe('Unexpected error.');
      expect(JSON.stringify(res.body)).not.toMatch(/secret|SQLITE|stack/);
    } finally {
      await new Promise((r) => setTimeout(r, 0));
    }
  });
});

describe('the four-eyes review policy', () => {
  let fourEyes: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    fourEyes = await startTestServer({ reviewPolicy: 'four-eyes' });
  });
  afterAll(() => fourEyes.close());
  const create = `mutation($input: MappingInput!) { createMapping(input: $input) { id provenance { author } } }`;
  const approve = `mutation($id: ID!) { approveMapping(id: $id) { status provenance { reviewer } } }`;
  const correct = `mutation($id: ID!, $status: Status!) { reviewMapping(id: $id, review: { status: $status, strength: 3 }) { status strength } }`;

  it('refuses an approval of one\'s own mapping or correction (403), and takes another analyst\'s', async () => {
    const created = await fourEyes.gql(create, { input: { sourceId: 'iso42001-2023:A.2.4', targetId: 'iso9001-2015:5.2.1', relationship: 'intersects_with', rationale: 'semantic', strength: 4 } }, TOKENS.analyst);
    const id = created.body.data.createMapping.id;
    const own = await fourEyes.gql(approve, { id }, TOKENS.analyst);
    expect(own.status).toBe(403);
    expect(own.body.errors![0]).toMatchObject({ message: expect.stringMatching(/^bob created this mapping; under the four-eyes review policy another analyst approves it/), extensions: { code: 'SELF_APPROVAL' } });
    const overRest = await fetch(`${fourEyes.url}/api/mappings/${encodeURIComponent(id)}/review`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.analyst}` }, body: JSON.stringify({ status: 'approved' }),
    });
    expect(overRest.status).toBe(403);
    expect((await fourEyes.store.getMapping(id))!.status).toBe('proposed');
    expect((await fourEyes.gql(approve, { id }, TOKENS.admin)).body.data.approveMapping).toEqual({ status: 'approved', provenance: { reviewer: 'alice' } });

    const shipped = 'iso42001-2023:A.2.2 -> iso27001-2022:A.5.1';
    expect((await fourEyes.gql(correct, { id: shipped, status: 'approved' }, TOKENS.analyst)).status).toBe(403);
    expect((await fourEyes.gql(correct, { id: shipped, status: 'proposed' }, TOKENS.analyst)).body.data.reviewMapping).toEqual({ status: 'proposed', strength: 3 });
    expect((await fourEyes.gql(approve, { id: shipped }, TOKENS.analyst)).body.errors![0]!.message).toMatch(/^bob corrected this mapping/);
    expect((await fourEyes.gql(approve, { id: shipped }, TOKENS.admin)).body.data.approveMapping.status).toBe('approved');
  });

  it('is read from CROSSWALK_REVIEW_POLICY, and a misspelt one stops the server', () => {
    expect(reviewPolicyFrom({})).toBe('single');
    expect(reviewPolicyFrom({ CROSSWALK_REVIEW_POLICY: 'four-eyes' })).toBe('four-eyes');
    expect(() => reviewPolicyFrom({ CROSSWALK_REVIEW_POLICY: 'two-eyes' })).toThrow('CROSSWALK_REVIEW_POLICY must be one of single, four-eyes, got "two-eyes"');
  });

  it('is off by default: an analyst approves their own mapping', async () => {
    const created = await server.gql(create, { input: { sourceId: 'iso42001-2023:A.9.4', targetId: 'iso9001-2015:7.1.5.2', relationship: 'intersects_with', rationale: 'semantic', strength: 4 } }, TOKENS.analyst);
    expect((await server.gql(approve, { id: created.body.data.createMapping.id }, TOKENS.analyst)).body.data.approveMapping.status).toBe('approved');
  });
});
