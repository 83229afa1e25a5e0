import { LineCounter, isCollection, parseDocument } from 'yaml';
import type { Problem } from '../domain/errors.js';

export type PathSegment = string | number;

export interface ParsedYaml {
  data: unknown;
  /** 1-based line of the node at `path`, or of its closest existing ancestor. */
  lineOf(path: readonly PathSegment[]): number | undefined;
  problems: Problem[];
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [
    ...doc.errors.map((e) => ({ e, severity: 'error' as const })),
    ...doc.warnings.map((e) => ({ e, severity: 'warning' as const })),
  ].map(({ e, severity }) => ({
    file,
    line: lineCounter.linePos(e.pos[0]).line,
    message: `YAML ${severity === 'error' ? 'syntax error' : 'warning'}: ${e.message.split('\n')[0]}`,
    severity,
  }));
  const lineOf = (path: readonly PathSegment[]) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
      if (depth === 0 || !isCollection(doc.contents)) break;
    }
    return undefined;
  };
  return { data: doc.errors.length ? undefined : toData(doc, file, problems), lineOf, problems };
}

/**
 * The document's data. The YAML library refuses to expand aliases past a limit (a "billion laughs" file would
 * otherwise exhaust memory); that refusal becomes a problem of the file instead of an exception.
 */
export function toData(doc: { toJS(): unknown }, file: string, problems: Problem[]): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    problems.push({ file, line: 1, message: `YAML not read: ${(e as Error).message}`, severity: 'error' });
    return undefined;
  }
}

export const formatPath = (path: readonly PathSegment[]): string =>
  path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
