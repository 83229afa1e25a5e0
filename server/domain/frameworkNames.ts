import type { Problem } from './errors.js';

/** What a file from another tool may call a framework by: its id, its name with or without the edition. */
export interface FrameworkLabel {
  id: string;
  name: string;
  edition: string;
}

export type FrameworkReading =
  | { id: string; how: 'id' | 'id, spelt otherwise' | 'name and edition' | 'name' | 'id without edition' }
  | { ambiguous: string[] }
  | undefined;

const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Reads a framework as other tools write it: its id in another spelling ("ISO42001-2023"), its name and edition
 * ("ISO/IEC 42001:2023", "NIST AI RMF 1.0" as the id spells it), its name alone or its id without the edition
 * ("iso42001") when one edition is loaded. Several editions that fit are reported as ambiguous, never guessed.
 */
export function frameworkReader(frameworks: readonly FrameworkLabel[]): (written: string) => FrameworkReading {
  const ids = new Set(frameworks.map((f) => f.id));
  const rules: Array<{ how: Exclude<FrameworkReading, undefined | { ambiguous: string[] }>['how']; matches: (f: FrameworkLabel, k: string) => boolean }> = [
    { how: 'id, spelt otherwise', matches: (f, k) => key(f.id) === k },
    { how: 'name and edition', matches: (f, k) => key(`${f.name} ${f.edition}`) === k },
    { how: 'name', matches: (f, k) => key(f.name) === k },
    { how: 'id without edition', matches: (f, k) => key(f.id) === k + key(f.edition) },
  ];
  return (written) => {
    const text = written.trim();
    if (ids.has(text)) return { id: text, how: 'id' };
    const k = key(text);
    if (!k) return undefined;
    for (const rule of rules) {
      const found = frameworks.filter((f) => rule.matches(f, k)).map((f) => f.id);
      if (found.length === 1) return { id: found[0]!, how: rule.how };
      if (found.length > 1) return { ambiguous: found.sort() };
    }
    return undefined;
  };
}

const EDITIONLESS = new Set<string>(['name', 'id without edition']);

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
    reading && 'id' in reading && (editionless === 'read' || !EDITIONLESS.has(reading.how)) ? reading.id : undefined;
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
