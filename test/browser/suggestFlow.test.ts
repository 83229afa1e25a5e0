import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, screenshot, SKIP_MESSAGE, useExplorer } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** Suggesting mappings from the review page, then deciding on them there, as an analyst would. */
describe.skipIf(!hasChromium)('explorer: suggest mappings from the review page (headless chromium)', () => {
  // The app runs in this process: an empty model folder makes the offline method run, whatever ./models holds.
  const previousModelDir = process.env.CROSSWALK_MODEL_DIR;
  const noModels = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-browser-nomodels-'));
  beforeAll(() => {
    process.env.CROSSWALK_MODEL_DIR = noModels;
  });
  afterAll(() => {
    if (previousModelDir === undefined) delete process.env.CROSSWALK_MODEL_DIR;
    else process.env.CROSSWALK_MODEL_DIR = previousModelDir;
    fs.rmSync(noModels, { recursive: true, force: true });
  });
  const explorer = useExplorer();

  it('runs the engine for two frameworks, shows what it did and why, and queues the proposals for a decision', async () => {
    const { page, problems } = await explorer.open('/review', { token: true });
    await page.waitForSelector('text=Nothing to review');
    await page.click('summary:has-text("Suggest mappings")');
    const suggest = page.getByRole('button', { name: 'Suggest', exact: true });
    expect(await suggest.isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: /^Source framework/ }).selectOption('nist-ai-600-1');
    const target = page.getByRole('combobox', { name: /^Target framework/ });
    // The same framework is not offered as the target.
    expect(await target.locator('option[value="nist-ai-600-1"]').count()).toBe(0);
    await target.selectOption('hitrust-ai');
    await page.getByLabel('Candidates per requirement').fill('2');
    await suggest.click();

    await page.waitForSelector('.suggest-panel .flash');
    expect(await page.locator('.suggest-panel .flash').textContent()).toMatch(
      /^NIST AI 600-1.* → HITRUST.*\(lexical\): (\d+) new proposals, 0 updated, 0 unchanged, for 13 requirements\. .*Nothing is approved until a person accepts it\.$/,
    );
    expect(await page.locator('.suggest-panel .notices').textContent()).toMatch(/no embedding model .*Using the offline method \(lexical\) instead/);
    await page.waitForSelector('.queue-item');
    expect(new URL(page.url()).searchParams.get('origin')).toBe('suggestion');
    const created = Number(/(\d+) new proposals/.exec((await page.locator('.suggest-panel .flash').textContent()) ?? '')![1]);
    expect(Number(await page.locator('.queue-range').getAttribute('data-total'))).toBe(created);
    expect(await page.locator('.queue-item .why').textContent()).toMatch(/Proposed by the Crosswalk suggestion engine \(lexical\)/);
    await screenshot(page, 'flow-suggest');

    // The first proposal is accepted with the keyboard, as any other.
    const first = await page.locator('.queue-item').getAttribute('data-mapping');
    await page.keyboard.press('a');
    await page.waitForFunction(() => document.querySelector('.flash:not(.suggest-panel .flash)')?.textContent?.startsWith('Accepted'));
    const check = await explorer.server.gql(`{ mapping(id: ${JSON.stringify(first)}) { status method origin } }`, {}, TOKENS.analyst);
    expect(check.body.data.mapping).toEqual({ status: 'approved', method: 'automation', origin: 'suggestion' });

    // Run again: the accepted pair is left alone (its source's next candidate takes the freed place) and nothing is duplicated.
    // The run is held back a few seconds on its way, as a long one would be: the panel counts the seconds meanwhile.
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('suggestMappings')) await new Promise((resolve) => setTimeout(resolve, 4500));
      await route.continue();
    });
    await suggest.click();
    await page.locator('.suggest-panel .elapsed').waitFor();
    expect(await page.locator('.suggest-panel .elapsed').textContent()).toMatch(/^ [34] s$/);
    await page.waitForFunction(() => /existing pair left alone \(1 approved, 0 rejected\)/.test(document.querySelector('.suggest-panel .flash')?.textContent ?? ''));
    const pairs = await explorer.server.gql('{ mappingCount(filter: { frameworks: ["nist-ai-600-1", "hitrust-ai"] }) }', {}, TOKENS.analyst);
    expect(pairs.body.data.mappingCount).toBeLessThanOrEqual(created + 1);
    expect(problems).toEqual([]);
  });

  it('runs the engine for the requirements of one role only, where the source framework has roles', async () => {
    const { page, problems } = await explorer.open('/review', { token: true });
    await page.click('summary:has-text("Suggest mappings")');
    const source = page.getByRole('combobox', { name: /^Source framework/ });
    await source.selectOption('nist-ai-600-1');
    await page.getByRole('combobox', { name: /^Target framework/ }).selectOption('hitrust-ai');
    // AI 600-1 has no tags to scope by; the EU AI Act has its roles.
    await page.waitForTimeout(300);
    expect(await page.getByRole('combobox', { name: /^Only its requirements tagged/ }).count()).toBe(0);
    await source.selectOption('eu-ai-act-2024-1689');
    const scope = page.getByRole('combobox', { name: /^Only its requirements tagged/ });
    await scope.waitFor();
    await scope.selectOption('role:importer');
    await page.getByLabel('Candidates per requirement').fill('1');
    await page.getByRole('button', { name: 'Suggest', exact: true }).click();
    await page.waitForFunction(() => /for \d+ requirements?\./.test(document.querySelector('.suggest-panel .flash')?.textContent ?? ''));
    const sources = Number(/for (\d+) requirements?\./.exec((await page.locator('.suggest-panel .flash').textContent()) ?? '')![1]);
    expect(sources).toBeGreaterThan(0);
    expect(sources).toBeLessThan(30);
    expect(problems).toEqual([]);
  });

  it('shows, beside a proposal, the approved crosswalks that, chained, read the pair otherwise', async () => {
    const res = await explorer.server.gql(
      'mutation($input: MappingInput!) { createMapping(input: $input) { id } }',
      { input: { sourceId: 'iso9001-2015:10.2', targetId: 'iso27701-2019:5.8.1', relationship: 'no_relationship', rationale: 'semantic', strength: 0, provenanceSource: 'Browser test' } },
      TOKENS.analyst,
    );
    expect(res.body.errors).toBeUndefined();
    const id = res.body.data.createMapping.id as string;
    const { page, problems } = await explorer.open(`/review?origin=user&id=${encodeURIComponent(id)}`, { token: true });
    await page.waitForSelector(`.queue-item[data-mapping="${id}"] .graph-contradictions`);
    const text = await page.locator('.queue-item .graph-contradictions').textContent();
    expect(text).toContain('Approved crosswalks, chained, say otherwise:');
    expect(text).toContain('iso9001-2015:10.2 superset of iso42001-2023:10.2 equivalent to iso27701-2019:5.8.1, so superset of (opposite)');
    await screenshot(page, 'flow-review-contradiction');
    expect(problems).toEqual([]);
  });
});
