import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDirs } from '../../server/config.js';
import { errorsIn, loadContent } from '../../server/content/loadContent.js';
import { importContent } from '../../server/services/importContent.js';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-oscal-ids-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('OSCAL mapping collections naming controls by the ids Crosswalk exports', () => {
  it('resolves the derived ids of refs that are no OSCAL token ("plan_1.1", "_4.1") without Crosswalk\'s ref props', async () => {
    await importContent({ format: 'csv', bytes: bytes('ref_id,title,parent_ref_id\nPLAN,Plan,\nPLAN 1,Plan one,PLAN\nPLAN 1.1,Plan one one,PLAN 1\n'), sourceName: 'rmf.csv', dataDir, frameworkId: 'idt-rmf', name: 'RMF-like', edition: '1' });
    await importContent({ format: 'csv', bytes: bytes('ref_id,title,parent_ref_id\n4,Context,\n4.1,Understanding,4\n'), sourceName: 'ims.csv', dataDir, frameworkId: 'idt-ims', name: 'IMS-like', edition: '1' });
    // As another tool writes it against Crosswalk's exported catalogs: id-refs only, no "ref" props.
    const collection = { 'mapping-collection': {
      uuid: '6a1f0c55-2d1e-4b7a-9c33-0d4e5f6a7b8c',
      metadata: { title: 'Edited elsewhere', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.1' },
      mappings: [{ uuid: '7b2a1d66-3e2f-4c8b-8d44-1e5f6a7b8c9d', 'source-resource': { type: 'catalog', href: 'rmf.json' }, 'target-resource': { type: 'catalog', href: 'ims.json' },
        maps: [{ uuid: '8c3b2e77-4f3a-4d9c-9e55-2f6a7b8c9d0e', relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 'plan_1.1' }], targets: [{ type: 'control', 'id-ref': '_4.1' }] }] }],
    } };
    const outcome = await importContent({ format: 'oscal-mapping', bytes: bytes(JSON.stringify(collection)), sourceName: 'edited.json', dataDir, from: 'idt-rmf', to: 'idt-ims' });
    expect(outcome.warnings.map((w) => w.message).join('\n')).not.toMatch(/name no requirement|is not a requirement/);
    const { bundle, problems } = loadContent(contentDirs({ dataDir }));
    expect(errorsIn(problems)).toEqual([]);
    expect(bundle.mappings.filter((m) => m.source.startsWith('idt-rmf:')).map((m) => [m.source, m.relationship, m.target])).toEqual([['idt-rmf:PLAN 1.1', 'intersects-with', 'idt-ims:4.1']]);
  });

  it('resolves the aliases a catalog records: NIST\'s "GV-1.1" for the shipped AI RMF\'s GOVERN 1.1', async () => {
    await importContent({ format: 'csv', bytes: bytes('ref_id,title,parent_ref_id\n4,Context,\n4.1,Understanding,4\n'), sourceName: 'ims.csv', dataDir, frameworkId: 'idt-ims', name: 'IMS-like', edition: '1' });
    const collection = { 'mapping-collection': {
      uuid: '6a1f0c55-2d1e-4b7a-9c33-0d4e5f6a7b8d',
      metadata: { title: 'Made with another tool\'s AI RMF catalog', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.1' },
      mappings: [{ uuid: '7b2a1d66-3e2f-4c8b-8d44-1e5f6a7b8c9e', 'source-resource': { type: 'catalog', href: 'ai-rmf.json' }, 'target-resource': { type: 'catalog', href: 'ims.json' },
        maps: [{ uuid: '8c3b2e77-4f3a-4d9c-9e55-2f6a7b8c9d0f', relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 'gv-1.1' }, { type: 'control', 'id-ref': 'MP-2.3' }], targets: [{ type: 'control', 'id-ref': '_4.1' }] }] }],
    } };
    const outcome = await importContent({ format: 'oscal-mapping', bytes: bytes(JSON.stringify(collection)), sourceName: 'other-tool.json', dataDir, from: 'nist-ai-rmf-1.0', to: 'idt-ims' });
    expect(outcome.warnings.map((w) => w.message).join('\n')).not.toMatch(/name no requirement|is not a requirement/);
    expect(outcome.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^2 id-ref\(s\) were read as refs written otherwise .* "gv-1\.1" as GOVERN 1\.1, "MP-2\.3" as MAP 2\.3/));
    const { bundle } = loadContent(contentDirs({ dataDir }));
    expect(bundle.mappings.filter((m) => m.target.startsWith('idt-ims:')).map((m) => m.source).sort()).toEqual(['nist-ai-rmf-1.0:GOVERN 1.1', 'nist-ai-rmf-1.0:MAP 2.3']);
  });

  it('reads ids a tool puts in a namespace of its own ("iso-iec-42001_4-1"), with a warning that shows each reading', async () => {
    await importContent({ format: 'csv', bytes: bytes('ref_id,title,parent_ref_id\n4,Context,\n4.1,Understanding,4\n4.2,Parties,4\n'), sourceName: 'ims.csv', dataDir, frameworkId: 'idt-ims', name: 'IMS-like', edition: '1' });
    const map = (uuid: string, source: string, targets: string[]) => ({ uuid, relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': source }], targets: targets.map((t) => ({ type: 'control', 'id-ref': t })) });
    const collection = { 'mapping-collection': {
      uuid: '6a1f0c55-2d1e-4b7a-9c33-0d4e5f6a7b8e',
      metadata: { title: 'Namespaced ids', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.1' },
      mappings: [{ uuid: '7b2a1d66-3e2f-4c8b-8d44-1e5f6a7b8c9f', 'source-resource': { type: 'catalog', href: 'ai-rmf.json' }, 'target-resource': { type: 'catalog', href: 'ims.json' },
        maps: [
          map('8c3b2e77-4f3a-4d9c-9e55-2f6a7b8c9d10', 'gv-1.1', ['ims-std_4-1', 'ims-std_B-2-2']),
          map('8c3b2e77-4f3a-4d9c-9e55-2f6a7b8c9d11', 'gv-1.2', ['ims-std_4-2']),
        ] }],
    } };
    const outcome = await importContent({ format: 'oscal-mapping', bytes: bytes(JSON.stringify(collection)), sourceName: 'namespaced.json', dataDir, from: 'nist-ai-rmf-1.0', to: 'idt-ims' });
    const warnings = outcome.warnings.map((w) => w.message);
    expect(warnings).toContainEqual(expect.stringMatching(/^2 id-ref\(s\) were read without the namespace their catalog puts before every id, e\.g\. "ims-std_4-1" as 4\.1, "ims-std_4-2" as 4\.2/));
    // What names nothing in the catalog stays out, and says so.
    expect(warnings).toContainEqual(expect.stringMatching(/"ims-std_B-2-2" is not a requirement of idt-ims/));
    const { bundle } = loadContent(contentDirs({ dataDir }));
    expect(bundle.mappings.filter((m) => m.target.startsWith('idt-ims:')).map((m) => [m.source, m.target]).sort()).toEqual([
      ['nist-ai-rmf-1.0:GOVERN 1.1', 'idt-ims:4.1'],
      ['nist-ai-rmf-1.0:GOVERN 1.2', 'idt-ims:4.2'],
    ]);
  });
});
