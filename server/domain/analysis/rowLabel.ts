const LONGEST = 90;

/**
 * What to call a requirement in a list: its title, or where it has none (a paragraph of a law) the start of its
 * summary, cut at a word.
 */
export function rowLabel({ title, summary }: { title: string; summary?: string | null }): string {
  if (title.trim() || !summary?.trim()) return title.trim();
  const text = summary.trim();
  if (text.length <= LONGEST) return text;
  const cut = text.slice(0, LONGEST);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : LONGEST).replace(/[\s,;:.]+$/, '')}…`;
}
