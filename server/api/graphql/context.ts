import DataLoader from 'dataloader';
import type { EdgeFilter, RequirementDetail } from '../../domain/graph.js';
import type { Requirement } from '../../domain/schemas/requirement.js';
import type { FrameworkSummary, GraphStore, ReviewDecision } from '../../store/types.js';
import type { AnalysisContent } from '../../services/analysis.js';
import type { Principal } from '../auth.js';
import type { ReviewPolicy } from '../../domain/review.js';

export interface ApiContext {
  store: GraphStore;
  principal?: Principal;
  /** One store round trip per tick for all requirement look-ups of a request (no N+1). */
  requirements: DataLoader<string, Requirement | null>;
  reviews: DataLoader<string, ReviewDecision[]>;
  /** A requirement's detail, fetched once per request however many of its fields are asked for. */
  details: DataLoader<{ id: string; filter: EdgeFilter }, RequirementDetail | undefined, string>;
  frameworks: () => Promise<FrameworkSummary[]>;
  /** Mappings with an end in a framework, for every framework a request lists, in one store round trip. */
  mappingCounts: DataLoader<string, number>;
  /** The whole graph for analyses, shared by all requests and rebuilt after writes. */
  analysis: AnalysisContent;
  now: () => Date;
  reviewPolicy: ReviewPolicy;
}

export function createApiContext(
  store: GraphStore,
  principal: Principal | undefined,
  analysis: AnalysisContent,
  { now = () => new Date(), reviewPolicy = 'single' }: { now?: () => Date; reviewPolicy?: ReviewPolicy } = {},
): ApiContext {
  return {
    store,
    analysis,
    principal,
    now,
    reviewPolicy,
    requirements: new DataLoader(async (ids) => {
      const found = new Map((await store.getRequirements([...ids])).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    reviews: new DataLoader(async (ids) => Promise.all(ids.map((id) => store.reviewHistory(id)))),
    details: new DataLoader(async (keys) => Promise.all(keys.map(({ id, filter }) => store.requirementDetail(id, filter))), {
      cacheKeyFn: ({ id, filter }) => JSON.stringify([id, filter.statuses ?? [], filter.relationships ?? []]),
    }),
    frameworks: memo(() => store.listFrameworks()),
    mappingCounts: new DataLoader(async (ids) => {
      const counts = await store.countMappingsByFramework([...ids]);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= fn());
}
