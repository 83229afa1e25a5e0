import { NotFoundError } from '../../domain/errors.js';
import { didYouMean, unknownFramework } from '../../domain/likelyMeant.js';
import type { ApiContext } from './context.js';

/** Refuses ids of frameworks that are not loaded, naming the loaded ones: an empty answer would look like "nothing there". */
export async function mustKnowFrameworks(ctx: ApiContext, ...ids: Array<string | null | undefined>): Promise<void> {
  const named = ids.filter((id): id is string => !!id);
  if (!named.length) return;
  const known = new Set((await ctx.frameworks()).map((f) => f.id));
  const unknown = named.find((id) => !known.has(id));
  if (unknown) throw new NotFoundError(unknownFramework(unknown, known));
}

export async function mustKnowRequirements(ctx: ApiContext, ...ids: Array<string | null | undefined>): Promise<void> {
  const named = ids.filter((id): id is string => !!id);
  const found = await Promise.all(named.map((id) => ctx.requirements.load(id)));
  const unknown = named.find((_, i) => !found[i]);
  if (!unknown) return;
  // Only on the way to an error: the framework's refs, for a "did you mean" ("iso27001-2022:5.15" → A.5.15).
  const colon = unknown.indexOf(':');
  const siblings = colon > 0 ? await ctx.store.listRequirements({ frameworkId: unknown.slice(0, colon) }).catch(() => []) : [];
  throw new NotFoundError(`unknown requirement "${unknown}"${didYouMean(unknown, siblings.map((r) => r.id))}`);
}
