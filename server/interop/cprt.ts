import { z } from 'zod';
import { maybeKind } from '../content/csvCatalog.js';
import type { CatalogFile } from '../content/fileSchemas.js';
import { formatPath, type PathSegment } from '../content/yamlDocument.js';
import { FrameworkIdSchema, RefSchema, TagSchema } from '../domain/schemas/common.js';
import { WITHDRAWN_TAG } from '../domain/schemas/requirement.js';
import { isRecord, parseJsonInput, problemReporter } from './jsonInput.js';
import { slugify } from './maybeRelationship.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';

export interface CprtImportOptions extends ImportOptions {
  /** Crosswalk framework id per CPRT doc_identifier; defaults to the identifier as a slug ("AI_100_1_0_0" → "ai-100-1-0-0"). */
  frameworkIds?: Record<string, string>;
  /** The framework id when the export holds one document (the CLI's --framework-id). */
  frameworkId?: string;
  /**
   * Import only elements of these types (e.g. function, category, subcategory); children of left-out elements move up.
   * Without them, every type but CPRT's helper types (`CPRT_HELPER_TYPES`) is imported; a helper type named here is
   * imported too.
   */
  elementTypes?: readonly string[];
  /** Publisher of the documents; CPRT is NIST's tool, so "NIST" by default. */
  publisher?: string;
  licence?: string;
}

const DEFAULT_LICENCE = 'Imported by the user from a NIST CPRT export; NIST publications are in the U.S. public domain.';

/**
 * CPRT's bookkeeping elements, as NIST's exports have them (CSF 2.0, SP 800-53 Rev. 5.1.1, SP 800-171 Rev. 3, the
 * AI RMF): each hangs by a projection off the element it describes and is read into that element instead of becoming
 * a requirement. `sort` ("S-GV.OC", title "00001.00001") is the element's position among its siblings;
 * `withdraw_reason` ("WR-RS.IM", text "Incorporated into ID.IM") says the element was withdrawn, and is the source of
 * the relationships to where its content went; `party` (CSF 2.0's two shared elements "first" and "third", 1st- and
 * 3rd-party risk) labels the subcategories that project onto it.
 */
export const CPRT_HELPER_TYPES: readonly string[] = ['sort', 'withdraw_reason', 'party'];
/** The relationships from a withdraw_reason element to the elements that took the withdrawn one's content, as tags. */
const WITHDRAWAL_TAGS = new Map([['incorporated_into', 'incorporated-into'], ['moved_to', 'moved-to'], ['addressed_by', 'addressed-by']]);

/** Compares CPRT sort keys ("00002.00010" after "00002.00009", "00002" before "00002.00001"), number by number. */
function compareSortKeys(a: string, b: string): number {
  const [x, y] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = /^\d+$/.test(x[i]!) && /^\d+$/.test(y[i]!) ? Number(x[i]) - Number(y[i]) : x[i]!.localeCompare(y[i]!);
    if (order) return order;
  }
  return x.length - y.length;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

interface Element {
  doc: string;
  id: string;
  type: string;
  title: string;
  text: string;
  at: PathSegment[];
}

/**
 * Reads a NIST CPRT JSON export (`{response: {elements: {documents, elements, relationships}}}`, or the bare
 * `{documents, elements, relationships}` of CPRT's schema) into one catalog per document. Elements become requirements
 * with their element_identifier as ref, title as title, text as summary and element_type as kind; parents come from
 * "projection" relationships within a document (source = parent, dest = child), siblings in the order of their sort
 * keys (those without one after them, as the export lists them). Helper elements (`CPRT_HELPER_TYPES`) are read into
 * the element they hang off: a withdraw_reason makes it `withdrawn`, with a tag per incorporated_into, moved_to or
 * addressed_by relationship of the reason (`incorporated-into:GV.OC`) and the reason as summary when it has no text of
 * its own; a party gives it the tag `party:first`. Other relationships, and those between documents, are not
 * set-theory mappings and are counted in a warning, not imported.
 */
