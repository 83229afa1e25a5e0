import type { CatalogFile } from '../content/fileSchemas.js';
import { formatPath, type PathSegment } from '../content/yamlDocument.js';
import { FrameworkIdSchema, RefSchema, TagSchema, WebUrlSchema } from '../domain/schemas/common.js';
import type { Framework } from '../domain/schemas/framework.js';
import { RequirementKindSchema, WITHDRAWN_TAG, isWithdrawn, type Requirement } from '../domain/schemas/requirement.js';
import { isRecord, parseOscalInput, problemReporter } from './jsonInput.js';
import { slugify } from './maybeRelationship.js';
import { OSCAL_VERSION, crosswalkProp, markupLineText, proseOf, proseText, oneLine, oscalPropValue, propValue, propValues, uuidProblem, type OscalProp } from './oscalCommon.js';
import { emptyImport, finishImport, type ImportOptions, type ImportResult } from './types.js';
import { uuidV5 } from './uuid.js';

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

/** OSCAL's token type (ids, prop names, classes). */
const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

/** The tag that keeps an imported control's OSCAL id when it differs from its ref: `oscal-id:cp-2.8`. */
export const OSCAL_ID_TAG = 'oscal-id:';

/** The OSCAL id an import recorded in a requirement's tags, if it is still a valid OSCAL token. */
export function recordedOscalId(tags: readonly string[]): string | undefined {
  const id = tags.find((tag) => tag.startsWith(OSCAL_ID_TAG))?.slice(OSCAL_ID_TAG.length);
  return id !== undefined && OSCAL_TOKEN.test(id) ? id : undefined;
}

/** A ref such as "GOVERN 1.1" or "Art. 9(2)" as an OSCAL token: lower case, other characters as "_", a leading "_" before a digit. */
function derivedOscalId(ref: string): string {
  const base = ref.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '');
  return OSCAL_TOKEN.test(base) ? base : `_${base}`;
}

type OscalIdSource = Pick<Requirement, 'ref' | 'order'> & { tags?: readonly string[] };

/**
 * OSCAL ids for a framework's requirements: the id an OSCAL import recorded (`oscal-id:ac-2.1`), so exports name
 * controls as their publisher does; else the ref itself when it is an OSCAL token ("PR.AA-01"); else one derived from
 * it ("govern_1.1"). Recorded ids are claimed first; the others are made unique with "-2", "-3" in document order,
 * ignoring case, since mapping collections are matched against ids without regard to case. The exact ref travels in
 * the control's `label` prop.
 */
