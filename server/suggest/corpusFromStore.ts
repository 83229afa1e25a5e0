import type { GraphStore } from '../store/types.js';
import type { SuggestCorpus } from './types.js';

const ALL = 100_000_000;

/** Everything the suggester reads from a store: requirements, every mapping (any status), the harmonized concepts and the frameworks. */
export async function corpusFromStore(store: GraphStore): Promise<SuggestCorpus> {
  const [requirements, mappings, harmonizedClauses, frameworks] = await Promise.all([
    store.listRequirements({ limit: ALL }),
    store.findMappings({ limit: ALL }),
    store.listHarmonizedClauses(),
    store.listFrameworks(),
  ]);
  return { requirements, mappings, harmonizedClauses, frameworks };
}
