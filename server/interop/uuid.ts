import { createHash } from 'node:crypto';

/** Crosswalk's namespace for name-based UUIDs (itself a v5 UUID of "crosswalk" in the RFC 9562 URL namespace). */
export const CROSSWALK_UUID_NAMESPACE = 'e8847eeb-42c3-5596-8695-26c8f905c422';

/**
 * A name-based (version 5, SHA-1) UUID as RFC 9562 defines it: the same name always gives the same UUID, so
 * exports of unchanged content are byte-for-byte stable.
 */
export function uuidV5(name: string, namespace: string = CROSSWALK_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new TypeError(`invalid UUID namespace: "${namespace}"`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
