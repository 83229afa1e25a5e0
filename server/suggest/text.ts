/**
 * Words for the lexical suggester: tokenising, stop words and a light English stemmer written for requirement
 * text ("managing", "managed", "management" → "manag"). Aggressive conflation is wanted here: recall matters
 * more than precision, and the ranking sorts the rest out.
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all also an and any are as at be been before being between both but by can could did do does ' +
    'doing during each either etc for from further had has have having how i if in into is it its itself may might more most must ' +
    'no nor not of off on once only or other others our out over own per same shall should so some such than that the their them ' +
    'then there these they this those through to too under until up upon very via was we were what when where whether which while ' +
    'who whom why will with within without would you your e g eg ie one two three'
  ).split(' '),
);

export const isStopWord = (word: string) => STOP_WORDS.has(word);

/** Lower-case words and numbers; hyphens and slashes split words ("third-party" → third, party). */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’]s\b/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

const SUFFIXES: Array<[suffix: string, replacement: string]> = [
  ['ifications', 'ifi'], ['ification', 'ifi'], ['abilities', 'abl'], ['ability', 'abl'], ['ibility', 'ibl'],
  ['encies', 'ent'], ['ency', 'ent'], ['ence', 'ent'], ['ancies', 'ant'], ['ancy', 'ant'], ['ance', 'ant'],
  ['izational', 'ize'], ['izations', 'ize'], ['isations', 'ize'], ['ization', 'ize'], ['isation', 'ize'], ['ational', 'ate'], ['ations', 'ate'], ['ation', 'ate'],
  ['ements', ''], ['ement', ''], ['ments', ''], ['ment', ''], ['nesses', ''], ['ness', ''], ['ities', ''], ['ity', ''],
  ['fulness', ''], ['ively', ''], ['ives', ''], ['ive', ''], ['ingly', ''], ['ings', ''], ['ing', ''], ['edly', ''], ['ed', ''],
  ['ally', 'al'], ['ly', ''], ['ies', 'y'], ['sses', 'ss'], ['ers', ''], ['er', ''], ['es', ''], ['s', ''],
];

/** A light suffix stripper; stems of fewer than three letters are left alone. Numbers pass through. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length < 3) continue;
    // "ss" and "us"/"is" endings are not plurals (process, status, analysis).
    if (suffix === 's' && /(ss|us|is)$/.test(w)) break;
    // "apply", "supply", "comply" are not adverbs.
    if (suffix === 'ly' && base.endsWith('p')) continue;
    w = base + replacement;
    break;
  }
  // A second pass catches compound endings: "organizational" → "organizate" → "organiz".
  for (const [suffix, replacement] of [['ate', ''], ['ize', ''], ['ise', ''], ['at', ''], ['iz', ''], ['al', ''], ['ic', '']] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  return w.replace(/e$/, '').replace(/y$/, 'i').replace(/(.)\1$/, '$1');
}

/** Content words of a text, stemmed, in order (stop words dropped). */
export function terms(text: string): string[] {
  return words(text).filter((w) => !isStopWord(w)).map(stem);
}
