import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS } from './testServer.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const enc = encodeURIComponent;

describe('REST API', () => {
  it('serves health and readiness', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready', store: 'sqlite' });
  });

  it('lists frameworks, requirements and a requirement\'s detail', async () => {
    const frameworks = await (await get('/api/frameworks')).json();
    expect(frameworks.map((f: { id: string }) => f.id)).toContain('eu-ai-act-2024-1689');
    const roots = await (await get('/api/frameworks/nist-ai-rmf-1.0/requirements?roots=true')).json();
    expect(roots.map((r: { ref: string }) => r.ref)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    const detail = await (await get(`/api/requirements/${enc('eu-ai-act-2024-1689:Art. 9(2)')}`)).json();
    expect(detail.requirement.parentId).toBe('eu-ai-act-2024-1689:Art. 9');
    expect(detail.ancestors.at(-1).ref).toBe('Art. 9');
    expect(detail.mappings.length).toBeGreaterThan(0);
  });

  it('filters mappings and checks the filter values', async () => {
    const res = await get('/api/mappings?from=iso27701-2019&to=iso27701-2025&relationship=subset-of&limit=500');
    const body = await res.json();
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((m: { relationship: string }) => m.relationship === 'subset-of')).toBe(true);
    const total = Number(res.headers.get('x-total-count'));
    expect(total).toBe(body.length);
    const page = await get('/api/mappings?from=iso27701-2019&to=iso27701-2025&relationship=subset-of&limit=2&offset=1');
    expect((await page.json()).map((m: { id: string }) => m.id)).toEqual(body.slice(1, 3).map((m: { id: string }) => m.id));
    expect(Number(page.headers.get('x-total-count'))).toBe(total);
    const bad = await get('/api/mappings?status=aproved');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/invalid value\(s\) "aproved" \(expected: proposed, approved, rejected\)/);
  });

  it('answers 404 with a JSON error for unknown things', async () => {
    const missing = await get(`/api/requirements/${enc('iso42001-2023:nope')}`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  it('answers 404 naming an unknown framework or requirement, never an empty list that looks like "none"', async () => {
    const notFound = async (path: string, named: RegExp) => {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect((await res.json()).error.message).toMatch(named);
    };
    await notFound('/api/frameworks/nope/requirements', /unknown framework "nope" \(known: .*iso42001-2023/);
    await notFound('/api/mappings?from=nope&to=iso27001-2022', /unknown framework "nope"/);
    await notFound('/api/mappings?requirement=iso27001-2022:Z.9', /unknown requirement "iso27001-2022:Z\.9"/);
    await notFound('/api/search?q=risk&framework=nope', /unknown framework "nope"/);
    await notFound('/api/neighbourhood/nope', /unknown requirement "nope"/);
    await notFound(`/api/paths?from=nope&to=${enc('iso27001-2022:A.5.1')}`, /unknown requirement "nope"/);
    await notFound('/api/mappings/nope/reviews', /unknown mapping "nope"/);
    await notFound('/api/reports/gap?target=iso42001-2023&haveRequirements=nope,iso27001-2022:zzz&format=json', /none of the requirements said to be in place exists/);
    const badDate = await get('/api/reports/gap?target=iso42001-2023&have=iso27001-2022&asOf=notadate&format=json');
    expect([badDate.status, (await badDate.json()).error.message]).toEqual([400, 'asOf: "notadate" is not a date (YYYY-MM-DD)']);
  });

  it('searches, gives coverage, neighbourhoods, paths and unmapped reports', async () => {
    expect((await (await get('/api/search?q=logging&limit=5')).json()).length).toBeGreaterThan(0);
    const coverage = await (await get('/api/coverage')).json();
    expect(coverage.find((c: { source: string; target: string }) => c.source === 'iso42001-2023' && c.target === 'iso27001-2022').covered).toBeGreaterThan(50);
    const hood = await (await get(`/api/neighbourhood/${enc('iso27001-2022:A.8.15')}?depth=2`)).json();
    expect(hood.nodes[0].requirement.id).toBe('iso27001-2022:A.8.15');
    const unmapped = await (await get('/api/unmapped?from=nist-ai-rmf-1.0&to=iso42001-2023&kind=subcategory')).json();
    expect(unmapped).toMatchObject({ total: 72, mapped: 72, unmapped: [] });
  });

  it('needs a token to write, and records the author', async () => {
    const body = JSON.stringify({ sourceId: 'iso42001-2023:A.4.4', targetId: 'iso27001-2022:A.8.32', relationship: 'intersects-with', rationale: 'functional', strength: 3 });
    const anonymous = await get('/api/mappings', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const viewer = await get('/api/mappings', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.viewer}` }, body });
    expect(viewer.status).toBe(403);
    const created = await get('/api/mappings', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.analyst}` }, body });
    expect(created.status).toBe(200);
    const mapping = await created.json();
    expect(mapping).toMatchObject({ status: 'proposed', origin: 'user', provenance: { author: 'bob' } });
    const review = await get(`/api/mappings/${enc(mapping.id)}/review`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.admin}` }, body: JSON.stringify({ status: 'rejected', note: 'tooling is not change management' }) });
    expect(await review.json()).toMatchObject({ status: 'rejected', reviewNote: 'tooling is not change management' });
    expect((await (await get(`/api/mappings/${enc(mapping.id)}/reviews`)).json())[0]).toMatchObject({ reviewer: 'alice', status: 'rejected' });
  });

  it('never lets a new mapping replace an existing one, and rejects only with a reason', async () => {
    const as = (token: string, body: object) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const pair = { sourceId: 'iso9001-2015:7.1.3', targetId: 'iso27001-2022:A.7.12', relationship: 'intersects-with', rationale: 'functional', strength: 4 };
    const created = await get('/api/mappings', as(TOKENS.analyst, pair));
    expect(created.status).toBe(200);
    const mapping = await created.json();
    expect((await get(`/api/mappings/${enc(mapping.id)}/review`, as(TOKENS.admin, { status: 'approved' }))).status).toBe(200);

    const again = await get('/api/mappings', as(TOKENS.admin, { ...pair, relationship: 'equivalent-to', strength: 9 }));
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already mapped .*approved, by bob.*review it/);
    expect(await (await get(`/api/mappings/${enc(mapping.id)}`)).json()).toMatchObject({ status: 'approved', relationship: 'intersects-with', strength: 4, provenance: { author: 'bob' } });
    // The other direction is the same pair: stating it again would say it twice.
    const reversed = await get('/api/mappings', as(TOKENS.admin, { ...pair, sourceId: pair.targetId, targetId: pair.sourceId }));
    expect(reversed.status).toBe(409);
    expect((await reversed.json()).error.message).toContain(`already mapped ("${mapping.id}", approved, by bob)`);

    const noReason = await get(`/api/mappings/${enc(mapping.id)}/review`, as(TOKENS.admin, { status: 'rejected' }));
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.message).toMatch(/a rejection needs a reason/);
    expect((await (await get(`/api/mappings/${enc(mapping.id)}`)).json()).status).toBe('approved');
  });

  it('refuses a body with a field it does not read (a misspelt correction or option), changing nothing', async () => {
    const as = (token: string, body: object) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const pair = { sourceId: 'iso9001-2015:7.1.4', targetId: 'iso27001-2022:A.7.5', relationship: 'intersects-with', rationale: 'functional', strength: 4 };
    const created = await get('/api/mappings', as(TOKENS.analyst, pair));
    const mapping = await created.json();
    // A typo in a correction would otherwise approve the mapping as it stands, the correction silently dropped.
    for (const body of [{ status: 'approved', relationshp: 'subset-of' }, { status: 'approved', edits: { relationship: 'subset-of' } }]) {
      const res = await get(`/api/mappings/${enc(mapping.id)}/review`, as(TOKENS.admin, body));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/unrecognized key.*"(relationshp|edits)"/i);
    }
    expect(await (await get(`/api/mappings/${enc(mapping.id)}`)).json()).toMatchObject({ status: 'proposed', relationship: 'intersects-with' });
    expect(await (await get(`/api/mappings/${enc(mapping.id)}/reviews`)).json()).toEqual([]);
    const misspeltCreate = await get('/api/mappings', as(TOKENS.analyst, { ...pair, targetId: 'iso27001-2022:A.7.6', notes: 'why' }));
    expect(misspeltCreate.status).toBe(400);
    expect((await misspeltCreate.json()).error.message).toMatch(/unrecognized key.*"notes"/i);
    // "dry_run" for "dryRun" would otherwise save the proposals the caller only meant to look at.
    const misspeltRun = await get('/api/suggestions', as(TOKENS.analyst, { from: 'iso9001-2015', to: 'iso27001-2022', top: 1, dry_run: true }));
    expect(misspeltRun.status).toBe(400);
    expect((await misspeltRun.json()).error.message).toMatch(/unrecognized key.*"dry_run"/i);
  });

  it('answers a path that is not valid percent-encoding with 400, naming the fix', async () => {
    const res = await get('/api/requirements/%ZZ');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not valid percent-encoding.*%25/) });
  });
});

describe('safe by default', () => {
  it('sends security headers and no framework fingerprint', async () => {
    const res = await get('/api/frameworks');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps CORS closed unless origins are configured', async () => {
    const closed = await get('/api/frameworks', { headers: { origin: 'https://evil.example' } });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const open = await startTestServer({ corsOrigins: ['https://grc.example'] });
    try {
      const res = await fetch(`${open.url}/api/frameworks`, { headers: { origin: 'https://grc.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://grc.example');
      // A page of mappings says how many match in all; a browser on another origin may only read that if exposed.
      expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Total-Count/);
    } finally {
      await open.close();
    }
  });

  it('refuses oversized and malformed bodies without internals', async () => {
    const big = await get('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ frameworks { id } } # ${'x'.repeat(1_200_000)}` }) });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await get('/api/mappings', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.analyst}` }, body: '{"sourceId": ' });
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text).toMatch(/not valid JSON/);
    expect(text).not.toMatch(/at .*\.js|node_modules/);
  });

  it('checks the token of an upload before reading it, and names the upload limit', async () => {
    const tooBig = 'x'.repeat(11 * 1024 * 1024);
    const anonymous = await get('/api/import?format=csv-crosswalk', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: tooBig });
    expect(anonymous.status).toBe(401);
    const analyst = await get('/api/import?format=csv-crosswalk', { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKENS.analyst}` }, body: tooBig });
    expect(analyst.status).toBe(413);
    expect((await analyst.json()).error.message).toBe("the request body is larger than this route's limit of 10 MB");
  });
});
