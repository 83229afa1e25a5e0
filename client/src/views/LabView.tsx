import { useMemo } from 'react';
import { GraphView, type GraphLink, type GraphNode, type GraphTarget } from '../components/GraphView.js';
import { filterGraph, neighbourhoodOf } from '../graph/filter.js';
import { frameworkStyles, RELATIONSHIP_COLORS, relationshipDash } from '../graph/palette.js';
import { syntheticGraph } from '../graph/synthetic.js';
import { RELATIONSHIPS, STATUSES, type Relationship, type Status } from '../graph/types.js';
import { relationshipLabel } from '../lib/format.js';
import { intParam, listParam, type Route } from '../lib/route.js';
import { setParams } from '../router.js';

let labMarked = false;

/**
 * A seeded synthetic graph of any size (default 5,000 requirements): how the explorer behaves at scale, with the
 * same filters and neighbourhood focus as the real views. /lab?nodes=5000&seed=1
 */
export function LabView({ route }: { route: Route }) {
  const size = intParam(route.params.nodes, 5000, 2, 50_000);
  const seed = intParam(route.params.seed, 1, 0, 1_000_000);
  const frameworkCount = intParam(route.params.frameworks, 8, 1, 40);
  const data = useMemo(() => syntheticGraph({ nodes: size, seed, frameworks: frameworkCount }), [size, seed, frameworkCount]);
  const styles = useMemo(() => frameworkStyles(data.frameworks), [data]);
  const hidden = useMemo(() => new Set(listParam(route.params.hide)), [route.params.hide]);
  const rels = listParam(route.params.rel) as Relationship[];
  const statuses = listParam(route.params.status) as Status[];
  const focus = route.params.focus ?? null;
  const hops = intParam(route.params.hops, 2, 1, 6);

  const graph = useMemo(() => {
    let { nodes, edges } = filterGraph(data.requirements, data.mappings, {
      frameworks: hidden.size ? new Set(data.frameworks.map((f) => f.id).filter((f) => !hidden.has(f))) : null,
      relationships: rels.length ? new Set(rels) : null,
      statuses: statuses.length ? new Set(statuses) : null,
    });
    if (focus) ({ nodes, edges } = neighbourhoodOf(nodes, edges, focus, hops));
    const gNodes: GraphNode[] = nodes.map((n) => {
      const s = styles.get(n.frameworkId)!;
      return { id: n.id, label: n.ref, description: `${n.frameworkId} ${n.ref}`, color: s.color, shape: s.shape, r: n.id === focus ? 9 : 4, pinned: n.id === focus };
    });
    const gLinks: GraphLink[] = edges.map((e) => ({ id: e.id, source: e.sourceId, target: e.targetId, color: RELATIONSHIP_COLORS[e.relationship], width: 1, dash: e.status === 'proposed' ? '2 2' : relationshipDash(e.relationship) }));
    return { nodes: gNodes, links: gLinks, edges };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, styles, hidden, route.params.rel, route.params.status, focus, hops]);

  const tooltip = (t: GraphTarget) => (t.kind === 'node' ? <div>{t.id}<p className="muted">click: focus on its neighbourhood</p></div> : <div>{t.id}</div>);
  const toggle = (name: string, value: string, list: string[], on: boolean) => {
    const next = new Set(list);
    if (on) next.add(value);
    else next.delete(value);
    setParams({ [name]: [...next].join(',') || null });
  };

  return (
    <section className="view lab">
      <h1>Graph lab</h1>
      <p className="lede">
        A seeded synthetic crosswalk of {size.toLocaleString('en')} requirements and {data.mappings.length.toLocaleString('en')} mappings, drawn {graph.nodes.length > 300 ? 'on a canvas' : 'as SVG'}. Drag a node, pan, zoom; click a node to focus on its neighbourhood.
      </p>
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Lab filters">
        <label>
          Nodes{' '}
          <select value={size} onChange={(e) => setParams({ nodes: e.target.value, focus: null })}>
            {[100, 300, 1000, 2000, 5000, 10000].map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en')}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Relationship</legend>
          {RELATIONSHIPS.filter((r) => r !== 'no_relationship').map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={!rels.length || rels.includes(r)} onChange={(e) => toggle('rel', r, rels.length ? rels : RELATIONSHIPS.filter((x) => x !== 'no_relationship'), e.target.checked)} /> {relationshipLabel(r)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Status</legend>
          {STATUSES.filter((s) => s !== 'rejected').map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={!statuses.length || statuses.includes(s)} onChange={(e) => toggle('status', s, statuses.length ? statuses : ['approved', 'proposed'], e.target.checked)} /> {s}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Frameworks</legend>
          {data.frameworks.map((f) => (
            <label key={f.id} className="check">
              <input type="checkbox" checked={!hidden.has(f.id)} onChange={(e) => toggle('hide', f.id, [...hidden], !e.target.checked)} /> <span className="relkey" style={{ background: styles.get(f.id)!.color }} aria-hidden="true" /> {f.id}
            </label>
          ))}
        </fieldset>
        {focus && (
          <>
            <label>
              Hops{' '}
              <select value={hops} onChange={(e) => setParams({ hops: e.target.value })}>
                {[1, 2, 3, 4].map((h) => (
                  <option key={h}>{h}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setParams({ focus: null })}>
              Show the whole graph
            </button>
          </>
        )}
      </form>
      <p className="muted" role="status">
        Showing {graph.nodes.length.toLocaleString('en')} nodes and {graph.links.length.toLocaleString('en')} links{focus ? ` within ${hops} hops of ${focus}` : ''}.
      </p>
      <GraphView
        nodes={graph.nodes}
        links={graph.links}
        seed={seed}
        height={620}
        label="Synthetic crosswalk"
        renderTooltip={tooltip}
        selectedId={focus}
        onSelect={(id) => setParams({ focus: id }, { replace: false })}
        onRendered={() => {
          if (labMarked) return;
          labMarked = true;
          performance.mark('crosswalk:lab-rendered');
        }}
      />
    </section>
  );
}
