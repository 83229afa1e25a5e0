import { GraphQLScalarType } from 'graphql';
import { z } from 'zod';
import { mergeOrgControls, renameOrgControl, splitOrgControl, type ControlSetChange } from '../../domain/analysis/index.js';
import { InputError } from '../../domain/errors.js';
import { IsoDateSchema } from '../../domain/schemas/common.js';
import { EvidenceLinkSchema, EvidenceSchema, type Evidence, type EvidenceLink } from '../../domain/schemas/evidence.js';
import type { OrgControl } from '../../domain/schemas/orgControl.js';
import { SoaEntrySchema } from '../../domain/schemas/soa.js';
import { evidenceStoreOf, gapFor, imsPlanFor, proposeControls, reachOfEvidence, soaFor, supportOfRequirement } from '../../services/analysis.js';
import type { EvidenceCriteria } from '../../store/types.js';
import { requireRole } from '../auth.js';
import { EvidenceText, PageArgs } from './args.js';
import type { ApiContext } from './context.js';
import { mustKnowFrameworks, mustKnowRequirements } from './knownIds.js';

type Args = Record<string, any>;
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

const Traversal = z.object({
  asOf: IsoDateSchema.optional(),
  maxPathLength: z.number().int().min(1).max(6).optional(),
  includeProposed: z.boolean().optional(),
});
/** The analyses' date defaults to the server's clock (ctx.now), so tests and replays are reproducible. */
const traversal = (args: Args, ctx: ApiContext) =>
  Traversal.parse(defined({ asOf: args.asOf ?? ctx.now().toISOString().slice(0, 10), maxPathLength: args.maxPathLength, includeProposed: args.includeProposed }));
const frameworkList = z.array(z.string().min(1)).min(1).max(50);

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
});

async function applyControlChange(ctx: ApiContext, change: ControlSetChange): Promise<OrgControl[]> {
  const store = evidenceStoreOf(ctx.store);
  await store.saveOrgControls(change.controls, { remove: change.removed, moveLinks: change.moveLinks });
  return store.listOrgControls();
}

const linkFrom = (args: Args): EvidenceLink => {
  if (Boolean(args.requirementId) === Boolean(args.orgControlId)) throw new InputError('give exactly one of requirementId or orgControlId');
  return EvidenceLinkSchema.parse(args.requirementId
    ? defined({ kind: 'requirement', evidenceId: args.evidenceId, requirementId: args.requirementId, note: args.note })
    : defined({ kind: 'org-control', evidenceId: args.evidenceId, orgControlId: args.orgControlId, note: args.note }));
};

/** The filter of evidenceItems and evidenceCount, checked: a date that is not one, or an id nothing has, is refused. */
async function evidenceFilterOf(args: Args, ctx: ApiContext): Promise<EvidenceCriteria> {
  if (args.expiredAsOf != null && !IsoDateSchema.safeParse(args.expiredAsOf).success) throw new InputError(`expiredAsOf: "${args.expiredAsOf}" is not a date (YYYY-MM-DD)`);
  await mustKnowFrameworks(ctx, args.frameworkId);
  await mustKnowRequirements(ctx, args.requirementId);
  return defined({ text: EvidenceText.parse(args.text ?? undefined), requirementId: args.requirementId, frameworkId: args.frameworkId, expiredAsOf: args.expiredAsOf });
}

