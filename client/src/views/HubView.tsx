import { lazy, Suspense, useMemo } from 'react';
import { EVIDENCE_COUNT, type EvidenceCountData } from '../api/analysis.js';
import { NEIGHBOURHOOD, PATHS, type NeighbourhoodData, type PathsData, type RequirementRef } from '../api/queries.js';
import { useQuery } from '../api/useQuery.js';
import { FrameworkGroups, focusFrameworkGroup } from '../components/FrameworkGroups.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { GraphView, type GraphLink, type GraphNode, type GraphTarget } from '../components/GraphView.js';
import { ReachCountsTable, SupportLegend } from '../components/Legend.js';
import { PathSteps } from '../components/PathSteps.js';
import { SearchBox } from '../components/SearchBox.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { buildFanout, computeReach, countByFramework, frameworkOfNode, type Reach, type ReachStep } from '../graph/fanout.js';
import { SUPPORT_COLORS, supportDash } from '../graph/palette.js';
import { radialFanoutLayout } from '../graph/radialLayout.js';
import { stepSupport } from '../graph/support.js';
import { plural } from '../lib/format.js';
import { HUB_MODE_RESET, hubMode } from '../lib/hub.js';
import { intParam, listParam, requirementHref, type Route } from '../lib/route.js';
import { Link, setParams } from '../router.js';

// The evidence mode (graph of one item, its form) loads on demand: the requirement mode needs none of it.
/** Ids of the reach list's framework sections. */
const REACH_SECTIONS = 'reach-';
const loadEvidenceHub = () => import('./EvidenceHub.js');
const EvidenceHub = lazy(() => loadEvidenceHub().then((m) => ({ default: m.EvidenceHub })));

export const DEFAULT_START = 'iso42001-2023:A.5.2';
let hubMarked = false;

/** Evidence hub: an evidence item's reach (or a requirement's), evidence → requirements → frameworks. */
export function HubView({ route }: { route: Route }) {
  const mode = hubMode(route.params);
  // Only how many items there are: the evidence mode searches the register on the server as the user types.
  const register = useQuery<EvidenceCountData>(EVIDENCE_COUNT, {}, { skip: mode === 'requirement', cached: false });
  // Fetch the evidence mode's code while the register is counted, rather than after.
  if (mode !== 'requirement') void loadEvidenceHub();
  const resolved: 'evidence' | 'requirement' | null =
    mode !== 'auto' ? mode : register.status === 'loading' ? null : register.status === 'ok' && register.data.evidenceCount > 0 ? 'evidence' : 'requirement';
  const switchTo = (next: 'evidence' | 'requirement') =>
    setParams(next === 'evidence' ? { ...HUB_MODE_RESET, mode: 'evidence', req: null } : { ...HUB_MODE_RESET, mode: 'requirement', ev: null }, { replace: false });
  return (
    <section className="view hub">
      <h1>Evidence hub</h1>
      <p className="lede">
        See where one piece of evidence counts: evidence item → the requirements it is linked to → every requirement the mappings carry it to → their frameworks. Full support is drawn solid, partial dashed; hover or focus a line for the mapping and its reason. You can also start from a requirement.
      </p>
      <fieldset className="controls mode-switch">
        <legend>Start from</legend>
        <label className="check">
          <input type="radio" name="hub-mode" checked={resolved === 'evidence'} onChange={() => switchTo('evidence')} /> an evidence item
        </label>
        <label className="check">
          <input type="radio" name="hub-mode" checked={resolved === 'requirement'} onChange={() => switchTo('requirement')} /> a requirement
        </label>
      </fieldset>
      {resolved === null && <Loading what="the evidence register" />}
      {resolved === 'evidence' && register.status === 'error' && <ErrorBox what="the evidence register" error={register.error} retry={register.reload} />}
      {/* An item named in the URL starts loading its reach at once, alongside the register. */}
      {resolved === 'evidence' && register.status !== 'error' && (
        <Suspense fallback={<Loading what="the evidence hub" />}>
          <EvidenceHub route={route} registerSize={register.status === 'ok' ? register.data.evidenceCount : null} recount={register.reload} />
        </Suspense>
      )}
      {resolved === 'requirement' && mode === 'auto' && register.status === 'error' && (
        <p className="warning">The evidence register could not be read ({register.error.message}), so the hub starts from a requirement.</p>
      )}
      {resolved === 'requirement' && <RequirementHub route={route} />}
    </section>
  );
}

