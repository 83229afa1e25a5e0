/** Which hub the URL asks for: an evidence item's reach, a requirement's, or (no choice yet) whichever there is. */
export type HubMode = 'evidence' | 'requirement' | 'auto';

export function hubMode(params: Record<string, string | undefined>): HubMode {
  if (params.mode === 'evidence' || params.mode === 'requirement') return params.mode;
  if (params.ev) return 'evidence';
  if (params.req) return 'requirement';
  return 'auto';
}

/** Parameters that belong to one mode only, cleared when switching to the other. */
export const HUB_MODE_RESET = { sel: null, hide: null, focus: null, add: null, find: null } as const;

export const isIsoDate = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);
