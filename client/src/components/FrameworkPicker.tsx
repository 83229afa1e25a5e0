import { useState } from 'react';
import { FILTER_FROM, mappedFirst, pickerEntries } from '../lib/frameworkChoice.js';
import { FrameworkSwatch, useFrameworks } from './Frameworks.js';

/**
 * A group of framework checkboxes (several) or radio buttons (one), named by the legend. With many frameworks
 * (imported libraries) it offers a filter box and lists the selected ones plus the first others until filtered.
 */
export function FrameworkPicker({
  legend,
  selected,
  onChange,
  exclude = [],
  only,
  single = false,
  name,
}: {
  legend: string;
  selected: string[];
  onChange: (ids: string[]) => void;
  exclude?: string[];
  only?: string[];
  single?: boolean;
  name: string;
}) {
  const fw = useFrameworks();
  const [filter, setFilter] = useState('');
  const candidates = fw.list.filter((f) => !exclude.includes(f.id) && (!only || only.includes(f.id))).map((f) => ({ ...f, name: fw.name(f.id) }));
  const filterable = candidates.length > FILTER_FROM;
  const list = filterable ? mappedFirst(candidates) : candidates;
  const { shown, hidden } = filterable ? pickerEntries(list, selected, filter) : { shown: list, hidden: 0 };
  return (
    <fieldset className="framework-picker">
      <legend>{legend}</legend>
      {filterable && (
        <input
          type="search"
          className="picker-filter"
          aria-label={`Filter: ${legend}`}
          placeholder={`Filter ${list.length} frameworks`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {shown.map((f) => (
        <label key={f.id} className="check">
          <input
            type={single ? 'radio' : 'checkbox'}
            name={name}
            value={f.id}
            checked={selected.includes(f.id)}
            onChange={(e) => {
              if (single) onChange([f.id]);
              else onChange(e.target.checked ? [...selected.filter((id) => id !== f.id), f.id] : selected.filter((id) => id !== f.id));
            }}
          />
          <FrameworkSwatch id={f.id} /> {f.name}
        </label>
      ))}
      {hidden > 0 && <span className="muted picker-more">and {hidden} more: type in the filter to find them</span>}
      {filterable && filter.trim() && !shown.some((f) => !selected.includes(f.id)) && <span className="muted picker-more">no other framework matches “{filter.trim()}”</span>}
    </fieldset>
  );
}
