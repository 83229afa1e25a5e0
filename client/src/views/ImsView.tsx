import { Fragment } from 'react';
import { processDifferences } from '../../../server/domain/analysis/imsDifferences.js';
import { IMS_PLAN, type ImsAddition, type ImsClause, type ImsPlan, type ImsPlanData, type ImsProcess } from '../api/analysis.js';
import { useQuery } from '../api/useQuery.js';
import { Downloads } from '../components/Downloads.js';
import { FrameworkPicker } from '../components/FrameworkPicker.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { frameworkOfId, refOfId, toRelationship } from '../graph/evidenceFanout.js';
import { stepSupport } from '../graph/support.js';
import { imsDownloads } from '../lib/downloads.js';
import { plural, relationshipLabel } from '../lib/format.js';
import { additionsBySection, DEFAULT_IMS_STANDARDS, processCounts } from '../lib/ims.js';
import { listParam, requirementHref, type Route } from '../lib/route.js';
import { Link, setParams } from '../router.js';

/**
 * An integrated management system for several standards: the processes they share (harmonized structure), the
 * clauses each process satisfies in each standard, and what each standard asks for on its own.
 */
export function ImsView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const standards = route.params.std === undefined ? DEFAULT_IMS_STANDARDS.filter((s) => fw.byId.has(s)) : listParam(route.params.std).filter((s) => fw.byId.has(s));
  const includeProposed = route.params.proposed === 'true';
  const q = useQuery<ImsPlanData>(IMS_PLAN, { standards, includeProposed }, { skip: !standards.length });
  return (
    <section className="view report ims">
      <h1>IMS plan</h1>
      <p className="lede">
        Run several management-system standards as one: each shared process satisfies a clause in every standard at once (joined on the harmonized-structure concept, not the clause number), and each standard’s own additions are what is left to do for it alone.
      </p>
      <form className="controls report-form" aria-label="Standards" onSubmit={(e) => e.preventDefault()}>
        <FrameworkPicker name="ims-standards" legend="Standards to integrate" selected={standards} onChange={(ids) => setParams({ std: ids.join(',') || 'none' })} />
        <label className="check">
          <input type="checkbox" checked={includeProposed} onChange={(e) => setParams({ proposed: e.target.checked ? 'true' : null })} /> include proposed mappings
        </label>
      </form>
      {!standards.length && <Empty>Tick at least one standard.</Empty>}
      {standards.length > 0 && q.status === 'loading' && <Loading what="the IMS plan" />}
      {standards.length > 0 && q.status === 'error' && <ErrorBox what="the IMS plan" error={q.error} retry={q.reload} />}
      {standards.length > 0 && q.status === 'ok' && <Plan plan={q.data.imsPlan} />}
    </section>
  );
}

