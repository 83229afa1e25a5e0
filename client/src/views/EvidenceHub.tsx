import { useEffect, useMemo, useState } from 'react';
import {
  EVIDENCE_ONE, EVIDENCE_REACH, LINK_EVIDENCE, UNLINK_EVIDENCE, type Contribution, type EvidenceItem, type EvidenceOneData, type EvidenceReachData, type EvidenceReachReport, type ReachedRequirement,
} from '../api/analysis.js';
import { useAction } from '../api/useAction.js';
import { useEvidenceSearch, type EvidenceSearch } from '../api/useEvidenceSearch.js';
import { uploadEvidenceRegister } from '../api/upload.js';
import { useQuery } from '../api/useQuery.js';
import { ActionStatus, TokenNote } from '../components/ActionStatus.js';
import { EvidenceForm } from '../components/EvidenceForm.js';
import { FileUpload } from '../components/FileUpload.js';
import { FrameworkGroups, focusFrameworkGroup } from '../components/FrameworkGroups.js';
import { frameworkOfNode } from '../graph/fanout.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { GraphView, type GraphLink, type GraphNode, type GraphTarget } from '../components/GraphView.js';
import { PathSteps } from '../components/PathSteps.js';
import { SearchBox } from '../components/SearchBox.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { buildEvidenceFanout, describeReached, evidenceNodeId, frameworkOfId, isExpired, outOfScopeCounts, refOfId, shortLabel, toReachStep } from '../graph/evidenceFanout.js';
import { MUTED_COLOR, OKABE_ITO, SUPPORT_COLORS, supportDash } from '../graph/palette.js';
import { radialFanoutLayout } from '../graph/radialLayout.js';
import { isoToday } from '../lib/evidenceForm.js';
import { humanizeIds, plural } from '../lib/format.js';
import { isIsoDate } from '../lib/hub.js';
import { formatRoute, intParam, listParam, requirementHref, type Route } from '../lib/route.js';
import { isWebLink } from '../lib/links.js';
import { Link, setParams } from '../router.js';
import { ReachCountsTable, SupportLegend } from '../components/Legend.js';

const EVIDENCE_COLOR = OKABE_ITO.black;
/** Ids of the reach list's framework sections (the requirement hub uses "reach-"). */
const REACH_SECTIONS = 'ereach-';
let evidenceHubMarked = false;
const markRendered = () => {
  if (evidenceHubMarked) return;
  evidenceHubMarked = true;
  performance.mark('crosswalk:evidence-hub-rendered');
};

/**
 * An evidence item's reach, as the server's coverage algebra computes it (`evidenceReach`): drawn as evidence →
 * linked requirements → requirements reached over mappings → frameworks, with counts per framework beside it.
 */
