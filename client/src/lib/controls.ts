import type { RequirementRef } from '../api/queries.js';
import { frameworkOfId, refOfId } from '../graph/evidenceFanout.js';

export const DEFAULT_CONTROL_FRAMEWORKS = ['iso42001-2023', 'iso27001-2022'];

/** A control's cited requirements grouped by framework, frameworks in `order` first, then by id. */
export function citationsByFramework(
  control: { requirementIds: string[]; requirements?: RequirementRef[] },
  order: readonly string[] = [],
): Array<{ frameworkId: string; requirements: Array<{ id: string; ref: string; title: string }> }> {
  const known = new Map((control.requirements ?? []).map((r) => [r.id, r]));
  const groups = new Map<string, Array<{ id: string; ref: string; title: string }>>();
  for (const id of control.requirementIds) {
    const r = known.get(id);
    const f = r?.frameworkId ?? frameworkOfId(id);
    const list = groups.get(f) ?? [];
    list.push({ id, ref: r?.ref ?? refOfId(id), title: r?.title ?? '' });
    groups.set(f, list);
  }
  const rank = (f: string) => {
    const i = order.indexOf(f);
    return i < 0 ? order.length : i;
  };
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([frameworkId, requirements]) => ({ frameworkId, requirements }));
}

/** Controls whose id, title, description or cited requirements contain the text (case-insensitive). */
export function filterControls<T extends { id: string; title: string; description: string; requirementIds: string[] }>(controls: T[], text: string): T[] {
  const q = text.trim().toLowerCase();
  if (!q) return controls;
  return controls.filter((c) => c.id.toLowerCase().includes(q) || c.title.toLowerCase().includes(q) || c.description.toLowerCase().includes(q) || c.requirementIds.some((r) => r.toLowerCase().includes(q)));
}

export function validateMerge(ids: readonly string[]): string | null {
  return new Set(ids).size < 2 ? 'select at least two controls to merge' : null;
}

/**
 * A split as the server wants it: each cited requirement goes to the part it is assigned (0 or 1); both parts need
 * at least one and the first keeps the control's id. Returns the parts, or what is wrong.
 */
export function splitParts(
  control: { id: string; title: string; requirementIds: string[] },
  assignment: Record<string, number>,
  titles: [string, string],
): { parts: Array<{ title: string; requirementIds: string[] }> } | { error: string } {
  const parts: Array<{ title: string; requirementIds: string[] }> = [
    { title: titles[0].trim() || control.title, requirementIds: [] },
    { title: titles[1].trim(), requirementIds: [] },
  ];
  for (const id of control.requirementIds) parts[assignment[id] === 1 ? 1 : 0]!.requirementIds.push(id);
  if (control.requirementIds.length < 2) return { error: 'a control citing one requirement cannot be split' };
  if (!parts[1]!.requirementIds.length) return { error: 'move at least one requirement to the new control' };
  if (!parts[0]!.requirementIds.length) return { error: `leave at least one requirement in ${control.id}` };
  if (!parts[1]!.title) return { error: 'give the new control a title' };
  return { parts };
}
