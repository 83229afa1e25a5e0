import { createHash } from 'node:crypto';
import type { ContentBundle } from './schemas/content.js';

/** JSON with object keys sorted, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * A digest of the bundle as read, item by item (so it stays within string limits at a million mappings).
 * Files are always read in the same order, so the same content gives the same digest; content that only
 * moved gives another digest, and the load then finds nothing to change.
 */
export function fingerprintBundle(bundle: ContentBundle): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(bundle).sort() as Array<keyof ContentBundle>) {
    hash.update(`${key}:${bundle[key].length}\n`);
    for (const item of bundle[key]) hash.update(JSON.stringify(item)).update('\n');
  }
  return hash.digest('hex');
}
