import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../server/domain/errors.js';
import { computeSuggestions } from '../../server/suggest/suggest.js';
import { cosine } from '../../server/suggest/vectorMath.js';
import {
  buildVocabulary, buildWordVectors, cooccurrence, ppmi, symmetricEigen, truncatedSvd, wordTokens, type SparseMatrix,
} from '../../server/suggest/wordVectorBuild.js';
import { createWordVectors, readWordVectors, SHIPPED_WORD_VECTORS, writeWordVectors } from '../../server/suggest/wordVectors.js';
import { crosswalk } from '../cli/run.js';
import type { SuggestCorpus } from '../../server/suggest/types.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-wordvectors-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A corpus where "widget" and "gizmo" (words no vocabulary of Crosswalk knows) are used the same way and never
 * together, and "logging" elsewhere: related words are the ones with the same neighbours.
 */
function corpus(): string[] {
  const docs: string[] = [];
  for (let i = 0; i < 60; i++) {
    docs.push(`calibrate each widget sensor before shipment and inspect the widget housing every quarter ${i % 3 ? 'carefully' : 'formally'}`);
    docs.push(`calibrate each gizmo sensor before shipment and inspect the gizmo housing every quarter ${i % 2 ? 'carefully' : 'formally'}`);
    docs.push(`keep event logging records and protect logging storage against tampering and keep records for audits ${i % 4 ? 'online' : 'offline'}`);
  }
  return docs;
}

const sparse = (rows: number[][]): SparseMatrix => {
  const size = rows.length;
  const rowStart = new Int32Array(size + 1);
  const columns: number[] = [];
  const values: number[] = [];
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v) {
        columns.push(c);
        values.push(v);
      }
    });
    rowStart[r + 1] = columns.length;
  });
  return { size, rowStart, columns: Int32Array.from(columns), values: Float64Array.from(values) };
};

describe('building word vectors', () => {
  it('counts words and co-occurrences within a window, never across documents', () => {
    expect(wordTokens('The AI-system’s risks, 2024: a b')).toEqual(['the', 'ai', 'system', 'risks']);
    const docs = [['a', 'b', 'c'], ['c', 'a'], ['a']];
    const vocabulary = buildVocabulary(docs, { minCount: 2 });
    expect(vocabulary).toEqual({ words: ['a', 'c'], counts: [3, 2], total: 6 });
    // a–c: distance 2 in the first document (1/2), distance 1 in the second (1); b is not in the vocabulary.
    const cells = cooccurrence(docs, vocabulary, 2);
    expect(cells.get(0 * 2 + 1)).toBeCloseTo(1.5);
    expect(cells.get(1 * 2 + 0)).toBeCloseTo(1.5);
    expect(cooccurrence(docs, vocabulary, 1).get(1)).toBeCloseTo(1);
  });

  it('keeps only positive PMI', () => {
    // Words 0 and 1 go together, word 2 mostly with itself: 0 with 2 is rarer than chance.
    const cells = new Map([[0 * 3 + 1, 10], [1 * 3 + 0, 10], [2 * 3 + 2, 10], [0 * 3 + 2, 1], [2 * 3 + 0, 1]]);
    const m = ppmi(cells, 3, 1);
    const value = (r: number, c: number) => {
      for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) if (m.columns[k] === c) return m.values[k]!;
      return 0;
    };
    // total 32; row 0 sums 11, column 1 sums 10: log((10/32) / ((11/32)·(10/32))) = log(32/11).
    expect(value(0, 1)).toBeCloseTo(Math.log(32 / 11));
    expect(value(0, 2)).toBe(0);
  });

  it('finds eigenvalues and the leading singular values of a known matrix', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect([...values].sort((a, b) => a - b).map((v) => Number(v.toFixed(6)))).toEqual([1, 3, 5]);
    // Block diagonal: singular values 3 (the [[2,1],[1,2]] block), 2 and 1 (the rest).
    const m = sparse([[2, 1, 0, 0], [1, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0.5]]);
    const { singular } = truncatedSvd(m, 2, { oversample: 2 });
    expect([...singular].map((v) => Number(v.toFixed(6)))).toEqual([3, 2]);
  });

  it('places words used the same way close together, and builds the same vectors from the same corpus', () => {
    const built = buildWordVectors({ documents: corpus(), description: 'test corpus', sources: ['test'], dims: 8, minCount: 2 });
    const vectors = createWordVectors({ ...built.header, rows: built.rows });
    const v = (w: string) => vectors.textVector(w)!;
    expect(cosine(v('widget'), v('gizmo'))).toBeGreaterThan(0.9);
    expect(cosine(v('widget'), v('gizmo'))).toBeGreaterThan(cosine(v('widget'), v('logging')) + 0.3);
    expect(buildWordVectors({ documents: corpus(), description: 'test corpus', sources: ['test'], dims: 8, minCount: 2 }).rows).toEqual(built.rows);
    expect(() => buildWordVectors({ documents: ['too few words'], description: '', sources: [], dims: 8, minCount: 1 })).toThrow(/3 words seen at least 1 times/);
  });
});

