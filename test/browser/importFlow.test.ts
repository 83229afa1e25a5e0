import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TOKENS } from '../api/testServer.js';
import { hasChromium, screenshot, SKIP_MESSAGE, useExplorer } from './browser.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** An analyst brings a vendor's catalog and its crosswalk in through the explorer, and sees why a bad file is refused. */
describe.skipIf(!hasChromium)('explorer import page (headless chromium)', () => {
  const explorer = useExplorer({ temporaryDataDir: true });

  it('imports a catalog, then an OLIR table against it; a bad table is refused with its row, and nothing of it is kept', async () => {
    const { page, problems } = await explorer.open('/import', { token: true });
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();

    // Nothing chosen yet: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('#import-file-error').textContent()).toBe('Choose a file to import.');

    const catalog = 'Control ID,Name,Description,Parent\nVC,Vendor controls,,\nVC-1,Access reviews,Review who has access every quarter.,VC\nVC-2,Supplier checks,Assess suppliers before use.,VC\n';
    await page.locator('#import-file').setInputFiles({ name: 'vendor.csv', mimeType: 'text/csv', buffer: Buffer.from(catalog) });
    await expect.poll(() => page.locator('#import-format').inputValue()).toBe('csv');
    await page.getByLabel('Framework id').fill('vendor-controls-1');
    await page.getByLabel('Name', { exact: true }).fill('Vendor controls');
    await page.getByLabel('Edition').fill('1');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported vendor.csv' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.import-result').textContent()).toContain('Requirements: 3 added, 0 updated, 0 removed');
    expect(await page.locator('.import-result').textContent()).toMatch(/header read with other names/);
    expect((await explorer.server.store.listRequirements({ frameworkId: 'vendor-controls-1' })).map((r) => r.ref)).toEqual(['VC', 'VC-1', 'VC-2']);

    // A file that says nothing of its format (a broken JSON) is not silently read as the format last chosen.
    await page.locator('#import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"not":"oscal"') });
    await page.locator('.import-format-unsure').waitFor();
    expect(await page.locator('.import-format-unsure').textContent()).toMatch(/could not tell the format of broken\.json/);
    await page.locator('#import-format').selectOption('json');
    expect(await page.locator('.import-format-unsure').count()).toBe(0);

    // The new framework is offered at once; the format follows the file.
    const strm = 'Focal Document Element,Rationale,Relationship,Reference Document Element,Strength of Relationship\nVC-2,Semantic,subset of,A.5.19,7\n';
    await page.locator('#import-file').setInputFiles({ name: 'strm.csv', mimeType: 'text/csv', buffer: Buffer.from(strm) });
    await expect.poll(() => page.locator('#import-format').inputValue()).toBe('olir');
    await expect.poll(() => page.locator('#import-from option[value="vendor-controls-1"]').count()).toBe(1);
    await page.locator('#import-from').selectOption('vendor-controls-1');
    await page.locator('#import-to').selectOption('iso27001-2022');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported strm.csv' }).count(), { timeout: 15_000 }).toBe(1);
    // "A.5.19 is a subset of VC-2", stored from the focal element, and proposed for review.
    expect(await explorer.server.store.getMapping('vendor-controls-1:VC-2 -> iso27001-2022:A.5.19')).toMatchObject({ relationship: 'superset-of', strength: 7, status: 'proposed' });

    const before = (await explorer.server.store.findMappings({})).length;
    const bad = 'Focal Document Element,Rationale,Relationship,Reference Document Element\nVC-1,Semantic,overlaps,A.5.18\n';
    await page.locator('#import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByLabel('Replace what an earlier import of this file wrote').check();
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('bad.csv:2: row 2: relationship: invalid relationship: "overlaps"');
    expect((await alert.textContent())!.match(/nothing was imported/gi)).toHaveLength(1);
    expect((await explorer.server.store.findMappings({})).length).toBe(before);
    await screenshot(page, 'import-refused');
    // The refused upload's 422 is the only thing the browser complains about.
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
  });

  it('recognises a CISO Assistant library workbook by its sheets and imports it', async () => {
    const book = new ExcelJS.Workbook();
    const sheets: Record<string, ExcelJS.CellValue[][]> = {
      library_meta: [['type', 'library'], ['urn', 'urn:demo:risk:library:wb-demo-1'], ['name', 'Workbook demo'], ['version', 1], ['provider', 'Demo']],
      fw_meta: [['type', 'framework'], ['ref_id', 'wb-demo-1'], ['name', 'Workbook demo'], ['base_urn', 'urn:demo:risk:req_node:wb-demo-1']],
      fw_content: [['assessable', 'depth', 'ref_id', 'name'], [null, 1, 'D', 'Demo'], ['x', 2, 'D-1', 'Keep a register'], [null, 2, null, 'A note']],
    };
    for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
    const { page, problems } = await explorer.open('/import', { token: true });
    await page.locator('#import-file').setInputFiles({ name: 'wb-demo.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) });
    // Read from the workbook's own sheet list, in the browser.
    await expect.poll(() => page.locator('#import-format').inputValue()).toBe('ciso-assistant');
    await page.getByLabel('Edition').fill('1');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported wb-demo.xlsx' }).count(), { timeout: 15_000 }).toBe(1);
    expect((await explorer.server.store.listRequirements({ frameworkId: 'wb-demo-1' })).map((r) => [r.ref, r.parentId])).toEqual([['D', undefined], ['D-1', 'wb-demo-1:D'], ['D:1', 'wb-demo-1:D']]);
    expect(problems).toEqual([]);
  });
  it('refuses a crosswalk that states a pair two ways, then with "Import the rest" imports the other pairs and names the one left out', async () => {
    const { page, problems } = await explorer.open('/import', { token: true });
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    const table = 'source_framework,source_ref,target_framework,target_ref,relationship\nISO 9001:2015,9.2,nist-ai-600-1,2.7,intersects-with\niso9001-2015,9.3,nist-ai-600-1,2.8,subset-of\nnist-ai-600-1,2.8,iso9001-2015,9.3,subset-of\n';
    await page.locator('#import-file').setInputFiles({ name: 'two-ways.csv', mimeType: 'text/csv', buffer: Buffer.from(table) });
    await expect.poll(() => page.locator('#import-format').inputValue()).toBe('csv-crosswalk');
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('two-ways.csv:4: nist-ai-600-1:2.8 subset-of iso9001-2015:9.3 contradicts line 3');
    expect((await alert.textContent())!.match(/nothing was imported/gi)).toHaveLength(1);
    expect(await alert.textContent()).toContain('"Import the rest" on the explorer\'s import page');
    const pairs = async () => (await explorer.server.store.findMappings({ frameworks: ['iso9001-2015', 'nist-ai-600-1'] })).map((m) => `${m.source} ${m.relationship} ${m.target}`);
    expect(await pairs()).toEqual([]);

    await page.getByLabel(/Import the rest when the file states a pair two ways/).check();
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported two-ways.csv' }).count(), { timeout: 15_000 }).toBe(1);
    const result = await page.locator('.import-result').textContent();
    expect(result).toContain('contradicts line 3, which states iso9001-2015:9.3 subset-of nist-ai-600-1:2.8: pair left out');
    expect(result).toContain('framework "ISO 9001:2015" read as iso9001-2015');
    expect(await pairs()).toEqual(['iso9001-2015:9.2 intersects-with nist-ai-600-1:2.7']);
    // The box is offered only for files that carry mappings.
    await page.locator('#import-format').selectOption('csv');
    expect(await page.getByLabel(/Import the rest/).count()).toBe(0);
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
  });

  it('imports a second crosswalk over a shipped pair and shows it beside the mapping as a further source that differs', async () => {
    const { page, problems } = await explorer.open('/import', { token: true });
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    const second = 'source_framework,source_ref,target_framework,target_ref,relationship,rationale,strength,provenance_source,provenance_author\niso42001-2023,A.6.2.8,iso27001-2022,A.8.15,subset-of,semantic,6,Vendor crosswalk,vendor\n';
    await page.locator('#import-file').setInputFiles({ name: 'vendor-map.csv', mimeType: 'text/csv', buffer: Buffer.from(second) });
    await expect.poll(() => page.locator('#import-format').inputValue()).toBe('csv-crosswalk');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported vendor-map.csv' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.import-result').textContent()).toMatch(/this file's reading is recorded beside it as a further source/);

    // Read from 27001 A.8.15, the mapping's target: the vendor's "subset of" turns round to "superset of".
    await page.goto(`${explorer.server.url}/requirement/${encodeURIComponent('iso27001-2022:A.8.15')}`);
    const row = page.locator(`tr[data-mapping="${'iso42001-2023:A.6.2.8 -> iso27001-2022:A.8.15'}"]`);
    await row.locator('.further-sources summary').click();
    expect(await row.locator('.further-sources summary').textContent()).toBe('also stated by 1 other source, 1 with another relationship');
    expect(await row.locator('.further-sources li').textContent()).toMatch(/^Vendor crosswalk \(vendor, recorded \d{4}-\d{2}-\d{2}\): superset of, strength 6 — differs$/);
    await screenshot(page, 'further-sources');

    // The review page lists it among the mappings another source reads otherwise, whatever its status.
    await page.goto(`${explorer.server.url}/review`);
    await page.getByLabel('Show').selectOption('disputed');
    await expect.poll(() => page.locator('.queue-range').textContent()).toBe('1–1 of 1 disputed mapping');
    expect(await page.locator('.queue-list li').textContent()).toMatch(/A\.6\.2\.8.*intersects with.*A\.8\.15.*reference · approved/);
    expect(await page.locator('.review .further-sources summary').textContent()).toBe('also stated by 1 other source, 1 with another relationship');
    expect(problems).toEqual([]);
  });
  it('keeps every shipped framework in its colour after a catalog whose id sorts first is imported', async () => {
    const colours = async () => {
      const { page, problems } = await explorer.open('/ims');
      await page.locator('.framework-picker input[value="iso42001-2023"]').waitFor();
      const seen = await page.locator('.framework-picker label.check').evaluateAll((labels) =>
        Object.fromEntries(labels.map((l) => [l.querySelector('input')!.value, `${l.querySelector('svg.swatch path')!.getAttribute('fill')} ${l.querySelector('svg.swatch path')!.getAttribute('d')}`])),
      );
      expect(problems).toEqual([]);
      await page.context().close();
      return seen as Record<string, string>;
    };
    const before = await colours();
    const csv = 'ref_id,title\nAA-1,Access reviews\n';
    const res = await fetch(`${explorer.server.url}/api/import?format=csv&frameworkId=aaa-first-1&name=First&edition=1`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKENS.analyst}` }, body: csv });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await colours();
    expect(after['aaa-first-1']).toBeDefined();
    // The shipped ones keep theirs (frameworks imported earlier may move along: nothing records their order).
    const shipped = ['eu-ai-act-2024-1689', 'hitrust-ai', 'iso27001-2022', 'iso27701-2019', 'iso27701-2025', 'iso42001-2023', 'iso9001-2015', 'nist-ai-600-1', 'nist-ai-rmf-1.0'];
    for (const id of shipped) expect([id, after[id]]).toEqual([id, before[id]]);
    expect(new Set(Object.values(after)).size).toBe(Object.keys(after).length);
  });
});
