import { canonicalJson } from '../../../domain/fingerprint.js';
import { applyReview } from '../../../domain/review.js';
import type { ContentBundle } from '../../../domain/schemas/content.js';
import type { Framework } from '../../../domain/schemas/framework.js';
import type { HarmonizedClause } from '../../../domain/schemas/harmonizedClause.js';
import type { Mapping, NoCounterpart } from '../../../domain/schemas/mapping.js';
import type { Requirement } from '../../../domain/schemas/requirement.js';
import type { LoadCounts, ReviewDecision } from '../../types.js';
import {
  fromFramework, fromHarmonizedClause, fromMapping, fromNoCounterpart, fromRequirement, frameworkOrder, toFramework, toHarmonizedClause,
  toMapping, toNoCounterpart, toRequirement,
} from '../conversion.js';

/** What the store holds before a load, as far as a load may change it. */
export interface StoredContent {
  frameworks: Array<{ framework: Framework; order: number }>;
  /** All of them: every requirement came from a file at some point. */
  requirements: Requirement[];
  /** Mappings with origin reference or import. */
  fileMappings: Mapping[];
  /** Ids of the mappings people made (origin user or suggestion): a load never overwrites them. */
  otherMappingIds: Set<string>;
  /** No-counterpart records with origin reference or import. */
  fileNoCounterparts: NoCounterpart[];
  harmonizedClauses: HarmonizedClause[];
  /** The latest review of each reviewed mapping. */
  latestReviews: Map<string, ReviewDecision>;
}

export interface KindPlan<T> {
  counts: LoadCounts;
  /** Items to create or replace, each key once (the last one in the bundle wins, as with an upsert). */
  write: T[];
  /** Stored keys whose stored item is replaced (they must be deleted first where replacing means re-creating). */
  replaced: string[];
  /** Stored items whose key the bundle no longer has. */
  vanished: T[];
}

export interface ContentPlan {
  frameworks: KindPlan<{ framework: Framework; order: number }>;
  requirements: KindPlan<Requirement>;
  mappings: KindPlan<Mapping>;
  noCounterparts: KindPlan<NoCounterpart>;
  harmonizedClauses: KindPlan<HarmonizedClause>;
  reviewsKept: number;
  /** References the store could not satisfy; a load with any must write nothing. */
  problems: string[];
}

export const noCounterpartKey = (n: Pick<NoCounterpart, 'requirementId' | 'otherFrameworkId'>) => `${n.requirementId}\u0000${n.otherFrameworkId}`;

/**
 * Compares bundle items with stored ones by key, exactly as the SQLite store's syncTable does: an item is added when
 * its key is not stored, updated when what is stored differs, and the stored keys left over have vanished.
 */
export function planKind<T>(items: T[], stored: T[], key: (item: T) => string, same: (a: T, b: T) => boolean): KindPlan<T> {
  const before = new Map(stored.map((item) => [key(item), item]));
  const counts: LoadCounts = { added: 0, updated: 0, removed: 0 };
  const write = new Map<string, T>();
  const replaced = new Set<string>();
  for (const item of items) {
    const k = key(item);
    const old = before.get(k);
    if (!old) {
      counts.added++;
      write.set(k, item);
    } else {
      if (!same(item, old)) {
        counts.updated++;
        write.set(k, item);
        replaced.add(k);
      }
      before.delete(k);
    }
  }
  return { counts, write: [...write.values()], replaced: [...replaced], vanished: [...before.values()] };
}

/**
 * Equal as stored: both sides go through the conversion to properties and back (so only stored fields count), then
 * compare as canonical JSON (absent optional fields and key order do not count).
 */
const sameStored = <T>(roundTrip: (item: T) => unknown) => (a: T, b: T) => canonicalJson(roundTrip(a)) === canonicalJson(roundTrip(b));

const ROUND_TRIP = {
  framework: ({ framework, order }: { framework: Framework; order: number }) => {
    const props = fromFramework(framework, order);
    return { framework: toFramework(props), order: frameworkOrder(props) };
  },
  requirement: (r: Requirement) => toRequirement(fromRequirement(r)),
  mapping: (m: Mapping) => {
    const row = fromMapping(m);
    return toMapping({ ...row.props, source: row.source, target: row.target });
  },
  noCounterpart: (n: NoCounterpart) => toNoCounterpart(fromNoCounterpart(n)),
  harmonizedClause: (c: HarmonizedClause) =>
    toHarmonizedClause(fromHarmonizedClause(c), c.requirementIds.map((id, order) => ({ id, order }))),
};

/**
 * Decides everything a load does, before anything is written: per kind what to write and what has gone, the
 * counts LoadSummary reports, and which references would dangle. File mappings get their latest review re-applied
 * first, so a reviewed mapping whose file entry did not change is not rewritten.
 */
export function planContentSync(stored: StoredContent, bundle: ContentBundle): ContentPlan {
  let reviewsKept = 0;
  const mappings = bundle.mappings.map((m) => {
    const review = stored.latestReviews.get(m.id);
    if (!review) return m;
    reviewsKept++;
    return applyReview(m, review);
  });

  const frameworks = planKind(
    bundle.frameworks.map((framework, order) => ({ framework, order })),
    stored.frameworks,
    (f) => f.framework.id,
    sameStored(ROUND_TRIP.framework),
  );
  const requirements = planKind(bundle.requirements, stored.requirements, (r) => r.id, sameStored(ROUND_TRIP.requirement));
  const mappingPlan = planKind(mappings, stored.fileMappings, (m) => m.id, sameStored(ROUND_TRIP.mapping));
  // A file mapping whose id a person's mapping already has counts as added but is not written: theirs wins.
  mappingPlan.write = mappingPlan.write.filter((m) => !stored.otherMappingIds.has(m.id));
  const noCounterparts = planKind(bundle.noCounterparts, stored.fileNoCounterparts, noCounterpartKey, sameStored(ROUND_TRIP.noCounterpart));
  const harmonizedClauses = planKind(bundle.harmonizedClauses, stored.harmonizedClauses, (c) => c.id, sameStored(ROUND_TRIP.harmonizedClause));

  const frameworkIds = new Set([...bundle.frameworks.map((f) => f.id), ...stored.frameworks.map((f) => f.framework.id)]);
  const requirementIds = new Set([...bundle.requirements.map((r) => r.id), ...stored.requirements.map((r) => r.id)]);
  const problems: string[] = [];
  const check = (known: Set<string>, id: string, what: string) => {
    if (!known.has(id)) problems.push(`${what} refers to unknown ${known === frameworkIds ? 'framework' : 'requirement'} "${id}"`);
  };
  for (const r of requirements.write) check(frameworkIds, r.frameworkId, `requirement "${r.id}"`);
  for (const m of mappingPlan.write) {
    check(requirementIds, m.source, `mapping "${m.id}"`);
    check(requirementIds, m.target, `mapping "${m.id}"`);
  }
  for (const n of noCounterparts.write) check(requirementIds, n.requirementId, `no-counterpart record for "${n.requirementId}"`);
  for (const c of harmonizedClauses.write) c.requirementIds.forEach((id) => check(requirementIds, id, `harmonized clause "${c.id}"`));

  return { frameworks, requirements, mappings: mappingPlan, noCounterparts, harmonizedClauses, reviewsKept, problems };
}
