import { buildCoverageIndex, buildEvidenceIndex, evidenceReach, gapAnalysis, imsPlan, proposeUnifiedControls, requirementSupport, statementOfApplicability, type CoverageIndex, type EvidenceIndex, type GapHave } from '../domain/analysis/index.js';
import { approvedSteps, type ApprovedSteps } from '../domain/contradictions.js';
import { InputError, NotFoundError } from '../domain/errors.js';
import { emptyBundle, type ContentBundle } from '../domain/schemas/content.js';
import { IsoDateSchema } from '../domain/schemas/common.js';
import type { Status } from '../domain/schemas/mapping.js';
import { aliasesByFramework, refResolver, refsByFramework, type ResolvedRef } from '../interop/refResolver.js';
import { supportsEvidence, type EvidenceStore, type GraphStore } from '../store/types.js';

type RefReader = (cell: string) => ResolvedRef | undefined;

const ALL = 1_000_000_000;

/** Everything the store holds, people's mappings and reviews included. */
export async function contentFromStore(store: GraphStore): Promise<ContentBundle> {
  if (!(await store.contentFingerprint())) throw new InputError('the store holds no content yet: run "crosswalk load" first');
  const bundle = emptyBundle();
  bundle.frameworks = (await store.listFrameworks()).map(({ requirementCount: _n, ...f }) => f);
  bundle.requirements = await store.listRequirements({ limit: ALL });
  bundle.mappings = await store.findMappings({ limit: ALL });
  bundle.noCounterparts = await store.listNoCounterparts({});
  bundle.harmonizedClauses = await store.listHarmonizedClauses();
  return bundle;
}

interface CachedContent {
  key: string;
  bundle: ContentBundle;
  index: CoverageIndex;
  /** The approved mappings as walkable steps, built on first use (for contradiction checks). */
  steps?: ApprovedSteps;
}

/**
 * The analyses read the whole graph; building it (and its coverage index) once per change rather than once per
 * request keeps them fast. The cache is keyed by the store's content fingerprint and revision, which moves on
 * every write by anyone (this server, or the CLI in another process), so no caller has to report its writes.
 */
export class AnalysisContent {
  private cached?: Promise<CachedContent>;
  private evidenceCached?: { key: string; index: Promise<EvidenceIndex> };
  private readersCached?: { key: string; readers: Promise<Map<string, RefReader>> };

  constructor(private readonly store: GraphStore) {}

  /** The evidence register resolved against the graph once, for gap analyses from evidence. */
  async evidenceIndex(store: GraphStore & EvidenceStore): Promise<EvidenceIndex> {
    const content = await this.get();
    if (this.evidenceCached?.key !== content.key) {
      const index = register(store).then((reg) => buildEvidenceIndex(content.index, reg));
      index.catch(() => (this.evidenceCached = undefined));
      this.evidenceCached = { key: content.key, index };
    }
    return this.evidenceCached.index;
  }

  /** The approved graph as steps a contradiction check walks, built once per content revision. */
  async approvedSteps(): Promise<ApprovedSteps> {
    const content = await this.get();
    return (content.steps ??= approvedSteps(content.bundle.mappings));
  }

  /**
   * Each framework's refs read however they are spelt (see refResolver), for search: built once per revision from the
   * requirements alone, so a search does not wait for the whole graph.
   */
  async refReaders(): Promise<Map<string, RefReader>> {
    const key = `${await this.store.contentFingerprint()}#${await this.store.revision()}`;
    if (this.readersCached?.key !== key) {
      const readers = this.store.listRequirements({ limit: ALL }).then((requirements) => {
        const aliases = aliasesByFramework(requirements);
        return new Map([...refsByFramework(requirements)].map(([frameworkId, refs]) => [frameworkId, refResolver(refs, aliases.get(frameworkId))]));
      });
      readers.catch(() => (this.readersCached = undefined));
      this.readersCached = { key, readers };
    }
    return this.readersCached.readers;
  }

  async get(): Promise<CachedContent> {
    const key = `${await this.store.contentFingerprint()}#${await this.store.revision()}`;
    const current = this.cached;
    if (current && (await current).key === key) return current;
    this.cached = (async () => {
      const bundle = await contentFromStore(this.store);
      return { key, bundle, index: buildCoverageIndex(bundle) };
    })();
    this.cached.catch(() => (this.cached = undefined));
    return this.cached;
  }
}

