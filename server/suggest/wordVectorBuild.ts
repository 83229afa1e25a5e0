/**
 * Word vectors from a corpus of texts, by the classic count-based method (Levy, Goldberg and Dagan, 2015): word–context
 * co-occurrence counts in a small window, positive pointwise mutual information with context-distribution
 * smoothing, then a truncated SVD. No downloads, no training loop: the same corpus gives the same vectors.
 */

/** Lower-case words of two or more letters: the tokens both the builder and the ranker use. */
export const wordTokens = (text: string): string[] => (text.toLowerCase().match(/[a-z]{2,}/g) ?? []);

export interface Vocabulary {
  words: string[];
  counts: number[];
  /** Tokens in the corpus, for word probabilities. */
  total: number;
}

/** The `maxWords` most frequent words seen at least `minCount` times (ties in first-seen order). */
export function buildVocabulary(documents: Iterable<string[]>, { maxWords = 30_000, minCount = 5 } = {}): Vocabulary {
  const counts = new Map<string, number>();
  let total = 0;
  for (const tokens of documents)
    for (const token of tokens) {
      counts.set(token, (counts.get(token) ?? 0) + 1);
      total++;
    }
  const kept = [...counts.entries()].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1]).slice(0, maxWords);
  return { words: kept.map(([w]) => w), counts: kept.map(([, c]) => c), total };
}

/** A square sparse matrix in compressed-row form. */
export interface SparseMatrix {
  size: number;
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

/**
 * Symmetric co-occurrence weights within `window` words (1/distance), never across documents; words outside the
 * vocabulary are skipped over but still count for distance.
 */
export function cooccurrence(documents: Iterable<string[]>, vocabulary: Vocabulary, window = 5): Map<number, number> {
  const index = new Map(vocabulary.words.map((w, i) => [w, i]));
  const size = vocabulary.words.length;
  const cells = new Map<number, number>();
  const add = (a: number, b: number, w: number) => cells.set(a * size + b, (cells.get(a * size + b) ?? 0) + w);
  for (const tokens of documents) {
    const ids = tokens.map((t) => index.get(t) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!;
      if (a < 0) continue;
      for (let d = 1; d <= window && i + d < ids.length; d++) {
        const b = ids[i + d]!;
        if (b < 0) continue;
        add(a, b, 1 / d);
        add(b, a, 1 / d);
      }
    }
  }
  return cells;
}

/**
 * Positive PMI of the co-occurrence cells, with the context distribution raised to `alpha` (0.75 damps the pull of
 * rare contexts), as a sparse matrix.
 */
export function ppmi(cells: Map<number, number>, size: number, alpha = 0.75): SparseMatrix {
  const rowSum = new Float64Array(size);
  const columnSum = new Float64Array(size);
  let total = 0;
  for (const [key, value] of cells) {
    rowSum[Math.floor(key / size)] = rowSum[Math.floor(key / size)]! + value;
    columnSum[key % size] = columnSum[key % size]! + value;
    total += value;
  }
  let smoothedTotal = 0;
  for (let c = 0; c < size; c++) smoothedTotal += columnSum[c]! ** alpha;
  const entries: Array<[number, number, number]> = [];
  for (const [key, value] of cells) {
    const row = Math.floor(key / size);
    const column = key % size;
    const pmi = Math.log(value / total / ((rowSum[row]! / total) * (columnSum[column]! ** alpha / smoothedTotal)));
    if (pmi > 0) entries.push([row, column, pmi]);
  }
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rowStart = new Int32Array(size + 1);
  for (const [row] of entries) rowStart[row + 1] = rowStart[row + 1]! + 1;
  for (let r = 0; r < size; r++) rowStart[r + 1] = rowStart[r + 1]! + rowStart[r]!;
  return { size, rowStart, columns: Int32Array.from(entries, (e) => e[1]), values: Float64Array.from(entries, (e) => e[2]) };
}

/** A deterministic normal generator (xorshift32 and Box–Muller), so a build can be repeated exactly. */
function gaussian(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A · X for a dense X of `width` columns stored row by row (size × width). */
function multiply(a: SparseMatrix, x: Float64Array, width: number, transpose = false): Float64Array {
  const out = new Float64Array(a.size * width);
  for (let row = 0; row < a.size; row++)
    for (let k = a.rowStart[row]!; k < a.rowStart[row + 1]!; k++) {
      const column = a.columns[k]!;
      const value = a.values[k]!;
      const [target, source] = transpose ? [column, row] : [row, column];
      for (let j = 0; j < width; j++) out[target * width + j] = out[target * width + j]! + value * x[source * width + j]!;
    }
  return out;
}

/** Orthonormal columns by modified Gram–Schmidt (in place); a column that vanishes stays zero. */
function orthonormalize(y: Float64Array, rows: number, width: number) {
  for (let j = 0; j < width; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += y[i * width + j]! * y[i * width + p]!;
      for (let i = 0; i < rows; i++) y[i * width + j] = y[i * width + j]! - dot * y[i * width + p]!;
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += y[i * width + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) y[i * width + j] = norm > 1e-12 ? y[i * width + j]! / norm : 0;
  }
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a small symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]!), vectors: v };
}

