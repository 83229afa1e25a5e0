import { ALIAS_TAG } from '../domain/schemas/requirement.js';

/**
 * The tag a search text names when it is an alias a catalog records (`alias:GV-1.1`), as both stores look for it: only
 * when the text could be an identifier (no space, a digit, short) and named no requirement's id or ref, since the
 * lookup reads every requirement's tags.
 */
export function aliasTagSearched(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 40 || /\s/.test(trimmed) || !/\d/.test(trimmed)) return undefined;
  return `${ALIAS_TAG}${trimmed}`;
}
