import { describe, expect, it } from 'vitest';
import { hasChromium, useExplorer, openPage, screenshot, SKIP_MESSAGE } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** Every view of the explorer loads from its URL, shows its content and logs no error. */
describe.skipIf(!hasChromium)('explorer views (headless chromium)', () => {
  const explorer = useExplorer();

  const views: Array<[name: string, path: string, ready: string, heading: RegExp]> = [
    ['hub', '/', '.graph-canvas [data-node]', /Evidence hub/],
    ['hub-requirement', '/hub?req=iso42001-2023%3A6.1.4&depth=3', '.graph-canvas[data-renderer]', /Evidence hub/],
    ['hub-unknown-requirement', '/hub?req=iso42001-2023%3AZ.9', '.status.empty:has-text("No requirement has the id")', /Evidence hub/],
    ['matrix', '/matrix', 'button.cell', /Overlap matrix/],
    ['frameworks', '/framework', 'table.framework-list tbody tr', /Frameworks/],
    ['framework', '/framework/iso42001-2023', '.requirement-tree .tree li', /ISO\/IEC 42001/],
    ['framework-unknown', '/framework/nope-1', '.status.empty', /No such framework/],
    ['requirement', '/requirement/iso42001-2023%3A6.1.4', 'table.mappings tbody tr', /AI system impact assessment/],
    // NIST's abbreviation, which other tools' files use, shown as another way the requirement is written.
    ['requirement-alias', '/requirement/nist-ai-rmf-1.0%3AGOVERN%201.1', '.tags .tag:has-text("also written GV-1.1")', /Legal and regulatory requirements for AI/],
    ['review', '/review', '.status.empty, .queue-item', /Review queue/],
    ['search', '/search?q=impact%20assessment', 'ol.results li', /Search/],
    ['hub-evidence', '/hub?mode=evidence', 'form.evidence-form', /Evidence hub/],
    ['gaps', '/gaps', 'table.gap-table tbody tr', /Gap analysis/],
    ['gaps-evidence', '/gaps?target=iso27001-2022&evidence=true&show=uncovered&len=1', 'table.gap-table tbody tr', /Gap analysis/],
    ['controls', '/controls?proposal=1', '.proposal-table tbody tr', /Unified control set/],
    ['ims', '/ims', 'table.ims-table tbody tr', /IMS plan/],
    ['soa', '/soa', 'table.soa-table tbody tr', /Statement of Applicability/],
    ['soa-27001', '/soa?fw=iso27001-2022&show=issues', 'table.soa-table tbody tr', /Statement of Applicability/],
    ['lab', '/lab?nodes=1000', '.graph-canvas[data-renderer="canvas"]', /Graph lab/],
    ['not-found', '/no/such/page', 'main h1', /Nothing here/],
  ];

  it.each(views)('%s (%s) loads with no console errors', async (name, path, ready, heading) => {
    const { page, problems } = await openPage(explorer.browser);
    const response = await page.goto(`${explorer.server.url}${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector(ready, { timeout: 20_000 });
    expect(await page.locator('main h1').first().textContent()).toMatch(heading);
    await page.waitForLoadState('networkidle');
    await screenshot(page, `view-${name}`);
    // A stale link's 404 is the answer the view is built on; chromium logs every 4xx response, so that line is expected.
    const expected = name === 'hub-unknown-requirement' ? /status of 404/ : undefined;
    expect(problems.filter((p) => !expected?.test(p))).toEqual([]);
    await page.context().close();
  });

  it('says once, with no retry, that a stale evidence link names no item', async () => {
    const { page, problems } = await explorer.open('/hub?mode=evidence&ev=NOPE');
    await page.waitForSelector('.status.empty:has-text("No evidence item has the id")', { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.status.error').count()).toBe(0);
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('offers no retry that cannot help: a stale link to an unknown framework says so', async () => {
    const { page } = await explorer.open('/gaps?target=nope-1&have=iso27001-2022');
    const alert = page.locator('.status.error');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('unknown framework "nope-1"');
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await page.context().close();
  });

  it('fits a whole fan-out (200 requirements, 3 steps) inside its frame', async () => {
    const { page, problems } = await explorer.open('/hub?req=iso42001-2023%3A6.1.4&depth=3');
    await page.waitForSelector('.graph-canvas [data-node]');
    const outside = await page.evaluate(() => {
      type Graphs = Map<string, { nodeIds: () => string[]; screenPosition: (id: string) => { x: number; y: number } | null }>;
      const graphs = (globalThis as unknown as { __crosswalkGraphs: Graphs }).__crosswalkGraphs;
      const [, graph] = [...graphs.entries()][0]!;
      const rect = (globalThis as unknown as { document: { querySelector: (s: string) => { getBoundingClientRect: () => { left: number; top: number; right: number; bottom: number } } } }).document.querySelector('.graph-canvas').getBoundingClientRect();
      return graph.nodeIds().filter((id) => {
        const p = graph.screenPosition(id)!;
        return p.x < rect.left || p.x > rect.right || p.y < rect.top || p.y > rect.bottom;
      });
    });
    expect(outside).toEqual([]);
    // Labels never cover each other: those that would are left to hover and focus.
    const covered = (await page.evaluate(`(() => {
      const boxes = [...document.querySelectorAll('.graph-canvas svg text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      const pairs = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (x > 1 && y > 1) pairs.push(a.text + ' / ' + b.text);
      }));
      // Nor another node (pinned and selected labels are always drawn, so they are left out).
      const discs = [...document.querySelectorAll('.graph-canvas svg g[data-node] > path:first-of-type')].map((p) => {
        const b = p.getBoundingClientRect();
        return { id: p.parentElement.getAttribute('data-node'), x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, r: b.width / 2 };
      });
      const onNodes = [];
      for (const t of document.querySelectorAll('.graph-canvas svg text.label:not(.pinned)')) {
        const own = t.parentElement.getAttribute('data-node');
        const box = t.getBoundingClientRect();
        for (const d of discs) {
          if (d.id === own) continue;
          const dx = d.x - Math.max(box.left, Math.min(d.x, box.right));
          const dy = d.y - Math.max(box.top, Math.min(d.y, box.bottom));
          if (Math.hypot(dx, dy) < d.r - 1) onNodes.push(t.textContent + ' / ' + d.id);
        }
      }
      return { labels: boxes.length, pairs, onNodes };
    })()`)) as { labels: number; pairs: string[]; onNodes: string[] };
    expect(covered.labels).toBeGreaterThan(20);
    expect(covered.pairs).toEqual([]);
    expect(covered.onNodes).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('serves the explorer with the same strict content security policy as the API', async () => {
    const res = await fetch(`${explorer.server.url}/matrix`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<div id="root">');
  });
});
