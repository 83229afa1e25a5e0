import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requirementHref } from '../../client/src/lib/route.js';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, useExplorer, nodePosition, screenshot, SKIP_MESSAGE } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** One real task per view, as a person would do it: with the mouse, the keyboard and the URL. */
describe.skipIf(!hasChromium)('explorer user flows (headless chromium)', () => {
  const explorer = useExplorer();

  const open = (path: string) => explorer.open(path);
  const propose = async (sourceId: string, targetId: string, note: string) => {
    const res = await explorer.server.gql(
      'mutation($input: MappingInput!) { createMapping(input: $input) { id status } }',
      { input: { sourceId, targetId, relationship: 'equivalent_to', rationale: 'semantic', strength: 6, note, provenanceSource: 'Browser test' } },
      TOKENS.analyst,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createMapping.id as string;
  };
  const cellText = (page: Page, pair: string) => page.locator(`[data-pair="${pair}"] .pct`).textContent();

  it('evidence hub: a requirement fans out, hover shows the path and reason, a framework can be hidden', async () => {
    const { page, problems } = await open('/hub?req=iso42001-2023%3A6.1.4');
    await page.waitForSelector('.graph-canvas [data-node]');
    const nodes = async () => page.locator('.graph-canvas [data-node]').count();
    const before = await nodes();
    expect(before).toBeGreaterThan(10);
    // Counts per framework beside the graph.
    const rows = page.locator('table.counts tbody tr');
    expect(await rows.count()).toBeGreaterThan(2);
    // The same reach as a list, one section per framework, each requirement linked.
    expect(await page.locator('#reach-iso27701-2019 li a[href$="iso27701-2019%3AA.7.2.5"]').count()).toBe(1);
    // Full and partial support are drawn differently: every partial mapping line is dashed.
    expect(await page.locator('.graph-canvas line[data-kind="dashed"]').count()).toBeGreaterThan(0);
    // Hover a requirement reached over a mapping: the tooltip gives the path and the mapping's reason.
    const target = 'iso27701-2019:A.7.2.5';
    const p = await nodePosition(page, 'Fan-out from ISO/IEC 42001:2023 6.1.4', target);
    await page.mouse.move(p.x, p.y);
    const tip = page.locator('.graph-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/Privacy impact assessment[\s\S]*intersects with[\s\S]*strength 5/);
    await screenshot(page, 'flow-hub-hover');
    // Clicking selects it and asks the server for every path.
    await page.mouse.click(p.x, p.y);
    await page.waitForSelector('.selected ol.paths li');
    expect(page.url()).toContain('sel=');
    // Hide a framework: fewer nodes, and the URL remembers it.
    const first = rows.first();
    const framework = await first.getAttribute('data-framework');
    await first.locator('input[type=checkbox]').uncheck();
    await page.waitForFunction((n) => document.querySelectorAll('.graph-canvas [data-node]').length < n, before);
    expect(decodeURIComponent(page.url())).toContain(`hide=${framework}`);
    // Start somewhere else through the search box.
    await page.getByLabel('Start from a requirement').fill('A.6.2.8');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.graph-title')?.textContent?.includes('A.6.2.8'));
    expect(page.url()).toContain('req=');
    expect(problems).toEqual([]);
  });

  it('overlap matrix: a click opens the mappings behind a cell; arrow keys and Enter open the next', async () => {
    const { page, problems } = await open('/matrix');
    // Column heads are short labels: the catalog's own short name, else the citation.
    await page.waitForSelector('th.colhead');
    const heads = await page.locator('th.colhead').allTextContents();
    expect(heads.map((h) => h.trim())).toEqual(expect.arrayContaining(['EU AI Act', 'NIST AI RMF 1.0', 'ISO/IEC 42001:2023', 'ISO 9001:2015']));
    await page.click('[data-pair="iso42001-2023~iso27001-2022"]');
    await page.waitForSelector('.cell-mappings table.mappings tbody tr');
    expect(await page.locator('.cell-mappings h2').textContent()).toBe('ISO/IEC 42001:2023 → ISO/IEC 27001:2022');
    expect(await page.locator('.cell-mappings tbody tr').count()).toBe(100);
    expect(decodeURIComponent(page.url())).toContain('cell=iso42001-2023~iso27001-2022');
    expect(await page.locator('.cell-mappings .pager-range').textContent()).toBe('1–100 of 106');
    await page.getByRole('button', { name: 'Next 100' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.cell-mappings tbody tr').length === 6);
    expect(await page.locator('.cell-mappings .pager-range').textContent()).toBe('101–106 of 106');
    expect(await page.getByRole('button', { name: 'Next 100' }).isDisabled()).toBe(true);
    await screenshot(page, 'flow-matrix-cell');
    // Keyboard: focus the open cell, move right, open it.
    await page.focus('[data-pair="iso42001-2023~iso27001-2022"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => decodeURIComponent(location.search).includes('cell=iso42001-2023~iso27701-2019'));
    await page.waitForSelector('.cell-mappings tbody tr');
    // Counting only one relationship changes the figures.
    const all = await cellText(page, 'iso42001-2023~iso27001-2022');
    await page.getByRole('checkbox', { name: 'equivalent to', exact: true }).check();
    await page.waitForFunction((before) => document.querySelector('[data-pair="iso42001-2023~iso27001-2022"] .pct')?.textContent !== before, all);
    expect(page.url()).toContain('rel=equivalent_to');
    expect(problems).toEqual([]);
  });

  it('framework page: the list of frameworks, a tree in document order, a filter, and the way back from a requirement', async () => {
    const { page, problems } = await open('/matrix');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Frameworks' }).click();
    const row = page.locator('table.framework-list tr[data-framework="iso42001-2023"]');
    await row.waitFor();
    const listed = await page.locator('table.framework-list tbody tr').count();
    expect(listed).toBe((await explorer.server.gql('{ frameworks { id } }')).body.data.frameworks.length);
    await row.getByRole('link').click();
    await page.waitForSelector('.requirement-tree .tree li');
    expect(decodeURIComponent(page.url())).toContain('/framework/iso42001-2023');
    // The top level is open, the next one closed: clauses before Annex A, A.2 before A.10.
    const topLevel = await page.locator('.requirement-tree > ul.tree > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-requirement')));
    expect(topLevel.indexOf('iso42001-2023:4')).toBeLessThan(topLevel.indexOf('iso42001-2023:Annex A'));
    const annexA = page.locator('li[data-requirement="iso42001-2023:Annex A"]');
    const objectives = await annexA.locator(':scope > ul > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-requirement')));
    expect(objectives.indexOf('iso42001-2023:A.2')).toBeLessThan(objectives.indexOf('iso42001-2023:A.10'));
    expect(await page.locator('li[data-requirement="iso42001-2023:A.2.2"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Expand A.2', exact: true }).click();
    await page.locator('li[data-requirement="iso42001-2023:A.2.2"]').waitFor();
    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await page.locator('li[data-requirement="iso42001-2023:A.2"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Expand all' }).click();
    expect(await page.locator('.requirement-tree .tree li').count()).toBe((await explorer.server.gql('{ framework(id: "iso42001-2023") { requirementCount } }')).body.data.framework.requirementCount);
    // The filter keeps each match in its place, with its ancestors, and is part of the link.
    await page.getByLabel('Filter by ref, title or summary').fill('impact assessment');
    await page.waitForSelector('.tree-count');
    expect(decodeURIComponent(page.url())).toMatch(/q=impact(\+| )assessment/);
    const matches = await page.locator('.tree li.match').evaluateAll((items) => items.map((li) => li.getAttribute('data-requirement')));
    expect(matches).toContain('iso42001-2023:A.5.2');
    expect(await page.locator('.tree-count').textContent()).toBe(`${matches.length} requirements match`);
    expect(await page.locator('li[data-requirement="iso42001-2023:Annex A"]').count()).toBe(1);
    expect(await page.locator('li[data-requirement="iso42001-2023:A.2"]').count()).toBe(0);
    await screenshot(page, 'flow-framework');
    // A requirement's page names its framework, which leads back here.
    await page.locator('li[data-requirement="iso42001-2023:A.5.2"] > a').click();
    await page.waitForSelector('table.mappings tbody tr');
    await page.locator('.breadcrumb').getByRole('link', { name: 'ISO/IEC 42001:2023' }).click();
    await page.waitForSelector('.requirement-tree .tree li');
    expect(problems).toEqual([]);
  });

  it('search and requirement page: "/" from anywhere, pick a hit, read its place, mappings and neighbourhood', async () => {
    const { page, problems } = await open('/matrix');
    await page.waitForSelector('button.cell');
    await page.keyboard.press('/');
    await page.keyboard.type('impact assessment');
    await page.getByRole('option', { name: /AI system impact assessment process/ }).waitFor();
    await page.getByRole('option', { name: /AI system impact assessment process/ }).click();
    await page.waitForSelector('table.mappings tbody tr');
    expect(decodeURIComponent(page.url())).toContain('/requirement/iso42001-2023:A.5.2');
    expect(await page.locator('main h1').textContent()).toContain('AI system impact assessment process');
    expect(await page.locator('.breadcrumb li').count()).toBeGreaterThan(2);
    const row = page.locator('table.mappings tbody tr').first();
    expect(await row.textContent()).toMatch(/intersects with|equivalent to|subset of|superset of|equal to/);
    expect(await row.textContent()).toMatch(/approved/);
    await page.waitForSelector('.neighbourhood .graph-canvas [data-node]');
    expect(await page.locator('.neighbourhood .graph-canvas [data-node]').count()).toBeGreaterThan(5);
    // The star of neighbours is drawn as wide as the panel allows, labels pointing away from the requirement.
    const layout = (await page.evaluate(`(() => {
      const label = [...window.__crosswalkGraphs.keys()].find((k) => k.startsWith('Neighbourhood'));
      const graph = window.__crosswalkGraphs.get(label);
      const points = graph.nodeIds().map((id) => graph.screenPosition(id));
      const centre = graph.screenPosition('iso42001-2023:A.5.2');
      const span = (axis) => Math.max(...points.map((p) => p[axis])) - Math.min(...points.map((p) => p[axis]));
      const west = [...document.querySelectorAll('.neighbourhood [data-node]')].filter((g) => graph.screenPosition(g.getAttribute('data-node')).x < centre.x - 20);
      const labelled = west.filter((g) => g.querySelector('text'));
      return { width: span('x'), height: span('y'), west: labelled.length, westAnchoredEnd: labelled.filter((g) => g.querySelector('text').getAttribute('text-anchor') === 'end').length };
    })()`)) as { width: number; height: number; west: number; westAnchoredEnd: number };
    expect(layout.width).toBeGreaterThan(layout.height * 1.4);
    expect(layout.west).toBeGreaterThan(2);
    expect(layout.westAnchoredEnd).toBe(layout.west);
    await screenshot(page, 'flow-requirement');
    // Enter on the search box without choosing goes to the results page.
    await page.keyboard.press('/');
    await page.keyboard.type('GOVERN 1.1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('ol.results li');
    expect(page.url()).toContain('/search?q=GOVERN');
    await page.locator('ol.results li a').first().click();
    await page.waitForSelector('table.mappings tbody tr');
    expect(page.url()).toContain('/requirement/nist-ai-rmf-1.0');
    // Back goes back.
    await page.goBack();
    await page.waitForSelector('ol.results li');
    // Cited as a standard is: "42001 A.6.2.4" (the example the hub's search box gives) finds 42001's A.6.2.4 first,
    // and "ISO/IEC 27701 A.1.2.2" looks in both editions.
    await page.keyboard.press('/');
    await page.keyboard.type('42001 A.6.2.4');
    const first = page.getByRole('option').first();
    await expect.poll(() => first.textContent()).toMatch(/ISO\/IEC 42001:2023 A\.6\.2\.4 AI system verification and validation/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('ol.results li');
    expect(await page.locator('ol.results li a').first().getAttribute('href')).toBe('/requirement/iso42001-2023%3AA.6.2.4');
    const headerSearch = page.getByRole('combobox', { name: 'Search requirements (press / to focus)' });
    await headerSearch.fill('ISO/IEC 27701 A.1.2.2');
    await headerSearch.press('Enter');
    await page.waitForSelector('ol.results li a[href="/requirement/iso27701-2025%3AA.1.2.2"]');
    expect(problems).toEqual([]);
  });

  it('review queue: accept with the keyboard and see the matrix cell change; edit; reject with a reason', async () => {
    const accepted = await propose('iso9001-2015:7.5', 'iso27001-2022:7.5', 'Both control documented information.');
    const edited = await propose('iso9001-2015:7.1.6', 'iso27001-2022:7.2', 'Knowledge and competence overlap.');
    const rejected = await propose('iso9001-2015:8.1', 'iso27001-2022:A.5.1', 'Homonym: "policy".');
    const { page, problems } = await open('/matrix');
    await page.waitForSelector('button.cell');
    expect(await cellText(page, 'iso9001-2015~iso27001-2022')).toBe('–');

    await page.click('nav >> text=Review queue');
    await page.waitForSelector('.queue-item');
    expect(await page.locator('.queue-list li').count()).toBe(3);
    expect(await page.locator('.queue-item .why').textContent()).toContain('Browser test');
    // Without a token the server refuses, and the page says why.
    await page.keyboard.press('a');
    await page.waitForSelector('.status.error');
    expect(await page.locator('.status.error').textContent()).toMatch(/bearer token/);
    // A decision that failed to save says so (it used to read "Could not load that decision").
    expect(await page.locator('.status.error strong').textContent()).toBe('Could not record that decision.');
    problems.length = 0; // the 401 itself shows as a console error: that one was expected

    await page.getByRole('button', { name: /Set token/ }).click();
    await page.getByLabel(/Bearer token/).fill(TOKENS.analyst);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('text=Token: bob (analyst)');

    // a: accept one (chosen with the mouse, then the keyboard takes over).
    await page.click(`.queue-list li[data-id="${accepted}"] button`);
    await page.waitForFunction((id) => document.querySelector('.queue-item')?.getAttribute('data-mapping') === id, accepted);
    await page.keyboard.press('a');
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).toMatch(/^Accepted: 7\.5 → 7\.5\. 2 mappings left\./);
    // e: edit the strength of another, then accept.
    await page.click(`.queue-list li[data-id="${edited}"] button`);
    await page.waitForFunction((id) => document.querySelector('.queue-item')?.getAttribute('data-mapping') === id, edited);
    await page.keyboard.press('e');
    await page.getByLabel('Strength (0–10)').fill('3');
    await page.getByRole('button', { name: 'Accept with these edits' }).click();
    await page.waitForFunction(() => document.querySelector('.flash')?.textContent?.startsWith('Accepted with edits'));
    // r: reject the last with a reason (an empty reason is refused first).
    await page.waitForFunction((id) => document.querySelector('.queue-item')?.getAttribute('data-mapping') === id, rejected);
    await page.keyboard.press('r');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.field-error');
    await page.keyboard.type('Same word, different meaning.');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Nothing to review');
    await screenshot(page, 'flow-review-done');

    const check = await explorer.server.gql(`{ a: mapping(id: ${JSON.stringify(accepted)}) { status } e: mapping(id: ${JSON.stringify(edited)}) { status strength } r: mapping(id: ${JSON.stringify(rejected)}) { status reviewNote } }`);
    expect(check.body.data).toEqual({ a: { status: 'approved' }, e: { status: 'approved', strength: 3 }, r: { status: 'rejected', reviewNote: 'Same word, different meaning.' } });

    // The requirement page's history says what the correction replaced.
    await page.goto(`${explorer.server.url}${requirementHref(edited.split(' -> ')[0]!)}`);
    await page.waitForSelector('table.mappings tbody tr');
    await page.evaluate(() => document.querySelectorAll('table.mappings details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await page.locator('table.mappings details li', { hasText: 'bob: approved' }).first().textContent()).toContain('(corrected: strength 6 → 3)');

    // The matrix now counts the accepted mappings.
    await page.click('nav >> text=Overlap matrix');
    await page.waitForFunction(() => document.querySelector('[data-pair="iso9001-2015~iso27001-2022"] .pct')?.textContent === '2%');
    await screenshot(page, 'flow-matrix-after-review');
    expect(problems).toEqual([]);
  });

  it('lab: 5,000 nodes on a canvas; drag a node, and focus on its neighbourhood', async () => {
    const { page, problems } = await open('/lab?nodes=5000&seed=1');
    await page.waitForSelector('.graph-canvas[data-renderer="canvas"][data-nodes="5000"]');
    await page.waitForTimeout(1500);
    const id = 'synthetic-1:R0';
    // Read the node's position and press on it in one task inside the page: the layout is still animating, so a
    // remote mouse could arrive after the node has moved on. Then drag it with pointer moves, frame by frame.
    const result = (await page.evaluate(`new Promise((done) => {
      const graph = window.__crosswalkGraphs.get('Synthetic crosswalk');
      const el = document.querySelector('.graph-canvas');
      const fire = (type, x, y) => el.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y }));
      const from = graph.screenPosition(${JSON.stringify(id)});
      fire('pointerdown', from.x, from.y);
      let i = 0;
      (function step() {
        i++;
        fire('pointermove', from.x + i * 8, from.y + i * 5);
        if (i < 10) return requestAnimationFrame(step);
        requestAnimationFrame(() => {
          const at = graph.screenPosition(${JSON.stringify(id)});
          fire('pointerup', from.x + 80, from.y + 50);
          done({ from, at });
        });
      })();
    })`)) as { from: { x: number; y: number }; at: { x: number; y: number } };
    expect(Math.hypot(result.at.x - (result.from.x + 80), result.at.y - (result.from.y + 50))).toBeLessThan(3);
    await screenshot(page, 'flow-lab-drag');
    // Choosing a node focuses on its neighbourhood: far fewer nodes, drawn as SVG, and the URL says so. (The
    // keyboard, because the still-animating layout moves nodes between reading a position and clicking it.)
    await page.focus('.graph-canvas');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('.graph-canvas')?.getAttribute('data-nodes')) < 300);
    expect(decodeURIComponent(page.url())).toContain(`focus=${id}`);
    expect(await page.locator('.graph-canvas').getAttribute('data-renderer')).toBe('svg');
    expect(problems).toEqual([]);
  });

  it('keyboard: the graph can be walked with arrow keys and Enter opens a node', async () => {
    const { page, problems } = await open('/requirement/iso42001-2023%3A6.1.4');
    await page.waitForSelector('.neighbourhood .graph-canvas [data-node]');
    await page.focus('.neighbourhood .graph-canvas');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const announced = await page.locator('.neighbourhood .graph p[aria-live]').textContent();
    expect(announced).toBeTruthy();
    const before = page.url();
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => location.href !== b, before);
    await page.waitForSelector('table.mappings tbody tr');
    expect(page.url()).toContain('/requirement/');
    expect(problems).toEqual([]);
  });
});
