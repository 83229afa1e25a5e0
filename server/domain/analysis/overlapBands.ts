/**
 * How much a partial path overlaps its target, read from the weakest strength on it on the OLIR scale: 7–10 mostly
 * similar (extend what you have), 4–6 about half, 0–3 mostly dissimilar (little to reuse); unrated when no mapping on
 * the path states a strength.
 */
export const OVERLAP_BANDS = ['mostlySimilar', 'aboutHalf', 'mostlyDissimilar', 'unrated'] as const;
export type OverlapBand = (typeof OVERLAP_BANDS)[number];

export const overlapBand = (strength: number | undefined): OverlapBand =>
  strength === undefined ? 'unrated' : strength >= 7 ? 'mostlySimilar' : strength >= 4 ? 'aboutHalf' : 'mostlyDissimilar';

/** A band in words, for a table cell or a label ("mostly similar"). */
export const OVERLAP_WORDS: Record<OverlapBand, string> = {
  mostlySimilar: 'mostly similar',
  aboutHalf: 'about half',
  mostlyDissimilar: 'mostly dissimilar',
  unrated: 'unrated',
};

const RANGES: Record<OverlapBand, string> = { mostlySimilar: ' (strength 7–10)', aboutHalf: ' (4–6)', mostlyDissimilar: ' (0–3)', unrated: '' };

/** "41 mostly similar (strength 7–10), 16 about half (4–6), 2 mostly dissimilar (0–3)"; an empty unrated count is left out. */
export const overlapPhrase = (counts: Record<OverlapBand, number>): string =>
  OVERLAP_BANDS.filter((band) => band !== 'unrated' || counts.unrated > 0)
    .map((band) => `${counts[band]} ${OVERLAP_WORDS[band]}${RANGES[band]}`)
    .join(', ');
