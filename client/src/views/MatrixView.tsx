import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { frameworkCitation } from '../../../server/domain/citation.js';
import { COVERAGE, MAPPINGS, type CoverageData, type MappingsData, type MappingWithEnds } from '../api/queries.js';
import { useQuery } from '../api/useQuery.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { Downloads } from '../components/Downloads.js';
import { FrameworkPicker } from '../components/FrameworkPicker.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { buildMatrix, describeCell, gridMove, percent, type MatrixCell } from '../graph/matrix.js';
import { heatColor, RELATIONSHIP_COLORS } from '../graph/palette.js';
import { inverseRelationship, stepSupport } from '../graph/support.js';
import { RELATIONSHIPS, type Relationship } from '../graph/types.js';
import { crosswalkDownloads } from '../lib/downloads.js';
import { MATRIX_ALL_UP_TO, matrixFrameworks } from '../lib/frameworkChoice.js';
import { plural, relationshipLabel } from '../lib/format.js';
import { intParam, listParam, requirementHref, type Route } from '../lib/route.js';
import { Link, setParams } from '../router.js';

const PAGE = 100;
let matrixMarked = false;

/** Framework × framework coverage; a cell opens the mappings behind it. */
export function MatrixView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const rels = listParam(route.params.rel).filter((r): r is Relationship => (RELATIONSHIPS as readonly string[]).includes(r));
  const withProposed = route.params.status === 'all';
  const statuses = withProposed ? ['approved', 'proposed'] : ['approved'];
  const q = useQuery<CoverageData>(COVERAGE, { relationships: rels.length ? rels : null, statuses }, { cached: false });
  const chosen = listParam(route.params.fw);
  const shownIds = useMemo(
    () => (q.status === 'ok' ? matrixFrameworks(fw.list.map((f) => f.id), chosen, q.data.coverageMatrix) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [q.status, q.data, fw.list, route.params.fw],
  );
  const model = useMemo(() => (q.status === 'ok' ? buildMatrix(fw.list.filter((f) => shownIds.includes(f.id)), q.data.coverageMatrix) : null), [q.status, q.data, fw.list, shownIds]);
  const [cellSource, cellTarget] = (route.params.cell ?? '').split('~');
  const open = model?.rows.flat().find((c) => c && c.source === cellSource && c.target === cellTarget) ?? null;
  const [focus, setFocus] = useState<[number, number]>([0, 1]);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    if (!model || matrixMarked) return;
    matrixMarked = true;
    requestAnimationFrame(() => performance.mark('crosswalk:matrix-rendered'));
  }, [model]);

  const onGridKey = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!model) return;
    const next = gridMove(focus[0], focus[1], e.key, model.frameworks.length);
    if (!next) return;
    e.preventDefault();
    setFocus(next);
    tableRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
  };

  const toggleRel = (r: Relationship, on: boolean) => {
    const next = new Set(rels);
    if (on) next.add(r);
    else next.delete(r);
    setParams({ rel: [...next].join(',') || null });
  };

  return (
    <section className="view matrix">
      <h1>Overlap matrix</h1>
      <p className="lede">
        Each cell: the share of the <strong>row</strong> framework’s requirements that have a mapping to the <strong>column</strong> framework. Darker means more overlap. Choose a cell (click, or arrow keys and Enter) to see the mappings behind it.
      </p>
      <fieldset className="controls">
        <legend>Count mappings</legend>
        {RELATIONSHIPS.filter((r) => r !== 'no_relationship').map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={rels.includes(r)} onChange={(e) => toggleRel(r, e.target.checked)} />
            <span className="relkey" style={{ background: RELATIONSHIP_COLORS[r] }} aria-hidden="true" /> {relationshipLabel(r)}
          </label>
        ))}
        <span className="muted">{rels.length ? '' : '(none ticked: every relationship)'}</span>
        <label className="check">
          <input type="checkbox" checked={withProposed} onChange={(e) => setParams({ status: e.target.checked ? 'all' : null })} /> include proposed mappings
        </label>
      </fieldset>
      {fw.list.length > MATRIX_ALL_UP_TO && model && (
        <details className="matrix-frameworks">
          <summary>
            Frameworks shown: {shownIds.length} of {fw.list.length}
            {chosen.length ? ' (your choice)' : ' (those with mappings)'}
          </summary>
          <FrameworkPicker name="matrix-frameworks" legend="Frameworks in the matrix" selected={shownIds} onChange={(ids) => setParams({ fw: ids.join(',') || null, cell: null })} />
          {chosen.length > 0 && (
            <button type="button" className="link-button" onClick={() => setParams({ fw: null, cell: null })}>
              Show the frameworks with mappings again
            </button>
          )}
        </details>
      )}
      {q.status === 'loading' && <Loading what="the coverage matrix" />}
      {q.status === 'error' && <ErrorBox what="the coverage matrix" error={q.error} retry={q.reload} />}
      {model && (
        <div className="matrix-wrap">
          <table className="heatmap" ref={tableRef} onKeyDown={onGridKey} aria-describedby="matrix-help">
            <caption id="matrix-help" className="sr-only">
              Rows: the framework whose requirements are counted. Columns: the framework they map to. Arrow keys move between cells, Enter opens one.
            </caption>
            <thead>
              <tr>
                <td />
                {model.frameworks.map((f) => (
                  <th key={f.id} scope="col" className="colhead">
                    <span title={frameworkCitation(f)}>
                      <FrameworkSwatch id={f.id} /> {fw.shortLabel(f.id)}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {model.rows.map((row, i) => (
                <tr key={model.frameworks[i]!.id}>
                  <th scope="row" className="rowhead" title={fw.name(model.frameworks[i]!.id)}>
                    <FrameworkSwatch id={model.frameworks[i]!.id} /> <span className="rowname">{fw.name(model.frameworks[i]!.id)}</span> <span className="muted">({model.frameworks[i]!.requirementCount})</span>
                  </th>
                  {row.map((cell, j) =>
                    cell ? (
                      <td key={j}>
                        <button
                          type="button"
                          className={`cell ${open === cell ? 'open' : ''}`}
                          data-cell={`${i}-${j}`}
                          data-pair={`${cell.source}~${cell.target}`}
                          tabIndex={focus[0] === i && focus[1] === j ? 0 : -1}
                          style={{ background: cell.color, color: cell.ink }}
                          aria-label={describeCell(cell, fw.name)}
                          aria-pressed={open === cell}
                          title={describeCell(cell, fw.name)}
                          onFocus={() => setFocus([i, j])}
                          onClick={() => setParams({ cell: open === cell ? null : `${cell.source}~${cell.target}`, offset: null }, { replace: false })}
                        >
                          <span className="pct">{cell.text}</span>
                          {cell.mappings > 0 && <RelBar cell={cell} />}
                        </button>
                      </td>
                    ) : (
                      <td key={j} className="diag" aria-label="same framework" />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <HeatLegend />
        </div>
      )}
      {model && route.params.cell && !open && <Empty>No cell {route.params.cell.replace('~', ' × ')} in this matrix.</Empty>}
      {open && <CellMappings cell={open} relationships={rels} statuses={statuses} offset={intParam(route.params.offset, 0, 0, 1_000_000)} />}
    </section>
  );
}

function RelBar({ cell }: { cell: MatrixCell }) {
  return (
    <span className="relbar" aria-hidden="true">
      {cell.byRelationship.map((r) => (
        <span key={r.relationship} style={{ flexGrow: r.count, background: RELATIONSHIP_COLORS[r.relationship] }} />
      ))}
    </span>
  );
}

function HeatLegend() {
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="heat-legend" aria-hidden="true">
      <span>0%</span>
      {stops.map((s) => (
        <span key={s} className="heat-stop" style={{ background: heatColor(s) }} />
      ))}
      <span>100%</span>
      <span className="heat-stop" style={{ background: heatColor(null) }} /> <span>no mappings</span>
      <span className="muted"> · the bar under each figure splits the cell’s mappings by relationship</span>
    </div>
  );
}

/** The mappings behind one cell, read from the row framework's side. */
function CellMappings({ cell, relationships, statuses, offset }: { cell: MatrixCell; relationships: Relationship[]; statuses: string[]; offset: number }) {
  const fw = useFrameworks();
  const q = useQuery<MappingsData>(
    MAPPINGS,
    { filter: { frameworks: [cell.source, cell.target], statuses, ...(relationships.length ? { relationships } : {}) }, limit: PAGE, offset },
    { cached: false },
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [cell.source, cell.target]);
  const rows = q.status === 'ok' ? q.data.mappings.map((m) => orient(m, cell.source)) : [];
  const total = q.status === 'ok' ? q.data.mappingCount : null;
  return (
    <section className="cell-mappings" aria-live="polite">
      <h2 ref={headingRef} tabIndex={-1}>
        {fw.name(cell.source)} → {fw.name(cell.target)}
      </h2>
      <p>
        {cell.covered} of {cell.total} requirements ({percent(cell.share)}) covered by {plural(cell.mappings, 'mapping')}.{' '}
        <button type="button" onClick={() => setParams({ cell: null, offset: null })}>
          Close
        </button>
      </p>
      <Downloads label={`Download the ${cell.source} → ${cell.target} crosswalk`} downloads={crosswalkDownloads(cell.source, cell.target)} />
      {q.status === 'loading' && <Loading what="the mappings behind this cell" />}
      {q.status === 'error' && <ErrorBox what="the mappings behind this cell" error={q.error} retry={q.reload} />}
      {q.status === 'ok' && rows.length === 0 && <Empty>No mappings on this page.</Empty>}
      {rows.length > 0 && (
        <table className="mappings">
          <thead>
            <tr>
              <th scope="col">{fw.name(cell.source)}</th>
              <th scope="col">Relationship</th>
              <th scope="col">{fw.name(cell.target)}</th>
              <th scope="col" className="num">
                Strength
              </th>
              <th scope="col">Rationale · status</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ mapping, here, there, relationship }) => (
              <tr key={mapping.id}>
                <td>{here ? <Link href={requirementHref(here.id)}>{`${here.ref} ${here.title}`}</Link> : '?'}</td>
                <td>
                  <span className={`rel rel-${stepSupport(relationship)}`}>{relationshipLabel(relationship)}</span>
                </td>
                <td>{there ? <Link href={requirementHref(there.id)}>{`${there.ref} ${there.title}`}</Link> : '?'}</td>
                <td className="num">{mapping.strength}</td>
                <td>
                  {mapping.rationale} · <span className={`badge ${mapping.status}`}>{mapping.status}</span>
                </td>
                <td className="note">{mapping.note ?? <span className="muted">no note</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(offset > 0 || (total ?? 0) > PAGE) && (
        <nav className="pager" aria-label="Pages of mappings">
          <button type="button" disabled={offset === 0} onClick={() => setParams({ offset: Math.max(0, offset - PAGE) || null })}>
            Previous {PAGE}
          </button>
          <span className="pager-range" data-total={total ?? undefined}>
            {rows.length ? `${offset + 1}–${offset + rows.length}` : 'none'} of {total?.toLocaleString('en') ?? '…'}
          </span>
          <button type="button" disabled={total === null || offset + PAGE >= total} onClick={() => setParams({ offset: offset + PAGE })}>
            Next {PAGE}
          </button>
        </nav>
      )}
    </section>
  );
}

function orient(mapping: MappingWithEnds, sourceFramework: string) {
  const forward = mapping.source?.frameworkId === sourceFramework || mapping.sourceId.startsWith(`${sourceFramework}:`);
  return forward
    ? { mapping, here: mapping.source, there: mapping.target, relationship: mapping.relationship }
    : { mapping, here: mapping.target, there: mapping.source, relationship: inverseRelationship(mapping.relationship) };
}