export const evidenceStoreOf = (store: GraphStore): GraphStore & EvidenceStore => {
  if (!supportsEvidence(store)) throw new InputError(`the ${store.engine} store does not support evidence`);
  return store;
};

const statusesFor = (includeProposed?: boolean): Status[] => (includeProposed ? ['approved', 'proposed'] : ['approved']);
const today = () => new Date().toISOString().slice(0, 10);

export interface TraversalArgs {
  maxPathLength?: number;
  includeProposed?: boolean;
  asOf?: string;
}

async function register(store: GraphStore & EvidenceStore) {
  const [evidence, links, orgControls] = await Promise.all([store.listEvidence(), store.listEvidenceLinks(), store.listOrgControls()]);
  return { evidence, links, orgControls };
}

export async function reachOfEvidence(content: AnalysisContent, store: GraphStore, evidenceId: string, args: TraversalArgs) {
  const evidence = evidenceStoreOf(store);
  const item = await evidence.getEvidence(evidenceId);
  if (!item) throw new NotFoundError(`unknown evidence item "${evidenceId}"`);
  const [{ index }, links, orgControls] = await Promise.all([content.get(), evidence.listEvidenceLinks({ evidenceId }), evidence.listOrgControls()]);
  return evidenceReach(index, { evidence: item, links, orgControls, asOf: args.asOf ?? today(), maxPathLength: args.maxPathLength, statuses: statusesFor(args.includeProposed) });
}

export async function supportOfRequirement(content: AnalysisContent, store: GraphStore, requirementId: string, args: TraversalArgs) {
  const [{ index }, reg] = await Promise.all([content.get(), register(evidenceStoreOf(store))]);
  return requirementSupport(index, { requirementId, ...reg, asOf: args.asOf ?? today(), maxPathLength: args.maxPathLength, statuses: statusesFor(args.includeProposed) });
}

export interface GapArgs extends TraversalArgs {
  target: string;
  haveFrameworks?: string[];
  haveRequirements?: string[];
  haveEvidence?: boolean;
  /** Only the target's requirements within these tags ("role:deployer"); see tagScope.ts. */
  scope?: string[];
}

export async function gapFor(content: AnalysisContent, store: GraphStore, args: GapArgs) {
  const modes = [args.haveFrameworks?.length, args.haveRequirements?.length, args.haveEvidence].filter(Boolean).length;
  if (modes !== 1) throw new InputError('say what the organisation has with exactly one of haveFrameworks (have= in REST), haveRequirements or haveEvidence (evidence=true in REST)');
  if (args.asOf !== undefined && !IsoDateSchema.safeParse(args.asOf).success) throw new InputError(`asOf: "${args.asOf}" is not a date (YYYY-MM-DD)`);
  const { index } = await content.get();
  const have: GapHave = args.haveEvidence
    ? { kind: 'evidence', asOf: args.asOf ?? today(), evidenceIndex: await content.evidenceIndex(evidenceStoreOf(store)) }
    : args.haveFrameworks?.length
      ? { kind: 'frameworks', frameworkIds: args.haveFrameworks }
      : { kind: 'requirements', requirementIds: args.haveRequirements! };
  return gapAnalysis(index, { have, target: args.target, maxPathLength: args.maxPathLength, statuses: statusesFor(args.includeProposed), ...(args.scope?.length ? { scope: args.scope } : {}) });
}

export async function imsPlanFor(content: AnalysisContent, standards: string[], includeProposed?: boolean) {
  const { index, bundle } = await content.get();
  return imsPlan(index, { standards, harmonizedClauses: bundle.harmonizedClauses, statuses: statusesFor(includeProposed) });
}

export async function proposeControls(content: AnalysisContent, frameworks: string[], includeProposed?: boolean, at = new Date().toISOString()) {
  const { index, bundle } = await content.get();
  return proposeUnifiedControls(index, { frameworks, statuses: statusesFor(includeProposed), at, harmonizedClauses: bundle.harmonizedClauses });
}

export async function soaFor(content: AnalysisContent, store: GraphStore, frameworkId: string, asOf?: string) {
  const evidence = evidenceStoreOf(store);
  const { bundle } = await content.get();
  if (!bundle.frameworks.some((f) => f.id === frameworkId)) throw new NotFoundError(`unknown framework "${frameworkId}"`);
  const requirements = bundle.requirements.filter((r) => r.frameworkId === frameworkId);
  return statementOfApplicability({ frameworkId, requirements, entries: await evidence.listSoaEntries(frameworkId), ...(await register(evidence)), asOf: asOf ?? today() });
}