export function EvidenceHub({ route, registerSize, recount }: { route: Route; registerSize: number | null; recount: () => void }) {
  const fw = useFrameworks();
  const action = useAction();
  // The picker searches the register on the server as the user types (the URL keeps the words: `find`).
  const [findText, setFindText] = useState(route.params.find ?? '');
  const search = useEvidenceSearch(findText);
  useEffect(() => {
    if (search.answeredText !== null && search.answeredText !== (route.params.find ?? '')) setParams({ find: search.answeredText || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.answeredText]);
  // null until the first answer: the item named in the URL is shown meanwhile.
  const loaded = search.answeredText === null ? null : search.items;
  const items = loaded ?? [];
  const adding = route.params.add === '1' || registerSize === 0;
  const uploading = route.params.upload === '1' || registerSize === 0;
  const evId = route.params.ev || items[0]?.id || '';
  const depth = intParam(route.params.depth, 2, 1, 3);
  const withProposed = route.params.status === 'all';
  const asOf = isIsoDate(route.params.asOf) ? route.params.asOf : undefined;
  const day = asOf ?? isoToday();
  const hidden = useMemo(() => new Set(listParam(route.params.hide)), [route.params.hide]);
  const selected = route.params.sel || null;
  const listed = items.find((i) => i.id === evId);
  const one = useQuery<EvidenceOneData>(EVIDENCE_ONE, { id: evId }, { skip: !evId || !!listed || loaded === null, cached: false });
  const item = listed ?? (one.status === 'ok' ? one.data.evidence : null);
  const reach = useQuery<EvidenceReachData>(EVIDENCE_REACH, { evidenceId: evId, asOf: asOf ?? null, maxPathLength: depth, includeProposed: withProposed }, { skip: !evId, cached: false });
  const report = reach.status === 'ok' ? reach.data.evidenceReach : null;

  const reachedById = useMemo(() => new Map((report?.reached ?? []).map((r) => [r.requirementId, r])), [report]);
  const outsideById = useMemo(() => new Map((report?.outOfScope ?? []).map((o) => [o.requirementId, o])), [report]);
  const label = (id: string) => {
    if (id.startsWith('evidence::')) return id.slice('evidence::'.length);
    return `${fw.name(frameworkOfId(id))} ${reachedById.get(id)?.ref ?? outsideById.get(id)?.ref ?? refOfId(id)}`;
  };

  const graph = useMemo(() => {
    if (!report || !item) return null;
    const fan = buildEvidenceFanout({ report, label: item.id, hidden });
    // Wider rings than the requirement hub's: the first ring holds every framework's direct reach, labels and all.
    const layout = radialFanoutLayout(fan.nodes, { ringStep: 150, minGap: 28 });
    const side = (id: string): 'left' | 'right' => ((layout.positions.get(id)?.x ?? 0) < -1 ? 'left' : 'right');
    const counts = new Map(report.byFramework.map((c) => [c.frameworkId, c]));
    const nodes: GraphNode[] = fan.nodes.map((n) => {
      const labelSide = side(n.id);
      if (n.id === evidenceNodeId(item.id))
        return {
          id: n.id, label: `${item.id}${report.expired ? ' (expired)' : ''}`, description: `Evidence item ${item.id}: ${item.title}${report.expired ? `, expired on ${report.expires}` : ''}`,
          color: report.expired ? MUTED_COLOR : EVIDENCE_COLOR, shape: 'square', r: 12, ring: 0, pinned: true, labelSide, outline: report.expired ? 'dashed' : undefined,
        };
      const s = fw.style(n.frameworkId);
      if (n.kind === 'framework') {
        const c = counts.get(n.frameworkId);
        const outside = fan.outOfScopeFrameworks.has(n.frameworkId);
        return {
          id: n.id, label: `${fw.shortLabel(n.frameworkId)}${outside ? ' (out of scope)' : ''}`,
          description: outside ? `${fw.name(n.frameworkId)}: outside the item's scope` : `${fw.name(n.frameworkId)}: ${c?.full ?? 0} full, ${c?.partial ?? 0} partial`,
          color: s.color, shape: s.shape, r: 13, ring: n.ring, pinned: true, labelSide, faded: outside,
        };
      }
      const info = fan.info.get(n.id);
      const r = info?.reached;
      const description = r
        ? `${label(n.id)} ${r.title}: ${r.coverage} support, ${r.basis === 'linked' ? 'linked directly' : r.basis === 'parent' ? `part of ${r.inheritedFrom}` : `over ${plural(r.contributions[0]?.path.length ?? 1, 'mapping')}`}`
        : info?.outOfScope
          ? `${label(n.id)}${info.outside?.title ? ` ${info.outside.title}` : ''}: outside the item's scope (${info.coverage ?? 'passed'} support it would give)`
          : `${label(n.id)}: on the way only`;
      return {
        id: n.id, label: shortLabel(n.label), description, color: s.color, shape: s.shape, r: n.kind === 'start' ? 9 : 6, ring: n.ring,
        outline: (info?.coverage ?? 'partial') === 'partial' ? 'dashed' : 'solid', faded: !!(info?.outOfScope || info?.via), labelSide, pinned: n.kind === 'start',
      };
    });
    const links: GraphLink[] = fan.links.map((l) => {
      switch (l.kind) {
        case 'membership':
          return { id: l.id, source: l.source, target: l.target, color: '#b9b9b9', width: 0.8, dash: null, weight: 0.15, faded: l.outOfScope };
        case 'evidence':
          return { id: l.id, source: l.source, target: l.target, color: report.expired ? MUTED_COLOR : EVIDENCE_COLOR, width: 2.6, dash: report.expired ? '2 3' : null };
        case 'part':
          return { id: l.id, source: l.source, target: l.target, color: SUPPORT_COLORS.full, width: 1.2, dash: null };
        default: {
          const support = l.support ?? 'partial';
          const faded = fan.info.get(l.target)?.outOfScope || fan.info.get(l.target)?.via;
          return { id: l.id, source: l.source, target: l.target, color: SUPPORT_COLORS[support], width: 2, dash: supportDash(support), faded };
        }
      }
    });
    return { nodes, links, fan, anchors: layout.positions };
  }, [report, item, hidden, fw]);

  const tooltip = (t: GraphTarget) => {
    if (!graph || !report || !item) return null;
    if (t.kind === 'link') {
      const link = graph.fan.links.find((l) => l.id === t.id);
      if (link?.kind === 'evidence')
        return (
          <p>
            <strong>{item.id}</strong> is linked directly to <strong>{label(link.target)}</strong>
            {link.outOfScope ? ', outside its scope' : ''}.
          </p>
        );
      if (link?.kind === 'part')
        return (
          <p>
            {label(link.target)} is part of {label(link.source)}, which the item supports in full: full support of a requirement is full support of each part.
          </p>
        );
      if (!link?.step) return null;
      return (
        <div>
          <PathSteps steps={[link.step]} label={label} />
          <p className="muted">Stored as {link.step.mapping.id}</p>
        </div>
      );
    }
    if (t.id === evidenceNodeId(item.id)) return <ItemTip item={item} report={report} />;
    const f = frameworkOfNode(t.id);
    if (f) {
      const c = report.byFramework.find((x) => x.frameworkId === f);
      const out = outOfScopeCounts(report).find((x) => x.frameworkId === f);
      return (
        <div>
          <strong>{fw.name(f)}</strong>
          <p>{c ? `${c.full} requirements fully and ${c.partial} partly supported.` : 'Outside the item’s scope: it does not count here.'}</p>
          {out && c && <p>Also {out.full + out.partial} reached outside the scope.</p>}
        </div>
      );
    }
    const info = graph.fan.info.get(t.id);
    if (info?.reached) return <ReachedTip r={info.reached} label={label} fwName={fw.name(info.reached.frameworkId)} />;
    return (
      <p>
        <strong>{label(t.id)}</strong> {info?.outside?.title ? <>{info.outside.title} </> : null}
        {info?.outOfScope ? `is outside the item’s scope (${report.scope.join(', ') || 'every framework'}): the item would give it ${info.coverage ?? 'some'} support, but does not count there.` : 'is only on the way to other requirements.'}
      </p>
    );
  };

  const select = (id: string) => {
    const framework = frameworkOfNode(id);
    if (framework) return focusFrameworkGroup(REACH_SECTIONS, framework);
    if (id.startsWith('evidence::')) return setParams({ sel: null });
    setParams({ sel: id === selected ? null : id });
  };

  const afterLinkChange = () => {
    search.reload();
    one.reload();
    reach.reload();
  };

  return (
    <div className="evidence-hub">
      {!evId && loaded === null && search.error && <ErrorBox what="the evidence register" error={search.error} retry={search.reload} />}
      {!evId && loaded === null && !search.error && <Loading what="the evidence register" />}
      {!evId && registerSize === 0 && <Empty>No evidence items yet. Describe one below and link it to the requirement it is evidence for, or import your register; the hub then shows everywhere it counts.</Empty>}
      {(registerSize ?? 0) > 0 && (
        <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Which evidence item">
          <label>
            Find an item{' '}
            <input type="search" value={findText} onChange={(e) => setFindText(e.target.value)} placeholder="words from its id, title, owner or description" maxLength={200} aria-describedby="evidence-matches" aria-controls="evidence-picker" size={32} />
          </label>
          <label>
            Evidence item{' '}
            <select id="evidence-picker" value={evId} onChange={(e) => setParams({ ev: e.target.value, sel: null, hide: null, focus: null }, { replace: false })}>
              {!listed && evId && <option value={evId}>{evId}</option>}
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.id} — {i.title}
                  {isExpired(i, day) ? ` (EXPIRED ${i.expires})` : ''}
                </option>
              ))}
            </select>
          </label>
          <MatchCount search={search} registerSize={registerSize} />
          <label>
            Path length{' '}
            <select value={depth} onChange={(e) => setParams({ depth: e.target.value === '2' ? null : e.target.value })}>
              <option value="1">1 mapping</option>
              <option value="2">up to 2 mappings</option>
              <option value="3">up to 3 mappings</option>
            </select>
          </label>
          <label>
            As of <input type="date" value={asOf ?? ''} onChange={(e) => setParams({ asOf: e.target.value || null })} aria-describedby="asof-help" />
          </label>
          <span id="asof-help" className="sr-only">
            The date expiry is checked against; empty means today.
          </span>
          <label className="check">
            <input type="checkbox" checked={withProposed} onChange={(e) => setParams({ status: e.target.checked ? 'all' : null })} /> include proposed mappings
          </label>
          <button type="button" aria-expanded={adding} aria-controls="new-evidence" onClick={() => setParams({ add: adding ? null : '1' })}>
            {adding ? 'Close the new-item form' : 'New evidence item'}
          </button>
          <button type="button" aria-expanded={uploading} aria-controls="evidence-upload" onClick={() => setParams({ upload: uploading ? null : '1' })}>
            {uploading ? 'Close the register import' : 'Import a register'}
          </button>
        </form>
      )}
      {adding && (
        <EvidenceForm
          id="new-evidence"
          onCreated={(id) => {
            recount();
            search.reload();
            setParams({ ev: id, add: null, sel: null, hide: null, focus: null }, { replace: false });
          }}
          onCancel={registerSize ? () => setParams({ add: null }) : undefined}
        />
      )}
      {uploading && (
        <FileUpload
          id="evidence-upload"
          heading="Import an evidence register"
          action="Importing evidence"
          hint={
            <>
              A CSV or XLSX with the columns <code>id, title, type, owner, location_uri, collected</code> and optionally <code>expires, scope, description, requirements, org_controls, link_note</code>{' '}
              (requirement ids separated by semicolons), as <code>crosswalk evidence export</code> writes it. An item whose id is already in the register is replaced with its links.
            </>
          }
          upload={uploadEvidenceRegister}
          describe={(a, name) => `Imported ${name}: ${a.added} new item(s), ${a.updated} replaced, ${a.links} link(s).`}
          onImported={() => {
            recount();
            search.reload();
          }}
        />
      )}
      {evId && one.status === 'error' && <ErrorBox what={`evidence item ${evId}`} error={one.error} retry={one.reload} />}
      {evId && !listed && one.status === 'ok' && !one.data.evidence && <Empty>No evidence item has the id <code>{evId}</code>. Choose one from the list.</Empty>}
      {item && <ItemCard item={item} expired={isExpired(item, day)} action={action} onChanged={afterLinkChange} />}
      {evId && !item && loaded === null && <Loading what={`evidence item ${evId}`} />}
      {evId && item && reach.status === 'loading' && <Loading what={`the reach of ${evId}`} />}
      {/* An id no item has (a stale link) is said once, above; its reach is NOT_FOUND too, and no retry would help. */}
      {evId && reach.status === 'error' && reach.error.code !== 'NOT_FOUND' && <ErrorBox what={`the reach of ${evId}`} error={reach.error} retry={reach.reload} />}
      {report && item && graph && (
        <>
          {report.warnings.map((w) => (
            <p key={w} className={`warning ${w.startsWith('expired') ? 'expired' : ''}`} role={w.startsWith('expired') ? 'alert' : undefined}>
              {w.startsWith('expired') ? <strong>Expired. </strong> : null}
              {w.startsWith('expired') ? `${item.id} ${w}. The picture shows where it would count once renewed.` : `${item.id}: ${humanizeIds(w, fw.byId)}.`}
            </p>
          ))}
          <div className="hub-grid">
            <div className="hub-graph">
              <h2 className="graph-title">
                <span className="evidence-key" aria-hidden="true" /> {item.id} <span className="muted">{item.title}</span>
              </h2>
              {report.reached.length + report.outOfScope.length === 0 ? (
                <Empty>This item reaches nothing yet: link it to a requirement above.</Empty>
              ) : (
                <GraphView nodes={graph.nodes} links={graph.links} mode="anchored" anchors={graph.anchors} seed={11} height={640} label={`Reach of evidence ${item.id}`} renderTooltip={tooltip} selectedId={selected} onSelect={select} onRendered={markRendered} />
              )}
              <EvidenceLegend />
            </div>
            <aside className="hub-side" aria-label="Reach per framework">
              <ReachCounts report={report} hidden={hidden} />
              {selected && <SelectedReach r={reachedById.get(selected)} id={selected} report={report} label={label} />}
              <ReachedList report={report} label={label} focus={route.params.focus} />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

/** How many items match the words typed, and whether the picker lists them all; announced to screen readers. */
function MatchCount({ search, registerSize }: { search: EvidenceSearch; registerSize: number | null }) {
  const { answeredText, items, total, loading, error } = search;
  let text = '';
  if (error) text = `The search failed: ${error.message}`;
  else if (answeredText === null) text = 'Searching…';
  else if (!answeredText) text = total > items.length ? `Showing the first ${items.length.toLocaleString('en')} of ${plural(total, 'item')}: type words to find the others.` : `${plural(total, 'item')}.`;
  else if (total === 0) text = `No item matches “${answeredText}”${registerSize ? ` (of ${plural(registerSize, 'item')})` : ''}.`;
  else if (total > items.length) text = `${total.toLocaleString('en')} items match “${answeredText}”; showing the first ${items.length.toLocaleString('en')}: add words to narrow them.`;
  else text = `${plural(total, 'item')} ${total === 1 ? 'matches' : 'match'} “${answeredText}”.`;
  return (
    <span id="evidence-matches" className={`match-count muted${error ? ' error' : ''}`} role="status" aria-live="polite" data-total={answeredText === null ? undefined : total} data-loading={loading || undefined}>
      {text}
    </span>
  );
}

function ItemTip({ item, report }: { item: EvidenceItem; report: EvidenceReachReport }) {
  return (
    <div>
      <strong>{item.id}</strong> {item.title}
      <p>
        {item.type}, owned by {item.owner}; collected {item.collected}
        {item.expires ? `, ${report.expired ? 'expired' : 'expires'} ${item.expires}` : ''}.
      </p>
      <p>
        Counts for {report.scope.length ? report.scope.join(', ') : 'every framework'}. Linked to {plural(report.sources.length, 'requirement')}.
      </p>
    </div>
  );
}

function ReachedTip({ r, label, fwName }: { r: ReachedRequirement; label: (id: string) => string; fwName: string }) {
  const best = r.contributions[0];
  return (
    <div>
      <strong>
        {fwName} {r.ref}
      </strong>{' '}
      {r.title}
      <p>
        <span className={`badge ${r.coverage}`}>{r.coverage}</span> {describeReached(r)}
      </p>
      {best && best.path.length > 0 && <PathSteps steps={best.path.map(toReachStep)} label={label} compact />}
      {r.contributions.length > 1 && <p className="muted">{plural(r.contributions.length, 'source')} reach it; select it to see every path.</p>}
    </div>
  );
}

/** The item's details and links, with ways to link it to more requirements or unlink it. */
function ItemCard({ item, expired, action, onChanged }: { item: EvidenceItem; expired: boolean; action: ReturnType<typeof useAction>; onChanged: () => void }) {
  const fw = useFrameworks();
  const link = (requirementId: string, title: string) =>
    action.run(
      `link ${item.id} to ${requirementId}`,
      (call) => call(LINK_EVIDENCE, { evidenceId: item.id, requirementId }),
      () => `Linked ${item.id} to ${title}.`,
    ).then((ok) => ok && onChanged());
  const unlink = (requirementId: string) =>
    action.run(`unlink ${item.id} from ${requirementId}`, (call) => call(UNLINK_EVIDENCE, { evidenceId: item.id, requirementId }), () => `Unlinked ${item.id} from ${requirementId}.`).then((ok) => ok !== undefined && onChanged());
  return (
    <section className={`item-card ${expired ? 'expired' : ''}`} aria-label={`Evidence item ${item.id}`}>
      <h2>
        {item.title} <span className="muted">({item.id})</span> {expired && <span className="badge expired">expired {item.expires}</span>}
      </h2>
      <dl className="item-facts">
        <dt>Type</dt>
        <dd>{item.type}</dd>
        <dt>Owner</dt>
        <dd>{item.owner}</dd>
        <dt>Where</dt>
        <dd>{isWebLink(item.locationUri) ? <a href={item.locationUri} rel="noreferrer noopener" target="_blank">{item.locationUri}</a> : <code>{item.locationUri}</code>}</dd>
        <dt>Collected</dt>
        <dd>
          {item.collected}
          {item.expires ? ` · ${expired ? 'expired' : 'expires'} ${item.expires}` : ' · does not expire'}
        </dd>
        <dt>Counts for</dt>
        <dd>{item.scope.length ? item.scope.map((f) => fw.name(f)).join(', ') : 'every framework'}</dd>
        {item.description && (
          <>
            <dt>About</dt>
            <dd>{item.description}</dd>
          </>
        )}
      </dl>
      <h3>Linked to</h3>
      {item.links.length === 0 && <p className="muted">Nothing yet.</p>}
      <ul className="item-links">
        {item.links.map((l) => (
          <li key={`${l.requirementId ?? ''}|${l.orgControlId ?? ''}`}>
            {l.requirementId ? (
              <>
                <FrameworkSwatch id={frameworkOfId(l.requirementId)} />{' '}
                <Link href={requirementHref(l.requirementId)}>
                  {fw.name(frameworkOfId(l.requirementId))} {l.requirement?.ref ?? refOfId(l.requirementId)} {l.requirement?.title ?? ''}
                </Link>{' '}
                <button type="button" className="link-button" onClick={() => unlink(l.requirementId!)} disabled={!!action.busy} aria-label={`Unlink ${item.id} from ${l.requirementId}`}>
                  unlink
                </button>
              </>
            ) : (
              <>
                control <Link href={formatRoute({ view: 'controls', params: { q: l.orgControlId ?? undefined } })}>{l.orgControlId}</Link> (and every requirement it cites)
              </>
            )}
            {l.note && <span className="muted"> — {l.note}</span>}
          </li>
        ))}
      </ul>
      <div className="link-more">
        <SearchBox label={`Link ${item.id} to another requirement`} placeholder="search an id or title, then choose" clearOnPick onPick={(r) => link(r.id, `${fw.name(r.frameworkId)} ${r.ref}`)} />
      </div>
      <TokenNote token={action.token} what="Linking and unlinking" />
      <ActionStatus state={action} />
    </section>
  );
}

function EvidenceLegend() {
  return (
    <SupportLegend
      before={
        <>
          <li>
            <svg width="34" height="10" aria-hidden="true">
              <line x1="2" y1="5" x2="32" y2="5" stroke={EVIDENCE_COLOR} strokeWidth="2.6" />
            </svg>
            the item’s own link
          </li>
        </>
      }
      after={
        <>
          <li>
            <svg width="18" height="14" aria-hidden="true">
              <circle cx="9" cy="7" r="5" fill={MUTED_COLOR} opacity="0.35" />
            </svg>
            faint: outside the item’s scope, or only passed on the way
          </li>
        </>
      }
    />
  );
}

function ReachCounts({ report, hidden }: { report: EvidenceReachReport; hidden: Set<string> }) {
  const outside = outOfScopeCounts(report);
  const rows = [...report.byFramework.map((c) => ({ ...c, outside: false })), ...outside.map((c) => ({ ...c, outside: true }))];
  const toggle = (f: string, show: boolean) => {
    const next = new Set(hidden);
    if (show) next.delete(f);
    else next.add(f);
    setParams({ hide: [...next].join(',') || null });
  };
  const total = report.reached.length;
  return (
    <>
      <h2>Reach per framework</h2>
      <p className="muted">
        {plural(total, 'requirement')} in {plural(report.byFramework.length, 'framework')}
        {report.outOfScope.length ? `, and ${report.outOfScope.length} outside the item’s scope` : ''}. Untick a framework to hide it from the graph.
      </p>
      <ReachCountsTable rows={rows} hidden={hidden} onToggle={toggle} />
    </>
  );
}

function ContributionPaths({ contributions, label, limit = 10 }: { contributions: Contribution[]; label: (id: string) => string; limit?: number }) {
  return (
    <ol className="contributions">
      {contributions.slice(0, limit).map((c) => (
        <li key={c.sourceId}>
          <span className={`badge ${c.coverage}`}>{c.coverage}</span> from {label(c.sourceId)}
          {c.orgControlIds?.length ? ` (through control ${c.orgControlIds.join(', ')})` : ''}
          {c.path.length === 0 ? ': linked directly' : <PathSteps steps={c.path.map(toReachStep)} label={label} compact />}
        </li>
      ))}
      {contributions.length > limit && <li className="muted">and {contributions.length - limit} more</li>}
    </ol>
  );
}

function SelectedReach({ r, id, report, label }: { r: ReachedRequirement | undefined; id: string; report: EvidenceReachReport; label: (id: string) => string }) {
  const out = report.outOfScope.find((o) => o.requirementId === id);
  if (!r && !out) return null;
  return (
    <section className="selected" aria-label="Selected requirement">
      <h3>
        {label(id)} <span className="muted">{r?.title ?? out?.title}</span>
      </h3>
      {r ? (
        <>
          <p>
            <span className={`badge ${r.coverage}`}>{r.coverage}</span> {describeReached(r)}
          </p>
          <h4>How it gets there</h4>
          <ContributionPaths contributions={r.contributions} label={label} />
        </>
      ) : (
        <p>
          Outside the item’s scope: it would give {out!.coverage} support here, but the item is meant for {report.scope.join(', ')} only.
        </p>
      )}
      <p>
        <Link href={requirementHref(id)}>Open its page</Link> · <Link href={formatRoute({ view: 'hub', params: { mode: 'requirement', req: id } })}>its own reach</Link>
      </p>
    </section>
  );
}

const reachedFramework = (r: ReachedRequirement) => r.frameworkId;

/** The same reach as lists: what a screen reader or keyboard user reads instead of the picture. */
function ReachedList({ report, label, focus }: { report: EvidenceReachReport; label: (id: string) => string; focus?: string }) {
  const fw = useFrameworks();
  return (
    <div className="reach-list">
      <h3>Every requirement reached</h3>
      <FrameworkGroups items={report.reached} frameworkOf={reachedFramework} idPrefix={REACH_SECTIONS} focus={focus}>
        {(list) => (
          <ul>
            {list.map((r) => (
              <li key={r.requirementId} className={`support-${r.coverage}`} data-requirement={r.requirementId}>
                <Link href={requirementHref(r.requirementId)}>
                  {r.ref} {r.title}
                </Link>{' '}
                <span className={`badge ${r.coverage}`}>{r.coverage}</span>
                {r.basis === 'linked' && <span className="badge"> linked</span>}
                <details className="why">
                  <summary>why</summary>
                  <p className="reason">{describeReached(r)}</p>
                  {r.contributions.length > 0 && <ContributionPaths contributions={r.contributions} label={label} limit={3} />}
                </details>
              </li>
            ))}
          </ul>
        )}
      </FrameworkGroups>
      {report.outOfScope.length > 0 && (
        <details id="ereach-out-of-scope" open={focus === 'out-of-scope'}>
          <summary>Outside the item’s scope ({report.outOfScope.length})</summary>
          <p className="muted">The item counts only for {report.scope.map((f) => fw.name(f)).join(', ')}. These it would reach elsewhere:</p>
          <ul>
            {report.outOfScope.map((o) => (
              <li key={o.requirementId} className="out-of-scope" data-requirement={o.requirementId}>
                <FrameworkSwatch id={o.frameworkId} />{' '}
                <Link href={requirementHref(o.requirementId)}>
                  {fw.name(o.frameworkId)} {o.ref} {o.title}
                </Link>{' '}
                <span className="badge out-of-scope">outside scope · would be {o.coverage}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.blocked.length > 0 && (
        <details>
          <summary>Ruled out by a reviewer ({report.blocked.length})</summary>
          <ul>
            {report.blocked.map((b) => (
              <li key={`${b.requirementId}|${b.sourceId}`}>
                <Link href={requirementHref(b.requirementId)}>{label(b.requirementId)}</Link>: {humanizeIds(b.detail, fw.byId)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

