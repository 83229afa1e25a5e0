import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Problem } from '../domain/errors.js';

/**
 * OSCAL's XML and JSON formats carry one model; NIST converts between them by rules the metaschema states. This reads
 * the XML edition into the JSON shape the importers read, following those rules where they matter here:
 * - a repeated element becomes an array under its JSON group name (`control` → `controls`, `prop` → `props`, …);
 * - an element with only text (and inline markup) becomes a string; inline markup becomes Markdown as in NIST's JSON
 *   (`<em>` → `*…*`, `<a href>` → `[…](…)`, `<insert type="param" id-ref="x"/>` → `{{ insert: param, x }}`);
 * - block markup (`<p>`, lists, headings, tables) inside a part becomes its `prose`; inside any other element, that
 *   element's Markdown string (`remarks`, `description`);
 * - attributes become keys.
 * Other models' less common shapes (a value with flags, such as a telephone number) come out as `{…flags, value}`.
 */

type XmlNode = Record<string, unknown>;

/** XML element name → the JSON key of the array it is grouped in. */
const GROUP_AS: Record<string, string> = {
  group: 'groups', control: 'controls', part: 'parts', prop: 'props', param: 'params', link: 'links', party: 'parties',
  role: 'roles', 'responsible-party': 'responsible-parties', 'responsible-role': 'responsible-roles', location: 'locations',
  choice: 'choice', constraint: 'constraints', guideline: 'guidelines', test: 'tests', resource: 'resources',
  mapping: 'mappings', map: 'maps', source: 'sources', target: 'targets', 'party-uuid': 'party-uuids',
  'location-uuid': 'location-uuids', 'member-of-organization': 'member-of-organizations', 'email-address': 'email-addresses',
  'telephone-number': 'telephone-numbers', address: 'addresses', 'addr-line': 'addr-lines', revision: 'revisions',
  'document-id': 'document-ids', rlink: 'rlinks', hash: 'hashes', value: 'values', 'external-id': 'external-ids',
};
/** Wrapper elements whose JSON form is the array of their children. */
const WRAPPERS = new Set(['revisions']);
const INLINE = new Set(['em', 'i', 'strong', 'b', 'code', 'q', 'a', 'insert', 'sub', 'sup', 'img']);
const BLOCKS = new Set(['p', 'ul', 'ol', 'li', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'hr']);

const nameOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@')!;
const childrenOf = (node: XmlNode) => (node[nameOf(node)] as XmlNode[] | undefined) ?? [];
const attributesOf = (node: XmlNode) => (node[':@'] as Record<string, string> | undefined) ?? {};
const isText = (node: XmlNode) => '#text' in node;
const isElement = (node: XmlNode) => !isText(node) && !('#comment' in node) && !('?xml' in node) && !nameOf(node).startsWith('?');

/** Inline content as Markdown, with the layout whitespace of the XML collapsed. */
function inline(nodes: XmlNode[]): string {
  const text = nodes
    .map((node) => {
      if (isText(node)) return String(node['#text']);
      if (!isElement(node)) return '';
      const name = nameOf(node);
      const inner = inline(childrenOf(node));
      const attributes = attributesOf(node);
      switch (name) {
        case 'em':
        case 'i':
          return `*${inner}*`;
        case 'strong':
        case 'b':
          return `**${inner}**`;
        case 'code':
          return `\`${inner}\``;
        case 'q':
          return `"${inner}"`;
        case 'a':
          return attributes.href ? `[${inner}](${attributes.href})` : inner;
        case 'insert':
          return `{{ insert: ${attributes.type ?? 'param'}, ${attributes['id-ref'] ?? ''} }}`;
        default:
          return inner;
      }
    })
    .join('');
  return text.replace(/\s+/g, ' ');
}

/** Block content as Markdown: paragraphs and list items, separated by blank lines. */
function blocks(nodes: XmlNode[]): string {
  const out: string[] = [];
  for (const node of nodes.filter((n) => isElement(n) && BLOCKS.has(nameOf(n)))) {
    const name = nameOf(node);
    const children = childrenOf(node);
    if (name === 'ul' || name === 'ol')
      out.push(children.filter(isElement).map((li, i) => `${name === 'ol' ? `${i + 1}.` : '-'} ${inline(childrenOf(li)).trim()}`).join('\n'));
    else if (/^h[1-6]$/.test(name)) out.push(`${'#'.repeat(Number(name[1]))} ${inline(children).trim()}`);
    else if (name === 'pre') out.push(children.filter(isText).map((t) => String(t['#text'])).join(''));
    else if (name === 'table') out.push(children.filter(isElement).map((row) => `| ${childrenOf(row).filter(isElement).map((cell) => inline(childrenOf(cell)).trim()).join(' | ')} |`).join('\n'));
    else if (name !== 'hr') out.push(inline(children).trim());
  }
  return out.filter(Boolean).join('\n\n');
}

/** One element in OSCAL's JSON shape (see the rules above). */
function toJson(node: XmlNode): unknown {
  const name = nameOf(node);
  const attributes = attributesOf(node);
  const children = childrenOf(node);
  const structured = children.filter((c) => isElement(c) && !INLINE.has(nameOf(c)) && !BLOCKS.has(nameOf(c)));
  const blockChildren = children.filter((c) => isElement(c) && BLOCKS.has(nameOf(c)));
  if (WRAPPERS.has(name)) return structured.map(toJson);
  if (!structured.length && !Object.keys(attributes).length) return blockChildren.length ? blocks(children) : inline(children).trim();
  const object: Record<string, unknown> = { ...attributes };
  for (const child of structured) {
    const childName = nameOf(child);
    const key = GROUP_AS[childName];
    const value = toJson(child);
    if (key) ((object[key] ??= []) as unknown[]).push(value);
    else object[childName] = value;
  }
  if (blockChildren.length) object.prose = blocks(children);
  else if (!structured.length) {
    const text = inline(children).trim();
    if (text) object.value = text;
  }
  return object;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false, processEntities: true });

/** An OSCAL XML document as the JSON document of the same content: `{ "<root>": {…} }`. */
export function parseOscalXml(text: string, file: string): { data?: unknown; problems: Problem[] } {
  // OSCAL needs no document type, and one is how entity-expansion and external-entity attacks arrive: refuse it.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) return { problems: [{ file, line: text.slice(0, doctype.index).split('\n').length, message: 'a DOCTYPE declaration is not accepted in OSCAL XML (OSCAL documents have none); remove it', severity: 'error' }] };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { problems: [{ file, line: valid.err.line, message: `not valid XML: ${valid.err.msg}`, severity: 'error' }] };
  let parsed: XmlNode[];
  try {
    parsed = parser.parse(text) as XmlNode[];
  } catch (e) {
    return { problems: [{ file, message: `not readable XML: ${(e as Error).message}`, severity: 'error' }] };
  }
  const root = parsed.find(isElement);
  if (!root) return { problems: [{ file, line: 1, message: 'not valid XML: no root element', severity: 'error' }] };
  const converted = toJson(root);
  if (typeof converted !== 'object' || converted === null) return { data: { [nameOf(root)]: converted }, problems: [] };
  const { xmlns: _namespace, ...rest } = converted as Record<string, unknown>;
  return { data: { [nameOf(root)]: rest }, problems: [] };
}
