import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, sheetRows } from '../../server/exports/workbook.js';
import { oscalValidator } from '../interop/helpers.js';
import { startTestServer, TOKENS } from './testServer.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const policy = { id: 'ev-ai-policy', title: 'AI policy v2', type: 'policy', owner: 'CISO office', locationUri: 'https://intranet.example/ai-policy', collected: '2026-01-10', expires: '2027-01-10' };

describe('evidence through GraphQL', () => {
  it('refuses evidence writes without an analyst token', async () => {
    const res = await server.gql('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id } }', { input: policy });
    expect(res.status).toBe(401);
  });

  it('refuses a filter date that is not a date', async () => {
    const res = await server.gql('{ evidenceItems(expiredAsOf: "garbage") { id } }');
    expect(res.body.errors![0]!.message).toBe('expiredAsOf: "garbage" is not a date (YYYY-MM-DD)');
  });

  it('keeps links that could run script out: evidence lives at a web, file-share or file URI', async () => {
    const save = (locationUri: string) => server.gql('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id } }', { input: { ...policy, id: 'ev-where', locationUri } }, TOKENS.analyst);
    const hostile = await save('javascript:alert(document.cookie)');
    expect(hostile.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(hostile.body.errors![0]!.message).toMatch(/"https:\/\/…", "file:\/\/\/…", "smb:\/\/…" or "s3:\/\/…"/);
    expect((await save('file:///srv/policies/ai.pdf')).body.data.saveEvidence.id).toBe('ev-where');
    const mapping = await server.gql('mutation($input: MappingInput!) { createMapping(input: $input) { id } }', { input: { sourceId: 'iso42001-2023:A.2.4', targetId: 'iso9001-2015:7.5.3', relationship: 'intersects_with', rationale: 'semantic', strength: 3, provenanceUrl: 'javascript:alert(1)' } }, TOKENS.analyst);
    expect(mapping.body.errors![0]!.message).toMatch(/expected an http\(s\) URL/);
  });

  it('saves an item, links it to one 42001 control and shows its reach across frameworks with paths', async () => {
    const saved = await server.gql('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id scope description } }', { input: policy }, TOKENS.analyst);
    expect(saved.body.data.saveEvidence).toEqual({ id: 'ev-ai-policy', scope: [], description: '' });
    const linked = await server.gql('mutation { linkEvidence(evidenceId: "ev-ai-policy", requirementId: "iso42001-2023:A.2.2", note: "section 1") { kind requirement { title } } }', {}, TOKENS.analyst);
    expect(linked.body.data.linkEvidence).toEqual({ kind: 'requirement', requirement: { title: 'AI policy' } });

    const { body } = await server.gql('{ evidenceReach(evidenceId: "ev-ai-policy", asOf: "2026-06-01") }');
    const reach = body.data.evidenceReach;
    expect(reach.expired).toBe(false);
    const frameworks = reach.byFramework.map((f: { frameworkId: string }) => f.frameworkId);
    expect(frameworks).toEqual(expect.arrayContaining(['iso42001-2023', 'iso27001-2022']));
    const viaMapping = reach.reached.find((r: { requirementId: string }) => r.requirementId === 'iso27001-2022:A.5.1');
    expect(viaMapping).toBeDefined();
    expect(viaMapping.basis).toBe('mapping');
    expect(['full', 'partial']).toContain(viaMapping.coverage);
    expect(viaMapping.contributions[0].path.length).toBeGreaterThan(0);
    expect(viaMapping.reason).toMatch(/A\.2\.2/);
  });

  it('flags expired evidence and respects scope', async () => {
    await server.gql('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id } }', { input: { ...policy, id: 'ev-old', expires: '2026-02-01', scope: ['iso42001-2023'] } }, TOKENS.analyst);
    await server.gql('mutation { linkEvidence(evidenceId: "ev-old", requirementId: "iso42001-2023:A.2.2") { kind } }', {}, TOKENS.analyst);
    const reach = (await server.gql('{ evidenceReach(evidenceId: "ev-old", asOf: "2026-06-01") }')).body.data.evidenceReach;
    expect(reach.expired).toBe(true);
    expect(reach.reached.every((r: { frameworkId: string }) => r.frameworkId === 'iso42001-2023')).toBe(true);
    expect(reach.outOfScope.length).toBeGreaterThan(0);
    // Out-of-scope requirements are named as the reached ones are: framework, ref and title.
    const policies = reach.outOfScope.find((o: { requirementId: string }) => o.requirementId === 'iso27001-2022:A.5.1');
    expect(policies).toEqual({ requirementId: 'iso27001-2022:A.5.1', frameworkId: 'iso27001-2022', ref: 'A.5.1', title: 'Policies for information security', coverage: expect.stringMatching(/^(full|partial)$/) });
    for (const o of reach.outOfScope) expect(o, o.requirementId).toMatchObject({ frameworkId: o.requirementId.split(':')[0], ref: expect.any(String), title: expect.any(String) });
  });

  it('finds items by text on the server, counts the matches and pages through them', async () => {
    const save = (id: string, title: string, description = '') =>
      server.gql('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id } }', { input: { ...policy, id, title, description } }, TOKENS.analyst);
    await save('ev-search-1', 'Supplier register 2026', 'Every third party with access to AI systems');
    await save('ev-search-2', 'Training records', 'Annual AI literacy course, 100% completion');
    await save('ev-search-3', 'Board minutes', 'Approval of the supplier policy');
    const ids = async (variables: Record<string, unknown>) => {
      const { body } = await server.gql('query($text: String, $limit: Int, $offset: Int) { evidenceItems(text: $text, limit: $limit, offset: $offset) { id } evidenceCount(text: $text) }', variables);
      expect(body.errors).toBeUndefined();
      return { ids: body.data.evidenceItems.map((e: { id: string }) => e.id), count: body.data.evidenceCount };
    };
    expect(await ids({ text: 'SUPPLIER' })).toEqual({ ids: ['ev-search-1', 'ev-search-3'], count: 2 });
    expect(await ids({ text: 'policy supplier' })).toEqual({ ids: ['ev-search-3'], count: 1 });
    expect(await ids({ text: '100%' })).toEqual({ ids: ['ev-search-2'], count: 1 });
    expect(await ids({ text: 'ev-search', limit: 2, offset: 1 })).toEqual({ ids: ['ev-search-2', 'ev-search-3'], count: 3 });
    expect(await ids({ text: 'nothing like this' })).toEqual({ ids: [], count: 0 });
    const all = await ids({});
    expect(all.count).toBe(all.ids.length);
    const tooLong = await server.gql('query($text: String) { evidenceItems(text: $text) { id } }', { text: 'x'.repeat(201) });
    expect(tooLong.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(tooLong.body.errors![0]!.message).toMatch(/200 characters/);
  });

  it('rejects bad evidence input with a clear error', async () => {
    const res = await server.gql('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id } }', { input: { ...policy, id: 'ev-bad', collected: '2026-13-40' } }, TOKENS.analyst);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const unknown = await server.gql('{ evidenceReach(evidenceId: "nope") }');
    expect(unknown.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses an unknown framework or requirement in the evidence filters instead of answering "none"', async () => {
    for (const [query, named] of [
      ['{ evidenceItems(frameworkId: "iso9999-2030") { id } }', 'unknown framework "iso9999-2030"'],
      ['{ evidenceCount(requirementId: "iso42001-2023:99.9") }', 'unknown requirement "iso42001-2023:99.9"'],
    ] as const) {
      const { body } = await server.gql(query);
      expect(body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
      expect(body.errors![0]!.message).toContain(named);
    }
    const known = await server.gql('{ evidenceCount(frameworkId: "iso42001-2023") }');
    expect(known.body.errors).toBeUndefined();
  });
});

describe('gap analysis, unified controls, IMS plan and SoA through GraphQL and REST', () => {
  it('answers "we hold 27001, what is left for 42001?" with reasons', async () => {
    const { body } = await server.gql('{ gapAnalysis(target: "iso42001-2023", haveFrameworks: ["iso27001-2022"]) }');
    const report = body.data.gapAnalysis;
    expect(report.summary.covered + report.summary.partial + report.summary.uncovered).toBe(report.summary.assessable);
    const impact = report.rows.find((r: { ref: string }) => r.ref === '6.1.4');
    expect(impact.status).toBe('uncovered');
    expect(impact.reasons.join(' ')).toMatch(/no counterpart/);
    expect(report.rows.find((r: { ref: string }) => r.ref === '5.1').status).toBe('partial');
    expect(report.rows.find((r: { ref: string }) => r.ref === '10.2').status).toBe('covered');
    const both = await server.gql('{ gapAnalysis(target: "iso42001-2023", haveFrameworks: ["iso27001-2022"], haveEvidence: true) }');
    expect(both.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('downloads the gap analysis with the path length asked for', async () => {
    const get = async (len?: number) => (await fetch(`${server.url}/api/reports/gap?target=iso42001-2023&have=iso27701-2025&format=json${len ? `&maxPathLength=${len}` : ''}`)).json();
    const [direct, byDefault, three] = [await get(1), await get(), await get(3)];
    expect([direct.maxPathLength, byDefault.maxPathLength, three.maxPathLength]).toEqual([1, 2, 3]);
    const gql = async (len: number) => (await server.gql(`{ gapAnalysis(target: "iso42001-2023", haveFrameworks: ["iso27701-2025"], maxPathLength: ${len}) }`)).body.data.gapAnalysis.summary;
    expect(direct.summary).toEqual(await gql(1));
    expect(three.summary).toEqual(await gql(3));
    const tooLong = await fetch(`${server.url}/api/reports/gap?target=iso42001-2023&have=iso27701-2025&format=json&maxPathLength=9`);
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.message).toContain('invalid maxPathLength: 9 (expected a whole number from 1 to 6)');
  });

  it('narrows a gap analysis to a scope, the same through GraphQL and REST, and names the tags it offers when one is wrong', async () => {
    const scoped = (await server.gql('{ gapAnalysis(target: "eu-ai-act-2024-1689", haveFrameworks: ["iso42001-2023"], scope: ["role:deployer"]) }')).body.data.gapAnalysis;
    expect(scoped.scope).toEqual({ tags: ['role:deployer'], leftOut: expect.any(Number) });
    expect(scoped.scopeTags).toEqual(expect.arrayContaining(['role:deployer', 'role:provider', 'role:importer']));
    expect(scoped.rows.some((r: { ref: string }) => r.ref === 'Art. 26')).toBe(true);
    expect(scoped.rows.some((r: { ref: string }) => r.ref === 'Art. 16')).toBe(false);
    expect(scoped.rows.find((r: { ref: string }) => r.ref === 'Art. 26(1)').appliesFrom).toBe('2026-08-02');
    const rest = await (await fetch(`${server.url}/api/reports/gap?target=eu-ai-act-2024-1689&have=iso42001-2023&scope=role:deployer&format=json`)).json();
    expect(rest.summary).toEqual(scoped.summary);
    const csv = await (await fetch(`${server.url}/api/reports/gap?target=eu-ai-act-2024-1689&have=iso42001-2023&scope=role:deployer&format=csv`)).text();
    const [header, ...lines] = csv.trim().split('\n');
    expect(header).toMatch(/,applies_from,summary$/);
    expect(lines.length).toBe(scoped.rows.length);
    const wrong = await fetch(`${server.url}/api/reports/gap?target=eu-ai-act-2024-1689&have=iso42001-2023&scope=role:deployr&format=json`);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toMatch(/no requirement of eu-ai-act-2024-1689 is tagged "role:deployr" \(its tags: .*role:deployer/);
  });

  it('downloads the gap analysis as CSV and XLSX', async () => {
    const csv = await fetch(`${server.url}/api/reports/gap?target=iso42001-2023&have=iso27001-2022&format=csv`);
    expect(csv.headers.get('content-disposition')).toMatch(/gap-iso42001-2023\.csv/);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(80);
    const xlsx = await fetch(`${server.url}/api/reports/gap?target=iso42001-2023&have=iso27001-2022&format=xlsx`);
    const workbook = await readWorkbook(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheetRows(workbook.worksheets[0]!).length).toBeGreaterThan(80);
  });

  it('proposes, adopts, renames and merges unified controls, and exports them as OSCAL', async () => {
    const proposal = (await server.gql('{ proposedControls(frameworks: ["iso42001-2023", "iso27001-2022", "iso9001-2015"]) }')).body.data.proposedControls;
    const shared = proposal.controls.filter((c: { frameworks: string[] }) => c.frameworks.length === 3);
    expect(shared.length).toBeGreaterThan(5);
    const adopted = await server.gql('mutation { adoptProposedControls(frameworks: ["iso42001-2023", "iso27001-2022", "iso9001-2015"]) { id title requirementIds } }', {}, TOKENS.analyst);
    const controls = adopted.body.data.adoptProposedControls;
    expect(controls.length).toBe(proposal.controls.length);
    const [a, b] = controls;
    const renamed = await server.gql(`mutation { renameOrgControl(id: "${a.id}", title: "Leadership and policy") { id title } }`, {}, TOKENS.analyst);
    expect(renamed.body.data.renameOrgControl.find((c: { id: string }) => c.id === a.id).title).toBe('Leadership and policy');
    const merged = await server.gql(`mutation { mergeOrgControls(ids: ["${a.id}", "${b.id}"]) { id requirementIds } }`, {}, TOKENS.analyst);
    const one = merged.body.data.mergeOrgControls.find((c: { id: string }) => c.id === a.id);
    expect(one.requirementIds).toEqual([...new Set([...a.requirementIds, ...b.requirementIds])]);
    expect(merged.body.data.mergeOrgControls.some((c: { id: string }) => c.id === b.id)).toBe(false);
    const oscal = await (await fetch(`${server.url}/api/reports/controls?format=oscal-catalog`)).json();
    expect(oscalValidator('catalog')(oscal)).toEqual([]);
  });

  it('plans an integrated management system and downloads it as Markdown', async () => {
    const plan = (await server.gql('{ imsPlan(standards: ["iso42001-2023", "iso27001-2022", "iso9001-2015"]) }')).body.data.imsPlan;
    expect(JSON.stringify(plan)).toMatch(/6\.1\.4/);
    const md = await (await fetch(`${server.url}/api/reports/ims?standards=iso42001-2023,iso27001-2022,iso9001-2015&format=md`)).text();
    expect(md).toMatch(/^#/);
    expect(md).toMatch(/iso9001-2015|ISO 9001/);
  });

  it('keeps Statement of Applicability decisions and exports them', async () => {
    const bad = await server.gql('mutation { saveSoaEntries(entries: [{ frameworkId: "iso42001-2023", requirementId: "iso42001-2023:A.10.4", applicable: false }]) }', {}, TOKENS.analyst);
    expect(bad.body.errors![0]!.message).toMatch(/justification/);
    const ok = await server.gql('mutation { saveSoaEntries(entries: [{ frameworkId: "iso42001-2023", requirementId: "iso42001-2023:A.10.4", applicable: false, justification: "No AI customers" }]) }', {}, TOKENS.analyst);
    expect(ok.body.data.saveSoaEntries).toBe(true);
    const soa = (await server.gql('{ statementOfApplicability(frameworkId: "iso42001-2023") }')).body.data.statementOfApplicability;
    expect(JSON.stringify(soa)).toMatch(/No AI customers/);
    const csv = await (await fetch(`${server.url}/api/reports/soa?framework=iso42001-2023&format=csv`)).text();
    expect(csv.split('\n').filter(Boolean).length).toBe(39);
    expect(csv).toMatch(/No AI customers/);
  });
});
