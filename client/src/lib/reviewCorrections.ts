import { relationshipLabel } from './format.js';

type Corrections = Partial<Record<'relationship' | 'rationale' | 'strength' | 'note', string | number>>;

const parse = (json: string | null): Corrections | undefined => {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Corrections) : undefined;
  } catch {
    return undefined;
  }
};

const shown = (field: keyof Corrections, value: string | number) => (field === 'relationship' ? relationshipLabel(String(value).replace(/-/g, '_')) : String(value));
const quoted = (text: string) => `“${text.length > 160 ? `${text.slice(0, 159)}…` : text}”`;

/**
 * What one review corrected, in words: "relationship intersects with → subset of; strength 5 → 6; note rewritten (it
 * read “…”)". Reviews recorded before Crosswalk kept the replaced values say only what was set. Undefined when the
 * review corrected nothing.
 */
export function describeCorrections(editsJson: string | null, replacedJson: string | null): string | undefined {
  const edits = parse(editsJson);
  if (!edits) return editsJson ?? undefined;
  const replaced = parse(replacedJson);
  const parts: string[] = [];
  for (const field of ['relationship', 'rationale', 'strength'] as const) {
    const now = edits[field];
    if (now === undefined) continue;
    const before = replaced?.[field];
    if (before !== undefined) parts.push(`${field} ${shown(field, before)} → ${shown(field, now)}`);
    else if (!replaced) parts.push(`${field} set to ${shown(field, now)}`);
  }
  if (edits.note !== undefined) {
    const before = replaced?.note;
    if (before === '') parts.push('note added');
    else if (before !== undefined) parts.push(`note rewritten (it read ${quoted(String(before))})`);
    else if (!replaced) parts.push('note set');
  }
  return parts.length ? parts.join('; ') : undefined;
}
