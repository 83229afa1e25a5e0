import { pushTo } from '../domain/multimap.js';
import { articleWords, citationFolded, separatorsFolded, unpadded } from '../domain/refSpelling.js';
import { aliasesOf } from '../domain/schemas/requirement.js';
/** How a cell was matched to a ref: exactly, or by one of the looser readings that published spreadsheets need. */
export type RefMatch = 'exact' | 'alias' | 'zero-padding' | 'separators' | 'citation' | 'ref-then-title' | 'title-then-ref';

export interface ResolvedRef {
  ref: string;
  match: RefMatch;
  /**
   * Set when the cell was read with a prefix it leaves off (see `prefixedSide` in missingPrefix.ts): the cell as written
   * and the ref it names as written, if any ("5.1" read as A.5.1, not as 5.1).
   */
  withPrefix?: { written: string; asWritten?: string };
}

/**
 * Whether the cell was one whole id, however spelt (not a ref with a title or a document name around it): what a field
 * that holds only an id (a gold file's ref, an OSCAL id-ref) may be read as.
 */
export const isWholeId = (found: ResolvedRef): boolean => found.match !== 'ref-then-title' && found.match !== 'title-then-ref';

const normal = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** A map from a looser key to the one ref it reads as; null where two refs share the key (ambiguous: never guessed). */
function uniqueBy(refs: ReadonlyMap<string, string>, key: (normalRef: string) => string): Map<string, string | null> {
  const byKey = new Map<string, string | null>();
  for (const [normalRef, ref] of refs) byKey.set(key(normalRef), byKey.has(key(normalRef)) ? null : ref);
  return byKey;
}

/**
 * What may follow a ref: its title, after a space or punctuation ("A.5.1 Policies", "GOVERN 1.1: Legal", "4.1 – Context",
 * "A.5.1(a)"). What follows must start with a letter: a number after it ("GOVERN 1.1" against the ref GOVERN, or
 * "4.1, 9.9") is another id, not a title.
 */
const TITLE_START = String.raw`(?:\s*[:;,(\u2013\u2014-]\s*|\s+)\p{L}`;
const AFTER_REF = new RegExp(`^${TITLE_START}`, 'u');
/** The shortest start of a cell that a title follows: "5.1" of "5.1 Policies", "GOVERN 1.1" of "GOVERN 1.1: Legal". */
const BEFORE_TITLE = new RegExp(`^(\\S.*?)${TITLE_START}`, 'u');

/**
 * The ids a cell writes, as written, without resolving them: its lines or `;`-separated parts, each the id before its
 * title ("5.1 Policies, procedures" is 5.1) or, when it has none, its `,`-separated parts ("5.1, 5.2"). What a title
 * starts with is read as `refResolver` reads a ref followed by a title. Meant for telling how a column writes its ids
 * (see missingPrefix); a part it cannot take apart (a document name before an id) is kept whole.
 */
export function idsOfCell(cell: string): string[] {
  return cell.split(/[\n;]/).flatMap((line) => {
    const part = line.trim();
    const titled = BEFORE_TITLE.exec(part);
    return titled ? [titled[1]!] : part.split(',').map((p) => p.trim());
  }).filter(Boolean);
}

/**
 * A letter or "annex"/"appendix" right before a trailing number makes that number part of a longer id ("Annex A 5.1"
 * is A.5.1, not clause 5.1): such a cell is not resolved by its ending.
 */
const QUALIFIED_NUMBER = /(?:^|\s)(?:[a-z]|annex|appendix|table|figure)\s*$/;

/**
 * Resolves a cell of a published mapping spreadsheet to one of a framework's refs. Exact (case and spacing aside)
 * first; else one of the aliases the catalog records for a ref ("GV-1.1" for the AI RMF's GOVERN 1.1); else the same but for zero padding ("PM-09" is PM-9), when that names one ref only; else the same but for
 * the separators between its parts ("GOVERN.1.1" is GOVERN 1.1, "A5.9" is A.5.9), when that names one ref only; else the same
 * legal citation written another way ("Article 9(2)" is Art. 9(2)), when that names one ref only; else the longest ref the cell starts with, followed by a title ("A.5.1 Policies for information security");
 * else the longest ref the cell ends with after a space, preceded by a document name ("ISO/IEC 27001:2022 A.5.1").
 * Anything else is left unresolved rather than guessed: a wrong mapping in a crosswalk is worse than a missing one.
 */
