import { FRAMEWORK_SCOPE_TAGS } from '../api/queries.js';
import { useQuery } from '../api/useQuery.js';

/** The tags a framework's requirements can be scoped to (the EU AI Act's roles); none while loading or for no framework. */
export function useScopeTags(frameworkId: string | undefined): string[] {
  const q = useQuery<{ framework: { scopeTags: string[] } | null }>(FRAMEWORK_SCOPE_TAGS, { id: frameworkId ?? '' }, { skip: !frameworkId });
  return frameworkId && q.status === 'ok' ? (q.data.framework?.scopeTags ?? []) : [];
}

/** "Only requirements tagged": a framework's scope tags as checkboxes; none ticked is all of it. Nothing when it has none. */
export function ScopePicker({ offered, selected, onChange }: { offered: readonly string[]; selected: readonly string[]; onChange: (tags: string[]) => void }) {
  const shown = [...new Set([...offered, ...selected])].sort();
  if (!shown.length) return null;
  return (
    <fieldset className="scope-picker">
      <legend>Only requirements tagged</legend>
      {shown.map((tag) => (
        <label key={tag} className="check">
          <input type="checkbox" checked={selected.includes(tag)} onChange={(e) => onChange(e.target.checked ? [...selected, tag] : selected.filter((t) => t !== tag))} /> {tag}
        </label>
      ))}
      <span className="muted">(none ticked: all of it; tags of one kind are alternatives)</span>
    </fieldset>
  );
}
