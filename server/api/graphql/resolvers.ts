import { frameworkShortLabel } from '../../domain/citation.js';
import { ConflictError, InputError, NotFoundError } from '../../domain/errors.js';
import { mappingId } from '../../domain/ids.js';
import { selfApprovalRefusal } from '../../domain/review.js';
import { RELATIONSHIPS } from '../../domain/schemas/mapping.js';
import type { Mapping, Relationship, Status } from '../../domain/schemas/mapping.js';
import type { Requirement } from '../../domain/schemas/requirement.js';
import { contradictionsOf, findContradictions } from '../../domain/contradictions.js';
import { findUnmapped } from '../../domain/unmapped.js';
import type { FrameworkSummary, MappingCriteria, ReviewDecision } from '../../store/types.js';
import { AuthError, requireRole } from '../auth.js';
import { DEFAULT_TOP, suggestMappings } from '../../services/suggestMappings.js';
import { searchRequirements } from '../../services/searchRequirements.js';
import { scopeTagsOf } from '../../domain/analysis/tagScope.js';
import { modelDirFrom } from '../../suggest/modelFolder.js';
import { MappingInputSchema, NeighbourhoodArgs, PageArgs, PathArgs, ReviewInputSchema, SearchArgs, SuggestInputSchema } from './args.js';
import type { ApiContext } from './context.js';
import { mustKnowFrameworks, mustKnowRequirements } from './knownIds.js';

type Args = Record<string, any>;
/** GraphQL gives null for omitted optional args; the domain wants them absent. */
const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };

const enumValues = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.replace(/-/g, '_'), v]));

function mappingFilterOf(filter: Args | null | undefined): MappingCriteria {
  if (filter?.frameworks && filter.frameworks.length !== 2) throw new InputError('filter.frameworks takes exactly two framework ids');
  return clean(filter ?? {});
}

async function mustFindMapping(ctx: ApiContext, id: string): Promise<Mapping> {
  const mapping = await ctx.store.getMapping(id);
  if (!mapping) throw new NotFoundError(`unknown mapping "${id}"`);
  return mapping;
}

async function review(ctx: ApiContext, id: string, input: Args): Promise<Mapping> {
  const reviewer = requireRole(ctx.principal, 'analyst');
  const parsed = ReviewInputSchema.parse(input);
  if (parsed.status === 'rejected' && !parsed.note?.trim()) throw new InputError('a rejection needs a reason (the review note)');
  const mapping = await mustFindMapping(ctx, id);
  const edits = clean({ relationship: parsed.relationship, rationale: parsed.rationale, strength: parsed.strength, note: parsed.mappingNote });
  const refusal = selfApprovalRefusal(ctx.reviewPolicy, mapping, ctx.reviewPolicy === 'four-eyes' ? await ctx.store.reviewHistory(id) : [], { status: parsed.status, reviewer: reviewer.name, edits });
  if (refusal) throw new AuthError(403, refusal, 'SELF_APPROVAL');
  const decision: ReviewDecision = {
    mappingId: id,
    status: parsed.status,
    reviewer: reviewer.name,
    at: ctx.now().toISOString(),
    ...(parsed.note ? { note: parsed.note } : {}),
    ...(Object.keys(edits).length ? { edits } : {}),
  };
  return ctx.store.reviewMapping(decision);
}

/** The frameworks and requirement a mapping filter names must exist. */
async function checkedFilter(ctx: ApiContext, filter: Args | null | undefined): Promise<MappingCriteria> {
  const criteria = mappingFilterOf(filter);
  await mustKnowFrameworks(ctx, ...(criteria.frameworks ?? []), criteria.frameworkId);
  await mustKnowRequirements(ctx, criteria.requirementId);
  return criteria;
}

/** A notice tells the client what to do, not where the server keeps its files. */
const withoutServerPaths = (notice: string) => notice.replaceAll(modelDirFrom(), "the server's model folder (CROSSWALK_MODEL_DIR)");

