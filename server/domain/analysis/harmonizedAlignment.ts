import { NotFoundError } from '../errors.js';
import { frameworkOf, splitRequirementId } from '../ids.js';
import type { ContentBundle } from '../schemas/content.js';
import { unknownFramework } from '../likelyMeant.js';

/** A clause of the framework being aligned, and the clause of a harmonized standard it was matched with. */
export interface AlignedClause {
  ref: string;
  title: string;
  matches: { requirementId: string; title: string };
}

export interface HarmonizedAlignment {
  frameworkId: string;
  concepts: Array<{ conceptId: string; conceptTitle: string; clauses: AlignedClause[] }>;
  /** Numbered clauses of the main body (4 to 10) that matched no concept, for the analyst to place by hand. */
  unmatched: Array<{ ref: string; title: string }>;
}

const STOP_WORDS = new Set(['the', 'of', 'and', 'to', 'for', 'a', 'an', 'in', 'on', 'its', 'with', 'by', 'iso', 'iec', 'requirements', 'guidance', 'use']);
/** Words every harmonized-structure standard shares in its name; the rest of a name is its discipline. */
const SHARED_NAME_WORDS = new Set(['management', 'system']);

const wordsOf = (text: string) =>
  (text.toLowerCase().match(/\p{L}+/gu) ?? []).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)).filter((w) => !STOP_WORDS.has(w));

/** A clause title without its discipline: "Determining the scope of the information security management system" → determining, scope, management, system. */
const titleWords = (title: string, discipline: Set<string>) => new Set(wordsOf(title).filter((w) => !discipline.has(w)));

/** The share of the shorter title's words that the other title has too. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (!small.size) return 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size;
}

const sameWords = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((w) => b.has(w));

/** How alike two clause titles must be, once their disciplines are set aside. */
export const TITLE_OVERLAP = 0.6;
const MAIN_BODY = /^(4|5|6|7|8|9|10)(\.\d+)*$/;

/**
 * Proposes, for a harmonized-structure standard that Crosswalk does not ship (ISO 14001, 22301, 45001, …), which of
 * its clauses realise which concept of the harmonized structure: a clause is proposed for a concept when a standard
 * already placed there has a clause with the same number and a like title, once each title's discipline words (the
 * words of its standard's name, such as "information security" or "business continuity") are set aside, or, within
 * the same clause, another number and the same title of two words or more (standards order clause 10 differently).
 * Numbers alone never decide ("6.1.2 Environmental aspects" is not "6.1.2 Information security risk assessment"). The
 * result is a draft for a person to review, not a mapping.
 */
export function proposeHarmonizedAlignment(bundle: ContentBundle, frameworkId: string): HarmonizedAlignment {
  const framework = bundle.frameworks.find((f) => f.id === frameworkId);
  if (!framework) throw new NotFoundError(unknownFramework(frameworkId, bundle.frameworks.map((f) => f.id)));
  const disciplineOf = new Map(bundle.frameworks.map((f) => [f.id, new Set(wordsOf(f.name).filter((w) => !SHARED_NAME_WORDS.has(w)))]));
  const requirements = new Map(bundle.requirements.map((r) => [r.id, r]));
  const own = bundle.requirements.filter((r) => r.frameworkId === frameworkId && MAIN_BODY.test(r.ref));
  // Clauses already placed (in a file written earlier) are neither proposed again nor listed as unmatched.
  const placed = new Set(bundle.harmonizedClauses.flatMap((c) => c.requirementIds).filter((id) => frameworkOf(id) === frameworkId).map((id) => splitRequirementId(id).ref));
  const concepts = bundle.harmonizedClauses
    .slice()
    .sort((a, b) => a.order - b.order)
    .flatMap((concept) => {
      if (concept.requirementIds.some((id) => frameworkOf(id) === frameworkId)) return [];
      const realised = concept.requirementIds.filter((id) => requirements.has(id));
      const clauses = own.filter((clause) => !placed.has(clause.ref)).flatMap((clause): AlignedClause[] => {
        const words = titleWords(clause.title, disciplineOf.get(frameworkId)!);
        const alike = (id: string) => {
          const other = requirements.get(id)!;
          const otherWords = titleWords(other.title, disciplineOf.get(other.frameworkId) ?? new Set());
          const ref = splitRequirementId(id).ref;
          if (ref === clause.ref) return overlap(words, otherWords) >= TITLE_OVERLAP;
          // Standards order subclauses differently (clause 10 of ISO 9001:2015, ISO 22301:2019): within the same
          // clause, the same title of two words or more places it too.
          return ref.split('.')[0] === clause.ref.split('.')[0] && words.size >= 2 && sameWords(words, otherWords);
        };
        const match = realised.find((id) => splitRequirementId(id).ref === clause.ref && alike(id)) ?? realised.find(alike);
        return match ? [{ ref: clause.ref, title: clause.title, matches: { requirementId: match, title: requirements.get(match)!.title } }] : [];
      });
      clauses.forEach((c) => placed.add(c.ref));
      return clauses.length ? [{ conceptId: concept.id, conceptTitle: concept.title, clauses }] : [];
    });
  return { frameworkId, concepts, unmatched: own.filter((r) => !placed.has(r.ref)).map((r) => ({ ref: r.ref, title: r.title })) };
}
