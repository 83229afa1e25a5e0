import { splitRequirementId } from './ids.js';
import { citationFolded } from './refSpelling.js';

/** A ref with case, separators, zero padding and citation words folded away ("a5-01" and "A.5.1" alike, "Article 9" and "Art. 9"). */
const folded = (ref: string) => citationFolded(ref.trim().toLowerCase());

/**
 * The known requirement ids an unknown one was most likely meant as, for an error's "did you mean": in the same
 * framework, the ref written otherwise (case, separators, zero padding) or with a prefix it leaves off
 * ("iso27001-2022:5.15" for iso27001-2022:A.5.15, as tools that number Annex A as ISO/IEC 27002 write it). At most
 * `limit`, respellings first; prefixed ones only when no more than `limit` fit.
 */
export function likelyMeant(id: string, known: Iterable<string>, limit = 3): string[] {
  const colon = id.indexOf(':');
  if (colon <= 0) return [];
  const { frameworkId, ref } = splitRequirementId(id);
  const wanted = folded(ref);
  if (!wanted) return [];
  const respelled: string[] = [];
  const prefixed: string[] = [];
  for (const candidate of known) {
    if (candidate === id || !candidate.startsWith(`${frameworkId}:`)) continue;
    const other = folded(candidate.slice(frameworkId.length + 1));
    if (other === wanted) respelled.push(candidate);
    else if (other.endsWith(`.${wanted}`) || (other.endsWith(wanted) && /\p{L}$/u.test(other.slice(0, -wanted.length)) && /^\d/.test(wanted))) prefixed.push(candidate);
  }
  // Many refs end the same way ("1" ends dozens): a hint is only worth giving when few do.
  const hinted = prefixed.length <= limit ? prefixed.sort((a, b) => a.length - b.length || a.localeCompare(b)) : [];
  return [...respelled, ...hinted].slice(0, limit);
}

/** " (did you mean X?)" for an unknown requirement id, or nothing when no known id is close. */
export function didYouMean(id: string, known: Iterable<string>): string {
  const close = likelyMeant(id, known);
  return close.length ? ` (did you mean ${close.join(' or ')}?)` : '';
}

/** A framework id without its edition: trailing parts with digits go ("eu-ai-act-2024-1689" → "eu-ai-act"), case and separators fold. */
const frameworkBase = (id: string) => {
  const parts = id.trim().toLowerCase().split(/[-_\s:]+/).filter(Boolean);
  while (parts.length > 1 && /\d/.test(parts.at(-1)!)) parts.pop();
  return parts.join('');
};

/** The known framework ids an unknown one likely means: the same one in another case or edition, or with its edition left off. */
export function frameworksMeant(id: string, known: Iterable<string>, limit = 3): string[] {
  const wanted = frameworkBase(id);
  if (!wanted) return [];
  return [...known].filter((k) => k !== id && frameworkBase(k) === wanted).sort().slice(0, limit);
}

/** The message for a framework id nothing holds: what it likely means, then every known id. */
export function unknownFramework(id: string, known: Iterable<string>): string {
  const all = [...new Set(known)].sort();
  const close = frameworksMeant(id, all);
  return `unknown framework "${id}"${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : ''} (known: ${all.join(', ')})`;
}
