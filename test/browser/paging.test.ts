import { describe, expect, it } from 'vitest';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, useExplorer, openPage, screenshot, SKIP_MESSAGE } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/**
 * Registers and queues larger than one screen: the evidence hub's picker searches the register on the server as the
 * user types, and the review queue is read a page at a time with its total shown.
 */
describe.skipIf(!hasChromium)('explorer with more than one page (headless chromium)', () => {
  const explorer = useExplorer();

  /** A page whose tab already holds the analyst's token; every GraphQL request body it sends is kept. */
  const open = async (path: string) => {
    const watched = await openPage(explorer.browser);
    await watched.page.context().addInitScript((t) => sessionStorage.setItem('crosswalk.token', t), TOKENS.analyst);
    const requests: string[] = [];
    watched.page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.method() === 'POST') requests.push(r.postData() ?? '');
    });
    await watched.page.goto(`${explorer.server.url}${path}`);
    return { ...watched, requests };
  };
  const gqlOk = async (query: string, variables: Record<string, unknown>) => {
    const res = await explorer.server.gql(query, variables, TOKENS.analyst);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  it('evidence hub: typing in the picker searches the whole register on the server, beyond the first 200', async () => {
    const save = (id: string, title: string, description = '') =>
      gqlOk('mutation($input: EvidenceInput!) { saveEvidence(input: $input) { id } }', {
        input: { id, title, description, type: 'report', owner: 'Security team', locationUri: `https://docs.example.org/${id}`, collected: '2026-01-10' },
      });
    // 205 ordinary items sort before the one we look for, so the picker's first page (200) cannot hold it.
    for (let i = 0; i < 205; i++) await save(`EV-BULK-${String(i).padStart(3, '0')}`, `Access review ${i}`);
    await save('EV-ZZZ-TARGET', 'Quarterly penetration test report', 'External testers, scope: AI platform');
    await save('EV-ZZZ-DECOY-1', 'Annual penetration test');
    await save('EV-ZZZ-DECOY-2', 'Quarterly board minutes');

    const { page, problems, requests } = await open('/hub?mode=evidence');
    const picker = page.getByRole('combobox', { name: 'Evidence item', exact: true });
    const count = page.locator('.match-count');
    await page.waitForFunction(() => document.querySelector('.match-count')?.getAttribute('data-total') === '208');
    expect(await count.textContent()).toBe('Showing the first 200 of 208 items: type words to find the others.');
    expect(await picker.locator('option').count()).toBe(200);
    expect(await picker.locator('option[value="EV-ZZZ-TARGET"]').count()).toBe(0);

    // Words in any order and case; only the item holding both is listed, and it is shown.
    await page.getByRole('searchbox', { name: 'Find an item' }).fill('PENETRATION quarterly');
    await page.waitForFunction(() => document.querySelector('.match-count')?.getAttribute('data-total') === '1');
    expect(await count.textContent()).toBe('1 item matches “PENETRATION quarterly”.');
    expect(await picker.locator('option').allTextContents()).toEqual(['EV-ZZZ-TARGET — Quarterly penetration test report']);
    await page.waitForSelector('.item-card[aria-label="Evidence item EV-ZZZ-TARGET"]');
    // The server did the searching: the words went to it, and no request asked for the whole register.
    expect(requests.some((body) => body.includes('evidenceItems(text: $text') && body.includes('"text":"PENETRATION quarterly"'))).toBe(true);
    expect(requests.some((body) => /"limit":\s*1000/.test(body))).toBe(false);
    expect(decodeURIComponent(page.url())).toContain('find=PENETRATION+quarterly');
    await screenshot(page, 'flow-hub-evidence-search');

    await page.getByRole('searchbox', { name: 'Find an item' }).fill('penetration');
    await page.waitForFunction(() => document.querySelector('.match-count')?.getAttribute('data-total') === '2');
    expect(await picker.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['EV-ZZZ-DECOY-1', 'EV-ZZZ-TARGET']);
    await page.getByRole('searchbox', { name: 'Find an item' }).fill('penetration nowhere');
    await page.waitForFunction(() => document.querySelector('.match-count')?.getAttribute('data-total') === '0');
    expect(await count.textContent()).toBe('No item matches “penetration nowhere” (of 208 items).');
    expect(problems).toEqual([]);
  });

  it('review queue: shows the total, pages with the buttons and n/p, and a decision never makes the next page skip one', async () => {
    const ids: string[] = [];
    for (const ref of ['4.1', '4.2', '4.3', '4.4', '5.1']) {
      const data = await gqlOk('mutation($input: MappingInput!) { createMapping(input: $input) { id } }', {
        input: { sourceId: `iso9001-2015:${ref}`, targetId: `iso27001-2022:${ref}`, relationship: 'intersects_with', rationale: 'semantic', strength: 5, note: `Both ask for ${ref}.`, provenanceSource: 'Browser test' },
      });
      ids.push(data.createMapping.id);
    }
    ids.sort();
    const { page, problems } = await open('/review?size=2');
    const shown = () => page.locator('.queue-list li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
    const rangeIs = (text: string) => page.waitForFunction((t) => document.querySelector('.queue-range')?.textContent === t, text);
    // The range is known before the page's items arrive: look at the list until it shows them (for at most 5 s).
    const shownIs = async (expected: Array<string | undefined>) => {
      for (let waited = 0; waited < 5000 && JSON.stringify(await shown()) !== JSON.stringify(expected); waited += 100) await page.waitForTimeout(100);
      expect(await shown()).toEqual(expected);
    };
    await rangeIs('1–2 of 5 proposed mappings');
    await shownIs(ids.slice(0, 2));
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);
    expect(await page.locator('.queue-item h2').textContent()).toBe('1 of 5');

    // n for the next page; j/k still move within it.
    await page.keyboard.press('n');
    await rangeIs('3–4 of 5 proposed mappings');
    await shownIs(ids.slice(2, 4));
    expect(page.url()).toContain('from=2');
    await page.keyboard.press('j');
    await page.waitForFunction((id) => document.querySelector('.queue-item')?.getAttribute('data-mapping') === id, ids[3]);
    expect(await page.locator('.queue-item h2').textContent()).toBe('4 of 5');
    await page.keyboard.press('k');
    await page.waitForFunction((id) => document.querySelector('.queue-item')?.getAttribute('data-mapping') === id, ids[2]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await rangeIs('5–5 of 5 proposed mappings');
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.keyboard.press('p');
    await rangeIs('3–4 of 5 proposed mappings');

    // a: accept the first of this page. The total drops, and the next page starts right after what is left here.
    await page.waitForFunction((id) => document.querySelector('.queue-item')?.getAttribute('data-mapping') === id, ids[2]);
    await page.keyboard.press('a');
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).toMatch(/^Accepted: 4\.3 → 4\.3\. 4 mappings left\./);
    await rangeIs('3–3 of 4 proposed mappings');
    await shownIs([ids[3]]);
    await page.keyboard.press('n');
    await rangeIs('4–4 of 4 proposed mappings');
    await shownIs([ids[4]]);
    await screenshot(page, 'flow-review-paging');
    const check = await explorer.server.gql(`{ m: mapping(id: ${JSON.stringify(ids[2])}) { status } mappingCount(filter: { statuses: [proposed] }) }`);
    expect(check.body.data).toEqual({ m: { status: 'approved' }, mappingCount: 4 });
    expect(problems).toEqual([]);
  });
});
