import type { ImsAddition, ImsPlan } from '../api/analysis.js';

export const DEFAULT_IMS_STANDARDS = ['iso42001-2023', 'iso27001-2022', 'iso9001-2015'];

/** A standard's additions grouped by top-level section, in the plan's order. */
export function additionsBySection(items: ImsAddition[]): Array<{ section: string; items: ImsAddition[] }> {
  const groups: Array<{ section: string; items: ImsAddition[] }> = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.section === item.section) last.items.push(item);
    else groups.push({ section: item.section, items: [item] });
  }
  return groups;
}

/** How many clauses of each chosen standard the shared processes take in, and how many are shared. */
export function processCounts(plan: Pick<ImsPlan, 'standards' | 'processes'>): Array<{ standardId: string; clauses: number; shared: number }> {
  return plan.standards.map((standardId) => {
    let clauses = 0;
    let shared = 0;
    for (const p of plan.processes)
      for (const c of p.clauses)
        if (c.standardId === standardId) {
          clauses += c.items.length;
          shared += c.items.filter((i) => i.shared).length;
        }
    return { standardId, clauses, shared };
  });
}
