import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, useExplorer, nodePosition, screenshot as fullScreenshot, SKIP_MESSAGE } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/**
 * One real task per analysis view: evidence reach, gap analysis, the unified control set, the IMS plan and the
 * Statement of Applicability, each done through the page as an analyst would, then checked against the service.
 */
describe.skipIf(!hasChromium)('explorer analysis flows (headless chromium)', () => {
  const explorer = useExplorer();

  /** From the top, so the sticky header is where a reader expects it. */
  const screenshot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await fullScreenshot(page, name);
  };

  /** A page whose tab already holds the analyst's token (as if pasted into the token field earlier). */
  const open = (path: string, { token = true } = {}) => explorer.open(path, { token });
  const download = async (page: Page, selector: string) => {
    const href = await page.locator(selector).getAttribute('href');
    expect(href).toBeTruthy();
    const res = await page.request.get(`${explorer.server.url}${href}`);
    return { href: href!, status: res.status(), type: res.headers()['content-type'] ?? '', body: await res.body() };
  };

  it('evidence hub: create an item linked to 42001 A.2.2 and see its reach include 27001 A.5.1; expired and out-of-scope items say so', async () => {
    const { page, problems } = await open('/hub?mode=evidence', { token: false });
    // No items yet: the form is open. The token goes in through the header's field.
    await page.getByRole('button', { name: /Set token/ }).click();
    await page.getByLabel(/Bearer token/).fill(TOKENS.analyst);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('text=Token: bob (analyst)');
    const form = page.locator('form.evidence-form');
    // An incomplete form is refused before anything is sent, field by field.
    await form.getByRole('button', { name: 'Create and link' }).click();
    expect(await form.locator('.field-error').count()).toBeGreaterThanOrEqual(4);
    await form.getByLabel('Id', { exact: true }).fill('EV-0001');
    await form.getByLabel('Title').fill('AI policy, approved by the board');
    await form.getByLabel('Type').selectOption('policy');
    await form.getByLabel('Owner').fill('Head of AI governance');
    await form.getByLabel('Where it lives (URI)').fill('https://intranet.example/policies/ai');
    await form.getByLabel('Collected').fill('2026-01-15');
    // An id typed in full that names no requirement is refused before anything is saved: saving first left an
    // unlinked item behind whose id was then "taken".
    const requirementBox = form.getByRole('combobox', { name: 'Evidence for requirement' });
    await requirementBox.fill('iso42001-2023:A.2.99');
    await requirementBox.press('Enter');
    await form.getByText('Will link to').waitFor();
    await form.getByRole('button', { name: 'Create and link' }).click();
    await form.getByText('no requirement has the id "iso42001-2023:A.2.99"').waitFor();
    // The search box is where to fix it: it has the focus, and screen readers read the problem with it.
    expect(await requirementBox.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = await requirementBox.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('no requirement has the id');
    expect((await explorer.server.gql('{ evidence(id: "EV-0001") { id } }')).body.data.evidence).toBeNull();
    await requirementBox.fill('AI policy');
    await page.getByRole('option', { name: /42001:2023 A\.2\.2 AI policy/ }).click();
    await form.getByText('Evidence for: ').waitFor();
    await form.getByRole('button', { name: 'Create and link' }).click();
    await page.waitForSelector('.graph-canvas [data-node="iso27001-2022:A.5.1"]');
    expect(decodeURIComponent(page.url())).toContain('ev=EV-0001');
    // Counts per framework, and the reach as a list.
    expect(await page.locator('table.counts tr[data-framework="iso27001-2022"] td.num').first().textContent()).toBe('0');
    expect(Number(await page.locator('table.counts tr[data-framework="iso27001-2022"] td.num').nth(1).textContent())).toBeGreaterThan(0);
    expect(await page.locator('.reach-list li[data-requirement="iso27001-2022:A.5.1"]').count()).toBe(1);
    // Hover the requirement: its path, relationship and the mapping's reason.
    const p = await nodePosition(page, 'Reach of evidence EV-0001', 'iso27001-2022:A.5.1');
    await page.mouse.move(p.x, p.y);
    const tip = page.locator('.graph-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/Policies for information security[\s\S]*partial[\s\S]*intersects with[\s\S]*strength 6/);
    await screenshot(page, 'flow-hub-evidence');
    // The item's mapping line to it is dashed (partial); its own link is solid.
    expect(await page.locator('.graph-canvas line[data-kind="dashed"]').count()).toBeGreaterThan(0);
    const stored = await explorer.server.gql('{ evidence(id: "EV-0001") { title links { requirementId } } }');
    expect(stored.body.data.evidence).toEqual({ title: 'AI policy, approved by the board', links: [{ requirementId: 'iso42001-2023:A.2.2' }] });

    // An expired item scoped to 27001 only: flagged, and what it would reach elsewhere is shown as out of scope.
    const save = await explorer.server.gql(
      'mutation($i: EvidenceInput!) { saveEvidence(input: $i) { id } }',
      { i: { id: 'EV-0002', title: 'Old AI policy', type: 'policy', owner: 'CISO', locationUri: 'https://intranet.example/old', collected: '2024-01-01', expires: '2025-01-01', scope: ['iso27001-2022'] } },
      TOKENS.analyst,
    );
    expect(save.body.errors).toBeUndefined();
    await explorer.server.gql('mutation { linkEvidence(evidenceId: "EV-0002", requirementId: "iso42001-2023:A.2.2") { kind } }', {}, TOKENS.analyst);
    await page.reload();
    await page.waitForSelector('.graph-canvas [data-node="iso27001-2022:A.5.1"]');
    await page.getByRole('combobox', { name: 'Evidence item', exact: true }).selectOption('EV-0002');
    await page.waitForSelector('.warning.expired');
    expect(await page.locator('.warning.expired').textContent()).toMatch(/Expired\. EV-0002 expired on 2025-01-01/);
    expect(await page.locator('select option[value="EV-0002"]').textContent()).toContain('EXPIRED 2025-01-01');
    expect(await page.locator('table.counts tr.out-of-scope').count()).toBeGreaterThan(0);
    expect(await page.locator('.graph-canvas [data-node="iso42001-2023:A.2.2"]').count()).toBe(1);
    await page.locator('#ereach-out-of-scope summary').click();
    expect(await page.locator('#ereach-out-of-scope li').count()).toBeGreaterThan(0);
    // Named by framework, ref and title, as the reached ones are, not by a bare id.
    expect(await page.locator('#ereach-out-of-scope li[data-requirement="iso42001-2023:A.2.2"] a').textContent()).toBe('ISO/IEC 42001:2023 A.2.2 AI policy');
    await screenshot(page, 'flow-hub-evidence-expired');
    // The requirement mode is still there.
    await page.getByRole('radio', { name: 'a requirement' }).check();
    await page.waitForSelector('.requirement-hub .graph-canvas [data-node]');
    expect(page.url()).toContain('mode=requirement');
    expect(problems).toEqual([]);
  });

  it('evidence hub: import a register file; a wrong row imports nothing and names its line', async () => {
    const { page, problems } = await open('/hub?mode=evidence&upload=1');
    const form = page.getByRole('form', { name: 'Import an evidence register' });
    const header = 'id,title,type,owner,location_uri,collected,expires,scope,description,requirements,org_controls,link_note';
    const pick = (name: string, rows: string[]) => form.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    await pick('bad-register.csv', ['EV-UP-1,Model card,report,ML team,https://wiki.example/model-card,2026-02-01,,,,iso42001-2023:A.6.2.99,,']);
    await form.getByRole('button', { name: 'Import' }).click();
    await form.locator('[role="alert"]').waitFor();
    expect(await form.locator('[role="alert"]').textContent()).toMatch(/Nothing was imported\..*bad-register\.csv:2: .*unknown requirement "iso42001-2023:A\.6\.2\.99"/s);
    expect((await explorer.server.gql('{ evidence(id: "EV-UP-1") { id } }')).body.data.evidence).toBeNull();
    await pick('register.csv', ['EV-UP-1,Model card,report,ML team,https://wiki.example/model-card,2026-02-01,,,,iso42001-2023:A.6.2.7;iso42001-2023:A.8.2,,']);
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Imported register.csv: 1 new item(s), 0 replaced, 2 link(s).').waitFor();
    const stored = await explorer.server.gql('{ evidence(id: "EV-UP-1") { title links { requirementId } } }');
    expect(stored.body.data.evidence).toEqual({ title: 'Model card', links: [{ requirementId: 'iso42001-2023:A.6.2.7' }, { requirementId: 'iso42001-2023:A.8.2' }] });
    // The refused upload's 422 is the only thing the browser complains about.
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
  });

  it('gap analysis: 27001 → 42001 leaves 6.1.4 uncovered, with the reason; downloads work', async () => {
    const { page, problems } = await open('/gaps?target=iso27001-2022&have=iso42001-2023');
    await page.waitForSelector('table.gap-table tbody tr');
    // Turn it round through the form: target 42001, having 27001 (and, for a moment, nothing at all).
    await page.getByLabel('Target').selectOption('iso42001-2023');
    const have = page.getByRole('group', { name: 'Frameworks you comply with' });
    await have.getByLabel('ISO/IEC 27001:2022').uncheck();
    await page.waitForSelector('text=Tick at least one framework');
    await have.getByLabel('ISO/IEC 27001:2022').check();
    const row = page.locator('tr[data-requirement="iso42001-2023:6.1.4"]');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('uncovered');
    expect(await row.textContent()).toMatch(/no counterpart in ISO\/IEC 27001:2022 — 27001 assesses risks to information/);
    expect(decodeURIComponent(page.url())).toMatch(/target=iso42001-2023.*have=iso27001-2022|have=iso27001-2022.*target=iso42001-2023/);
    // Summary counts, and only the uncovered rows (with their parents for context).
    expect(Number(await page.locator('.sum-uncovered strong').textContent())).toBeGreaterThan(0);
    expect(await page.locator('tr[data-requirement="iso42001-2023:4.1"] .overlap').textContent()).toBe(' mostly similar');
    expect(await page.locator('p.muted', { hasText: 'Covered:' }).textContent()).toMatch(/Partial, by the strength of the best path: \d+ mostly similar \(strength 7–10\), \d+ about half \(4–6\), \d+ mostly dissimilar \(0–3\)\./);
    const group = page.getByRole('group', { name: 'Show' });
    await group.getByRole('checkbox', { name: 'covered', exact: true }).uncheck();
    await group.getByRole('checkbox', { name: 'partial', exact: true }).uncheck();
    await page.waitForFunction(() => !document.querySelector('tr.gap-row[data-status="covered"]:not(.context)'));
    expect(page.url()).toContain('show=uncovered');
    expect(await row.isVisible()).toBe(true);
    await screenshot(page, 'flow-gaps');
    const csv = await download(page, '.exports a[data-format="csv"]');
    expect(csv.href).toBe('/api/reports/gap?target=iso42001-2023&have=iso27001-2022&maxPathLength=2&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body.toString()).toContain('6.1.4');
    const xlsx = await download(page, '.exports a[data-format="xlsx"]');
    expect([xlsx.status, xlsx.body.subarray(0, 2).toString()]).toEqual([200, 'PK']);
    // Another path length: the downloaded file is the analysis on screen, not the default one.
    await group.getByRole('checkbox', { name: 'covered', exact: true }).check();
    await group.getByRole('checkbox', { name: 'partial', exact: true }).check();
    await page.getByLabel('Path length').selectOption('3');
    await page.waitForFunction(() => document.querySelector('.gap-summary')?.textContent?.includes('at most 3 mappings'));
    const onScreen = await Promise.all(['covered', 'partial', 'uncovered'].map(async (s) => Number(await page.locator(`.sum-${s} strong`).textContent())));
    const json = await download(page, '.exports a[data-format="json"]');
    expect(json.href).toContain('maxPathLength=3');
    const file = JSON.parse(json.body.toString());
    expect(file.maxPathLength).toBe(3);
    expect([file.summary.covered, file.summary.partial, file.summary.uncovered]).toEqual(onScreen);
    // From the evidence register instead: EV-0001 (created above) covers little; the view says what it used.
    await page.getByRole('radio', { name: 'your evidence register' }).check();
    await page.waitForFunction(() => document.querySelector('.gap-summary h2')?.textContent?.includes('evidence item'));
    expect(page.url()).toContain('evidence=true');
    expect(problems).toEqual([]);
  });

  it('gap analysis of the EU AI Act for a deployer: scope by role, dates provisions apply from, untitled paragraphs named by their summary', async () => {
    // A role on a requirement's page leads to the gap analysis for that role.
    const { page, problems } = await open('/requirement/eu-ai-act-2024-1689%3AArt.%2026');
    await page.locator('.tags .tag', { hasText: 'applies from 2026-08-02' }).waitFor();
    await page.locator('.tags a.tag', { hasText: 'role:deployer' }).click();
    await page.waitForSelector('.scope-note');
    expect(decodeURIComponent(page.url())).toMatch(/\/gaps\?target=eu-ai-act-2024-1689&scope=role:deployer$/);
    const scope = page.getByRole('group', { name: 'Only requirements tagged' });
    expect(await scope.getByLabel('role:deployer').isChecked()).toBe(true);
    // Holding 42001 rather than the default 27001; then the whole Act, then deployers again.
    const have = page.getByRole('group', { name: 'Frameworks you comply with' });
    await have.getByLabel('ISO/IEC 42001:2023').check();
    await have.getByLabel('ISO/IEC 27001:2022').uncheck();
    await page.waitForFunction(() => document.querySelector('.gap-summary h2')?.textContent?.includes('given ISO/IEC 42001:2023') && !document.querySelector('.gap-summary h2')?.textContent?.includes('27001'));
    await scope.getByLabel('role:deployer').uncheck();
    await page.waitForFunction(() => !document.querySelector('.scope-note'));
    expect(await page.locator('tr[data-requirement="eu-ai-act-2024-1689:Art. 16"]').count()).toBe(1);
    await scope.getByLabel('role:deployer').check();
    await page.waitForSelector('.scope-note');
    expect(await page.locator('.scope-note').textContent()).toMatch(/Only requirements tagged role:deployer: \d+ others of .* are left out\./);
    expect(await page.locator('tr[data-requirement="eu-ai-act-2024-1689:Art. 16"]').count()).toBe(0);
    expect(await page.locator('tr[data-requirement="eu-ai-act-2024-1689:Art. 26"]').count()).toBe(1);
    expect(await page.locator('.open-by-date').textContent()).toMatch(/2025-02-02: \d+ uncovered, \d+ partial; 2026-08-02/);
    const point = page.locator('tr[data-requirement="eu-ai-act-2024-1689:Art. 5(1)(a)"]');
    expect(await point.locator('th').textContent()).toMatch(/^Art\. 5\(1\)\(a\) \S+/);
    expect(await point.locator('.applies').textContent()).toBe(' applies from 2025-02-02');
    expect(page.url()).toContain('scope=role%3Adeployer');
    const csv = await download(page, '.exports a[data-format="csv"]');
    expect(csv.href).toContain('scope=role%3Adeployer');
    expect(csv.body.toString().split('\n')[0]).toMatch(/,applies_from,summary\r?$/);
    // Another target forgets the scope.
    await page.getByLabel('Target').selectOption('iso42001-2023');
    await page.waitForFunction(() => !location.search.includes('scope='));
    expect(problems).toEqual([]);
  });

  it('framework page of the EU AI Act: only what deployers must do, untitled paragraphs named and found by their summary', async () => {
    const { page, problems } = await open('/framework/eu-ai-act-2024-1689');
    await page.waitForSelector('.requirement-tree .tree li');
    await page.getByRole('group', { name: 'Only requirements tagged' }).getByLabel('role:deployer').check();
    await page.waitForSelector('.tree-count');
    expect(decodeURIComponent(page.url())).toContain('scope=role:deployer');
    expect(await page.locator('li[data-requirement="eu-ai-act-2024-1689:Art. 26"]').count()).toBe(1);
    expect(await page.locator('li[data-requirement="eu-ai-act-2024-1689:Art. 16"]').count()).toBe(0);
    const paragraph = page.locator('li[data-requirement="eu-ai-act-2024-1689:Art. 26(1)"] > a');
    expect((await paragraph.textContent())!.length).toBeGreaterThan('Art. 26(1) '.length + 10);
    await page.getByLabel('Filter by ref, title or summary').fill('instructions for use');
    await page.waitForFunction(() => /q=instructions/.test(location.search));
    const matches = await page.locator('.tree li.match').evaluateAll((items) => items.map((li) => li.getAttribute('data-requirement')));
    // Deployers' duty to follow the instructions for use (Art. 26(1)); not the providers' duty to write them (Art. 13(2)).
    expect(matches).toContain('eu-ai-act-2024-1689:Art. 26(1)');
    expect(matches).not.toContain('eu-ai-act-2024-1689:Art. 13(2)');
    expect(problems).toEqual([]);
  });

  it('unified controls: propose for 42001 and 27001, adopt, then merge two controls, rename and split the result', async () => {
    const { page, problems } = await open('/controls');
    await page.waitForSelector('text=No control set saved yet');
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.waitForSelector('.proposal-table tbody tr');
    expect(page.url()).toContain('proposal=1');
    await page.getByRole('button', { name: 'Adopt the proposal' }).click();
    await page.waitForSelector('.flash >> text=/Adopted \\d+ controls/');
    await page.waitForSelector('table.controls-table:not(.proposal-table) tbody tr[data-control]');
    const before = await page.locator('tr[data-control]').count();
    expect(before).toBeGreaterThan(100);
    // Select two (the keyboard would do: each checkbox is labelled with its control).
    await page.getByLabel('Select uc:iso42001-2023:4.1 ').check();
    await page.getByLabel('Select uc:iso42001-2023:4.2 ').check();
    expect(await page.locator('.selection').textContent()).toBe('2 controls selected');
    await page.getByLabel('Title for the merged control').fill('Context and interested parties');
    await page.getByRole('button', { name: 'Merge selected' }).click();
    await page.waitForSelector('.flash >> text=/^Merged/');
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-control]').length === n - 1, before);
    const merged = page.locator('tr[data-control="uc:iso42001-2023:4.1"]');
    expect(await merged.locator('.control-title').textContent()).toBe('Context and interested parties');
    expect(await merged.locator('.cites a').count()).toBe(4);
    expect(await page.locator('tr[data-control="uc:iso42001-2023:4.2"]').count()).toBe(0);
    // Rename it.
    await merged.getByRole('button', { name: /^Rename/ }).click();
    await page.getByRole('form', { name: /Rename uc:iso42001-2023:4.1/ }).getByLabel('Title').fill('Organisational context');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => document.querySelector('tr[data-control="uc:iso42001-2023:4.1"] .control-title')?.textContent === 'Organisational context');
    let saved = await explorer.server.gql('{ orgControls { id title requirementIds origin } }');
    const control = saved.body.data.orgControls.find((c: { id: string }) => c.id === 'uc:iso42001-2023:4.1');
    expect(control).toEqual({ id: 'uc:iso42001-2023:4.1', title: 'Organisational context', origin: 'user', requirementIds: ['iso42001-2023:4.1', 'iso27001-2022:4.1', 'iso42001-2023:4.2', 'iso27001-2022:4.2'] });
    // Split the interested parties back out; moving nothing is refused first.
    await merged.getByRole('button', { name: /^Split/ }).click();
    const split = page.getByRole('form', { name: 'Split uc:iso42001-2023:4.1' });
    await split.getByLabel('Title of the new control').fill('Interested parties');
    await split.getByRole('button', { name: 'Split', exact: true }).click();
    expect(await split.locator('.field-error').textContent()).toBe('move at least one requirement to the new control');
    await split.getByRole('radio', { name: 'ISO/IEC 42001:2023 4.2 moves to the new control' }).check();
    await split.getByRole('radio', { name: 'ISO/IEC 27001:2022 4.2 moves to the new control' }).check();
    await split.getByRole('button', { name: 'Split', exact: true }).click();
    await page.waitForSelector('.flash >> text=/^Split uc:iso42001-2023:4.1 in two/');
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-control]').length === n, before);
    expect(await merged.locator('.cites a').count()).toBe(2);
    await screenshot(page, 'flow-controls');
    saved = await explorer.server.gql('{ orgControls { id title requirementIds origin } }');
    expect(saved.body.data.orgControls.filter((c: { id: string }) => c.id.startsWith('uc:iso42001-2023:4.1'))).toEqual([
      { id: 'uc:iso42001-2023:4.1', title: 'Organisational context', origin: 'user', requirementIds: ['iso42001-2023:4.1', 'iso27001-2022:4.1'] },
      { id: 'uc:iso42001-2023:4.1-2', title: 'Interested parties', origin: 'user', requirementIds: ['iso42001-2023:4.2', 'iso27001-2022:4.2'] },
    ]);
    const json = await download(page, 'nav[aria-label="Download your control set"] a[data-format="json"]');
    expect(json.status).toBe(200);
    expect(json.body.toString()).toContain('Organisational context');
    const oscal = await download(page, 'nav[aria-label="Download your control set"] a[data-format="oscal-catalog"]');
    expect(JSON.parse(oscal.body.toString())).toHaveProperty('catalog');
    expect(problems).toEqual([]);
  });

  it('IMS plan: 42001 + 27001 + 9001 shows 6.1.4 as a 42001 addition', async () => {
    const { page, problems } = await open('/ims?std=iso42001-2023');
    await page.waitForSelector('table.ims-table tbody tr');
    const picker = page.getByRole('group', { name: 'Standards to integrate' });
    await picker.getByLabel('ISO/IEC 27001:2022').check();
    await page.waitForFunction(() => document.querySelectorAll('table.ims-table thead th').length === 3);
    await picker.getByLabel('ISO 9001:2015').check();
    await page.waitForFunction(() => document.querySelectorAll('table.ims-table thead th').length === 4);
    expect(decodeURIComponent(page.url())).toContain('std=iso42001-2023,iso27001-2022,iso9001-2015');
    const addition = page.locator('#additions-iso42001-2023 li[data-requirement="iso42001-2023:6.1.4"]');
    await addition.waitFor();
    expect(await addition.textContent()).toMatch(/AI system impact assessment[\s\S]*nothing in ISO\/IEC 27001:2022[\s\S]*nothing in ISO 9001:2015/);
    expect(await page.locator('#additions-iso27001-2022 li[data-requirement="iso42001-2023:6.1.4"]').count()).toBe(0);
    // In the shared risk process it is marked as 42001's own.
    expect(await page.locator('table.ims-table li.own[data-requirement="iso42001-2023:6.1.4"]').count()).toBe(1);
    // Inside a shared process, the reviewers' notes say what each standard asks for that the others do not.
    const context = page.locator('tr[data-concept-differences="hs:organizational-context"] details');
    await context.locator('summary').click();
    const differences = context.locator('li');
    expect(await differences.count()).toBe(2);
    expect(await differences.first().textContent()).toMatch(/^ISO\/IEC 42001:2023 4\.1 intersects with ISO\/IEC 27001:2022 4\.1: .*roles towards AI systems/);
    await screenshot(page, 'flow-ims');
    const md = await download(page, '.exports a[data-format="md"]');
    expect(md.status).toBe(200);
    expect(md.body.toString()).toContain('6.1.4');
    expect(problems).toEqual([]);
  });

  it('SoA: mark a 42001 control not applicable with a justification; it persists after a reload', async () => {
    const { page, problems } = await open('/soa');
    const row = page.locator('tr[data-requirement="iso42001-2023:A.10.4"]');
    await row.waitFor();
    expect(await row.getAttribute('data-applicability')).toBe('undecided');
    await row.getByRole('button', { name: /Edit the decision on A\.10\.4/ }).click();
    const form = page.getByRole('form', { name: /Decision on A\.10\.4/ });
    await form.getByLabel('not applicable').check();
    // No justification: refused, and the page says why.
    await form.getByRole('button', { name: 'Save decision' }).click();
    expect(await form.locator('.field-error').textContent()).toMatch(/needs a justification/);
    await form.getByLabel(/Justification/).fill('We provide no AI systems to customers.');
    await form.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForSelector('.flash >> text=/Saved A\\.10\\.4/');
    await page.waitForFunction(() => document.querySelector('tr[data-requirement="iso42001-2023:A.10.4"]')?.getAttribute('data-applicability') === 'excluded');
    // Focus is back on the row's Edit button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/Edit the decision on A\.10\.4/);
    await page.reload();
    await row.waitFor();
    expect(await row.getAttribute('data-applicability')).toBe('excluded');
    expect(await row.locator('td.justification').textContent()).toBe('We provide no AI systems to customers.');
    await page.getByLabel('Show').selectOption('excluded');
    await page.waitForFunction(() => document.querySelectorAll('table.soa-table tr[data-requirement]').length === 1);
    expect(page.url()).toContain('show=excluded');
    await screenshot(page, 'flow-soa');
    const csv = await download(page, '.exports a[data-format="csv"]');
    expect(csv.status).toBe(200);
    expect(csv.body.toString()).toContain('We provide no AI systems to customers.');
    // 27001 Annex A is one click away.
    await page.getByLabel('Show').selectOption('all');
    await page.getByRole('radio', { name: /ISO\/IEC 27001:2022 Annex A/ }).check();
    await page.waitForSelector('tr[data-requirement^="iso27001-2022:A."]');
    expect(problems).toEqual([]);
  });

  it("SoA: import another tool's statement for 27001 from a file; its decisions show in the table", async () => {
    const { page, problems } = await open('/soa?fw=iso27001-2022');
    await page.getByRole('button', { name: 'Import decisions from a file' }).click();
    const form = page.getByRole('form', { name: 'Import applicability decisions for ISO/IEC 27001:2022' });
    // Annex A numbered as in ISO/IEC 27002 ("5.15"), status words of its own: read with warnings that say so.
    const csv = [
      'Control,Control name,Applicable,Justification,Status',
      '5.1,Policies for information security,Yes,Our ISMS needs a policy set,Fully implemented',
      '5.15,Access control,Yes,Access to systems is restricted,Fully implemented',
      '5.23,Information security for use of cloud services,Yes,We run on cloud services,Planned',
      '8.24,Use of cryptography,Yes,Data is encrypted,Partially implemented',
      '7.4,Physical security monitoring,No,No premises of our own,',
    ].join('\n');
    await form.getByLabel('File', { exact: true }).setInputFiles({ name: 'other-soa.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText('Imported other-soa.csv: 5 decision(s) saved.').waitFor();
    expect(await form.locator('ul.problems').textContent()).toMatch(/"5\.15" as A\.5\.15/);
    const row = page.locator('tr[data-requirement="iso27001-2022:A.7.4"]');
    await page.waitForFunction(() => document.querySelector('tr[data-requirement="iso27001-2022:A.7.4"]')?.getAttribute('data-applicability') === 'excluded');
    expect(await row.locator('td.justification').textContent()).toBe('No premises of our own');
    expect(problems).toEqual([]);
  });

  it('matrix: the cell panel links the crosswalk downloads', async () => {
    const { page, problems } = await open('/matrix?cell=iso42001-2023~iso27001-2022', { token: false });
    await page.waitForSelector('.cell-mappings .exports a');
    const hrefs = await page.locator('.cell-mappings .exports a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['csv', 'xlsx', 'oscal-mapping', 'olir-csv'].map((f) => `/api/export?format=${f}&from=iso42001-2023&to=iso27001-2022`));
    const csv = await download(page, '.cell-mappings .exports a[data-format="csv"]');
    expect(csv.status).toBe(200);
    expect(csv.body.toString()).toContain('iso42001-2023,A.2.2,iso27001-2022,A.5.1');
    expect(problems).toEqual([]);
  });
});
