import type { Download } from '../lib/downloads.js';

/** Links to the report's files; each says what it holds for screen readers and on hover. */
export function Downloads({ label, downloads }: { label: string; downloads: Download[] }) {
  return (
    <nav className="exports" aria-label={label}>
      <span className="exports-label">{label}:</span>
      <ul>
        {downloads.map((d) => (
          <li key={d.format}>
            <a href={d.href} download title={d.description} aria-label={d.description} data-format={d.format}>
              <span aria-hidden="true">↓ </span>
              {d.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
