import { SUPPORT_COLORS } from '../graph/palette.js';
import { FrameworkSwatch, useFrameworks } from './Frameworks.js';

/** Line styles for full and partial support, drawn as they are in the graph. */
export function SupportLegend() {
  return (
    <ul className="legend" aria-label="Line styles">
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" stroke={SUPPORT_COLORS.full} strokeWidth="2.5" />
        </svg>
        full support (equal, equivalent or superset at every step)
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" stroke={SUPPORT_COLORS.partial} strokeWidth="2.5" strokeDasharray="6 4" />
        </svg>
        partial support (a subset or intersects step on the way)
      </li>
    </ul>
  );
}

export function FrameworkLegend({ ids }: { ids: string[] }) {
  const fw = useFrameworks();
  return (
    <ul className="legend" aria-label="Frameworks">
      {ids.map((id) => (
        <li key={id}>
          <FrameworkSwatch id={id} /> {fw.name(id)}
        </li>
      ))}
    </ul>
  );
}
