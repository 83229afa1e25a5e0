import type { GapStatus } from '../api/analysis.js';
import { GAP_STATUS_STYLES, readableInk } from '../graph/palette.js';

/** Covered, partial or uncovered: a colour, a symbol and the word, so no one needs the colour. */
export function StatusBadge({ status, title }: { status: GapStatus; title?: string }) {
  const s = GAP_STATUS_STYLES[status];
  return (
    <span className={`gap-badge gap-${status}`} style={{ background: s.color, color: readableInk(s.color) }} title={title}>
      <span aria-hidden="true">{s.symbol} </span>
      {s.label}
    </span>
  );
}

/** The three shares as one bar; the figures are given in text beside it. */
export function StatusBar({ shares }: { shares: Record<GapStatus, number> }) {
  return (
    <div className="status-bar" aria-hidden="true">
      {(Object.keys(GAP_STATUS_STYLES) as GapStatus[]).map((k) =>
        shares[k] > 0 ? <span key={k} className={`seg gap-${k}`} style={{ flexGrow: shares[k], background: GAP_STATUS_STYLES[k].color }} /> : null,
      )}
    </div>
  );
}