/**
 * Start from a requirement and see where evidence for it counts — every requirement reachable over approved
 * mappings, full or partial by the coverage algebra, and how many per framework.
 */
function RequirementHub({ route }: { route: Route }) {
  const fw = useFrameworks();
  const startId = route.params.req || DEFAULT_START;
  const depth = intParam(route.params.depth, 2, 1, 3);
  const withProposed = route.params.status === 'all';
  const hidden = useMemo(() => new Set(listParam(route.params.hide)), [route.params.hide]);
  const selected = route.params.sel || null;
  const q = useQuery<NeighbourhoodData>(NEIGHBOURHOOD, { id: startId, depth, statuses: withProposed ? ['approved', 'proposed'] : ['approved'], maxNodes: 2000 });

  // The server answers NOT_FOUND for an id no requirement has (a stale link): that is the "no such requirement" case.
  const unknownStart = q.status === 'error' && q.error.code === 'NOT_FOUND';
  const model = useMemo(() => {
    if (q.status !== 'ok') return null;
    const { nodes, edges, truncated } = q.data.neighbourhood;
    const requirements = nodes.map((n) => n.requirement);
    const byId = new Map(requirements.map((r) => [r.id, r]));
    const start = byId.get(startId);
    if (!start) return { missing: true as const };
    const reach = computeReach({ startIds: [startId], requirements, mappings: edges, maxDepth: depth });
    const counts = countByFramework(reach);
    return { missing: false as const, start, reach, counts, byId, truncated };
  }, [q.status, q.data, startId, depth]);

  const label = (id: string) => {
    const r = model && !model.missing ? model.byId.get(id) : undefined;
    return r ? `${fw.name(r.frameworkId)} ${r.ref}` : id;
  };

  const graph = useMemo(() => {
    if (!model || model.missing) return null;
    const visible = model.reach.filter((r) => !hidden.has(r.requirement.frameworkId));
    const fan = buildFanout({ starts: [{ id: model.start.id, label: model.start.ref, frameworkId: model.start.frameworkId }], reach: visible });
    const layout = radialFanoutLayout(fan.nodes);
    const side = (id: string): 'left' | 'right' => ((layout.positions.get(id)?.x ?? 0) < -1 ? 'left' : 'right');
    const nodes: GraphNode[] = fan.nodes.map((n) => {
      const s = fw.style(n.frameworkId);
      const labelSide = side(n.id);
      if (n.kind === 'framework') {
        const count = model.counts.find((c) => c.frameworkId === n.frameworkId);
        return { id: n.id, label: fw.shortLabel(n.frameworkId), description: `${fw.name(n.frameworkId)}: ${count?.full ?? 0} full, ${count?.partial ?? 0} partial`, color: s.color, shape: s.shape, r: 13, ring: n.ring, pinned: true, labelSide };
      }
      if (n.kind === 'start') return { id: n.id, label: `${n.label} (start)`, description: `Start: ${label(n.id)} ${model.start.title}`, color: s.color, shape: s.shape, r: 12, ring: 0, pinned: true, labelSide };
      const r = n.reach!;
      return {
        id: n.id,
        label: n.label,
        description: `${label(n.id)} ${r.requirement.title}: ${r.support} support over ${plural(r.depth, 'step')}`,
        color: s.color,
        shape: s.shape,
        r: 6,
        ring: n.ring,
        outline: r.support === 'partial' ? 'dashed' : 'solid',
        labelSide,
      };
    });
    const links: GraphLink[] = fan.links.map((l) =>
      l.kind === 'membership'
        ? { id: l.id, source: l.source, target: l.target, color: '#b9b9b9', width: 0.8, dash: null, weight: 0.15 }
        : { id: l.id, source: l.source, target: l.target, color: SUPPORT_COLORS[l.support ?? 'partial'], width: 2, dash: supportDash(l.support ?? 'partial') },
    );
    return { nodes, links, fan, anchors: layout.positions };
  }, [model, hidden, fw]);

  const tooltip = (t: GraphTarget) => {
    if (!model || model.missing || !graph) return null;
    if (t.kind === 'link') {
      const link = graph.fan.links.find((l) => l.id === t.id);
      if (!link?.step) return null;
      return <StepTip step={link.step} label={label} />;
    }
    if (t.id === model.start.id) return <RequirementTip r={model.start} fwName={fw.name(model.start.frameworkId)} extra="The start: evidence for this requirement." />;
    const id = frameworkOfNode(t.id);
    if (id) {
      const c = model.counts.find((x) => x.frameworkId === id);
      return (
        <div>
          <strong>{fw.name(id)}</strong>
          <p>
            {c?.full ?? 0} requirements fully and {c?.partial ?? 0} partly supported.
          </p>
        </div>
      );
    }
    const r = model.reach.find((x) => x.requirement.id === t.id);
    if (!r) return null;
    return (
      <div>
        <RequirementTip r={r.requirement} fwName={fw.name(r.requirement.frameworkId)} extra={`${r.support === 'full' ? 'Full' : 'Partial'} support${r.sources > 1 ? ` (${r.sources} sources, still ${r.support})` : ''}. Path:`} />
        <PathSteps steps={r.path} label={label} compact />
      </div>
    );
  };

  const select = (id: string) => {
    const framework = frameworkOfNode(id);
    if (framework) return focusFrameworkGroup(REACH_SECTIONS, framework);
    setParams({ sel: id === selected ? null : id });
  };

  const onRendered = () => {
    if (hubMarked) return;
    hubMarked = true;
    performance.mark('crosswalk:hub-rendered');
  };

  return (
    <div className="requirement-hub">
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="What to show">
        <SearchBox label="Start from a requirement" placeholder="e.g. 42001 A.6.2.8 or “impact assessment”" onPick={(r) => setParams({ req: r.id, sel: null, hide: null }, { replace: false })} />
        <label>
          Path length{' '}
          <select value={depth} onChange={(e) => setParams({ depth: e.target.value })}>
            <option value="1">1 step</option>
            <option value="2">up to 2 steps</option>
            <option value="3">up to 3 steps</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={withProposed} onChange={(e) => setParams({ status: e.target.checked ? 'all' : null })} /> include proposed mappings
        </label>
      </form>
      {q.status === 'loading' && <Loading what={`the reach of ${startId}`} />}
      {q.status === 'error' && !unknownStart && <ErrorBox what={`the reach of ${startId}`} error={q.error} retry={q.reload} />}
      {(model?.missing || unknownStart) && (
        <Empty>
          No requirement has the id <code>{startId}</code>. Search for one above.
        </Empty>
      )}
      {model && !model.missing && graph && (
        <div className="hub-grid">
          <div className="hub-graph">
            <h2 className="graph-title">
              <FrameworkSwatch id={model.start.frameworkId} /> {label(model.start.id)} <span className="muted">{model.start.title}</span> <Link href={requirementHref(model.start.id)}>requirement page</Link>
            </h2>
            {model.truncated && <p className="warning">The neighbourhood was cut at 2,000 requirements; shorten the path length to see all of it.</p>}
            {model.reach.length === 0 ? (
              <Empty>No approved mapping leads anywhere from this requirement{depth < 3 ? '; try a longer path length' : ''}.</Empty>
            ) : (
              <GraphView nodes={graph.nodes} links={graph.links} mode="anchored" anchors={graph.anchors} seed={7} height={640} label={`Fan-out from ${label(model.start.id)}`} renderTooltip={tooltip} selectedId={selected} onSelect={select} onRendered={onRendered} />
            )}
            <SupportLegend />
          </div>
          <aside className="hub-side" aria-label="Reach per framework">
            <h2>Reach per framework</h2>
            <p className="muted">
              {plural(model.reach.length, 'requirement')} in {plural(model.counts.length, 'framework')}. Untick a framework to hide it from the graph.
            </p>
            <ReachCountsTable
              rows={model.counts}
              hidden={hidden}
              onToggle={(frameworkId, show) => {
                const next = new Set(hidden);
                if (show) next.delete(frameworkId);
                else next.add(frameworkId);
                setParams({ hide: [...next].join(',') || null });
              }}
            />
            {selected && <Selected reach={model.reach.find((r) => r.requirement.id === selected)} startId={model.start.id} depth={depth} withProposed={withProposed} label={label} />}
            <ReachList reach={model.reach} label={label} focus={route.params.focus} />
          </aside>
        </div>
      )}
    </div>
  );
}

