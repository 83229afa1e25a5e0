import type { Problem } from './errors.js';

/** What a file from another tool may call a framework by: its id, its name with or without the edition. */
export interface FrameworkLabel {
  id: string;
  name: string;
  edition: string;
}

export type FrameworkReading =
  | { id: string; how: 'id' | 'id, spelt otherwise' | 'name and edition' | 'name' | 'id without edition' | 'part of its id'; editionless: boolean }
  | { ambiguous: string[] }
  | undefined;

const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
/** "ISO/IEC 27001 v2022" and "ISO 27001:2022" name the same edition. */
const spellings = (text: string) => [...new Set([compact(text), compact(text.replace(/\biec\b/gi, '').replace(/\bv(?=\d)/gi, ''))])].filter(Boolean);

type How = Extract<FrameworkReading, { how: string }>['how'];

/**
 * Reads a framework as other tools write it: its id in another spelling ("ISO42001-2023"), its name and edition
 * ("ISO/IEC 42001:2023", "ISO 27001 v2022"), its name alone, its id without the edition ("iso42001") or a part of its
 * id ("NIST AI RMF"), the last three only when one framework fits. Several that fit are reported as ambiguous, never
 * guessed; a reading that does not state the framework's edition says so (`editionless`).
 */
export function frameworkReader(frameworks: readonly FrameworkLabel[]): (written: string) => FrameworkReading {
  const ids = new Set(frameworks.map((f) => f.id));
  const rules: Array<{ how: How; matches: (f: FrameworkLabel, k: string) => boolean }> = [
    { how: 'id, spelt otherwise', matches: (f, k) => compact(f.id) === k },
    { how: 'name and edition', matches: (f, k) => compact(`${f.name} ${f.edition}`) === k },
    { how: 'name', matches: (f, k) => compact(f.name) === k },
    { how: 'id without edition', matches: (f, k) => compact(f.id) === k + compact(f.edition) },
    { how: 'part of its id', matches: (f, k) => k.length >= 4 && compact(f.id).includes(k) },
  ];
  return (written) => {
    const text = written.trim();
    if (ids.has(text)) return { id: text, how: 'id', editionless: false };
    const keys = spellings(text);
    for (const k of keys)
      for (const rule of rules) {
        const found = frameworks.filter((f) => rule.matches(f, k));
        if (found.length > 1) return { ambiguous: found.map((f) => f.id).sort() };
        const [framework] = found;
        if (!framework) continue;
        // An id carries its edition; a name or a part of an id states it only if the edition is in what was written.
        const editionless = rule.how !== 'id, spelt otherwise' && !k.includes(compact(framework.edition));
        return { id: framework.id, how: rule.how, editionless };
      }
    return undefined;
  };
}

/**
 * Reads the frameworks of a file row by row, each name once, and afterwards reports one problem per name with its rows:
 * a warning for a name read as an id, an error for a name that fits several editions and, when `unknown` gives the
 * message, for one that fits none. A name without an edition is read as the one loaded edition only with
 * `editionless: 'read'` (an evaluation, which stores nothing); an import refuses it, since a mapping is pinned to
 * the edition its source states.
 */
export function frameworkTally(frameworks: readonly FrameworkLabel[], { editionless }: { editionless: 'read' | 'refuse' }) {
  const readFramework = frameworkReader(frameworks);
  const seen = new Map<string, { reading: FrameworkReading; rows: number; firstLine: number }>();
  const accepted = (reading: FrameworkReading): string | undefined =>
    reading && 'id' in reading && (editionless === 'read' || !reading.editionless) ? reading.id : undefined;
  return {
    /** The framework id a cell names, or undefined (see `problems`). */
    read(written: string, line: number): string | undefined {
      let entry = seen.get(written);
      if (!entry) seen.set(written, (entry = { reading: readFramework(written), rows: 0, firstLine: line }));
      entry.rows++;
      return accepted(entry.reading);
    },
    /** Whether a cell read before fits a framework but was not taken (several editions, or none stated): `problems` says why. */
    refused: (written: string) => {
      const reading = seen.get(written)?.reading;
      return Boolean(reading) && accepted(reading) === undefined;
    },
    /** `unknown` words the error for a name that fits no framework, given the name and where it is ("(3 rows, …)"). */
    problems(file: string, { unknown }: { unknown?: (written: string, where: string) => string } = {}): Problem[] {
      return [...seen].flatMap(([written, { reading, rows, firstLine }]): Problem[] => {
        const where = rows > 1 ? ` (${rows} rows, first at line ${firstLine})` : '';
        const problem = (message: string, severity: Problem['severity']): Problem[] => [{ file, line: firstLine, message, severity }];
        if (!reading) return unknown ? problem(unknown(written, where), 'error') : [];
        if ('ambiguous' in reading) return problem(`framework "${written}" could be ${reading.ambiguous.join(' or ')}${where}: write its id`, 'error');
        if (accepted(reading) === undefined)
          return problem(`framework "${written}" states no edition${where}; a mapping is pinned to the edition its source states, so none is guessed: write the id (${reading.id} is the edition loaded)`, 'error');
        return reading.how === 'id' ? [] : problem(`framework "${written}" read as ${reading.id} (by its ${reading.how})${where}`, 'warning');
      });
    },
  };
}
