import { FrameworkSwatch, useFrameworks } from './Frameworks.js';

/** A group of framework checkboxes (several) or radio buttons (one), named by the legend. */
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
  const list = fw.list.filter((f) => !exclude.includes(f.id) && (!only || only.includes(f.id)));
  return (
    <fieldset className="framework-picker">
      <legend>{legend}</legend>
      {list.map((f) => (
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
          <FrameworkSwatch id={f.id} /> {fw.name(f.id)}
        </label>
      ))}
    </fieldset>
  );
}