/**
 * The leading `rank` left singular vectors and singular values of a sparse matrix, by randomized range finding with
 * power iterations (Halko, Martinsson and Tropp, 2011).
 */
export function truncatedSvd(a: SparseMatrix, rank: number, { oversample = 20, powerIterations = 3, seed = 42 } = {}): { u: Float64Array; singular: Float64Array } {
  const width = Math.min(rank + oversample, a.size);
  const normal = gaussian(seed);
  let y = multiply(a, Float64Array.from({ length: a.size * width }, normal), width);
  orthonormalize(y, a.size, width);
  for (let i = 0; i < powerIterations; i++) {
    const z = multiply(a, y, width, true);
    orthonormalize(z, a.size, width);
    y = multiply(a, z, width);
    orthonormalize(y, a.size, width);
  }
  // B = Qᵀ A is width × size; its left singular vectors are the eigenvectors of B Bᵀ = Qᵀ A Aᵀ Q.
  const atq = multiply(a, y, width, true); // Aᵀ Q, size × width
  const gram = new Float64Array(width * width);
  for (let i = 0; i < a.size; i++)
    for (let p = 0; p < width; p++) {
      const x = atq[i * width + p]!;
      if (x === 0) continue;
      for (let q = 0; q < width; q++) gram[p * width + q] = gram[p * width + q]! + x * atq[i * width + q]!;
    }
  const { values, vectors } = symmetricEigen(gram, width);
  const order = [...values.keys()].sort((i, j) => values[j]! - values[i]!).slice(0, rank);
  const u = new Float64Array(a.size * rank);
  for (let i = 0; i < a.size; i++)
    for (let k = 0; k < rank; k++) {
      let sum = 0;
      for (let p = 0; p < width; p++) sum += y[i * width + p]! * vectors[p * width + order[k]!]!;
      u[i * rank + k] = sum;
    }
  return { u, singular: Float64Array.from(order, (i) => Math.sqrt(Math.max(0, values[i]!))) };
}

/** Word vectors: U·√S, each row scaled to unit length. */
export function wordEmbeddings(a: SparseMatrix, dims: number, options?: Parameters<typeof truncatedSvd>[2]): Float32Array {
  const { u, singular } = truncatedSvd(a, dims, options);
  const out = new Float32Array(a.size * dims);
  for (let i = 0; i < a.size; i++) {
    let norm = 0;
    for (let k = 0; k < dims; k++) norm += (u[i * dims + k]! * Math.sqrt(singular[k]!)) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < dims; k++) out[i * dims + k] = (u[i * dims + k]! * Math.sqrt(singular[k]!)) / norm;
  }
  return out;
}

export interface CorpusBuildOptions {
  /** Each document's text; a document is never crossed by the co-occurrence window. */
  documents: string[];
  /** Said in the output file: what the corpus is and where its texts come from. */
  description: string;
  sources: string[];
  dims?: number;
  window?: number;
  alpha?: number;
  minCount?: number;
  maxWords?: number;
  seed?: number;
}

/** Builds word vectors from a corpus: the header to write and the unit-length rows (see `writeWordVectors`). */
export function buildWordVectors({ documents, description, sources, dims = 100, window = 5, alpha = 0.75, minCount = 5, maxWords = 30_000, seed = 42 }: CorpusBuildOptions) {
  const tokenized = documents.map(wordTokens);
  const vocabulary = buildVocabulary(tokenized, { maxWords, minCount });
  if (vocabulary.words.length <= dims) throw new Error(`the corpus has ${vocabulary.words.length} words seen at least ${minCount} times; ${dims} dimensions need more (use a larger corpus or fewer --dims)`);
  const matrix = ppmi(cooccurrence(tokenized, vocabulary, window), vocabulary.words.length, alpha);
  const rows = wordEmbeddings(matrix, dims, { seed });
  return {
    header: {
      format: 'crosswalk-word-vectors' as const,
      version: 1 as const,
      dims,
      words: vocabulary.words,
      counts: vocabulary.counts,
      total: vocabulary.total,
      corpus: { description, documents: documents.length, tokens: vocabulary.total, sources },
      method: { window, alpha, minCount, maxWords, seed },
    },
    rows,
  };
}