function RequirementTip({ r, fwName, extra }: { r: RequirementRef; fwName: string; extra?: string }) {
  return (
    <div>
      <strong>
        {fwName} {r.ref}
      </strong>{' '}
      {r.title}
      {extra && <p>{extra}</p>}
    </div>
  );
}

function StepTip({ step, label }: { step: ReachStep; label: (id: string) => string }) {
  return (
    <div>
      <PathSteps steps={[step]} label={label} />
      <p className="muted">Stored as {step.mapping.id}</p>
    </div>
  );
}

/** The selected requirement: its best path here, and every path the server finds (up to the chosen length). */
function Selected({ reach, startId, depth, withProposed, label }: { reach: Reach | undefined; startId: string; depth: number; withProposed: boolean; label: (id: string) => string }) {
  const paths = useQuery<PathsData>(PATHS, { from: startId, to: reach?.requirement.id ?? '', maxLength: depth, statuses: withProposed ? ['approved', 'proposed'] : ['approved'] }, { skip: !reach });
  if (!reach) return null;
  return (
    <section className="selected" aria-label="Selected requirement">
      <h3>
        {label(reach.requirement.id)} <span className="muted">{reach.requirement.title}</span>
      </h3>
      <p>
        <strong>{reach.support === 'full' ? 'Full' : 'Partial'} support</strong> over {plural(reach.depth, 'step')}, weakest strength {reach.strength}. <Link href={requirementHref(reach.requirement.id)}>Open its page</Link>
      </p>
      <h4>Best path</h4>
      <PathSteps steps={reach.path} label={label} />
      <h4>All paths (from the server)</h4>
      {paths.status === 'loading' && <Loading what="the paths" />}
      {paths.status === 'error' && <ErrorBox what="the paths" error={paths.error} retry={paths.reload} />}
      {paths.status === 'ok' && (
        <ol className="paths">
          {paths.data.paths.map((p, i) => (
            <li key={i}>
              {p.steps.map((s, j) => (
                <span key={j}>
                  {j === 0 && label(s.fromId)} <span className={`rel rel-${stepSupport(s.relationship)}`}>{s.relationship.replace(/_/g, ' ')}</span> {label(s.toId)}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const reachFramework = (r: Reach) => r.requirement.frameworkId;

/** The same reach as a list: what a screen reader or keyboard user reads instead of the picture. */
function ReachList({ reach, label, focus }: { reach: Reach[]; label: (id: string) => string; focus?: string }) {
  return (
    <div className="reach-list">
      <h3>Every requirement reached</h3>
      <FrameworkGroups items={reach} frameworkOf={reachFramework} idPrefix={REACH_SECTIONS} focus={focus}>
        {(list) => (
          <ul>
            {list.map((r) => (
              <li key={r.requirement.id} className={`support-${r.support}`}>
                <Link href={requirementHref(r.requirement.id)}>
                  {r.requirement.ref} {r.requirement.title}
                </Link>{' '}
                <span className={`badge ${r.support}`}>{r.support}</span>
                <details className="why">
                  <summary>path</summary>
                  <PathSteps steps={r.path} label={label} compact />
                </details>
              </li>
            ))}
          </ul>
        )}
      </FrameworkGroups>
    </div>
  );
}
