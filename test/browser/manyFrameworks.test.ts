import { describe, expect, it } from 'vitest';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, screenshot, SKIP_MESSAGE, useExplorer } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/**
 * An analyst who imported a tool's whole library has dozens of frameworks without mappings besides the shipped
 * ones: the matrix starts from the frameworks mappings connect, and framework pickers can be filtered.
 */
describe.skipIf(!hasChromium)('explorer with many imported frameworks (headless chromium)', () => {
  let shipped: number;
  const IMPORTED = 20;
  const explorer = useExplorer({ temporaryDataDir: true });

  const importCatalogs = async () => {
    shipped = (await explorer.server.store.listFrameworks()).length;
    for (let i = 0; i < IMPORTED; i++) {
      const id = `vendor-lib-${String(i).padStart(2, '0')}`;
      const csv = `ref_id,title,description,parent_ref_id,kind\nC-1,Controls of library ${i},,,domain\nC-2,Control two of library ${i},,C-1,control\n`;
      const res = await fetch(`${explorer.server.url}/api/import?format=csv&frameworkId=${id}&name=${encodeURIComponent(`Vendor library ${i}`)}&edition=1`, {
        method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKENS.analyst}` }, body: csv,
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  };

  it('matrix: shows the frameworks with mappings, and others on request', async () => {
    await importCatalogs();
    const { page, problems } = await explorer.open('/matrix');
    const summary = page.locator('.matrix-frameworks summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe(`Frameworks shown: ${shipped} of ${shipped + IMPORTED} (those with mappings)`);
    expect(await page.locator('table.heatmap tbody tr').count()).toBe(shipped);
    expect(await page.locator('table.heatmap .rowhead', { hasText: 'Vendor library' }).count()).toBe(0);

    await summary.click();
    const filter = page.getByRole('searchbox', { name: 'Filter: Frameworks in the matrix' });
    await filter.fill('library 7');
    await page.getByRole('checkbox', { name: 'Vendor library 7 1' }).check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('fw')?.includes('vendor-lib-07'));
    await page.waitForFunction((n) => document.querySelectorAll('table.heatmap tbody tr').length === n, shipped + 1);
    expect(await summary.textContent()).toBe(`Frameworks shown: ${shipped + 1} of ${shipped + IMPORTED} (your choice)`);
    expect(await page.locator('table.heatmap .rowhead', { hasText: 'Vendor library 7' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Show the frameworks with mappings again' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('table.heatmap tbody tr').length === n, shipped);
    await screenshot(page, 'matrix-many-frameworks');
    expect(problems).toEqual([]);
  });

  it('gap analysis: the picker lists mapped frameworks first, hides the rest until filtered', async () => {
    const { page, problems } = await explorer.open('/gaps?target=iso42001-2023');
    const picker = page.getByRole('group', { name: 'Frameworks you comply with' });
    await picker.waitFor();
    const labels = async () => (await picker.locator('label').allTextContents()).map((t) => t.trim());
    const before = await labels();
    // Every framework with mappings (all shipped ones but the target) comes before any imported library.
    expect(before.slice(0, shipped - 1).some((l) => l.startsWith('Vendor library'))).toBe(false);
    expect(await picker.locator('.picker-more').textContent()).toMatch(/^and \d+ more: type in the filter to find them$/);

    await page.getByRole('searchbox', { name: 'Filter: Frameworks you comply with' }).fill('LIB-1');
    await page.waitForFunction(() => !document.querySelector('.framework-picker .picker-more'));
    // Matched on the id too: vendor-lib-10 … vendor-lib-19, and nothing else that is not ticked.
    const vendors = (await labels()).filter((l) => l.startsWith('Vendor'));
    expect(vendors.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Vendor library ${10 + i} 1`).sort());
    await page.getByRole('searchbox', { name: 'Filter: Frameworks you comply with' }).fill('no such framework');
    await expect.poll(() => picker.locator('.picker-more').textContent()).toBe('no other framework matches “no such framework”');
    expect(problems).toEqual([]);
  });

  it('framework page: a catalog larger than one page of requirements is read whole, in document order', async () => {
    // 25 domains of 49 controls: 1,250 requirements, so the tree needs two pages of 1,000.
    const rows = ['ref_id,title,description,parent_ref_id,kind'];
    for (let d = 1; d <= 25; d++) {
      rows.push(`D${d},Domain ${d},,,domain`);
      for (let c = 1; c <= 49; c++) rows.push(`D${d}.${c},Control ${c} of domain ${d},,D${d},control`);
    }
    const res = await fetch(`${explorer.server.url}/api/import?format=csv&frameworkId=big-catalog-1&name=Big%20catalog&edition=1`, {
      method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKENS.analyst}` }, body: rows.join('\n'),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const { page, problems } = await explorer.open('/framework/big-catalog-1');
    await page.waitForSelector('.requirement-tree .tree li');
    expect(await page.locator('.requirement-tree > ul.tree > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-requirement')))).toEqual(
      Array.from({ length: 25 }, (_, i) => `big-catalog-1:D${i + 1}`),
    );
    await page.getByRole('button', { name: 'Expand all' }).click();
    expect(await page.locator('.requirement-tree .tree li').count()).toBe(1250);
    // The last control, read from the second page, sits under its domain, after its siblings.
    const lastDomain = await page.locator('li[data-requirement="big-catalog-1:D25"] > ul > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-requirement')));
    expect(lastDomain).toEqual(Array.from({ length: 49 }, (_, i) => `big-catalog-1:D25.${i + 1}`));
    await page.getByLabel('Filter by ref, title or summary').fill('Control 49 of domain 25');
    await expect.poll(() => page.locator('.tree-count').textContent()).toBe('1 requirement match');
    expect(problems).toEqual([]);
  });
});
