import { createHash } from 'node:crypto';
import type { ContentBundle } from './schemas/content.js';

/** JSON with object keys sorted, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** A digest of the whole bundle, independent of file order; hashed item by item to stay within string limits. */
export function fingerprintBundle(bundle: ContentBundle): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(bundle).sort() as Array<keyof ContentBundle>) {
    const lines = (bundle[key] as object[]).map(canonicalJson).sort();
    hash.update(`${key}:${lines.length}\n`);
    for (const line of lines) hash.update(line).update('\n');
  }
  return hash.digest('hex');
}
