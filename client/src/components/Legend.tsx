import type { ReactNode } from 'react';
import { SUPPORT_COLORS } from '../graph/palette.js';
import { FrameworkSwatch, useFrameworks } from './Frameworks.js';

/** Line styles for full and partial support, drawn as they are in the graph; views add their own entries around them. */
export function SupportLegend({ before, after }: { before?: ReactNode; after?: ReactNode } = {}) {
  return (
    <ul className="legend" aria-label="Line styles">
      {before}
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
      {after}
    </ul>
  );
}

export interface FrameworkCount {
  frameworkId: string;
  full: number;
  partial: number;
  /** Reached, but outside the evidence item's scope. */
  outside?: boolean;
}

/** Full and partial counts per framework, each with a box that shows or hides the framework in the graph. */
export function ReachCountsTable({ rows, hidden, onToggle }: { rows: FrameworkCount[]; hidden: Set<string>; onToggle: (frameworkId: string, show: boolean) => void }) {
  const fw = useFrameworks();
  return (
    <table className="counts">
      <thead>
        <tr>
          <th scope="col">Show</th>
          <th scope="col">Framework</th>
          <th scope="col" className="num">
            Full
          </th>
          <th scope="col" className="num">
            Partial
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={`${c.frameworkId}|${c.outside ?? false}`} data-framework={c.frameworkId} className={c.outside ? 'out-of-scope' : undefined}>
            <td>
              <input type="checkbox" aria-label={`Show ${fw.name(c.frameworkId)}${c.outside ? ' (outside scope)' : ''}`} checked={!hidden.has(c.frameworkId)} onChange={(e) => onToggle(c.frameworkId, e.target.checked)} />
            </td>
            <th scope="row">
              <FrameworkSwatch id={c.frameworkId} /> {fw.name(c.frameworkId)} {c.outside && <span className="badge out-of-scope">outside scope</span>}
            </th>
            <td className="num">{c.full}</td>
            <td className="num">{c.partial}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