export function refResolver(refs: Iterable<string>, aliases: Iterable<readonly [alias: string, ref: string]> = []): (cell: string) => ResolvedRef | undefined {
  const byNormal = new Map<string, string>();
  for (const ref of refs) byNormal.set(normal(ref), ref);
  // Another identifier the catalog records for a ref ("GV-1.1" for GOVERN 1.1), written exactly or with other
  // separators; never one that is itself a ref, and never one two refs claim (null).
  const byAlias = new Map<string, string | null>();
  for (const [alias, ref] of aliases) {
    const key = normal(alias);
    if (byNormal.has(key)) continue;
    const earlier = byAlias.get(key);
    byAlias.set(key, earlier === undefined || earlier === ref ? ref : null);
  }
  const byAliasSeparators = uniqueBy(new Map([...byAlias].filter((entry): entry is [string, string] => entry[1] !== null)), separatorsFolded);
  const byUnpadded = uniqueBy(byNormal, unpadded);
  const bySeparators = uniqueBy(byNormal, separatorsFolded);
  const byCitation = uniqueBy(byNormal, citationFolded);
  // A catalog of articles ("Article 5", "Art. 5"): only there is "Art. 5(1)" read as its paragraph "5.1" (below).
  const hasArticles = [...byNormal.keys()].some((ref) => /^art\d/.test(citationFolded(ref)));
  // Refs with their article words written one way, so "Article 9(2)(a)" and "EU AI Act Article 17" find Art. 9(2) and Art. 17.
  const byArticleWords = uniqueBy(byNormal, articleWords);
  const longestFirst = [...byArticleWords].flatMap(([key, ref]) => (ref ? [key] : [])).sort((a, b) => b.length - a.length);
  return (cell) => {
    const text = normal(cell);
    if (!text) return undefined;
    const exact = byNormal.get(text);
    if (exact) return { ref: exact, match: 'exact' };
    const alias = byAlias.get(text) ?? byAliasSeparators.get(separatorsFolded(text));
    if (alias) return { ref: alias, match: 'alias' };
    const padded = byUnpadded.get(unpadded(text));
    if (padded) return { ref: padded, match: 'zero-padding' };
    const separated = bySeparators.get(separatorsFolded(text));
    if (separated) return { ref: separated, match: 'separators' };
    const citation = citationFolded(text);
    // Catalogs that number an article's paragraphs without the article word (CISO Assistant's GDPR: "5.1" for Art. 5(1)).
    const cited = byCitation.get(citation) ?? (hasArticles && /^art\d/.test(citation) ? byCitation.get(citation.slice(3)) : undefined);
    if (cited) return { ref: cited, match: 'citation' };
    const spelt = articleWords(text);
    const leading = longestFirst.find((ref) => spelt.startsWith(ref) && AFTER_REF.test(spelt.slice(ref.length)));
    if (leading) return { ref: byArticleWords.get(leading)!, match: 'ref-then-title' };
    // A ref that starts with its own letter ("A.6.2.4") may follow "Annex": only a bare number is part of a longer id there.
    const trailing = longestFirst.find((ref) => spelt.endsWith(` ${ref}`) && !(/^\d/.test(ref) && QUALIFIED_NUMBER.test(spelt.slice(0, -ref.length - 1))));
    if (trailing) return { ref: byArticleWords.get(trailing)!, match: 'title-then-ref' };
    return undefined;
  };
}

/** A point or sub-paragraph after a ref: "(f)", "(iv)", ", point (f)", ", point 4" (an annex's), or ISO's list item " a)". */
const TRAILING_POINT = /\s*(?:,?\s*(?:point|item)\s*\(?\s*[\p{L}\d]{1,5}\s*\)?|\(?\s*[\p{L}\d]{1,5}\s*\))\s*$/iu;

/**
 * The requirement that holds a point below the depth a catalog goes to ("Article 10(2)(f)" where the catalog stops at
 * Art. 10(2)): the cell's bracketed points taken off its end, one at a time (three at most), until what is left is a
 * whole id of a requirement with nothing under it (`hasChildren`). Where the catalog does go deeper ("Art. 10(3)" beside
 * a catalogued Art. 10(2)), the point is unknown, not coarser. A coarser reading than the cell's, so only for where that
 * is harmless (an evaluation's gold pairs), never for what is stored.
 */
export function enclosingRef(cell: string, resolve: (cell: string) => ResolvedRef | undefined, hasChildren: (ref: string) => boolean): ResolvedRef | undefined {
  let rest = cell;
  for (let taken = 0; taken < 3; taken++) {
    const shorter = rest.replace(TRAILING_POINT, '');
    if (shorter === rest || !shorter.trim()) return undefined;
    rest = shorter;
    const found = resolve(rest);
    if (found && isWholeId(found)) return hasChildren(found.ref) ? undefined : found;
  }
  return undefined;
}

/**
 * Resolves a cell that may name several refs, exact readings before loose ones: the whole cell, else its lines or
 * `;`-separated parts, else its `,`-separated parts, else (exactly only) its space-separated parts; every part must
 * resolve. So "5.2; 5.2.1" and "A.5.1 A.5.2" are two refs each, not one ref with a title. Undefined when no reading
 * resolves.
 */
export function resolveRefList(cell: string, resolve: (cell: string) => ResolvedRef | undefined): ResolvedRef[] | undefined {
  const partsOf = (separator: RegExp) => cell.split(separator).map((p) => p.trim()).filter(Boolean);
  const [whole, ...lists] = [[cell], partsOf(/[\n;]/), partsOf(/,/), partsOf(/\s+/)].map((parts) => parts.map(resolve));
  const readings = [whole!, ...lists.filter((parts) => parts.length > 1)];
  const complete = (refs: Array<ResolvedRef | undefined>): refs is ResolvedRef[] => refs.every((r) => r !== undefined);
  const exact = readings.find((refs): refs is ResolvedRef[] => complete(refs) && refs.every((r) => r.match === 'exact'));
  return exact ?? readings.slice(0, 3).find(complete);
}

/** Each framework's aliases (see ALIAS_TAG) with the ref each names, from a list of requirements. */
export function aliasesByFramework(requirements: ReadonlyArray<{ frameworkId: string; ref: string; tags: readonly string[] }>): Map<string, Array<[alias: string, ref: string]>> {
  const aliases = new Map<string, Array<[string, string]>>();
  for (const r of requirements) for (const alias of aliasesOf(r)) pushTo(aliases, r.frameworkId, [alias, r.ref]);
  return aliases;
}

/** Each framework's refs, in catalog order, from a list of requirements. */
export function refsByFramework(requirements: ReadonlyArray<{ frameworkId: string; ref: string }>): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  for (const r of requirements) pushTo(refs, r.frameworkId, r.ref);
  return refs;
}