function Plan({ plan }: { plan: ImsPlan }) {
  const fw = useFrameworks();
  const counts = processCounts(plan);
  return (
    <>
      <Downloads label="Download this plan" downloads={imsDownloads(plan.standards)} />
      <div className="summary-counts">
        <div>
          <strong>{plan.summary.processes}</strong> shared processes
        </div>
        <div>
          <strong>{plan.summary.sharedByAll}</strong> realised by every standard
        </div>
        {plan.standards.map((s) => (
          <div key={s}>
            <strong>{plan.summary.additions[s] ?? 0}</strong> <FrameworkSwatch id={s} /> {fw.name(s)} additions
          </div>
        ))}
      </div>
      <h2>Shared processes</h2>
      <p className="muted">
        {counts.map((c) => `${fw.name(c.standardId)}: ${c.shared} of ${plural(c.clauses, 'clause')} shared`).join(' · ')}. A clause marked <span className="ims-own">own</span> sits in the process but nothing in the other standards matches it:
        it is also listed among its standard’s additions.
      </p>
      <div className="table-wrap">
        <table className="ims-table">
          <caption className="sr-only">Each shared process and the clauses it satisfies in each standard</caption>
          <thead>
            <tr>
              <th scope="col">Process</th>
              {plan.standards.map((s) => (
                <th scope="col" key={s}>
                  <FrameworkSwatch id={s} /> {fw.name(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.processes.map((p) => (
              <Fragment key={p.conceptId}>
                <tr data-concept={p.conceptId}>
                  <th scope="row">
                    <span className="process-title">{p.title}</span>
                    <span className="process-summary">{p.summary}</span>
                  </th>
                  {plan.standards.map((s) => {
                    const items = p.clauses.find((c) => c.standardId === s)?.items ?? [];
                    return (
                      <td key={s}>
                        {items.length === 0 ? (
                          <span className="muted">not in this standard</span>
                        ) : (
                          <ul className="ims-clauses">
                            {items.map((c) => (
                              <ClauseItem key={c.requirementId} clause={c} />
                            ))}
                          </ul>
                        )}
                      </td>
                    );
                  })}
                </tr>
                <Differences process={p} columns={plan.standards.length + 1} />
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <h2>What each standard adds</h2>
      <p className="muted">Clauses and controls that no shared process covers: each standard’s own work. Related clauses of the other standards are listed, but they are not the same process.</p>
      {plan.additions.map((a) => (
        <details key={a.standardId} className="ims-additions" id={`additions-${a.standardId}`} open>
          <summary>
            <FrameworkSwatch id={a.standardId} /> <strong>{fw.name(a.standardId)}</strong>: {plural(a.items.length, 'addition')}
          </summary>
          {a.items.length === 0 && <p className="muted">Nothing: every clause is part of a shared process.</p>}
          {additionsBySection(a.items).map((g) => (
            <section key={g.section} className="ims-section">
              <h3>{g.section}</h3>
              <ul>
                {g.items.map((item) => (
                  <AdditionItem key={item.requirementId} item={item} process={item.conceptId ? plan.processes.find((p) => p.conceptId === item.conceptId)?.title : undefined} />
                ))}
              </ul>
            </section>
          ))}
        </details>
      ))}
    </>
  );
}

/** What each standard asks for differently inside one shared process: the reviewers' notes on the mappings between its clauses. */
function Differences({ process, columns }: { process: ImsProcess; columns: number }) {
  const fw = useFrameworks();
  const differences = processDifferences(process);
  if (!differences.length) return null;
  const clause = (id: string) => `${fw.name(frameworkOfId(id))} ${refOfId(id)}`;
  return (
    <tr className="process-differences" data-concept-differences={process.conceptId}>
      <td colSpan={columns}>
        <details>
          <summary>How the standards differ in “{process.title}”</summary>
          <ul>
            {differences.map((d) => {
              const rel = toRelationship(d.relationship);
              return (
                <li key={d.mappingId}>
                  {clause(d.from)} <span className={`rel rel-${stepSupport(rel)}`}>{relationshipLabel(rel)}</span> {clause(d.to)}: {d.note}
                </li>
              );
            })}
          </ul>
        </details>
      </td>
    </tr>
  );
}

function ClauseItem({ clause }: { clause: ImsClause }) {
  const fw = useFrameworks();
  const with_ = clause.counterparts.map((c) => `${fw.name(frameworkOfId(c.requirementId))} ${refOfId(c.requirementId)} (${relationshipLabel(toRelationship(c.relationship))})`).join('; ');
  return (
    <li data-requirement={clause.requirementId} className={clause.shared ? 'shared' : 'own'}>
      <Link href={requirementHref(clause.requirementId)} title={clause.shared ? `Shared with ${with_}` : clause.noCounterparts.map((n) => n.note).join(' ') || 'No counterpart in the other standards'}>
        <strong>{clause.ref}</strong> {clause.title}
      </Link>{' '}
      {clause.shared ? <span className="sr-only">shared with {with_}</span> : <span className="ims-own">own</span>}
    </li>
  );
}

function AdditionItem({ item, process }: { item: ImsAddition; process?: string }) {
  const fw = useFrameworks();
  return (
    <li data-requirement={item.requirementId} className="ims-addition">
      <Link href={requirementHref(item.requirementId)}>
        <strong>{item.ref}</strong> {item.title}
      </Link>
      {process && <span className="muted"> — inside “{process}”, with no counterpart in the other standards</span>}
      {item.noCounterparts.length > 0 && (
        <ul className="notes">
          {item.noCounterparts.map((n) => (
            <li key={n.otherFrameworkId}>
              <FrameworkSwatch id={n.otherFrameworkId} /> reviewed, nothing in {fw.name(n.otherFrameworkId)}: {n.note}
            </li>
          ))}
        </ul>
      )}
      {item.related.length > 0 && (
        <p className="related">
          Related:{' '}
          {item.related.map((r, i) => {
            const rel = toRelationship(r.relationship);
            return (
              <span key={r.mappingId}>
                {i > 0 && '; '}
                <span className={`rel rel-${stepSupport(rel)}`}>{relationshipLabel(rel)}</span> <Link href={requirementHref(r.requirementId)}>{`${fw.name(frameworkOfId(r.requirementId))} ${refOfId(r.requirementId)}`}</Link>
              </span>
            );
          })}
        </p>
      )}
    </li>
  );
}