export function importCprt(text: string, options: CprtImportOptions): ImportResult {
  const { file } = options;
  const parsed = parseJsonInput(text, file);
  const { problems, report } = problemReporter(file, [...parsed.problems]);
  if (parsed.data === undefined) return emptyImport(problems);

  const root = parsed.data;
  const wrapped = isRecord(root) && isRecord(root.response) && isRecord(root.response.elements) ? root.response.elements : undefined;
  const graph = wrapped ?? (isRecord(root) && Array.isArray(root.elements) ? root : undefined);
  const base: PathSegment[] = wrapped ? ['response', 'elements'] : [];
  if (!graph || !Array.isArray(graph.elements)) {
    report([], 'not a CPRT export: expected "response.elements" with "documents", "elements" and "relationships"');
    return emptyImport(problems);
  }
  const documents = Array.isArray(graph.documents) ? graph.documents : [];
  if (!documents.length) report([...base, 'documents'], 'no documents');
  if (options.frameworkId && documents.length > 1) report([...base, 'documents'], `--framework-id applies to an export of one document; this one has ${documents.length} (use frameworkIds per doc_identifier)`);

  // Documents → frameworks.
  const docs = new Map<string, { frameworkId: string; name: string; version: string; website?: string; at: PathSegment[] }>();
  documents.forEach((doc, i) => {
    const at: PathSegment[] = [...base, 'documents', i];
    if (!isRecord(doc) || !str(doc.doc_identifier)) return report(at, 'a document needs a doc_identifier');
    const identifier = str(doc.doc_identifier)!;
    const frameworkId = options.frameworkIds?.[identifier] ?? (documents.length === 1 ? options.frameworkId : undefined) ?? slugify(identifier);
    const check = FrameworkIdSchema.safeParse(frameworkId);
    if (!check.success) report([...at, 'doc_identifier'], `framework id "${frameworkId}": ${check.error.issues[0]?.message} (pass one with --framework-id)`);
    const website = str(doc.website);
    docs.set(identifier, {
      frameworkId,
      name: str(doc.name)?.trim() || identifier,
      version: str(doc.version)?.trim().replace(/\s+/g, ' ') || '1',
      ...(website && z.url().safeParse(website).success ? { website } : {}),
      at,
    });
  });

  // Elements, keyed by document and identifier.
  // No types, or an empty list (the CLI's and the API's reading of an absent --element-types), keeps every type.
  const wanted = options.elementTypes?.length ? new Set(options.elementTypes.map((t) => t.toLowerCase())) : undefined;
  const elements = new Map<string, Element>();
  const key = (doc: string, id: string) => `${doc}\u0000${id}`;
  const unknownDocs = new Map<string, number>();
  graph.elements.forEach((raw, i) => {
    const at: PathSegment[] = [...base, 'elements', i];
    if (!isRecord(raw)) return report(at, 'expected an element object');
    const doc = str(raw.doc_identifier) ?? (docs.size === 1 ? [...docs.keys()][0]! : undefined);
    const id = str(raw.element_identifier)?.trim();
    if (!doc) return report([...at, 'doc_identifier'], 'missing doc_identifier');
    if (!id) return report([...at, 'element_identifier'], 'missing element_identifier');
    if (!docs.has(doc)) return void unknownDocs.set(doc, (unknownDocs.get(doc) ?? 0) + 1);
    const checked = RefSchema.safeParse(id);
    if (!checked.success) return report([...at, 'element_identifier'], `"${id}": ${checked.error.issues[0]?.message}`);
    if (elements.has(key(doc, id))) return report([...at, 'element_identifier'], `"${id}" is used again in ${doc} (first at ${formatPath(elements.get(key(doc, id))!.at)})`);
    elements.set(key(doc, id), { doc, id, type: str(raw.element_type)?.trim() || 'element', title: str(raw.title)?.trim() ?? '', text: str(raw.text)?.trim() ?? '', at });
  });
  for (const [doc, count] of unknownDocs) report([...base, 'elements'], `${count} element(s) of document "${doc}", which the export does not describe, were not imported`, 'warning');
  // A type asked for that no element has is most likely misspelt: name the types the export does have.
  const presentTypes = new Set([...elements.values()].map((e) => e.type.toLowerCase()));
  const absentTypes = wanted ? [...wanted].filter((t) => !presentTypes.has(t)) : [];
  const noneWanted = wanted !== undefined && absentTypes.length === wanted.size;
  if (absentTypes.length)
    report([...base, 'elements'], `no element has the type${absentTypes.length > 1 ? 's' : ''} ${absentTypes.map((t) => `"${t}"`).join(', ')} (the export's types: ${[...presentTypes].sort().join(', ') || 'none'})`, noneWanted ? 'error' : 'warning');

  const helperTypes = new Set(CPRT_HELPER_TYPES);
  const include = (e: Element) => (wanted ? wanted.has(e.type.toLowerCase()) : !helperTypes.has(e.type.toLowerCase()));

  // Projection relationships within a document give the hierarchy; those onto a helper element, and the withdrawal
  // relationships of a withdraw_reason, describe the element instead.
  const sortKeyOf = new Map<string, string>();
  const reasonOf = new Map<string, string>();
  const labelsOf = new Map<string, string[]>();
  const withdrawalsOf = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  const edgeAt = new Map<string, number>();
  const ignored = new Map<string, number>();
  const secondParents: Array<{ at: PathSegment[]; child: string; kept: string; ignored: string }> = [];
  const relationships = Array.isArray(graph.relationships) ? graph.relationships : [];
  relationships.forEach((raw, i) => {
    const at: PathSegment[] = [...base, 'relationships', i];
    if (!isRecord(raw)) return report(at, 'expected a relationship object');
    const type = str(raw.relationship_identifier) ?? '';
    const destDoc = str(raw.dest_doc_identifier) ?? (docs.size === 1 ? [...docs.keys()][0]! : '');
    const sourceDoc = str(raw.source_doc_identifier) ?? destDoc;
    const parent = key(sourceDoc, str(raw.source_element_identifier)?.trim() ?? '');
    const child = key(destDoc, str(raw.dest_element_identifier)?.trim() ?? '');
    const withdrawal = WITHDRAWAL_TAGS.get(type);
    const target = str(raw.dest_element_identifier)?.trim();
    if (withdrawal && target && sourceDoc === destDoc && elements.get(parent)?.type.toLowerCase() === 'withdraw_reason')
      return void withdrawalsOf.set(parent, [...(withdrawalsOf.get(parent) ?? []), `${withdrawal}:${target}`]);
    if (type !== 'projection' || sourceDoc !== destDoc) return void ignored.set(type || '(none)', (ignored.get(type || '(none)') ?? 0) + 1);
    if (!elements.has(parent) || !elements.has(child)) {
      if (docs.has(destDoc)) report(at, `projection between "${str(raw.source_element_identifier)}" and "${str(raw.dest_element_identifier)}" names an element that is not in the export`, 'warning');
      return;
    }
    const dest = elements.get(child)!;
    const destType = dest.type.toLowerCase();
    if (destType === 'sort' && !sortKeyOf.has(parent)) sortKeyOf.set(parent, dest.title);
    if (destType === 'withdraw_reason' && !reasonOf.has(parent)) reasonOf.set(parent, child);
    if (destType === 'party') labelsOf.set(parent, [...(labelsOf.get(parent) ?? []), `party:${dest.id}`]);
    if (helperTypes.has(destType) && !include(dest)) return; // read into its element, and no parent of anything
    if (parentOf.has(child)) return void secondParents.push({ at, child: elements.get(child)!.id, kept: elements.get(parentOf.get(child)!)!.id, ignored: elements.get(parent)!.id });
    parentOf.set(child, parent);
    edgeAt.set(child, i);
  });
  // Some exports project an element from several others (SP 800-172's tactics and effects): one warning for all.
  const [firstSecond] = secondParents;
  if (firstSecond && secondParents.length === 1) report(firstSecond.at, `"${firstSecond.child}" already has a parent ("${firstSecond.kept}"); this projection from "${firstSecond.ignored}" is ignored`, 'warning');
  else if (firstSecond) {
    const children = [...new Set(secondParents.map((p) => p.child))];
    const examples = children.slice(0, 3).map((child) => `"${child}" (under "${secondParents.find((p) => p.child === child)!.kept}", not also under ${[...new Set(secondParents.filter((p) => p.child === child).map((p) => `"${p.ignored}"`))].slice(0, 3).join(', ')})`);
    report(firstSecond.at, `${secondParents.length} projection(s) would give ${children.length} element(s) a second parent and were ignored, each element keeping its first parent: ${examples.join('; ')}${children.length > 3 ? '; …' : ''} (this is the first)`, 'warning');
  }
  for (const [type, count] of ignored) {
    const read = WITHDRAWAL_TAGS.has(type) ? 'such relationships are read only from a withdraw_reason element to an element of its document' : 'only "projection" within a document (the hierarchy) is read';
    report([...base, 'relationships'], `${count} "${type}" relationship(s) were not imported: ${read}`, 'warning');
  }

  // Break cycles at their last-stated projection, then skip unwanted element types (their children move up to the
  // nearest wanted ancestor).
  for (const start of [...parentOf.keys()]) {
    const cycle = [start];
    for (let node = parentOf.get(start); node !== undefined; node = parentOf.get(node)) {
      if (node === start) {
        const victim = cycle.reduce((a, b) => (edgeAt.get(b)! > edgeAt.get(a)! ? b : a));
        report([...base, 'relationships', edgeAt.get(victim)!], `"${elements.get(victim)!.id}" is its own ancestor through projection relationships; this projection is ignored`, 'warning');
        parentOf.delete(victim);
        break;
      }
      if (cycle.includes(node)) break; // a cycle above this element: broken when the walk starts from one of its members
      cycle.push(node);
    }
  }
  const includedParent = (k: string): string | undefined => {
    for (let node = parentOf.get(k); node !== undefined; node = parentOf.get(node)) if (include(elements.get(node)!)) return node;
    return undefined;
  };

  const catalogs: CatalogFile[] = [];
  for (const [identifier, doc] of docs) {
    const own = [...elements.entries()].filter(([, e]) => e.doc === identifier && include(e));
    const children = new Map<string | undefined, string[]>();
    for (const [k] of own) {
      const parent = includedParent(k);
      children.set(parent, [...(children.get(parent) ?? []), k]);
    }
    // Siblings with a sort key in its order (a stable sort keeps ties as listed), then those without as listed (in
    // NIST's exports the keys cover functions, categories and subcategories or families and controls; an element
    // without one, such as an example, only meets keyed ones when --element-types moves it up).
    const ordered = (list: string[]) => [
      ...list.filter((k) => sortKeyOf.has(k)).sort((a, b) => compareSortKeys(sortKeyOf.get(a)!, sortKeyOf.get(b)!)),
      ...list.filter((k) => !sortKeyOf.has(k)),
    ];
    const requirements: CatalogFile['requirements'] = [];
    const walk = (k: string, parent: string | undefined) => {
      const e = elements.get(k)!;
      const reason = reasonOf.get(k);
      const summary = e.text || (reason && elements.get(reason)!.text ? `Withdrawn: ${elements.get(reason)!.text}` : '');
      const tags = [...new Set([...(reason ? [WITHDRAWN_TAG, ...(withdrawalsOf.get(reason) ?? [])] : []), ...(labelsOf.get(k) ?? [])])].filter((t) => TagSchema.safeParse(t).success);
      requirements.push({ ref: e.id, kind: maybeKind(e.type), title: e.title, ...(summary ? { summary } : {}), ...(parent ? { parent } : {}), ...(tags.length ? { tags } : {}) });
      for (const child of ordered(children.get(k) ?? [])) walk(child, e.id);
    };
    for (const k of ordered(children.get(undefined) ?? [])) walk(k, undefined);
    if (!requirements.length && !noneWanted) report(doc.at, `document "${identifier}" has no elements${wanted ? ` of the types ${[...wanted].join(', ')}` : ''}`);
    catalogs.push({
      framework: {
        id: doc.frameworkId,
        name: doc.name,
        edition: doc.version,
        publisher: options.publisher?.trim() || 'NIST',
        licence: options.licence?.trim() || DEFAULT_LICENCE,
        ...(doc.website ? { url: doc.website } : {}),
      },
      requirements,
    });
  }
  return finishImport({ catalogs, mappingFiles: [], problems });
}
