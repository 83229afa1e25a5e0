import { describe, expect, it } from 'vitest';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, screenshot, SKIP_MESSAGE, useExplorer } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const SOURCE = 'iso42001-2023:A.6.2.8';
const TARGET = 'iso9001-2015:7.5.3';
const ID = `${SOURCE} -> ${TARGET}`;
const PAGE = `/requirement/${encodeURIComponent(SOURCE)}`;

/** The requirement page's "Map to…" form: an analyst maps a requirement by hand, as a proposal for review. */
describe.skipIf(!hasChromium)('requirement page: Map to… (headless chromium)', () => {
  const explorer = useExplorer();

  it('without a token the form says an analyst token is needed, and nothing is saved', async () => {
    const { page, problems } = await explorer.open(PAGE);
    const form = page.getByRole('form', { name: 'Map to…' });
    await form.waitFor();
    expect(await form.locator('.token-note').textContent()).toMatch(/^Creating a mapping needs an analyst token/);
    await form.getByRole('combobox', { name: 'Map to requirement' }).fill('9001 7.5.3');
    await page.getByRole('option', { name: /9001:2015 7\.5\.3 Control of documented information/ }).click();
    await form.getByLabel('Why they relate (your note)').fill('Logs are documented information.');
    await form.getByRole('button', { name: 'Create mapping' }).click();
    await form.locator('.status.error').waitFor();
    expect(await form.locator('.status.error').textContent()).toMatch(/Could not map A\.6\.2\.8 to 7\.5\.3\..*analyst token/);
    expect(await explorer.server.store.getMapping(ID)).toBeUndefined();
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });

  it('with a token: checks each field, creates a proposed mapping that the page lists, and refuses the pair again', async () => {
    const { page, problems } = await explorer.open(PAGE, { token: true });
    const form = page.getByRole('form', { name: 'Map to…' });
    await form.waitFor();
    expect(await form.locator('.token-note').count()).toBe(0);

    // An empty form is refused field by field, and the focus goes to the first field with a problem.
    await form.getByRole('button', { name: 'Create mapping' }).click();
    await form.locator('.field-targetId .field-error').waitFor();
    expect(await form.locator('.field-targetId .field-error').textContent()).toMatch(/^choose the requirement to map to/);
    expect(await form.locator('.field-note .field-error').textContent()).toMatch(/^say why the two relate/);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox' && !!document.activeElement.closest('.mapping-form'));
    const box = form.getByRole('combobox', { name: 'Map to requirement' });
    expect(await box.getAttribute('aria-invalid')).toBe('true');

    // The requirement itself is never offered.
    const options = form.getByRole('listbox').getByRole('option');
    await box.fill('event logs');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual([expect.stringMatching(/27701:2019 6\.9\.4\.1 /)]);
    expect(await options.filter({ hasText: /A\.6\.2\.8 / }).count()).toBe(0);

    // Pick the target with the keyboard.
    await box.fill('9001 7.5.3');
    await page.getByRole('option', { name: /9001:2015 7\.5\.3 Control of documented information/ }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await form.getByText('Map to: ').waitFor();
    expect(await form.locator('.picked').textContent()).toContain('7.5.3 Control of documented information');

    // The strength follows the relationship until the analyst types one.
    const strength = form.getByLabel('Strength (0–10)');
    expect(await strength.inputValue()).toBe('5');
    await form.getByLabel('A.6.2.8 is…').selectOption({ label: 'equivalent to' });
    expect(await strength.inputValue()).toBe('10');
    await form.getByLabel('A.6.2.8 is…').selectOption({ label: 'intersects with' });
    expect(await strength.inputValue()).toBe('5');
    await strength.fill('11');
    await form.getByLabel('Source URL (optional)').fill('ftp://intranet/logs');
    await form.getByRole('button', { name: 'Create mapping' }).click();
    await form.locator('.field-strength .field-error').waitFor();
    expect(await form.locator('.field-strength .field-error').textContent()).toBe('strength is a whole number from 0 to 10, got "11"');
    expect(await form.locator('.field-provenanceUrl .field-error').textContent()).toMatch(/http\(s\) address/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map-to-strength');

    await strength.fill('6');
    await form.getByLabel('Rationale').selectOption('functional');
    await form.getByLabel('Why they relate (your note)').fill('Event logs are records: 9001 7.5.3 governs keeping and protecting them.');
    await form.getByLabel('Source (optional)').fill('Log retention review 2026');
    await form.getByLabel('Source URL (optional)').fill('https://intranet.example/log-review');
    await form.getByRole('button', { name: 'Create mapping' }).click();
    const created = form.getByRole('status').filter({ hasText: 'Created the mapping' });
    await created.waitFor();
    expect(await created.textContent()).toMatch(/Created the mapping A\.6\.2\.8 → ISO 9001.* 7\.5\.3 as proposed: it needs review before it counts\./);

    // Stored as a person's proposal, under the token's name.
    const stored = await explorer.server.store.getMapping(ID);
    expect(stored).toMatchObject({
      source: SOURCE,
      target: TARGET,
      relationship: 'intersects-with',
      rationale: 'functional',
      strength: 6,
      status: 'proposed',
      origin: 'user',
      method: 'human',
      note: 'Event logs are records: 9001 7.5.3 governs keeping and protecting them.',
      provenance: { author: 'bob', source: 'Log retention review 2026', url: 'https://intranet.example/log-review', created: '2026-03-04' },
    });

    const queueLink = created.getByRole('link', { name: 'Review it in the queue' });
    expect(decodeURIComponent((await queueLink.getAttribute('href'))!.replace(/\+/g, ' '))).toBe(`/review?origin=user&req=${SOURCE}&id=${ID}`);

    // The page's list shows it without a reload.
    const row = page.locator(`tr[data-mapping="${ID}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/intersects with[\s\S]*7\.5\.3 Control of documented information[\s\S]*6[\s\S]*functional · human[\s\S]*proposed[\s\S]*user[\s\S]*by bob/);
    await screenshot(page, 'flow-map-to-created');

    // The same pair again: refused at the target field, with the way to the existing mapping.
    await box.fill('9001 7.5.3');
    await page.getByRole('option', { name: /9001:2015 7\.5\.3 / }).click();
    await form.getByLabel('Why they relate (your note)').fill('Again.');
    await form.getByRole('button', { name: 'Create mapping' }).click();
    const conflict = form.locator('.field-targetId .field-error');
    await conflict.waitFor();
    expect(await conflict.textContent()).toBe(`already mapped: ${ID} is proposed (user, by bob). Review it rather than map the pair again.`);
    expect(await form.getByRole('link', { name: 'Show it in the mapping list' }).getAttribute('href')).toBe(`#mapping-${SOURCE}_-_${TARGET}`);
    await form.getByRole('link', { name: 'Show it in the mapping list' }).click();
    expect(await page.evaluate(() => document.querySelector(':target')?.getAttribute('data-mapping'))).toBe(ID);
    const review = form.getByRole('link', { name: 'review it in the queue' });
    expect(decodeURIComponent((await review.getAttribute('href'))!.replace(/\+/g, ' '))).toBe(`/review?origin=user&req=${SOURCE}&id=${ID}`);

    // Mapped meanwhile by someone else (the page has not seen it): the service's 409 lands on the same field.
    const other = 'iso9001-2015:7.1.5';
    const res = await explorer.server.gql(
      'mutation($input: MappingInput!) { createMapping(input: $input) { id } }',
      { input: { sourceId: SOURCE, targetId: other, relationship: 'intersects_with', rationale: 'semantic', strength: 3, note: 'Meanwhile.' } },
      TOKENS.admin,
    );
    expect(res.body.errors).toBeUndefined();
    await form.getByRole('button', { name: 'Change' }).click();
    await box.fill('9001 7.1.5');
    await page.getByRole('option', { name: /9001:2015 7\.1\.5 Monitoring/ }).click();
    await form.getByRole('button', { name: 'Create mapping' }).click();
    await page.waitForFunction((id) => document.querySelector('.field-targetId .field-error')?.textContent?.startsWith(`already mapped: ${id} is proposed`), `${SOURCE} -> ${other}`);
    expect(await conflict.textContent()).toBe(`already mapped: ${SOURCE} -> ${other} is proposed (by alice). Review it rather than map the pair again.`);
    // The list reloads and now shows the other person's mapping.
    await page.locator(`tr[data-mapping="${SOURCE} -> ${other}"]`).waitFor();
    expect(await form.locator('.status.error').count()).toBe(0);
    await screenshot(page, 'flow-map-to-conflict');

    // One mapping per pair: the refused attempts saved nothing.
    const proposals = await explorer.server.gql(`{ mappings(filter: { origins: [user], statuses: [proposed] }) { id } }`);
    expect(proposals.body.data.mappings.map((m: { id: string }) => m.id).sort()).toEqual([`${SOURCE} -> ${other}`, ID].sort());
    // The conflict's link opens the review queue on the existing mapping.
    await review.click();
    await page.locator(`article.queue-item[data-mapping="${SOURCE} -> ${other}"]`).waitFor();
    expect(page.url()).toContain('/review?');
    // The queue is narrowed to this requirement's mappings, and says so with the way back to the whole queue.
    expect(await page.locator('.queue-filter').textContent()).toMatch(/Only mappings of\s+ISO\/IEC 42001:2023 A\.6\.2\.8\./);
    const listed = await page.locator('.queue-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((id) => id!.includes(SOURCE))).toBe(true);
    await page.getByRole('button', { name: 'Show the whole queue' }).click();
    await page.waitForFunction(() => !document.querySelector('.queue-filter'));
    expect(page.url()).not.toContain('req=');
    // A link to a mapping no longer in the queue says so rather than showing another one as if it were it.
    await page.goto(`${explorer.server.url}/review?req=${encodeURIComponent(SOURCE)}&id=${encodeURIComponent('iso42001-2023:A.6.2.8 -> nowhere:1')}`);
    await page.getByText('The mapping this link names').waitFor();
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  });
});
