import { useFrameworks } from './Frameworks.js';

/** A drop-down of the loaded frameworks by name; `none` labels an empty first choice (for "all" or "choose one"). */
export function FrameworkSelect({ value, onChange, none, exclude, required }: { value: string; onChange: (id: string) => void; none?: string; exclude?: string; required?: boolean }) {
  const fw = useFrameworks();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} required={required}>
      {none !== undefined && <option value="">{none}</option>}
      {fw.list
        .filter((f) => f.id !== exclude)
        .map((f) => (
          <option key={f.id} value={f.id}>
            {fw.name(f.id)}
          </option>
        ))}
    </select>
  );
}
