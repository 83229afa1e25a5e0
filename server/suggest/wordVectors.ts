import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../config.js';
import { InputError } from '../domain/errors.js';
import { wordTokens } from './wordVectorBuild.js';

/** The word vectors shipped with Crosswalk (see docs/suggestions.md for the corpus they were built from). */
export const SHIPPED_WORD_VECTORS = path.join(PACKAGE_ROOT, 'server/suggest/data/domain-word-vectors.json');

const QUANTIZATION = 127;
/** Smooth inverse frequency (Arora, Liang and Ma, 2017): frequent words count for less in a text's vector. */
const SIF = 1e-3;

const WordVectorsHeaderSchema = z.object({
  format: z.literal('crosswalk-word-vectors'),
  version: z.literal(1),
  dims: z.number().int().positive(),
  words: z.array(z.string()),
  counts: z.array(z.number().int().nonnegative()),
  total: z.number().int().positive(),
  corpus: z.object({ description: z.string(), documents: z.number().int(), tokens: z.number().int(), sources: z.array(z.string()) }),
  method: z.object({ window: z.number(), alpha: z.number(), minCount: z.number(), maxWords: z.number(), seed: z.number() }),
});
export type WordVectorsHeader = z.infer<typeof WordVectorsHeaderSchema>;

export interface WordVectors {
  dims: number;
  /** The text's words, weighted by rarity, as one unit vector; undefined when no word of it is known. */
  textVector(text: string): Float32Array | undefined;
}

/** Word vectors from rows of `dims` values (one row per word, unit length), quantized or not. */
export function createWordVectors({ words, counts, total, dims, rows }: { words: string[]; counts: number[]; total: number; dims: number; rows: ArrayLike<number> }): WordVectors {
  const index = new Map(words.map((w, i) => [w, i]));
  return {
    dims,
    textVector(text) {
      const sum = new Float32Array(dims);
      let known = false;
      for (const token of wordTokens(text)) {
        const i = index.get(token);
        if (i === undefined) continue;
        const weight = SIF / (SIF + counts[i]! / total);
        for (let d = 0; d < dims; d++) sum[d] = sum[d]! + weight * rows[i * dims + d]!;
        known = true;
      }
      if (!known) return undefined;
      const norm = Math.hypot(...sum) || 1;
      for (let d = 0; d < dims; d++) sum[d] = sum[d]! / norm;
      return sum;
    },
  };
}

/** Writes `<file>` (the header: words, counts, corpus) and `<file minus .json>.bin` (the rows as signed bytes). */
export function writeWordVectors(file: string, header: WordVectorsHeader, rows: Float32Array) {
  const bytes = Int8Array.from(rows, (x) => Math.max(-QUANTIZATION, Math.min(QUANTIZATION, Math.round(x * QUANTIZATION))));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(header)}\n`);
  fs.writeFileSync(binaryOf(file), bytes);
}

const binaryOf = (file: string) => file.replace(/\.json$/, '') + '.bin';

const loaded = new Map<string, WordVectors>();

/** Reads word vectors written by `writeWordVectors` (once per process); a damaged pair of files is an error naming them. */
export function readWordVectors(file = SHIPPED_WORD_VECTORS): WordVectors {
  const cached = loaded.get(file);
  if (cached) return cached;
  let header: WordVectorsHeader;
  try {
    header = WordVectorsHeaderSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    throw new InputError(`${file}: not a word vector file written by "crosswalk models build-word-vectors" (${(e as Error).message.split('\n')[0]})`);
  }
  const bytes = new Int8Array(fs.readFileSync(binaryOf(file)));
  if (bytes.length !== header.words.length * header.dims || header.counts.length !== header.words.length)
    throw new InputError(`${binaryOf(file)}: ${bytes.length} values where ${header.words.length} words × ${header.dims} dimensions need ${header.words.length * header.dims}; build the vectors again`);
  const vectors = createWordVectors({ ...header, rows: Float32Array.from(bytes, (b) => b / QUANTIZATION) });
  loaded.set(file, vectors);
  return vectors;
}

/** The shipped word vectors, or undefined when their files are missing (the offline method then goes without). */
export function shippedWordVectors(): WordVectors | undefined {
  return fs.existsSync(SHIPPED_WORD_VECTORS) ? readWordVectors(SHIPPED_WORD_VECTORS) : undefined;
}
