import { useMemo } from 'react';
import { OVERLAP_WORDS, overlapPhrase } from '../../../server/domain/analysis/overlapBands.js';
import { rowLabel } from '../../../server/domain/analysis/rowLabel.js';
import { GAP_ANALYSIS, type GapData, type GapReport, type GapRow, type GapStatus } from '../api/analysis.js';
import { useQuery } from '../api/useQuery.js';
import { Downloads } from '../components/Downloads.js';
import { FrameworkPicker } from '../components/FrameworkPicker.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { FrameworkSelect } from '../components/FrameworkSelect.js';
import { ScopePicker, useScopeTags } from '../components/ScopePicker.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { StatusBadge, StatusBar } from '../components/StatusBadge.js';
import { frameworkOfId, refOfId, toRelationship } from '../graph/evidenceFanout.js';
import { stepSupport } from '../graph/support.js';
import { gapDownloads } from '../lib/downloads.js';
import { humanizeIds, relationshipLabel } from '../lib/format.js';
import { GAP_STATUSES, gapShares, groupGapRows, mappingsUsed, parseGapParams } from '../lib/gap.js';
import { formatRoute, requirementHref, type Route } from '../lib/route.js';
import { Link, setParams } from '../router.js';

/** Every requirement of a target framework as covered, partial or uncovered, given what the organisation has. */
export function GapsView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const parsed = parseGapParams(route.params);
  // "none" (or an unknown id) in the URL means nothing ticked; a missing parameter means the default.
  const p = { ...parsed, have: parsed.have.filter((f) => fw.byId.has(f)) };
  const ready = p.basis === 'evidence' || p.have.length > 0;
  const q = useQuery<GapData>(
    GAP_ANALYSIS,
    {
      target: p.target,
      haveFrameworks: p.basis === 'frameworks' ? p.have : null,
      haveEvidence: p.basis === 'evidence' ? true : null,
      scope: p.scope.length ? p.scope : null,
      asOf: p.asOf ?? null,
      maxPathLength: p.maxPathLength,
      includeProposed: p.includeProposed,
    },
    { skip: !ready },
  );
  const what = `the gap analysis of ${fw.name(p.target)}`;
  const scopeTags = useScopeTags(p.target);
  return (
    <section className="view report gaps">
      <h1>Gap analysis</h1>
      <p className="lede">
        What a target framework asks for that what you already have does not cover. Each requirement is <strong>covered</strong> (a full path of approved mappings), <strong>partial</strong> (some of it: the rest needs its own evidence) or{' '}
        <strong>uncovered</strong>, with the reasons and the mappings used.
      </p>
      <form className="controls report-form" aria-label="What to analyse" onSubmit={(e) => e.preventDefault()}>
        <label>
          Target{' '}
          <FrameworkSelect value={p.target} onChange={(target) => setParams({ target, scope: null, have: p.basis === 'frameworks' ? p.have.filter((f) => f !== target).join(',') || null : null })} />
        </label>
        <fieldset>
          <legend>What you have</legend>
          <label className="check">
            <input type="radio" name="gap-basis" checked={p.basis === 'frameworks'} onChange={() => setParams({ evidence: null, have: (p.have.length ? p.have : ['iso27001-2022'].filter((f) => f !== p.target)).join(','), asOf: null })} /> frameworks you comply with
          </label>
          <label className="check">
            <input type="radio" name="gap-basis" checked={p.basis === 'evidence'} onChange={() => setParams({ evidence: 'true', have: null })} /> your evidence register
          </label>
        </fieldset>
        <label>
          Path length{' '}
          <select value={p.maxPathLength} onChange={(e) => setParams({ len: e.target.value === '2' ? null : e.target.value })}>
            <option value="1">direct mappings only</option>
            <option value="2">up to 2 mappings</option>
            <option value="3">up to 3 mappings</option>
          </select>
        </label>
        {p.basis === 'evidence' && (
          <label>
            Evidence as of <input type="date" value={p.asOf ?? ''} onChange={(e) => setParams({ asOf: e.target.value || null })} />
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={p.includeProposed} onChange={(e) => setParams({ proposed: e.target.checked ? 'true' : null })} /> include proposed mappings
        </label>
        {p.basis === 'frameworks' && <FrameworkPicker name="gap-have" legend="Frameworks you comply with" selected={p.have} exclude={[p.target]} onChange={(ids) => setParams({ have: ids.join(',') || 'none' })} />}
        <ScopePicker offered={scopeTags} selected={p.scope} onChange={(tags) => setParams({ scope: tags.join(',') || null })} />
      </form>
      {!ready && <Empty>Tick at least one framework you comply with, or choose your evidence register.</Empty>}
      {ready && q.status === 'loading' && <Loading what={what} />}
      {ready && q.status === 'error' && <ErrorBox what={what} error={q.error} retry={q.reload} />}
      {ready && q.status === 'ok' && (
        <GapResult
          report={q.data.gapAnalysis}
          show={p.show}
          downloads={gapDownloads({ target: p.target, have: p.basis === 'frameworks' ? { kind: 'frameworks', frameworkIds: p.have } : { kind: 'evidence', asOf: p.asOf }, includeProposed: p.includeProposed, maxPathLength: p.maxPathLength, scope: p.scope })}
        />
      )}
    </section>
  );
}

function GapResult({ report, show, downloads }: { report: GapReport; show: GapStatus[]; downloads: ReturnType<typeof gapDownloads> }) {
  const fw = useFrameworks();
  const { sections, context } = useMemo(() => groupGapRows(report.rows, show), [report, show]);
  const s = report.summary;
  const pct = (n: number) => `${Math.round((100 * n) / (s.assessable || 1))}%`;
  const shown = show.length ? show : GAP_STATUSES;
  const toggle = (status: GapStatus, on: boolean) => {
    const next = GAP_STATUSES.filter((x) => (x === status ? on : shown.includes(x)));
    if (!next.length) return;
    setParams({ show: next.length === GAP_STATUSES.length ? null : next.join(',') });
  };
  return (
    <>
      <Downloads label="Download this gap analysis" downloads={downloads} />
      <section className="gap-summary" aria-labelledby="gap-summary-h">
        <h2 id="gap-summary-h">
          <FrameworkSwatch id={report.target} /> {fw.name(report.target)}, given {report.have.kind === 'frameworks' ? report.have.frameworks.map((f) => fw.name(f)).join(' and ') : report.have.description}
        </h2>
        <div className="summary-counts">
          <div>
            <strong>{s.assessable}</strong> requirements assessed
          </div>
          <div className="sum-covered" data-status="covered">
            <strong>{s.covered}</strong> <StatusBadge status="covered" /> {pct(s.covered)}
          </div>
          <div className="sum-partial" data-status="partial">
            <strong>{s.partial}</strong> <StatusBadge status="partial" /> {pct(s.partial)}
          </div>
          <div className="sum-uncovered" data-status="uncovered">
            <strong>{s.uncovered}</strong> <StatusBadge status="uncovered" /> {pct(s.uncovered)}
          </div>
        </div>
        <StatusBar shares={gapShares(s)} />
        <p className="muted">
          Covered: {s.coveredDirectly} directly, {s.coveredByMapping} through mappings, {s.coveredByParent} through a covered parent. {s.partial ? `Partial, by the strength of the best path: ${overlapPhrase(s.partialByOverlap)}. ` : ''}Uncovered: {s.uncoveredNoCounterpart} reviewed as having no counterpart, {s.uncoveredNotMapped} not mapped yet.{' '}
          {s.notAssessable} parents, informative parts and withdrawn requirements are listed but not counted
          {s.withPendingMappings ? `; ${s.withPendingMappings} have proposed mappings awaiting review` : ''}. Paths of at most {report.maxPathLength} mapping{report.maxPathLength === 1 ? '' : 's'}, {report.statuses.join(' and ')} only.
        </p>
        {report.scope && (
          <p className="scope-note">
            Only requirements tagged <strong>{report.scope.tags.join(' or ')}</strong>: {report.scope.leftOut} others of {fw.name(report.target)} are left out.
          </p>
        )}
        {report.openByDate && (
          <p className="open-by-date">
            Not yet covered, by the date they apply from:{' '}
            {report.openByDate.map((d) => `${d.appliesFrom}: ${d.uncovered} uncovered, ${d.partial} partial`).join('; ')}.
          </p>
        )}
        {report.have.kind === 'evidence' && /^0 evidence items/.test(report.have.description) && (
          <p className="warning">
            Your evidence register is empty, so nothing is covered yet. Add items in the <Link href={formatRoute({ view: 'hub', params: { mode: 'evidence' } })}>evidence hub</Link>.
          </p>
        )}
        {report.warnings.map((w) => (
          <p key={w} className="warning">
            {humanizeIds(w, fw.byId)}
          </p>
        ))}
      </section>
      <fieldset className="controls">
        <legend>Show</legend>
        {GAP_STATUSES.map((st) => (
          <label key={st} className="check">
            <input type="checkbox" checked={shown.includes(st)} disabled={shown.length === 1 && shown.includes(st)} onChange={(e) => toggle(st, e.target.checked)} /> <StatusBadge status={st} />
          </label>
        ))}
        <span className="muted">(parents of what is shown stay, faintly, for their place in the hierarchy)</span>
      </fieldset>
      {sections.length === 0 && <Empty>No requirement has the statuses ticked.</Empty>}
      {sections.length > 0 && (
        <table className="gap-table">
          <caption className="sr-only">Requirements of {fw.name(report.target)} by section, with status, reasons and the mappings used.</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Status</th>
              <th scope="col">Why</th>
              <th scope="col">Mappings used</th>
            </tr>
          </thead>
          {sections.map((sec) => (
            <tbody key={sec.head.requirementId} className="gap-section">
              <GapRowView row={sec.head} head context={context.has(sec.head.requirementId)} />
              {sec.rows.map((r) => (
                <GapRowView key={r.requirementId} row={r} context={context.has(r.requirementId)} />
              ))}
            </tbody>
          ))}
        </table>
      )}
    </>
  );
}

function GapRowView({ row, head = false, context }: { row: GapRow; head?: boolean; context: boolean }) {
  const fw = useFrameworks();
  const label = (id: string) => `${fw.name(frameworkOfId(id))} ${refOfId(id)}`;
  const used = mappingsUsed(row);
  const [first, ...rest] = row.reasons.map((r) => humanizeIds(r, fw.byId));
  return (
    <tr className={`gap-row ${head ? 'section-head' : ''} ${context ? 'context' : ''} ${row.assessable ? '' : 'not-assessable'}`} data-requirement={row.requirementId} data-status={row.status}>
      <th scope="row" style={{ paddingLeft: `${0.45 + row.depth * 1.1}rem` }}>
        <Link href={requirementHref(row.requirementId)}>
          <span className="ref">{row.ref}</span> {rowLabel(row)}
        </Link>
        {!row.assessable && <span className="muted"> ({row.rollup ? 'roll-up' : 'not counted'})</span>}
      </th>
      <td>
        <StatusBadge status={row.status} />
        {row.overlap && row.overlap !== 'unrated' && <span className={`overlap overlap-${row.overlap}`}> {OVERLAP_WORDS[row.overlap]}</span>}
        {row.appliesFrom && row.assessable && row.status !== 'covered' && <span className="applies muted"> applies from {row.appliesFrom}</span>}
        {row.rollup && (
          <span className="rollup muted">
            {' '}
            {row.rollup.covered}/{row.rollup.covered + row.rollup.partial + row.rollup.uncovered}
          </span>
        )}
      </td>
      <td className="reasons">
        {first && <span>{first}</span>}
        {rest.length > 0 && (
          <details>
            <summary>{rest.length} more</summary>
            <ul>
              {rest.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td className="used">
        {used.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul>
            {used.slice(0, 4).map((m) => {
              const rel = toRelationship(m.relationship);
              return (
                <li key={m.mappingId} title={m.note}>
                  {label(m.from)} <span className={`rel rel-${stepSupport(rel)}`}>{relationshipLabel(rel)}</span> {label(m.to)} <span className="muted">(strength {m.strength}{m.status === 'approved' ? '' : `, ${m.status}`})</span>
                  {m.contestedBy && m.contestedBy.length > 0 && (
                    <span className="contested" title={m.contestedBy.map((c) => `${c.source}: ${relationshipLabel(toRelationship(c.relationship))}`).join('; ')}>
                      {' '}
                      contested by {m.contestedBy.map((c) => c.source).join(', ')}
                    </span>
                  )}
                </li>
              );
            })}
            {used.length > 4 && <li className="muted">and {used.length - 4} more (in the downloads)</li>}
          </ul>
        )}
      </td>
    </tr>
  );
}
