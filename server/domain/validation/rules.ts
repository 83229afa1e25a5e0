import { frameworkShortLabel } from '../citation.js';
import type { Problem } from '../errors.js';
import { frameworkOf, splitRequirementId } from '../ids.js';
import { inverseRelationship, isEquivalence } from '../relationships.js';
import type { ContentBundle } from '../schemas/content.js';
import type { Framework } from '../schemas/framework.js';
import type { Mapping } from '../schemas/mapping.js';
import { didYouMean, unknownFramework } from '../likelyMeant.js';

export interface Location {
  file: string;
  line?: number;
  path?: string;
}

export interface DeclaredPair {
  source: string;
  target: string;
}

export interface RuleContext {
  bundle: ContentBundle;
  mappingPairs: DeclaredPair[];
  /** Where an item of the bundle was written; unknown items get a placeholder. */
  locate(item: object): Location;
}

export type Rule = (ctx: RuleContext) => Problem[];

const error = (where: Location, message: string): Problem => ({ ...where, message, severity: 'error' });
const warning = (where: Location, message: string): Problem => ({ ...where, message, severity: 'warning' });

function duplicatesBy<T>(items: T[], key: (item: T) => string): Array<[T, T]> {
  const first = new Map<string, T>();
  const pairs: Array<[T, T]> = [];
  for (const item of items) {
    const k = key(item);
    const seen = first.get(k);
    if (seen) pairs.push([seen, item]);
    else first.set(k, item);
  }
  return pairs;
}

const describe = (where: Location) => `${where.file}${where.line ? `:${where.line}` : ''}`;

export const uniqueFrameworkIds: Rule = ({ bundle, locate }) =>
  duplicatesBy(bundle.frameworks, (f) => f.id).map(([first, again]) =>
    error(locate(again), `duplicate framework id "${again.id}" (first defined at ${describe(locate(first))})`));

/** Graph nodes and table headers name frameworks by their short label, so two with the same one could not be told apart. */
export const distinctShortLabels: Rule = ({ bundle, locate }) =>
  duplicatesBy(bundle.frameworks, (f) => frameworkShortLabel(f).toLowerCase())
    .filter(([first, again]) => first.id !== again.id)
    .map(([first, again]) =>
      warning(locate(again), `${again.id} has the same short label "${frameworkShortLabel(again)}" as ${first.id} (${describe(locate(first))}): give one of them a distinct shortName`));

export const uniqueRequirementIds: Rule = ({ bundle, locate }) =>
  duplicatesBy(bundle.requirements, (r) => r.id).map(([first, again]) =>
    error(locate(again), `duplicate requirement "${again.ref}" in ${again.frameworkId} (first defined at ${describe(locate(first))})`));

/**
 * Ids and refs are case-sensitive, but what other tools write is read ignoring case ("ac-2" names AC-2), as search is:
 * two refs of one framework that differ only in case could not be told apart there.
 */
export const refsDistinctIgnoringCase: Rule = ({ bundle, locate }) =>
  duplicatesBy(bundle.requirements, (r) => `${r.frameworkId}\u0000${r.ref.toLowerCase()}`)
    .filter(([first, again]) => first.ref !== again.ref)
    .map(([first, again]) =>
      warning(locate(again), `ref "${again.ref}" differs from "${first.ref}" (at ${describe(locate(first))}) only in case: files that name either are read as one of them; give one of them another ref`));

export const knownParents: Rule = ({ bundle, locate }) => {
  const byId = new Map(bundle.requirements.map((r) => [r.id, r]));
  const problems: Problem[] = [];
  for (const requirement of bundle.requirements) {
    if (!requirement.parentId) continue;
    if (!byId.has(requirement.parentId)) {
      problems.push(error(locate(requirement), `unknown parent "${splitRequirementId(requirement.parentId).ref}" of "${requirement.ref}" (no such ref in ${requirement.frameworkId})`));
      continue;
    }
    const seen = new Set([requirement.id]);
    for (let up = byId.get(requirement.parentId); up?.parentId; up = byId.get(up.parentId)) {
      if (seen.has(up.id)) {
        problems.push(error(locate(requirement), `parent cycle: "${requirement.ref}" is its own ancestor`));
        break;
      }
      seen.add(up.id);
    }
  }
  return problems;
};

interface Catalog {
  frameworks: Map<string, Framework>;
  requirementIds: Set<string>;
}

const catalogOf = (bundle: ContentBundle): Catalog => ({
  frameworks: new Map(bundle.frameworks.map((f) => [f.id, f])),
  requirementIds: new Set(bundle.requirements.map((r) => r.id)),
});

/** Explains a requirement id that does not resolve: unknown framework, another edition's id, or a plain dangling ref. */
function explainUnknown(id: string, { frameworks, requirementIds }: Catalog): string {
  const { frameworkId, ref } = splitRequirementId(id);
  const framework = frameworks.get(frameworkId);
  if (!framework) return unknownFramework(frameworkId, frameworks.keys());
  const colon = ref.indexOf(':');
  if (colon > 0 && frameworks.has(ref.slice(0, colon)) && ref.slice(0, colon) !== frameworkId)
    return `edition mismatch: "${ref}" belongs to ${ref.slice(0, colon)}, but this side of the file is ${frameworkId}`;
  const otherEditions = [...frameworks.values()].filter(
    (f) => f.id !== frameworkId && f.family && f.family === framework.family && requirementIds.has(`${f.id}:${ref}`),
  );
  if (otherEditions.length)
    return `edition mismatch: "${ref}" does not exist in ${frameworkId} but does in ${otherEditions.map((f) => f.id).join(', ')}`;
  return `unknown requirement "${ref}" in ${frameworkId}${didYouMean(id, requirementIds)}`;
}

