import { isRecord } from './jsonInput.js';

/** OSCAL's own namespace: props and relationships without an `ns` belong to it. */
export const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';
/** The OSCAL version Crosswalk writes; the JSON schemas in test/fixtures/oscal are this version's. */
export const OSCAL_VERSION = '1.2.1';
/**
 * Namespace of the props Crosswalk adds to OSCAL documents (kind, exact ref, framework id, mapping fields) so that
 * an export read back gives every field. A URN, so it depends on no web domain.
 */
export const CROSSWALK_OSCAL_NS = 'urn:crosswalk:oscal';

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

/** OSCAL's StringDatatype: one line, no white space at either end. */
const OSCAL_STRING = /^\S(.*\S)?$/u;

/**
 * A Crosswalk prop. Values that OSCAL's string type cannot hold (several lines, edge spaces) are written as a JSON
 * string literal with class "json-string" and decoded by `propValue`, so they still round-trip and validate.
 */
export const crosswalkProp = (name: string, value: string): OscalProp =>
  OSCAL_STRING.test(value) ? { name, ns: CROSSWALK_OSCAL_NS, value } : { name, ns: CROSSWALK_OSCAL_NS, class: 'json-string', value: JSON.stringify(value) };

const decode = (prop: Record<string, unknown>): string | undefined => {
  if (typeof prop.value !== 'string') return undefined;
  if (prop.class !== 'json-string') return prop.value;
  try {
    const decoded: unknown = JSON.parse(prop.value);
    return typeof decoded === 'string' ? decoded : prop.value;
  } catch {
    return prop.value;
  }
};

const propsOf = (node: unknown): Record<string, unknown>[] =>
  isRecord(node) && Array.isArray(node.props) ? node.props.filter(isRecord) : [];

/** The value of a Crosswalk prop of `node`, or undefined. */
export const propValue = (node: unknown, name: string): string | undefined => {
  const prop = propsOf(node).find((p) => p.name === name && p.ns === CROSSWALK_OSCAL_NS);
  return prop ? decode(prop) : undefined;
};

/** Every value of a repeated Crosswalk prop (tags). */
export const propValues = (node: unknown, name: string): string[] =>
  propsOf(node).filter((p) => p.name === name && p.ns === CROSSWALK_OSCAL_NS).flatMap((p) => decode(p) ?? []);

/** The value of an OSCAL-namespace prop (no `ns`, or OSCAL's); the first one without a class wins. */
export const oscalPropValue = (node: unknown, name: string): string | undefined => {
  const props = propsOf(node).filter((p) => p.name === name && (p.ns === undefined || p.ns === OSCAL_NS) && typeof p.value === 'string');
  return ((props.find((p) => p.class === undefined) ?? props[0])?.value as string | undefined)?.trim();
};

/** OSCAL's UUIDDatatype: an RFC 4122 UUID of version 4 (random) or 5 (name-based). */
const OSCAL_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;

/** Why `value` cannot be an OSCAL uuid, with the fix, or undefined when it is one. */
export function uuidProblem(value: unknown): string | undefined {
  const fix = 'OSCAL requires an RFC 4122 version 4 or 5 UUID such as "4b12cf47-447b-47bb-8653-0a9cf544b744"; give it a new one. Read anyway';
  if (value === undefined) return `missing uuid: ${fix}`;
  return typeof value === 'string' && OSCAL_UUID.test(value) ? undefined : `uuid ${JSON.stringify(value)} is not valid: ${fix}`;
}

/** One line for OSCAL's markup-line fields (titles). */
export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** A Markdown backslash escape: a backslash before any ASCII punctuation character (CommonMark), as in `\"` or `\*`. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;

/**
 * OSCAL markup-multiline prose (a statement) as text, the same from each of NIST's editions: Markdown backslash escapes
 * taken off (`\"Phishing-resistant\"` in FedRAMP's JSON is `"Phishing-resistant"` in its XML), list items marked "- "
 * (the XML reader's marker, where the JSON may have "* "), spaces at line ends and runs of blank lines dropped. Other
 * Markdown (emphasis, links) is left as it is. `exact` (Crosswalk's own export, whose text is a summary as written)
 * only takes the escapes off.
 */
export function proseText(text: string, exact = false): string {
  const unescaped = text.replace(ESCAPED, '$1');
  if (exact) return unescaped;
  return unescaped
    .replace(/[ \t]+$/gm, '')
    .replace(/^([ \t]*)[*+][ \t]+/gm, '$1- ')
    .replace(/\n{3,}/g, '\n\n');
}

/** Text as OSCAL prose that `proseText` reads back as it was: a backslash before ASCII punctuation is escaped itself. */
export const proseOf = (text: string) => text.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\');
/**
 * A markup-line (a title) as a reader sees it: OSCAL's Markdown taken off — emphasis and strong (`*…*`, `**…**`), code,
 * sub- and superscript, and links (their text kept). A backslash-escaped character stays, without its backslash.
 */
export function markupLineText(text: string): string {
  const escapes: string[] = [];
  const held = oneLine(text).replace(ESCAPED, (_, c: string) => `\uE000${escapes.push(c) - 1}\uE001`);
  return held
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|\*|`|\^|~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => escapes[Number(i)]!);
}
