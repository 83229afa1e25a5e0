import type { ReachStep } from '../graph/fanout.js';
import { toRelationship } from '../graph/evidenceFanout.js';
import { stepSupport } from '../graph/support.js';
import { relationshipLabel } from '../lib/format.js';

/** A mapping path, one step per line: from → relationship → to, with the mapping's reason. */
export function PathSteps({ steps, label, compact = false }: { steps: ReachStep[]; label: (id: string) => string; compact?: boolean }) {
  return (
    <ol className={`path ${compact ? 'compact' : ''}`}>
      {steps.map((s) => (
        <li key={`${s.mapping.id}|${s.fromId}`}>
          <span className="path-from">{label(s.fromId)}</span> <span className={`rel rel-${stepSupport(s.relationship)}`}>{relationshipLabel(s.relationship)}</span> <span className="path-to">{label(s.toId)}</span>
          <span className="path-meta">
            {' '}
            ({s.support} · {s.mapping.rationale ?? 'no rationale'} · strength {s.mapping.strength})
          </span>
          {s.contestedBy && s.contestedBy.length > 0 && (
            <span className="contested">
              {' '}
              contested: {s.contestedBy.map((c) => `${c.source} reads it as ${relationshipLabel(toRelationship(c.relationship))}`).join('; ')}
            </span>
          )}
          {s.mapping.note && !compact && <span className="path-note">{s.mapping.note}</span>}
          {s.mapping.note && compact && <span className="path-note">{truncate(s.mapping.note, 180)}</span>}
        </li>
      ))}
    </ol>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