export const knownMappingFrameworks: Rule = ({ bundle, mappingPairs, locate }) => {
  const known = new Set(bundle.frameworks.map((f) => f.id));
  return mappingPairs.flatMap((pair) =>
    (['source', 'target'] as const)
      .filter((side) => !known.has(pair[side]))
      .map((side) => error(locate(pair), `unknown ${side} framework "${pair[side]}" (known: ${[...known].sort().join(', ')})`)),
  );
};

export const resolvedMappingEndpoints: Rule = ({ bundle, locate }) => {
  const catalog = catalogOf(bundle);
  const problems: Problem[] = [];
  for (const mapping of bundle.mappings) {
    if (!catalog.frameworks.has(frameworkOf(mapping.source)) || !catalog.frameworks.has(frameworkOf(mapping.target))) continue;
    for (const side of ['source', 'target'] as const) {
      if (!catalog.requirementIds.has(mapping[side])) problems.push(error(locate(mapping), `${side}: ${explainUnknown(mapping[side], catalog)}`));
    }
    if (mapping.source === mapping.target) problems.push(error(locate(mapping), `self-loop: "${mapping.source}" is mapped to itself`));
  }
  return problems;
};

const pairKey = (m: Mapping) => `${m.source}\u0000${m.target}`;

export const noDuplicateOrContradictoryPairs: Rule = ({ bundle, locate }) => {
  const byPair = new Map<string, Mapping>();
  const problems: Problem[] = [];
  for (const mapping of bundle.mappings) {
    const same = byPair.get(pairKey(mapping));
    if (same) {
      problems.push(error(locate(mapping), `duplicate pair ${mapping.source} → ${mapping.target} (already stated at ${describe(locate(same))})`));
      continue;
    }
    const inverse = byPair.get(`${mapping.target}\u0000${mapping.source}`);
    if (inverse) {
      const agrees = inverse.relationship === inverseRelationship(mapping.relationship);
      problems.push(
        error(
          locate(mapping),
          agrees
            ? `pair stated twice: ${mapping.source} → ${mapping.target} is the inverse of the mapping at ${describe(locate(inverse))}; keep one direction`
            : `contradictory pair: ${mapping.source} ${mapping.relationship} ${mapping.target}, but ${describe(locate(inverse))} says ${inverse.source} ${inverse.relationship} ${inverse.target}`,
        ),
      );
      continue;
    }
    byPair.set(pairKey(mapping), mapping);
  }
  return problems;
};

export const plausibleStrengths: Rule = ({ bundle, locate }) =>
  bundle.mappings.flatMap((m) => {
    if (m.relationship === 'no-relationship' && m.strength > 0)
      return [warning(locate(m), `no-relationship with strength ${m.strength}; a pair with no relationship has strength 0`)];
    if (isEquivalence(m.relationship) && m.strength < 7)
      return [warning(locate(m), `${m.relationship} with strength ${m.strength}; equal or equivalent pairs are 7–10 (use intersects-with for weaker overlap)`)];
    return [];
  });

export const resolvedNoCounterparts: Rule = ({ bundle, locate }) => {
  const catalog = catalogOf(bundle);
  const approvedPartners = new Set<string>();
  for (const m of bundle.mappings) {
    if (m.status !== 'approved' || m.relationship === 'no-relationship') continue;
    approvedPartners.add(`${m.source}\u0000${frameworkOf(m.target)}`);
    approvedPartners.add(`${m.target}\u0000${frameworkOf(m.source)}`);
  }
  const problems: Problem[] = [];
  for (const record of bundle.noCounterparts) {
    if (!catalog.requirementIds.has(record.requirementId)) {
      problems.push(error(locate(record), explainUnknown(record.requirementId, catalog)));
    } else if (approvedPartners.has(`${record.requirementId}\u0000${record.otherFrameworkId}`)) {
      problems.push(error(locate(record), `contradiction: "${record.requirementId}" is marked as having no counterpart in ${record.otherFrameworkId}, but an approved mapping links it there`));
    }
  }
  for (const [first, again] of duplicatesBy(bundle.noCounterparts, (r) => `${r.requirementId}\u0000${r.otherFrameworkId}`))
    problems.push(error(locate(again), `duplicate no-counterpart record for "${again.requirementId}" in ${again.otherFrameworkId} (first at ${describe(locate(first))})`));
  return problems;
};

export const resolvedHarmonizedClauses: Rule = ({ bundle, locate }) => {
  const catalog = catalogOf(bundle);
  const problems: Problem[] = [];
  for (const concept of bundle.harmonizedClauses) {
    for (const id of concept.requirementIds)
      if (!catalog.requirementIds.has(id)) problems.push(error(locate(concept), `${concept.id}: ${explainUnknown(id, catalog)}`));
  }
  for (const [first, again] of duplicatesBy(bundle.harmonizedClauses, (c) => c.id))
    problems.push(error(locate(again), `duplicate harmonized clause "${again.id}" (first at ${describe(locate(first))})`));
  return problems;
};

export const CONTENT_RULES: Rule[] = [
  uniqueFrameworkIds,
  distinctShortLabels,
  uniqueRequirementIds,
  refsDistinctIgnoringCase,
  knownParents,
  knownMappingFrameworks,
  resolvedMappingEndpoints,
  noDuplicateOrContradictoryPairs,
  plausibleStrengths,
  resolvedNoCounterparts,
  resolvedHarmonizedClauses,
];

export const runRules = (ctx: RuleContext, rules: Rule[] = CONTENT_RULES): Problem[] => rules.flatMap((rule) => rule(ctx));
