import { describe, expect, it } from 'vitest';
import { buildMappingFiles, type ImportedMapping } from '../../server/interop/buildMappingFiles.js';
import { jsonErrorOffset } from '../../server/interop/jsonInput.js';
import { uuidV5 } from '../../server/interop/uuid.js';
import { loadImported } from './helpers.js';

const base: Omit<ImportedMapping, 'source' | 'target' | 'at'> = {
  sourceFramework: 'fw-a', targetFramework: 'fw-b', relationship: 'equal-to', rationale: 'semantic', strength: 10,
  method: 'human', status: 'proposed', provenance: { source: 'Doc', author: 'imported', created: '2026-01-01' },
};
const entry = (source: string, target: string, extra: Partial<ImportedMapping> = {}): ImportedMapping => ({ ...base, source, target, at: { line: 2 }, ...extra });

describe('buildMappingFiles', () => {
  it('factors the most common rationale, method, status and provenance into defaults and names every record', () => {
    const reviewed = { source: 'Doc', author: 'imported', reviewer: 'alice', created: '2026-01-01', reviewed: '2026-02-01' };
    const { mappingFiles, problems } = buildMappingFiles(
      [entry('1', 'B-1'), entry('2', 'B-2', { rationale: 'functional' }), entry('3', 'B-3', { provenance: reviewed, status: 'approved' })],
      { file: 'x.csv' },
    );
    expect(problems).toEqual([]);
    expect(mappingFiles[0]!.defaults).toEqual({ rationale: 'semantic', method: 'human', status: 'proposed', provenance: 'doc' });
    expect(mappingFiles[0]!.sources).toEqual({ doc: base.provenance, 'doc-2': reviewed });
    expect(mappingFiles[0]!.mappings[2]).toEqual({ source: '3', target: 'B-3', relationship: 'equal-to', strength: 10, status: 'approved', provenance: 'doc-2' });
  });

  it('never makes a default whose optional fields would leak into other records when the loader merges them', () => {
    const reviewed = { source: 'Doc', author: 'imported', reviewer: 'alice', created: '2026-01-01', reviewed: '2026-02-01' };
    const { mappingFiles } = buildMappingFiles([entry('1', 'B-1', { provenance: reviewed }), entry('2', 'B-2', { provenance: reviewed }), entry('3', 'B-3')], { file: 'x.csv' });
    // "doc" (the reviewed record) is used most, but would give mapping 3 a reviewer: the plain record is the default.
    expect(mappingFiles[0]!.sources.doc).toEqual(reviewed);
    expect(mappingFiles[0]!.defaults.provenance).toBe('doc-2');
    const loaded = loadImported({ catalogs: [], mappingFiles }).mappings;
    expect(loaded.map((m) => m.provenance.reviewer)).toEqual(['alice', 'alice', undefined]);
  });

  it('reports a self-loop and a pair stated twice with different values; skips an identical repeat with a warning', () => {
    const { problems, mappingFiles } = buildMappingFiles(
      [entry('1', 'B-1'), entry('1', 'B-1', { at: { line: 3 } }), entry('1', 'B-1', { strength: 4, at: { line: 4 } }), entry('1', '1', { targetFramework: 'fw-a', at: { line: 5 } })],
      { file: 'x.csv' },
    );
    expect(problems).toEqual([
      { file: 'x.csv', line: 4, message: 'fw-a:1 → fw-b:B-1 is stated again with a different relationship, rationale or strength (first at line 2: equal-to, semantic, 10; here: equal-to, semantic, 4)', severity: 'error', code: 'conflicting-statement' },
      { file: 'x.csv', line: 5, message: '"fw-a:1" is mapped to itself', severity: 'error' },
      { file: 'x.csv', line: 3, message: 'skipped 1 mapping(s) that repeat an earlier one (first at line 3)', severity: 'warning' },
    ]);
    // Which of the two readings holds is for a person to decide: neither is kept.
    expect(mappingFiles).toEqual([]);
  });

  it('leaves out both readings of a pair the file states two ways, in either direction, and keeps every other pair', () => {
    const { problems, mappingFiles } = buildMappingFiles(
      [
        entry('1', 'B-1', { relationship: 'subset-of' }),
        entry('2', 'B-2'),
        entry('B-1', '1', { sourceFramework: 'fw-b', targetFramework: 'fw-a', relationship: 'subset-of', at: { line: 4 } }),
        entry('3', 'B-3', { at: { line: 5 } }),
        entry('3', 'B-3', { relationship: 'intersects-with', at: { line: 6 } }),
      ],
      { file: 'x.csv' },
    );
    expect(problems.map((p) => [p.line, p.code])).toEqual([[4, 'conflicting-statement'], [6, 'conflicting-statement']]);
    expect(mappingFiles.flatMap((f) => f.mappings.map((m) => `${m.source}>${m.target}`))).toEqual(['2>B-2']);
  });
});

describe('jsonErrorOffset', () => {
  it('finds where JSON stops being valid', () => {
    expect(jsonErrorOffset('{"a": 1}')).toBeUndefined();
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('{"a": "x\\q"}')).toBe(9);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": [tru]}')).toBe(7);
  });
});

describe('uuidV5', () => {
  it('follows RFC 9562 (the DNS-namespace example) and is stable', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('catalog:fw-a')).toBe(uuidV5('catalog:fw-a'));
    expect(uuidV5('catalog:fw-a')).not.toBe(uuidV5('catalog:fw-b'));
  });
});