export const resolvers = {
  Relationship: enumValues(RELATIONSHIPS),

  Query: {
    frameworks: (_: unknown, __: Args, ctx: ApiContext) => ctx.frameworks(),
    framework: async (_: unknown, { id }: Args, ctx: ApiContext) => (await ctx.frameworks()).find((f) => f.id === id) ?? null,
    requirement: (_: unknown, { id }: Args, ctx: ApiContext) => ctx.requirements.load(id),
    requirements: async (_: unknown, args: Args, ctx: ApiContext) => {
      const { limit, offset } = PageArgs.parse({ limit: args.limit, offset: args.offset });
      await mustKnowFrameworks(ctx, args.frameworkId);
      await mustKnowRequirements(ctx, args.roots ? undefined : args.parentId);
      return ctx.store.listRequirements({ frameworkId: args.frameworkId ?? undefined, parentId: args.roots ? null : (args.parentId ?? undefined), kinds: args.kinds ?? undefined, limit, offset });
    },
    search: async (_: unknown, args: Args, ctx: ApiContext) => {
      const { text, limit } = SearchArgs.parse({ text: args.text, limit: args.limit });
      await mustKnowFrameworks(ctx, args.frameworkId);
      return searchRequirements(ctx.store, ctx.analysis, { text, limit, frameworkId: args.frameworkId ?? undefined });
    },
    mapping: (_: unknown, { id }: Args, { store }: ApiContext) => store.getMapping(id),
    mappings: async (_: unknown, { filter, ...page }: Args, ctx: ApiContext) => {
      const { limit, offset } = PageArgs.parse(page);
      return ctx.store.findMappings({ ...(await checkedFilter(ctx, filter)), limit, offset });
    },
    mappingCount: async (_: unknown, { filter }: Args, ctx: ApiContext) => ctx.store.countMappings(await checkedFilter(ctx, filter)),
    noCounterparts: async (_: unknown, args: Args, ctx: ApiContext) => {
      await mustKnowFrameworks(ctx, args.frameworkId, args.otherFrameworkId);
      await mustKnowRequirements(ctx, args.requirementId);
      return ctx.store.listNoCounterparts(clean(args));
    },
    harmonizedClauses: (_: unknown, __: Args, { store }: ApiContext) => store.listHarmonizedClauses(),
    neighbourhood: async (_: unknown, args: Args, ctx: ApiContext) => {
      const { depth, maxNodes } = NeighbourhoodArgs.parse({ depth: args.depth, maxNodes: args.maxNodes });
      await mustKnowRequirements(ctx, args.id);
      return ctx.store.neighbourhood({ id: args.id, depth, maxNodes, ...clean({ relationships: args.relationships, statuses: args.statuses }) });
    },
    paths: async (_: unknown, args: Args, ctx: ApiContext) => {
      const { maxLength, maxPaths } = PathArgs.parse({ maxLength: args.maxLength, maxPaths: args.maxPaths });
      await mustKnowRequirements(ctx, args.from, args.to);
      const paths = await ctx.store.paths({ from: args.from, to: args.to, maxLength, maxPaths, ...clean({ relationships: args.relationships, statuses: args.statuses }) });
      return paths.map((steps) => ({ steps, length: steps.length }));
    },
    coverageMatrix: (_: unknown, args: Args, { store }: ApiContext) => store.coverageMatrix(clean({ relationships: args.relationships, statuses: args.statuses })),
    contradictions: async (_: unknown, { from, to, kind }: Args, ctx: ApiContext) => {
      if (Boolean(from) !== Boolean(to)) throw new InputError('contradictions: give both from and to, or neither for every framework pair');
      await mustKnowFrameworks(ctx, from, to);
      const { bundle } = await ctx.analysis.get();
      return findContradictions(bundle.mappings, from ? { from, to } : {}).filter((c) => !kind || c.kind === kind);
    },
    unmapped: async (_: unknown, { from, to, kinds, scope }: Args, ctx: ApiContext) => {
      if (from === to) throw new InputError(`from and to are the same framework ("${from}")`);
      await mustKnowFrameworks(ctx, from, to);
      const { store } = ctx;
      const [requirements, mappings, noCounterparts] = await Promise.all([
        store.listRequirements({ frameworkId: from, limit: 1_000_000 }),
        store.findMappings({ frameworks: [from, to], statuses: ['approved'], limit: 10_000_000 }),
        store.listNoCounterparts({ frameworkId: from, otherFrameworkId: to }),
      ]);
      return findUnmapped({ requirements, mappings, noCounterparts }, { from, to, kinds: kinds ?? [], scope: scope ?? [] });
    },
    me: (_: unknown, __: Args, { principal }: ApiContext) => principal ?? null,
  },

  Mutation: {
    createMapping: async (_: unknown, { input }: Args, ctx: ApiContext) => {
      const author = requireRole(ctx.principal, 'analyst');
      const parsed = MappingInputSchema.parse(input);
      const today = ctx.now().toISOString().slice(0, 10);
      const id = mappingId(parsed.sourceId, parsed.targetId);
      // Creating never replaces: an existing mapping has its own author and review history, and changes go through review.
      // Nor is a pair stated twice: the other direction is the same pair (the content rules keep one direction).
      const existing = (await ctx.store.getMapping(id)) ?? (await ctx.store.getMapping(mappingId(parsed.targetId, parsed.sourceId)));
      if (existing) throw new ConflictError(`the pair is already mapped ("${existing.id}", ${existing.status}, by ${existing.provenance.author}); review it (reviewMapping, POST /api/mappings/:id/review) to change it`);
      const mapping: Mapping = {
        id,
        source: parsed.sourceId,
        target: parsed.targetId,
        relationship: parsed.relationship,
        rationale: parsed.rationale,
        strength: parsed.strength,
        method: 'human',
        status: 'proposed',
        origin: 'user',
        provenance: { source: parsed.provenanceSource ?? `Analysis by ${author.name}`, author: author.name, created: today, ...(parsed.provenanceUrl ? { url: parsed.provenanceUrl } : {}) },
        ...(parsed.note ? { note: parsed.note } : {}),
      };
      return ctx.store.saveMapping(mapping);
    },
    reviewMapping: (_: unknown, { id, review: input }: Args, ctx: ApiContext) => review(ctx, id, input),
    approveMapping: (_: unknown, { id, note }: Args, ctx: ApiContext) => review(ctx, id, { status: 'approved', note }),
    rejectMapping: (_: unknown, { id, reason }: Args, ctx: ApiContext) => review(ctx, id, { status: 'rejected', note: reason }),
    suggestMappings: async (_: unknown, { input }: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const { top, method, model, rerank, reranker, dryRun, from, to, scope } = SuggestInputSchema.parse(input);
      const { run, saved, skipped, noCounterpart, notices } = await suggestMappings(ctx.store, {
        from,
        to,
        top: top ?? DEFAULT_TOP,
        method: method ?? undefined,
        model: model ?? undefined,
        rerank: rerank ?? false,
        reranker: reranker ?? undefined,
        dryRun: dryRun ?? false,
        scope: scope ?? [],
        keepModels: true,
        today: ctx.now().toISOString().slice(0, 10),
      });
      return {
        from: run.from,
        to: run.to,
        method: run.method,
        model: run.model ?? null,
        reranker: run.reranker ?? null,
        sources: run.sources.length,
        proposals: run.sources.reduce((n, s) => n + s.candidates.length, 0),
        created: saved?.created ?? null,
        updated: saved?.updated ?? null,
        unchanged: saved?.unchanged ?? null,
        earlierLeft: saved?.earlierLeft ?? null,
        skipped: { approved: skipped.approved, rejected: skipped.rejected, reviewed: skipped.reviewed, otherDirection: skipped['other-direction'], notASuggestion: skipped['not-a-suggestion'] },
        noCounterpart,
        notices: notices.map(withoutServerPaths),
      };
    },
  },

  Framework: {
    roots: (f: FrameworkSummary, _: Args, { store }: ApiContext) => store.listRequirements({ frameworkId: f.id, parentId: null, limit: 1000 }),
    mappingCount: (f: FrameworkSummary, _: Args, { mappingCounts }: ApiContext) => mappingCounts.load(f.id),
    shortLabel: (f: FrameworkSummary) => frameworkShortLabel(f),
    scopeTags: async (f: FrameworkSummary, _: Args, { store }: ApiContext) => scopeTagsOf((await store.listRequirements({ frameworkId: f.id, limit: 1_000_000 })).flatMap((r) => r.tags)),
  },

  Requirement: {
    framework: async (r: Requirement, _: Args, ctx: ApiContext) => (await ctx.frameworks()).find((f) => f.id === r.frameworkId) ?? null,
    parent: (r: Requirement, _: Args, ctx: ApiContext) => (r.parentId ? ctx.requirements.load(r.parentId) : null),
    ancestors: async (r: Requirement, _: Args, ctx: ApiContext) => (await ctx.details.load({ id: r.id, filter: {} }))?.ancestors ?? [],
    children: async (r: Requirement, _: Args, ctx: ApiContext) => (await ctx.details.load({ id: r.id, filter: {} }))?.children ?? [],
    mappings: async (r: Requirement, args: Args, ctx: ApiContext) => {
      const filter = clean({ statuses: args.statuses as Status[], relationships: args.relationships as Relationship[] });
      return (await ctx.details.load({ id: r.id, filter }))?.mappings ?? [];
    },
    noCounterparts: (r: Requirement, _: Args, { store }: ApiContext) => store.listNoCounterparts({ requirementId: r.id }),
  },

  Mapping: {
    sourceId: (m: Mapping) => m.source,
    targetId: (m: Mapping) => m.target,
    source: (m: Mapping, _: Args, ctx: ApiContext) => ctx.requirements.load(m.source),
    target: (m: Mapping, _: Args, ctx: ApiContext) => ctx.requirements.load(m.target),
    reviews: (m: Mapping, _: Args, ctx: ApiContext) => ctx.reviews.load(m.id),
    alsoStatedBy: (m: Mapping) => (m.alsoStatedBy ?? []).map((s) => ({ ...s, agrees: s.relationship === m.relationship })),
    contradictedBy: async (m: Mapping, _: Args, { analysis }: ApiContext) => contradictionsOf(m, await analysis.approvedSteps()),
  },

  MappingView: {
    other: (v: { otherId: string }, _: Args, ctx: ApiContext) => ctx.requirements.load(v.otherId),
  },

  Review: {
    editsJson: (r: ReviewDecision) => (r.edits ? JSON.stringify(r.edits) : null),
    replacedJson: (r: ReviewDecision) => (r.replaced ? JSON.stringify(r.replaced) : null),
  },

  NoCounterpart: {
    requirement: (n: { requirementId: string }, _: Args, ctx: ApiContext) => ctx.requirements.load(n.requirementId),
  },

  HarmonizedClause: {
    requirements: async (c: { requirementIds: string[] }, _: Args, ctx: ApiContext) =>
      (await ctx.requirements.loadMany(c.requirementIds)).filter((r): r is Requirement => !!r && !(r instanceof Error)),
  },

  PathStep: {
    fromId: (s: { from: string }) => s.from,
    toId: (s: { to: string }) => s.to,
    mapping: (s: { mappingId: string }, _: Args, { store }: ApiContext) => store.getMapping(s.mappingId),
  },

  CoverageCell: {
    share: (c: { total: number; covered: number }) => (c.total ? c.covered / c.total : 0),
    byRelationship: (c: { byRelationship: Record<string, number> }) =>
      Object.entries(c.byRelationship).map(([relationship, count]) => ({ relationship, count })).sort((a, b) => a.relationship.localeCompare(b.relationship)),
  },
};