export function oscalIds(requirements: readonly OscalIdSource[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const claim = (ref: string, base: string) => {
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    used.add(id.toLowerCase());
    ids.set(ref, id);
  };
  const ordered = [...requirements].sort((a, b) => a.order - b.order);
  for (const { ref, tags = [] } of ordered) {
    const recorded = recordedOscalId(tags);
    if (recorded !== undefined) claim(ref, recorded);
  }
  for (const { ref } of ordered) if (!ids.has(ref)) claim(ref, OSCAL_TOKEN.test(ref) ? ref : derivedOscalId(ref));
  return ids;
}

export interface OscalCatalogExportOptions {
  framework: Framework;
  /** The framework's requirements (others are ignored); `order` and `parentId` give the hierarchy. */
  requirements: readonly Requirement[];
  /** ISO date-time with a time zone for metadata.last-modified, e.g. "2026-01-01T00:00:00Z". */
  lastModified: string;
}

/** Where the content of a withdrawn control went, as OSCAL links it (`incorporated-into`) and Crosswalk tags it. */
const WITHDRAWAL_RELS = new Set(['incorporated-into', 'moved-to', 'addressed-by']);

interface OscalNode {
  id: string;
  class: string;
  title: string;
  props: OscalProp[];
  links?: Array<{ href: string; rel: string }>;
  parts?: Array<{ id: string; name: string; prose: string }>;
  controls?: OscalNode[];
}

/**
 * A Crosswalk catalog as an OSCAL 1.2.1 catalog. Top-level requirements with children become groups, every other
 * requirement a control nested under its parent, so the hierarchy is kept and groups never mix groups and controls.
 * Each node carries its exact ref (`label`), its kind (`kind`), its position (`order`), its tags and, when the title is empty, `untitled`
 * (OSCAL titles cannot be empty; the ref stands in). Summaries are "overview" parts. The catalog UUID is a v5 UUID
 * of the framework id, so exports of the same content are identical.
 */
export function exportOscalCatalog({ framework, requirements, lastModified }: OscalCatalogExportOptions): string {
  const own = requirements.filter((r) => r.frameworkId === framework.id).sort((a, b) => a.order - b.order);
  const ids = oscalIds(own);
  // OSCAL keeps top-level controls and groups in separate arrays, so the document order of mixed roots is recorded.
  const position = new Map(own.map((r, index) => [r.id, index]));
  const present = new Set(own.map((r) => r.id));
  const children = new Map<string, Requirement[]>();
  const roots: Requirement[] = [];
  for (const r of own) {
    if (r.parentId && present.has(r.parentId)) {
      const siblings = children.get(r.parentId) ?? [];
      siblings.push(r);
      children.set(r.parentId, siblings);
    } else roots.push(r);
  }
  // A withdrawn control's tags `incorporated-into:AC-6` become the links OSCAL gives it, when AC-6 is in the catalog.
  const withdrawalLinks = (r: Requirement) =>
    r.tags.flatMap((tag) => {
      const [rel, ref] = [tag.slice(0, tag.indexOf(':')), tag.slice(tag.indexOf(':') + 1)];
      return WITHDRAWAL_RELS.has(rel) && ids.has(ref) ? [{ href: `#${ids.get(ref)}`, rel }] : [];
    });
  const node = (r: Requirement): OscalNode => {
    const id = ids.get(r.ref)!;
    const kids = children.get(r.id) ?? [];
    const links = isWithdrawn(r) ? withdrawalLinks(r) : [];
    return {
      id,
      class: r.kind,
      title: oneLine(r.title) || r.ref,
      props: [
        { name: 'label', value: r.ref },
        ...(isWithdrawn(r) ? [{ name: 'status', value: 'withdrawn' }] : []),
        crosswalkProp('kind', r.kind),
        crosswalkProp('order', String(position.get(r.id))),
        ...(r.title.trim() === '' ? [crosswalkProp('untitled', 'true')] : []),
        ...r.tags.map((tag) => crosswalkProp('tag', tag)),
      ],
      ...(links.length ? { links } : {}),
      ...(r.summary ? { parts: [{ id: `${id}_overview`, name: 'overview', prose: proseOf(r.summary) }] } : {}),
      ...(kids.length ? { controls: kids.map(node) } : {}),
    };
  };
  const groups = roots.filter((r) => children.has(r.id)).map(node);
  const controls = roots.filter((r) => !children.has(r.id)).map(node);
  const metadataProps = [
    crosswalkProp('framework-id', framework.id),
    crosswalkProp('publisher', framework.publisher),
    crosswalkProp('licence', framework.licence),
    ...(framework.family ? [crosswalkProp('family', framework.family)] : []),
    ...(framework.shortName ? [crosswalkProp('short-name', framework.shortName)] : []),
    ...(framework.url ? [crosswalkProp('url', framework.url)] : []),
    ...(framework.description ? [crosswalkProp('description', framework.description)] : []),
  ];
  const catalog = {
    catalog: {
      uuid: uuidV5(`catalog:${framework.id}`),
      metadata: {
        title: oneLine(framework.name),
        'last-modified': lastModified,
        version: oneLine(framework.edition),
        'oscal-version': OSCAL_VERSION,
        props: metadataProps,
        ...(framework.url ? { links: [{ href: framework.url, rel: 'reference' }] } : {}),
        remarks: `Exported by Crosswalk. ${framework.licence}`,
      },
      ...(controls.length ? { controls } : {}),
      ...(groups.length ? { groups } : {}),
    },
  };
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

export interface OscalCatalogImportOptions extends ImportOptions {
  /** Crosswalk framework id; defaults to the id a Crosswalk export recorded, else a slug of title and edition (the one given, else the version; a warning when that is long). */
  frameworkId?: string;
  name?: string;
  edition?: string;
  publisher?: string;
  licence?: string;
}

/** Framework ids longer than this, made from a catalog's title, get a warning suggesting --framework-id. */
const LONG_ID = 40;
const DEFAULT_LICENCE = 'Imported by the user from their own copy; not redistributed by Crosswalk.';
// NIST's own CSF 2.0 and SP 800-171 Rev. 3 catalogs write "v1.1.3".
const KNOWN_VERSIONS = /^v?1\.[0-2](\.|$)/;

/** Every parameter of the catalog by id, as the text that replaces its insertion in prose. */
function collectParams(node: unknown, into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(node)) for (const item of node) collectParams(item, into);
  else if (isRecord(node)) {
    if (Array.isArray(node.params))
      for (const param of node.params.filter(isRecord)) {
        if (typeof param.id !== 'string') continue;
        const select = isRecord(param.select) ? param.select : undefined;
        const choices = select && Array.isArray(select.choice) ? select.choice.filter((c): c is string => typeof c === 'string').map((c) => c.trim()) : [];
        into.set(
          param.id,
          typeof param.label === 'string'
            ? `[Assignment: ${param.label}]`
            : choices.length
              ? `[Selection${select?.['how-many'] === 'one-or-more' ? ' (one or more)' : ''}: ${choices.join('; ')}]`
              : `[${param.id}]`,
        );
      }
    for (const [key, value] of Object.entries(node)) if (key !== 'params' && typeof value === 'object') collectParams(value, into);
  }
  return into;
}

/** An ISO 8601 date-time (not a bare date): the date is group 1. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

const INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/;
const INSERT_ALL = new RegExp(INSERT.source, 'g');

/** The text of a part and its sub-parts (items with their labels), one per line, parameter insertions resolved. */
function partText(part: Record<string, unknown>, params: Map<string, string>, exact: boolean): string {
  // A selection's choices may insert other parameters: resolve a few levels deep.
  let prose = typeof part.prose === 'string' ? proseText(part.prose, exact) : '';
  for (let depth = 0; depth < 3 && INSERT.test(prose); depth++) prose = prose.replace(INSERT_ALL, (_, id: string) => params.get(id) ?? `[${id}]`);
  prose = prose.trim();
  const label = oscalPropValue(part, 'label');
  const lines = [[label, prose].filter(Boolean).join(' ')];
  for (const sub of Array.isArray(part.parts) ? part.parts.filter(isRecord) : []) lines.push(partText(sub, params, exact));
  return lines.filter(Boolean).join('\n');
}

/** The summary: the statement's text, else the overview's; as written when Crosswalk's export (a `kind` prop) wrote it. */
const summaryOf = (node: Record<string, unknown>, params: Map<string, string>): string | undefined => {
  const exact = propValue(node, 'kind') !== undefined;
  const parts = Array.isArray(node.parts) ? node.parts.filter(isRecord) : [];
  for (const name of ['statement', 'overview']) {
    const found = parts.filter((p) => p.name === name);
    const text = found.map((p) => partText(p, params, exact)).filter(Boolean).join('\n');
    if (text) return text;
  }
  return undefined;
};

/**
 * The identifier practitioners know a group or control by. Some publishers write the label for display, the title
 * followed by the identifier ("Wireless Access (03.01.16)", "GOVERN (GV)"): the identifier is taken from it. Without a
 * label, a title that ends the id is the identifier shown (title "03.01.13", id "SP_800_171_03.01.13"); otherwise the
 * id, else the title.
 */
function refOf(node: Record<string, unknown>, id: string | undefined, title: string): string {
  const label = oscalPropValue(node, 'label');
  if (label) return identifierInDisplayLabel(label, title) ?? label;
  if (id && title && !/\s/.test(title) && endsWithPart(id, title)) return title;
  return id || title;
}

/**
 * The separator when a node's label only numbers it within its parent: its id is the parent's id, one separator and the
 * label ("GC.1" under "GC" with the label "1", as BSI's Grundschutz++ catalogs write their subgroups); else undefined.
 */
function relativeLabelSeparator(id: string | undefined, label: string | undefined, parentId: string | undefined): string | undefined {
  if (!id || !label || !parentId || id.length !== parentId.length + 1 + label.length) return undefined;
  const lower = id.toLowerCase();
  const separator = id.charAt(parentId.length);
  return lower.startsWith(parentId.toLowerCase()) && lower.endsWith(label.toLowerCase()) && /^[^\p{L}\p{N}]$/u.test(separator) ? separator : undefined;
}

/**
 * Whether the catalog's relative labels (see relativeLabelSeparator) must be read with their parent's identifier:
 * when one of them is also another node's label ("1" under GC and under STM), the label alone names no single node.
 */
function relativeLabelsRepeat(catalog: Record<string, unknown>): { first: string; example: string } | undefined {
  const labels = new Map<string, number>();
  const relative: Array<{ label: string; id: string }> = [];
  const walk = (node: unknown, parentId: string | undefined) => {
    if (!isRecord(node)) return;
    const id = typeof node.id === 'string' ? node.id : undefined;
    const label = oscalPropValue(node, 'label');
    if (label) labels.set(label.toLowerCase(), (labels.get(label.toLowerCase()) ?? 0) + 1);
    if (label && id && relativeLabelSeparator(id, label, parentId) !== undefined) relative.push({ label, id });
    for (const key of ['groups', 'controls']) if (Array.isArray(node[key])) for (const child of node[key] as unknown[]) walk(child, id);
  };
  walk(catalog, undefined);
  const repeated = relative.find((r) => labels.get(r.label.toLowerCase())! > 1);
  return repeated ? { first: repeated.label, example: repeated.id } : undefined;
}

/** "Organizational Context (GV.OC)" with the title "Organizational Context" → "GV.OC"; a label such as "AC-2(1)" is no display label. */
function identifierInDisplayLabel(label: string, title: string): string | undefined {
  const match = /^(.*\S)\s+\(([^()\s]+)\)$/u.exec(label);
  return match && title && match[1]!.toLowerCase() === title.toLowerCase() ? match[2] : undefined;
}

/** Whether `id` ends with `part` as a whole segment ("SP_800_171_03.01.13" ends with "03.01.13", "ac-13" not with "3"). */
function endsWithPart(id: string, part: string): boolean {
  if (!id.toLowerCase().endsWith(part.toLowerCase())) return false;
  const before = id.slice(0, id.length - part.length);
  return before === '' || /[^\p{L}\p{N}]$/u.test(before);
}

/**
 * Reads an OSCAL catalog (JSON, OSCAL 1.0–1.2) into a Crosswalk catalog. The kind is the node's `class` when that is a
 * kind slug ("family", "category", "subcategory"), else "group" for groups, "control" for controls and "enhancement"
 * for controls inside controls (a Crosswalk export's `kind` prop wins). The ref is the identifier `refOf` reads from
 * the label, id and title; the title is kept; the summary is the "statement" part's text (items with their labels,
 * parameters shown as "[Assignment: …]"), else the "overview" part. Parents come from nesting; order is document order, or the order a Crosswalk export recorded.
 */
export function importOscalCatalog(text: string, options: OscalCatalogImportOptions): ImportResult {
  const { file } = options;
  const parsed = parseOscalInput(text, file);
  const { problems, report } = problemReporter(file, [...parsed.problems]);
  if (parsed.data === undefined) return emptyImport(problems);

  const root = parsed.data;
  if (!isRecord(root) || !isRecord(root.catalog)) {
    const other = isRecord(root) ? Object.keys(root).find((k) => ['mapping-collection', 'profile', 'component-definition', 'system-security-plan'].includes(k)) : undefined;
    const hint = other === 'profile' ? '; a profile only selects controls from a catalog: import its resolved catalog (NIST publishes one beside each baseline, "…-resolved-profile_catalog.json", or resolve it with oscal-cli "profile resolve")' : other === 'mapping-collection' ? '; import it with --format oscal-mapping' : '';
    report([], `not an OSCAL catalog: expected a top-level "catalog" object${other ? ` (this file holds a "${other}")` : ''}${hint}`);
    return emptyImport(problems);
  }
  const catalog = root.catalog;
  const badUuid = uuidProblem(catalog.uuid);
  if (badUuid) report(['catalog', 'uuid'], badUuid, 'warning');
  const metadata = isRecord(catalog.metadata) ? catalog.metadata : undefined;
  if (!metadata) report(['catalog', 'metadata'], 'missing "metadata" (an OSCAL catalog needs a title and a version)');
  const title = typeof metadata?.title === 'string' ? markupLineText(metadata.title) : '';
  const statedVersion = typeof metadata?.version === 'string' ? metadata.version.trim() : '';
  // Some publishers version a catalog by the moment it was generated ("2026-07-29T06:41:30.66+00:00"): its date is the edition.
  const generatedAt = ISO_DATE_TIME.exec(statedVersion);
  const version = generatedAt && !options.edition ? generatedAt[1]! : statedVersion;
  if (generatedAt && !options.edition)
    report(['catalog', 'metadata', 'version'], `the version "${statedVersion}" is a time stamp; the edition (and the framework id) use its date, ${version} (pass --edition to choose another)`, 'warning');
  if (metadata && !title && !options.name) report(['catalog', 'metadata', 'title'], 'missing title (or pass a framework name)');
  if (metadata && !version && !options.edition) report(['catalog', 'metadata', 'version'], 'missing version (or pass an edition)');
  const oscalVersion = metadata?.['oscal-version'];
  if (typeof oscalVersion === 'string' && !KNOWN_VERSIONS.test(oscalVersion))
    report(['catalog', 'metadata', 'oscal-version'], `OSCAL version ${oscalVersion} is not one this importer knows (1.0, 1.1, 1.2); reading it as 1.2`, 'warning');

  const frameworkId = options.frameworkId ?? propValue(metadata, 'framework-id') ?? slugify(`${title} ${options.edition?.trim() || version}`);
  const idCheck = FrameworkIdSchema.safeParse(frameworkId);
  if (!idCheck.success) report([], `framework id "${frameworkId}": ${idCheck.error.issues[0]?.message} (pass one with --framework-id)`);
  // Every command and export names the framework by its id, so one made from a long title is worth replacing.
  else if (frameworkId.length > LONG_ID && !options.frameworkId && !propValue(metadata, 'framework-id'))
    report(['catalog', 'metadata', 'title'], `the framework id "${frameworkId}" was made from the title and edition (${frameworkId.length} characters, and commands and exports name the framework by it); for a shorter one, delete the catalog file this import writes and import again with --framework-id (a publisher, a number and the edition, such as "nist-sp-800-53-5.1")`, 'warning');
  const url = propValue(metadata, 'url');
  const framework: Framework = {
    id: frameworkId,
    name: options.name?.trim() || title,
    edition: options.edition?.trim() || version,
    publisher: options.publisher?.trim() || propValue(metadata, 'publisher') || partyName(metadata) || 'Imported',
    licence: options.licence?.trim() || propValue(metadata, 'licence') || DEFAULT_LICENCE,
    ...(url && WebUrlSchema.safeParse(url).success ? { url } : {}),
    ...(propValue(metadata, 'family') ? { family: propValue(metadata, 'family')! } : {}),
    ...(propValue(metadata, 'short-name') ? { shortName: propValue(metadata, 'short-name')! } : {}),
    ...(propValue(metadata, 'description') ? { description: propValue(metadata, 'description')! } : {}),
  };

  const params = collectParams(catalog);
  // Labels that number a node within its parent ("1", "2" under each of GC and STM) are read with the parent's ref.
  const relativeLabels = relativeLabelsRepeat(catalog);
  let relativeCount = 0;
  let firstRelative: PathSegment[] | undefined;
  const requirements: CatalogFile['requirements'] = [];
  const recordedOrder = new Map<number, number>();
  const seen = new Map<string, string>();
  const refOfId = new Map<string, string>();
  const placeOfId = new Map<string, string>();
  const idIgnoringCase = new Map<string, { id: string; at: string }>();
  const withdrawals: Array<{ requirement: CatalogFile['requirements'][number]; rel: string; href: string }> = [];
  const visit = (node: unknown, at: PathSegment[], defaultKind: string, parent: string | undefined, isControl: boolean, parentId?: string) => {
    if (!isRecord(node)) return report(at, `expected an object, found ${JSON.stringify(node)?.slice(0, 40)}`);
    const id = typeof node.id === 'string' ? node.id : undefined;
    if (isControl && !id) report([...at, 'id'], 'a control needs an id');
    // Mapping collections and links name controls by id: a repeated one would point at two places.
    if (id !== undefined && placeOfId.has(id))
      report([...at, 'id'], `id "${id}" is used again (first at ${placeOfId.get(id)}); OSCAL ids are unique in a catalog: give one of them another id`);
    else if (id !== undefined) {
      // Mapping files are matched to ids ignoring case, as other tools write them.
      const sameButCase = idIgnoringCase.get(id.toLowerCase());
      if (sameButCase)
        report([...at, 'id'], `id "${id}" differs from "${sameButCase.id}" (at ${sameButCase.at}) only in case: mapping files that name either are read as one of them; give one of them another id`, 'warning');
      else idIgnoringCase.set(id.toLowerCase(), { id, at: formatPath(at) });
      placeOfId.set(id, formatPath(at));
    }
    if (node.title !== undefined && typeof node.title !== 'string')
      report([...at, 'title'], `the title is ${JSON.stringify(node.title)?.slice(0, 40)}, not text: write it as a string ("title": "…")`);
    const nodeTitle = typeof node.title === 'string' ? markupLineText(node.title) : '';
    let ref = refOf(node, id, nodeTitle);
    const separator = relativeLabels && parent !== undefined ? relativeLabelSeparator(id, oscalPropValue(node, 'label'), parentId) : undefined;
    if (separator !== undefined) {
      ref = `${parent}${separator}${oscalPropValue(node, 'label')}`;
      relativeCount++;
      firstRelative ??= at;
    }
    const refCheck = RefSchema.safeParse(ref);
    if (!refCheck.success) {
      report(at, `no usable ref (label prop, id or title): ${refCheck.error.issues[0]?.message}`);
      return;
    }
    const repeated = seen.has(ref);
    if (repeated) {
      const base = ref;
      for (let n = 2; seen.has(ref); n++) ref = `${base} (${n})`;
      report(at, `ref "${base}" is used again (first at ${seen.get(base)}); this one is imported as "${ref}"`, 'warning');
    }
    seen.set(ref, formatPath(at));
    const kind = propValue(node, 'kind') ?? (typeof node.class === 'string' ? node.class : defaultKind);
    // Mapping collections point at controls by OSCAL id ("cp-2.8" for CP-2(8)): the id is kept, case and all, so they
    // can be resolved and exports can name the control as its publisher does. Crosswalk's own export carries its tags
    // (a `kind` prop marks it), so its ids say nothing new; a repeated id names no single control.
    const oscalId = id && !repeated && id !== ref && propValue(node, 'kind') === undefined ? [`${OSCAL_ID_TAG}${id}`] : [];
    // NIST's SP 800-53 Rev. 4 XML writes "Withdrawn", Rev. 5 "withdrawn".
    const withdrawn = oscalPropValue(node, 'status')?.toLowerCase() === 'withdrawn';
    // A Crosswalk export writes the withdrawn tag twice (as a tag and as OSCAL's status): keep it once.
    const tags = [...new Set([...propValues(node, 'tag'), ...(withdrawn ? [WITHDRAWN_TAG] : []), ...oscalId])].filter((tag) => TagSchema.safeParse(tag).success);
    const summary = summaryOf(node, params);
    const order = Number(propValue(node, 'order'));
    if (Number.isInteger(order)) recordedOrder.set(requirements.length, order);
    const requirement = {
      ref,
      kind: RequirementKindSchema.safeParse(kind).success ? kind : defaultKind,
      title: propValue(node, 'untitled') === 'true' ? '' : nodeTitle,
      ...(summary ? { summary } : {}),
      ...(parent !== undefined ? { parent } : {}),
      ...(tags.length ? { tags } : {}),
    };
    requirements.push(requirement);
    if (id) refOfId.set(id, ref);
    if (withdrawn) withdrawals.push(...withdrawalLinksOf(node).map((link) => ({ requirement, ...link })));
    const list = (key: string) => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []);
    list('groups').forEach((child, i) => visit(child, [...at, 'groups', i], 'group', ref, false, id));
    list('controls').forEach((child, i) => visit(child, [...at, 'controls', i], isControl ? 'enhancement' : 'control', ref, true, id));
  };
  const top = (key: string) => (Array.isArray(catalog[key]) ? (catalog[key] as unknown[]) : []);
  top('groups').forEach((group, i) => visit(group, ['catalog', 'groups', i], 'group', undefined, false));
  top('controls').forEach((control, i) => visit(control, ['catalog', 'controls', i], 'control', undefined, true));
  if (!requirements.length && !problems.length) report(['catalog'], 'the catalog has no groups or controls');
  if (relativeLabels && firstRelative)
    report(firstRelative, `${relativeCount} group(s) or control(s) have a label that numbers them only within their parent, and such labels repeat (e.g. "${relativeLabels.first}" of "${relativeLabels.example}"); each is imported as its parent's ref, the separator of its id and its label (this is the first)`, 'warning');
  // Where a withdrawn control went, as a tag naming the ref (`incorporated-into:AC-6`); links name OSCAL ids, known only now.
  for (const { requirement, rel, href } of withdrawals) {
    const tag = `${rel}:${refOfId.get(href) ?? href}`;
    const tags = requirement.tags ?? [];
    if (TagSchema.safeParse(tag).success && !tags.includes(tag)) requirement.tags = [...tags, tag];
  }
  // A Crosswalk export recorded every requirement's position: restore that order (document order otherwise).
  const ordered =
    requirements.length && recordedOrder.size === requirements.length
      ? requirements.map((r, index) => ({ r, key: recordedOrder.get(index)! })).sort((a, b) => a.key - b.key).map(({ r }) => r)
      : requirements;

  return finishImport({ catalogs: [{ framework, requirements: ordered }], mappingFiles: [], problems });
}