describe('word vector files', () => {
  it('write and read back (quantized to bytes), and a damaged pair of files is refused by name', () => {
    const built = buildWordVectors({ documents: corpus(), description: 'test corpus', sources: ['test'], dims: 8, minCount: 2 });
    const file = path.join(dir, 'vectors.json');
    writeWordVectors(file, built.header, built.rows);
    const back = readWordVectors(file);
    const original = createWordVectors({ ...built.header, rows: built.rows });
    for (const text of ['widget sensor', 'keep logging records'])
      expect(cosine(back.textVector(text)!, original.textVector(text)!)).toBeGreaterThan(0.999);
    expect(back.textVector('nothing known here')).toBeUndefined();
    const unit = back.textVector('widget housing every quarter')!;
    expect(Math.hypot(...unit)).toBeCloseTo(1, 5);

    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"format": "something else"}');
    expect(() => readWordVectors(broken)).toThrow(InputError);
    const short = path.join(dir, 'short.json');
    writeWordVectors(short, built.header, built.rows);
    fs.writeFileSync(path.join(dir, 'short.bin'), Buffer.alloc(10));
    expect(() => readWordVectors(short)).toThrow(/10 values where \d+ words × 8 dimensions need \d+; build the vectors again/);
  });

  it('the shipped vectors know the domain: related governance words are closer than unrelated ones', () => {
    const shipped = readWordVectors(SHIPPED_WORD_VECTORS);
    const v = (w: string) => shipped.textVector(w)!;
    expect(cosine(v('supplier'), v('suppliers'))).toBeGreaterThan(cosine(v('supplier'), v('encryption')));
    expect(cosine(v('incident'), v('response'))).toBeGreaterThan(cosine(v('incident'), v('competence')));
    expect(cosine(v('impact'), v('severity'))).toBeGreaterThan(cosine(v('impact'), v('logging')));
  });

  it('crosswalk models build-word-vectors writes vectors from a folder, leaving out files that match --exclude', () => {
    const folder = path.join(dir, 'corpus');
    fs.mkdirSync(folder);
    corpus().forEach((text, i) => fs.writeFileSync(path.join(folder, `doc-${i}.md`), text));
    fs.writeFileSync(path.join(folder, 'crosswalk.md'), 'a crosswalk between two frameworks '.repeat(20));
    const out = path.join(dir, 'built', 'v.json');
    const result = crosswalk(['models', 'build-word-vectors', folder, '--exclude', 'crosswalk', '--dims', '8', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Reading 180 files …\nWrote \d+ words × 8 dimensions from \d+ tokens to /);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).words).not.toContain('crosswalk');
    expect(crosswalk(['models', 'build-word-vectors', path.join(dir, 'nowhere')]).stderr).toMatch(/no such folder/);
    expect(crosswalk(['models', 'build-word-vectors', folder, '--dims', 'many']).stderr).toMatch(/--dims must be an integer/);
  });
});

describe('the offline method with word vectors', () => {
  /** The source shares a word with A only; B is worded in words the corpus uses alike ("widget", "gizmo"); C is unrelated. */
  const worded = (): SuggestCorpus => ({
    requirements: [
      { id: 'one-1:1', frameworkId: 'one-1', ref: '1', kind: 'control', title: 'Widget checks', summary: 'Calibrate every widget.', tags: [], order: 0 },
      { id: 'two-1:A', frameworkId: 'two-1', ref: 'A', kind: 'control', title: 'Checks', summary: 'Periodic checks.', tags: [], order: 0 },
      { id: 'two-1:B', frameworkId: 'two-1', ref: 'B', kind: 'control', title: 'Gizmo housing', summary: 'Inspect the gizmo sensor.', tags: [], order: 1 },
      { id: 'two-1:C', frameworkId: 'two-1', ref: 'C', kind: 'control', title: 'Event records', summary: 'Keep logging records safe from tampering.', tags: [], order: 2 },
    ],
    mappings: [],
    harmonizedClauses: [],
  });

  it('finds a target that shares no word but related wording, and says how close the wording is', async () => {
    const built = buildWordVectors({ documents: corpus(), description: 'test corpus', sources: ['test'], dims: 8, minCount: 2 });
    const wordVectors = createWordVectors({ ...built.header, rows: built.rows });
    const run = await computeSuggestions(worded(), { from: 'one-1', to: 'two-1', method: 'lexical', top: 3, wordVectors });
    const candidates = run.sources[0]!.candidates;
    expect(candidates.map((c) => c.targetId)).toEqual(['two-1:A', 'two-1:B', 'two-1:C']);
    expect(candidates[1]!.signals.wording).toBeGreaterThan(candidates[2]!.signals.wording! + 0.3);
    expect(candidates[1]!.score).toBeGreaterThan(candidates[2]!.score);
    // Word matching alone knows only A.
    const without = await computeSuggestions(worded(), { from: 'one-1', to: 'two-1', method: 'lexical', top: 3, wordVectors: false });
    expect(without.sources[0]!.candidates.map((c) => [c.targetId, c.signals.wording])).toEqual([['two-1:A', undefined]]);
  });
});
