/**
 * The words of an evidence text filter (EvidenceFilter.text), as both stores read it: split on whitespace, each
 * word once, in the order typed. No word is special: the stores match each one as plain text.
 */
export function evidenceSearchWords(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/\s+/u).filter((w) => w !== ''))];
}