/** A control's links that say where its content went when it was withdrawn, their rels as OSCAL 1.2 spells them. */
function withdrawalLinksOf(node: Record<string, unknown>): Array<{ rel: string; href: string }> {
  const links = Array.isArray(node.links) ? node.links.filter(isRecord) : [];
  return links.flatMap((link) => {
    if (typeof link.rel !== 'string' || typeof link.href !== 'string') return [];
    const rel = link.rel.toLowerCase().replace(/_/g, '-');
    return WITHDRAWAL_RELS.has(rel) ? [{ rel, href: link.href.trim().replace(/^#/, '') }] : [];
  });
}

/** The name of the party responsible as publisher or creator, if the metadata says. */
function partyName(metadata: Record<string, unknown> | undefined): string | undefined {
  if (!metadata || !Array.isArray(metadata.parties)) return undefined;
  const parties = metadata.parties.filter(isRecord);
  const responsible = Array.isArray(metadata['responsible-parties']) ? metadata['responsible-parties'].filter(isRecord) : [];
  for (const role of ['publisher', 'creator']) {
    const uuids = responsible.find((r) => r['role-id'] === role)?.['party-uuids'];
    const party = Array.isArray(uuids) ? parties.find((p) => uuids.includes(p.uuid)) : undefined;
    if (typeof party?.name === 'string') return party.name;
  }
  return undefined;
}
