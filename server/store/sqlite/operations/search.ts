/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted term, so no FTS syntax
 * (AND, NEAR, quotes, column filters) typed by a user can reach the engine.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return undefined;
  // Only the last word is a prefix (the one still being typed); exact terms keep large indexes fast.
  const terms = words.slice(0, 16);
  return terms.map((w, i) => (i === terms.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}