export const analysisResolvers = {
  JSON: JSONScalar,

  Query: {
    evidenceItems: async (_: unknown, args: Args, ctx: ApiContext) => {
      const { limit, offset } = PageArgs.parse({ limit: args.limit, offset: args.offset });
      return evidenceStoreOf(ctx.store).listEvidence({ ...(await evidenceFilterOf(args, ctx)), limit, offset });
    },
    evidenceCount: async (_: unknown, args: Args, ctx: ApiContext) => evidenceStoreOf(ctx.store).countEvidence(await evidenceFilterOf(args, ctx)),
    evidence: async (_: unknown, { id }: Args, ctx: ApiContext) => (await evidenceStoreOf(ctx.store).getEvidence(id)) ?? null,
    evidenceReach: (_: unknown, args: Args, ctx: ApiContext) => reachOfEvidence(ctx.analysis, ctx.store, args.evidenceId, traversal(args, ctx)),
    requirementSupport: (_: unknown, args: Args, ctx: ApiContext) => supportOfRequirement(ctx.analysis, ctx.store, args.requirementId, traversal(args, ctx)),
    gapAnalysis: (_: unknown, args: Args, ctx: ApiContext) =>
      gapFor(ctx.analysis, ctx.store, { target: args.target, haveFrameworks: args.haveFrameworks ?? undefined, haveRequirements: args.haveRequirements ?? undefined, haveEvidence: args.haveEvidence ?? undefined, scope: args.scope ?? undefined, ...traversal(args, ctx) }),
    orgControls: (_: unknown, __: Args, ctx: ApiContext) => evidenceStoreOf(ctx.store).listOrgControls(),
    proposedControls: (_: unknown, args: Args, ctx: ApiContext) => proposeControls(ctx.analysis, frameworkList.parse(args.frameworks), args.includeProposed ?? false, ctx.now().toISOString()),
    imsPlan: (_: unknown, args: Args, ctx: ApiContext) => imsPlanFor(ctx.analysis, frameworkList.parse(args.standards), args.includeProposed ?? false),
    statementOfApplicability: (_: unknown, args: Args, ctx: ApiContext) => soaFor(ctx.analysis, ctx.store, args.frameworkId, traversal(args, ctx).asOf),
  },

  Mutation: {
    saveEvidence: (_: unknown, { input }: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      return evidenceStoreOf(ctx.store).saveEvidence(EvidenceSchema.parse(defined(input)));
    },
    deleteEvidence: (_: unknown, { id }: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      return evidenceStoreOf(ctx.store).deleteEvidence(id);
    },
    linkEvidence: (_: unknown, args: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      return evidenceStoreOf(ctx.store).linkEvidence(linkFrom(args));
    },
    unlinkEvidence: (_: unknown, args: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const link = linkFrom(args);
      return evidenceStoreOf(ctx.store).unlinkEvidence(
        link.kind === 'requirement' ? { kind: 'requirement', evidenceId: link.evidenceId, requirementId: link.requirementId } : { kind: 'org-control', evidenceId: link.evidenceId, orgControlId: link.orgControlId },
      );
    },
    adoptProposedControls: async (_: unknown, args: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const store = evidenceStoreOf(ctx.store);
      const proposal = await proposeControls(ctx.analysis, frameworkList.parse(args.frameworks), args.includeProposed ?? false, ctx.now().toISOString());
      const existing = (await store.listOrgControls()).map((c) => c.id);
      const controls = proposal.controls.map((p) => p.control);
      await store.saveOrgControls(controls, { remove: existing.filter((id) => !controls.some((c) => c.id === id)) });
      return store.listOrgControls();
    },
    mergeOrgControls: async (_: unknown, args: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const controls = await evidenceStoreOf(ctx.store).listOrgControls();
      return applyControlChange(ctx, mergeOrgControls(controls, { ...defined({ ids: args.ids, id: args.id, title: args.title, description: args.description }), at: ctx.now().toISOString() }));
    },
    splitOrgControl: async (_: unknown, args: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const controls = await evidenceStoreOf(ctx.store).listOrgControls();
      return applyControlChange(ctx, splitOrgControl(controls, { id: args.id, parts: args.parts.map(defined), at: ctx.now().toISOString() }));
    },
    renameOrgControl: async (_: unknown, args: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const controls = await evidenceStoreOf(ctx.store).listOrgControls();
      return applyControlChange(ctx, renameOrgControl(controls, { ...defined({ id: args.id, title: args.title, description: args.description }), at: ctx.now().toISOString() }));
    },
    deleteOrgControl: (_: unknown, { id }: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      return evidenceStoreOf(ctx.store).deleteOrgControl(id);
    },
    saveSoaEntries: async (_: unknown, { entries }: Args, ctx: ApiContext) => {
      requireRole(ctx.principal, 'analyst');
      const at = ctx.now().toISOString();
      await evidenceStoreOf(ctx.store).saveSoaEntries(entries.map((e: Args) => SoaEntrySchema.parse({ ...defined(e), updatedAt: at })));
      return true;
    },
  },

  Evidence: {
    links: (e: Evidence, _: Args, ctx: ApiContext) => evidenceStoreOf(ctx.store).listEvidenceLinks({ evidenceId: e.id }),
  },
  EvidenceLink: {
    requirement: (l: EvidenceLink, _: Args, ctx: ApiContext) => (l.kind === 'requirement' ? ctx.requirements.load(l.requirementId) : null),
  },
  OrgControl: {
    requirements: async (c: OrgControl, _: Args, ctx: ApiContext) => (await ctx.requirements.loadMany(c.requirementIds)).filter((r) => r && !(r instanceof Error)),
  },
};

