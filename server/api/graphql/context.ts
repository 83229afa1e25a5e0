import DataLoader from 'dataloader';
import type { Requirement } from '../../domain/schemas/requirement.js';
import type { GraphStore, ReviewDecision } from '../../store/types.js';
import type { Principal } from '../auth.js';

export interface ApiContext {
  store: GraphStore;
  principal?: Principal;
  /** One store round trip per tick for all requirement look-ups of a request (no N+1). */
  requirements: DataLoader<string, Requirement | null>;
  reviews: DataLoader<string, ReviewDecision[]>;
  now: () => Date;
}

export function createApiContext(store: GraphStore, principal: Principal | undefined, now = () => new Date()): ApiContext {
  return {
    store,
    principal,
    now,
    requirements: new DataLoader(async (ids) => {
      const found = new Map((await store.getRequirements([...ids])).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    reviews: new DataLoader(async (ids) => Promise.all(ids.map((id) => store.reviewHistory(id)))),
  };
}
