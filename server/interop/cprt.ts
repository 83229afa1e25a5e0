import { z } from 'zod';
import { maybeKind } from '../content/csvCatalog.js';
import type { CatalogFile } from '../content/fileSchemas.js';
import { formatPath, type PathSegment } from '../content/yamlDocument.js';
import { FrameworkIdSchema, RefSchema } from '../domain/schemas/common.js';
import { isRecord, parseJsonInput, problemReporter } from './jsonInput.js';
import { slugify } from './maybeRelationship.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';

export interface CprtImportOptions extends ImportOptions {
  /** Crosswalk framework id per CPRT doc_identifier; defaults to the identifier as a slug ("AI_100_1_0_0" → "ai-100-1-0-0"). */
  frameworkIds?: Record<string, string>;
  /** The framework id when the export holds one document (the CLI's --framework-id). */
  frameworkId?: string;
  /** Import only elements of these types (e.g. function, category, subcategory); children of left-out elements move up. */
  elementTypes?: readonly string[];
  /** Publisher of the documents; CPRT is NIST's tool, so "NIST" by default. */
  publisher?: string;
  licence?: string;
}

const DEFAULT_LICENCE = 'Imported by the user from a NIST CPRT export; NIST publications are in the U.S. public domain.';
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
 * "projection" relationships within a document (source = parent, dest = child). Relationships of other types, and
 * between documents, are not set-theory mappings and are counted in a warning, not imported.
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

  // Projection relationships within a document give the hierarchy.
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
    if (type !== 'projection' || sourceDoc !== destDoc) return void ignored.set(type || '(none)', (ignored.get(type || '(none)') ?? 0) + 1);
    const parent = key(sourceDoc, str(raw.source_element_identifier)?.trim() ?? '');
    const child = key(destDoc, str(raw.dest_element_identifier)?.trim() ?? '');
    if (!elements.has(parent) || !elements.has(child)) {
      if (docs.has(destDoc)) report(at, `projection between "${str(raw.source_element_identifier)}" and "${str(raw.dest_element_identifier)}" names an element that is not in the export`, 'warning');
      return;
    }
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
  for (const [type, count] of ignored) report([...base, 'relationships'], `${count} "${type}" relationship(s) were not imported: only "projection" within a document (the hierarchy) is read`, 'warning');

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
  const include = (e: Element) => !wanted || wanted.has(e.type.toLowerCase());
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
    const requirements: CatalogFile['requirements'] = [];
    const walk = (k: string, parent: string | undefined) => {
      const e = elements.get(k)!;
      requirements.push({ ref: e.id, kind: maybeKind(e.type), title: e.title, ...(e.text ? { summary: e.text } : {}), ...(parent ? { parent } : {}) });
      for (const child of children.get(k) ?? []) walk(child, e.id);
    };
    for (const k of children.get(undefined) ?? []) walk(k, undefined);
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
