import type { ManagedTransaction } from 'neo4j-driver';
import { InputError } from '../../../../domain/errors.js';
import type { NearestHit } from '../../../types.js';
import { toInteger, toNumber } from '../../conversion.js';
import * as Q from '../../queries.js';

/**
 * How nearestRequirements finds the nearest vectors. One vector index (`embedding_vector`) holds every model's
 * vectors of its dimension, so an index query is answered for all models and frameworks at once: the store asks it
 * for more neighbours than it needs (in proportion to the share of the index that this model's vectors of this
 * framework make up), keeps the right ones, scores them exactly, and asks again for more when too few were among
 * them. It searches exactly instead (every candidate vector scored in Cypher) when the index cannot serve the query:
 * the model's dimension is not the index's, the index is not online, the query vector is zero, every candidate is
 * wanted anyway, the over-fetch would be too large to pay off, or the index ran out before giving enough.
 */

/** Over-fetch relative to the candidates' share of the index: approximate search and uneven shares need room. */
export const OVERFETCH = 2;
/** Added to every fetch, so small requests are not starved by rounding. */
export const FETCH_SLACK = 10;
/** The largest neighbourhood asked of the index; beyond it, scoring every candidate exactly is cheaper. */
export const MAX_FETCH = 10_000;
/** Each retry asks for this many times more neighbours. */
export const FETCH_GROWTH = 4;

/**
 * How many hits the SQLite store returns for `k` out of `n` ranked vectors: it cuts its ranking with `.slice(0, k)`,
 * so a fraction is cut, NaN is 0, Infinity is all, and a negative k leaves that many out.
 */
export function resultCount(k: number, n: number): number {
  const end = Number.isNaN(k) ? 0 : Math.trunc(k);
  return end < 0 ? Math.max(n + end, 0) : Math.min(end, n);
}

/** The SQLite store's ranking: most similar first, ties by requirement id as `localeCompare` orders them. */
export const compareHits = (a: NearestHit, b: NearestHit) => b.score - a.score || a.requirementId.localeCompare(b.requirementId);

/**
 * The first neighbourhood to ask of the index for `limit` hits among `candidates` of `total` stored vectors, or
 * undefined when it would exceed MAX_FETCH (then the candidates are few enough to score them all).
 */
export function firstFetch({ limit, candidates, total }: { limit: number; candidates: number; total: number }): number | undefined {
  const fetch = Math.ceil((limit * OVERFETCH * Math.max(total, candidates)) / candidates) + FETCH_SLACK;
  return fetch > MAX_FETCH ? undefined : fetch;
}

/** The next neighbourhood to ask for after `fetch` gave too few, or undefined when the index has given all it can. */
export function nextFetch({ fetch, fetched, total }: { fetch: number; fetched: number; total: number }): number | undefined {
  if (fetched < fetch || fetch >= Math.min(total, MAX_FETCH)) return undefined;
  return Math.min(fetch * FETCH_GROWTH, total, MAX_FETCH);
}

export interface EmbeddingIndexState {
  online: boolean;
  /** Undefined when the index has no fixed dimension. */
  dimension?: number;
}

/** The vector index's state and dimension, or undefined when there is no such index. */
export async function readEmbeddingIndex(tx: ManagedTransaction): Promise<EmbeddingIndexState | undefined> {
  const record = (await tx.run(Q.EMBEDDING_INDEX_STATE)).records[0];
  if (!record) return undefined;
  const dimension = record.get('dimension');
  return { online: record.get('state') === 'ONLINE', ...(dimension === null || dimension === undefined ? {} : { dimension: toNumber(dimension, 'vector.dimensions') }) };
}

const toHit = (row: { requirementId: unknown; score: unknown }): NearestHit => ({
  requirementId: row.requirementId as string,
  score: toNumber(row.score, 'score'),
});

/**
 * See EmbeddingStore.nearestRequirements; answers as the SQLite store does (same candidates, cosine scores, ranking
 * and cut), with the vector index's approximation when it is used. `indexDimension` is the vector index's dimension
 * when it is online. A query vector whose length is not the dimension of the model's stored vectors is an
 * InputError (Neo4j cannot compare vectors of different lengths).
 */
export async function nearestRequirements(
  { tx, modelId, vector, frameworkId, k, indexDimension }:
  { tx: ManagedTransaction; modelId: string; vector: Float32Array; frameworkId: string; k: number; indexDimension: number | undefined },
): Promise<NearestHit[]> {
  if (!vector.every(Number.isFinite)) throw new InputError('the query vector has a value that is not a finite number');
  const groups = (await tx.run(Q.EMBEDDING_CANDIDATES, { modelId, frameworkId })).records.map((r) => ({
    dimension: toNumber(r.get('dimension'), 'dimension'),
    candidates: toNumber(r.get('candidates'), 'candidates'),
  }));
  const candidates = groups.reduce((sum, g) => sum + g.candidates, 0);
  const limit = resultCount(k, candidates);
  if (limit === 0) return [];
  const other = groups.find((g) => g.dimension !== vector.length);
  if (other) throw new InputError(`the query vector has ${vector.length} dimensions; the vectors of ${modelId} for ${frameworkId} have ${other.dimension}`);

  const queryValid = vector.some((x) => x !== 0);
  const params = { modelId, frameworkId, vector: Array.from(vector), queryValid };
  let hits: NearestHit[] | undefined;
  if (queryValid && indexDimension === vector.length && limit < candidates) {
    const total = toNumber((await tx.run(Q.EMBEDDING_COUNT)).records[0]?.get('total') ?? 0, 'total');
    let fetch = firstFetch({ limit, candidates, total });
    while (fetch !== undefined) {
      const record = (await tx.run(Q.NEAREST_BY_INDEX, { ...params, fetch: toInteger(fetch) })).records[0];
      const found = ((record?.get('hits') ?? []) as Array<{ requirementId: unknown; score: unknown }>).map(toHit);
      if (found.length >= limit) {
        hits = found;
        break;
      }
      fetch = nextFetch({ fetch, fetched: toNumber(record?.get('fetched') ?? 0, 'fetched'), total });
    }
  }
  hits ??= (await tx.run(Q.NEAREST_EXACT, { ...params, limit: toInteger(limit) })).records.map((r) => toHit({ requirementId: r.get('requirementId'), score: r.get('score') }));
  return hits.sort(compareHits).slice(0, limit);
}
