import { useMemo } from 'react';
import { APPLIES_TAG, isScopeTag } from '../../../server/domain/analysis/tagScope.js';
import { NEIGHBOURHOOD, REQUIREMENT, type NeighbourhoodData, type RequirementData } from '../api/queries.js';
import { useQuery } from '../api/useQuery.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { GraphView, type GraphLink, type GraphNode, type GraphTarget } from '../components/GraphView.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { filterGraph } from '../graph/filter.js';
import { RELATIONSHIP_COLORS, relationshipDash } from '../graph/palette.js';
import { stepSupport } from '../graph/support.js';
import { RELATIONSHIPS, STATUSES, type Relationship, type Status } from '../graph/types.js';
import { plural, relationshipLabel } from '../lib/format.js';
import { formatRoute, frameworkHref, intParam, listParam, requirementHref, type Route } from '../lib/route.js';
import { Link, navigate, setParams } from '../router.js';
import { FurtherSources, SourceName } from '../components/FurtherSources.js';
import { MappingForm } from '../components/MappingForm.js';
import { mappingAnchor } from '../lib/mappingForm.js';
import { describeCorrections } from '../lib/reviewCorrections.js';

type Req = NonNullable<RequirementData['requirement']>;

/** One requirement: where it sits, every mapping with its reasons and provenance, and its neighbourhood. */
export function RequirementView({ route }: { route: Route }) {
  const id = route.id!;
  const fw = useFrameworks();
  const q = useQuery<RequirementData>(REQUIREMENT, { id }, { cached: false });
  if (q.status === 'loading') return <Loading what={`requirement ${id}`} />;
  if (q.status === 'error') return <ErrorBox what={`requirement ${id}`} error={q.error} retry={q.reload} />;
  const r = q.data.requirement;
  if (!r)
    return (
      <section className="view">
        <h1>No such requirement</h1>
        <Empty>
          The service knows no requirement with the id <code>{id}</code>. Ids look like <code>iso42001-2023:A.6.2.8</code>; search (press /) to find one.
        </Empty>
      </section>
    );
  const byFramework = new Map<string, Req['mappings']>();
  for (const m of r.mappings) {
    const f = m.other?.frameworkId ?? m.otherId.split(':')[0]!;
    (byFramework.get(f) ?? byFramework.set(f, []).get(f)!).push(m);
  }
  return (
    <section className="view requirement">
      <nav aria-label="Place in the hierarchy" className="breadcrumb">
        <ol>
          <li>
            <FrameworkSwatch id={r.frameworkId} /> <Link href={frameworkHref(r.frameworkId)}>{fw.name(r.frameworkId)}</Link>
          </li>
          {r.ancestors.map((a) => (
            <li key={a.id}>
              <Link href={requirementHref(a.id)}>
                {a.ref} {a.title}
              </Link>
            </li>
          ))}
          <li aria-current="page">{r.ref}</li>
        </ol>
      </nav>
      <h1>
        <span className="ref">{r.ref}</span> {r.title}
      </h1>
      <p className="meta">
        <span className="badge">{r.kind}</span> {fw.name(r.frameworkId)} · <code>{r.id}</code> · <Link href={formatRoute({ view: 'hub', params: { req: r.id } })}>see its reach in the evidence hub</Link>
        {r.framework?.licence && r.framework.licence !== 'open' && <span className="muted"> · licence: {r.framework.licence}</span>}
      </p>
      {r.summary && <p className="summary">{r.summary}</p>}
      {r.tags.length > 0 && (
        <p className="tags">
          {r.tags.map((t) =>
            isScopeTag(t) ? (
              <Link key={t} className="tag" href={formatRoute({ view: 'gaps', params: { target: r.frameworkId, scope: t } })} title={`the gap analysis of ${fw.name(r.frameworkId)}, only what is tagged ${t}`}>
                {t}
              </Link>
            ) : (
              <span key={t} className="tag" title={t.startsWith('alias:') ? 'another identifier its publisher or other tools write for it' : t.startsWith(APPLIES_TAG) ? t : undefined}>
                {t.startsWith('alias:') ? `also written ${t.slice('alias:'.length)}` : t.startsWith(APPLIES_TAG) ? `applies from ${t.slice(APPLIES_TAG.length)}` : t}
              </span>
            ),
          )}
        </p>
      )}
      {r.children.length > 0 && (
        <section>
          <h2>Parts ({r.children.length})</h2>
          <ul className="children">
            {r.children.map((c) => (
              <li key={c.id}>
                <Link href={requirementHref(c.id)}>
                  <strong>{c.ref}</strong> {c.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Neighbourhood requirement={r} route={route} />
      <section>
        <h2>Mappings ({r.mappings.length})</h2>
        {r.mappings.length === 0 && <Empty>No mappings touch this requirement yet.</Empty>}
        {[...byFramework.entries()].map(([f, list]) => (
          <section key={f} className="mapping-group">
            <h3>
              <FrameworkSwatch id={f} /> {fw.name(f)} ({list.length})
            </h3>
            <table className="mappings">
              <thead>
                <tr>
                  <th scope="col">This requirement is…</th>
                  <th scope="col">Requirement</th>
                  <th scope="col" className="num">
                    Strength
                  </th>
                  <th scope="col">Rationale · method</th>
                  <th scope="col">Status</th>
                  <th scope="col">Provenance</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.mapping.id} id={mappingAnchor(m.mapping.id)} data-mapping={m.mapping.id}>
                    <td>
                      <span className={`rel rel-${stepSupport(m.relationship)}`}>{relationshipLabel(m.relationship)}</span>
                    </td>
                    <td>
                      <Link href={requirementHref(m.otherId)}>{m.other ? `${m.other.ref} ${m.other.title}` : m.otherId}</Link>
                    </td>
                    <td className="num">{m.mapping.strength}</td>
                    <td>
                      {m.mapping.rationale} · {m.mapping.method}
                    </td>
                    <td>
                      <span className={`badge ${m.mapping.status}`}>{m.mapping.status}</span> <span className="muted">{m.mapping.origin}</span>
                    </td>
                    <td className="prov">
                      <SourceName provenance={m.mapping.provenance} />
                      <br />
                      <span className="muted">
                        by {m.mapping.provenance.author}, recorded {m.mapping.provenance.created}
                        {m.mapping.provenance.reviewer && `; reviewed by ${m.mapping.provenance.reviewer}${m.mapping.provenance.reviewed ? `, ${m.mapping.provenance.reviewed}` : ''}`}
                      </span>
                      <FurtherSources statements={m.mapping.alsoStatedBy} incoming={m.direction === 'incoming'} />
                    </td>
                    <td className="note">
                      {m.mapping.note ?? <span className="muted">no note</span>}
                      {m.mapping.reviewNote && <p className="muted">Review: {m.mapping.reviewNote}</p>}
                      {m.mapping.reviews.length > 0 && (
                        <details>
                          <summary>{plural(m.mapping.reviews.length, 'review')}</summary>
                          <ul>
                            {m.mapping.reviews.map((rv, i) => (
                              <li key={i}>
                                {rv.at.slice(0, 10)} {rv.reviewer}: {rv.status}
                                {rv.note ? ` — ${rv.note}` : ''}
                                {rv.editsJson ? ` (corrected: ${describeCorrections(rv.editsJson, rv.replacedJson) ?? 'nothing changed'})` : ''}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        {r.noCounterparts.length > 0 && (
          <section>
            <h3>Known to have no counterpart</h3>
            <ul>
              {r.noCounterparts.map((n) => (
                <li key={n.otherFrameworkId}>
                  <FrameworkSwatch id={n.otherFrameworkId} /> {fw.name(n.otherFrameworkId)}: {n.note} <span className={`badge ${n.status}`}>{n.status}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
      <MappingForm id="map-to" requirement={r} mapped={r.mappings} onChanged={q.reload} />
    </section>
  );
}

function Neighbourhood({ requirement, route }: { requirement: Req; route: Route }) {
  const fw = useFrameworks();
  const depth = intParam(route.params.depth, 1, 1, 3);
  const statuses = (listParam(route.params.status).filter((s) => (STATUSES as readonly string[]).includes(s)) as Status[]).sort();
  const rels = listParam(route.params.rel).filter((r) => (RELATIONSHIPS as readonly string[]).includes(r)) as Relationship[];
  const hidden = new Set(listParam(route.params.hide));
  const effectiveStatuses = statuses.length ? statuses : (['approved'] as Status[]);
  const q = useQuery<NeighbourhoodData>(NEIGHBOURHOOD, { id: requirement.id, depth, statuses: effectiveStatuses, maxNodes: 3000 });

  const graph = useMemo(() => {
    if (q.status !== 'ok') return null;
    const reqs = q.data.neighbourhood.nodes.map((n) => n.requirement);
    const { nodes, edges } = filterGraph(reqs, q.data.neighbourhood.edges, {
      frameworks: hidden.size ? new Set(fw.list.map((f) => f.id).filter((f) => !hidden.has(f))) : null,
      relationships: rels.length ? new Set(rels) : null,
      keep: new Set([requirement.id]),
      dropIsolated: true,
    });
    const gNodes: GraphNode[] = nodes.map((n) => {
      const s = fw.style(n.frameworkId);
      const centre = n.id === requirement.id;
      return { id: n.id, label: n.ref, description: `${fw.name(n.frameworkId)} ${n.ref} ${n.title}`, color: s.color, shape: s.shape, r: centre ? 11 : 6, pinned: centre };
    });
    const gLinks: GraphLink[] = edges.map((e) => ({ id: e.id, source: e.sourceId, target: e.targetId, color: RELATIONSHIP_COLORS[e.relationship], width: 1.8, dash: relationshipDash(e.relationship) }));
    return { nodes: gNodes, links: gLinks, reqs: new Map(nodes.map((n) => [n.id, n])), edges: new Map(edges.map((e) => [e.id, e])), truncated: q.data.neighbourhood.truncated, frameworks: [...new Set(reqs.map((r) => r.frameworkId))].sort() };
  }, [q.status, q.data, fw, requirement.id, route.params.hide, route.params.rel]);

  const tooltip = (t: GraphTarget) => {
    if (!graph) return null;
    if (t.kind === 'node') {
      const n = graph.reqs.get(t.id);
      return n ? (
        <div>
          <strong>
            {fw.name(n.frameworkId)} {n.ref}
          </strong>{' '}
          {n.title}
          <p className="muted">Enter or click: open its page</p>
        </div>
      ) : null;
    }
    const e = graph.edges.get(t.id);
    if (!e) return null;
    const a = graph.reqs.get(e.sourceId);
    const b = graph.reqs.get(e.targetId);
    return (
      <div>
        <strong>{a?.ref ?? e.sourceId}</strong> {relationshipLabel(e.relationship)} <strong>{b?.ref ?? e.targetId}</strong>
        <p>
          {e.rationale}, strength {e.strength}, {e.status}
        </p>
        {e.note && <p>{e.note}</p>}
      </div>
    );
  };

  const toggle = (name: 'hide' | 'rel' | 'status', value: string, list: string[], on: boolean) => {
    const next = new Set(list);
    if (on) next.add(value);
    else next.delete(value);
    setParams({ [name]: [...next].join(',') || null });
  };

  return (
    <section className="neighbourhood">
      <h2>Neighbourhood</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Neighbourhood filters">
        <label>
          Depth{' '}
          <select value={depth} onChange={(e) => setParams({ depth: e.target.value === '1' ? null : e.target.value })}>
            <option value="1">1</option>
            <option value="2">2</option>
            <option value="3">3</option>
          </select>
        </label>
        <fieldset>
          <legend>Status</legend>
          {STATUSES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={effectiveStatuses.includes(s)} onChange={(e) => toggle('status', s, effectiveStatuses, e.target.checked)} /> {s}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Relationship</legend>
          {RELATIONSHIPS.filter((r) => r !== 'no_relationship').map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={!rels.length || rels.includes(r)} onChange={(e) => toggle('rel', r, rels.length ? rels : RELATIONSHIPS.filter((x) => x !== 'no_relationship'), e.target.checked)} />
              <span className="relkey" style={{ background: RELATIONSHIP_COLORS[r] }} aria-hidden="true" /> {relationshipLabel(r)}
            </label>
          ))}
        </fieldset>
        {graph && (
          <fieldset>
            <legend>Frameworks</legend>
            {graph.frameworks.map((f) => (
              <label key={f} className="check">
                <input type="checkbox" checked={!hidden.has(f)} disabled={f === requirement.frameworkId} onChange={(e) => toggle('hide', f, [...hidden], !e.target.checked)} /> <FrameworkSwatch id={f} /> {fw.name(f)}
              </label>
            ))}
          </fieldset>
        )}
      </form>
      {q.status === 'loading' && <Loading what="the neighbourhood" />}
      {q.status === 'error' && <ErrorBox what="the neighbourhood" error={q.error} retry={q.reload} />}
      {graph?.truncated && <p className="warning">The neighbourhood was cut at 3,000 requirements; lower the depth to see all of it.</p>}
      {graph && graph.nodes.length <= 1 && <Empty>Nothing around this requirement with these filters.</Empty>}
      {graph && graph.nodes.length > 1 && (
        <GraphView
          nodes={graph.nodes}
          links={graph.links}
          mode="force"
          seed={3}
          height={420}
          label={`Neighbourhood of ${requirement.ref}`}
          selectedId={requirement.id}
          renderTooltip={tooltip}
          onSelect={(id) => id !== requirement.id && navigate(formatRoute({ view: 'requirement', id, params: { depth: route.params.depth, status: route.params.status, rel: route.params.rel } }))}
        />
      )}
      <p className="muted">Lines: colour is the relationship read from the stored source; solid where it carries evidence fully (equal, equivalent, superset), dashed where only partly.</p>
    </section>
  );
}
