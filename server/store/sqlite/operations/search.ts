/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted prefix term, so no FTS syntax
 * (AND, NEAR, quotes, column filters) typed by a user can reach the engine.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return undefined;
  return words.slice(0, 16).map((w) => `"${w}"*`).join(' ');
}
