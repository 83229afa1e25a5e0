import type { GraphContradiction } from '../api/queries.js';
import { relationshipLabel } from '../lib/format.js';

/**
 * Paths of approved mappings through a third framework that read the pair otherwise. For a proposal, what accepting it
 * as it stands would contradict; "strictness" (equivalent against a containment) is often a difference of convention.
 */
export function GraphContradictions({ contradictions }: { contradictions: readonly GraphContradiction[] }) {
  if (!contradictions.length) return null;
  const opposite = contradictions.some((c) => c.kind === 'opposite');
  return (
    <div className={`graph-contradictions ${opposite ? 'warning' : 'muted'}`} role="note">
      <p>
        {opposite ? <strong>Approved crosswalks, chained, say otherwise:</strong> : 'Approved crosswalks, chained, read it more or less strictly:'}
      </p>
      <ul>
        {contradictions.map((c, i) => (
          <li key={i} data-kind={c.kind}>
            {c.path[0]!.fromId} {relationshipLabel(c.path[0]!.relationship)} {c.path[0]!.toId} {relationshipLabel(c.path[1]!.relationship)} {c.path[1]!.toId}, so{' '}
            <strong>{relationshipLabel(c.composed)}</strong> ({c.kind})
          </li>
        ))}
      </ul>
    </div>
  );
}
