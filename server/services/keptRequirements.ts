/** Why requirements the files dropped are still in the store, naming the first few. */
export function keptRequirementsNote(ids: readonly string[]): string {
  if (!ids.length) return '';
  const named = ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, and ${ids.length - 5} more` : '');
  return `Kept ${ids.length} requirement(s) the files no longer hold, because a mapping, evidence link, control citation or SoA decision made in Crosswalk still points at them: ${named}.`;
}
