import type { Provenance, SourceStatement } from '../api/queries.js';
import { plural, relationshipLabel } from '../lib/format.js';
import { inverseRelationship } from '../graph/support.js';
import { isWebLink } from '../lib/links.js';

export function SourceName({ provenance }: { provenance: Provenance }) {
  return isWebLink(provenance.url) ? (
    <a href={provenance.url} rel="noreferrer noopener" target="_blank">
      {provenance.source}
    </a>
  ) : (
    <>{provenance.source}</>
  );
}

/**
 * Other sources that state the same pair, each with its own reading (turned round when the mapping is read from its
 * target's side) and whether it agrees with the mapping; a differing one is for a person to weigh.
 */
export function FurtherSources({ statements, incoming = false }: { statements: readonly SourceStatement[]; incoming?: boolean }) {
  if (!statements.length) return null;
  const differing = statements.filter((s) => !s.agrees).length;
  return (
    <details className="further-sources">
      <summary>
        also stated by {plural(statements.length, 'other source')}
        {differing > 0 && <strong className="differs">, {differing} with another relationship</strong>}
      </summary>
      <ul>
        {statements.map((s, i) => (
          <li key={i} data-agrees={s.agrees}>
            <SourceName provenance={s.provenance} /> <span className="muted">({s.provenance.author}, recorded {s.provenance.created})</span>:{' '}
            {relationshipLabel(incoming ? inverseRelationship(s.relationship) : s.relationship)}
            {s.strength !== null && `, strength ${s.strength}`} — {s.agrees ? 'agrees' : <strong className="differs">differs</strong>}
            {s.note && <div className="muted">{s.note}</div>}
          </li>
        ))}
      </ul>
    </details>
  );
}
