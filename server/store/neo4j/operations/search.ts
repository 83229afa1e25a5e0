/** Characters with a meaning in Lucene's classic query syntax (`&&` and `||` are covered by `&` and `|`). */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** One word as a literal Lucene term: every special character backslash-escaped. */
export const escapeLucene = (word: string): string => word.replace(LUCENE_SPECIAL, (c) => `\\${c}`);

/** Field boosts, the weights the SQLite store gives bm25 (a ref hit counts most, a summary hit least). */
const FIELDS: ReadonlyArray<readonly [field: string, boost: number]> = [['id', 2], ['ref', 10], ['title', 5], ['summary', 1]];

const MAX_WORDS = 16;

/**
 * Words as the index's analyzer sees them. Neo4j's default full-text analyzer tokenizes by Unicode word boundaries
 * (UAX #29) and lower-cases; Intl.Segmenter applies the same boundaries, so "6.1.2" stays one word here as it does
 * in the index.
 */
export function searchWords(text: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  return [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment).slice(0, MAX_WORDS);
}

/**
 * Turns what a person typed into a Lucene query in which no typed syntax survives: every word becomes an escaped
 * term that must match (`+`) in at least one field. As in the SQLite store, only the last word (the one still being
 * typed) matches as a prefix; the others match whole words. Undefined when nothing searchable was typed.
 */
export function luceneQuery(text: string): string | undefined {
  const words = searchWords(text);
  if (!words.length) return undefined;
  return words
    .map((word, i) => {
      const term = `${escapeLucene(word)}${i === words.length - 1 ? '*' : ''}`;
      return `+(${FIELDS.map(([field, boost]) => `${field}:${term}^${boost}`).join(' ')})`;
    })
    .join(' ');
}
