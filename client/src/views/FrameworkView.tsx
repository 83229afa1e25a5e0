import { useEffect, useMemo, useState } from 'react';
import { frameworkCitation } from '../../../server/domain/citation.js';
import { rowLabel } from '../../../server/domain/analysis/rowLabel.js';
import { scopeTagsOf } from '../../../server/domain/analysis/tagScope.js';
import { gql, type ApiError } from '../api/graphql.js';
import { FRAMEWORK_DETAIL, FRAMEWORK_REQUIREMENTS, FRAMEWORK_REQUIREMENTS_PAGE_SIZE, type FrameworkDetailData, type FrameworkRequirement } from '../api/queries.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { ScopePicker } from '../components/ScopePicker.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { plural } from '../lib/format.js';
import { branchIds, buildFrameworkTree, filterFrameworkTree, type FrameworkTree } from '../lib/frameworkTree.js';
import { formatRoute, frameworkHref, listParam, requirementHref, type Route } from '../lib/route.js';
import { Link, setParams } from '../router.js';

/** `/framework`: every loaded framework; `/framework/ID`: one framework's requirements as its publisher numbered them. */
export function FrameworkView({ route }: { route: Route }) {
  // One array per scope in the URL, so the tree filter is not recomputed on every render.
  const scope = useMemo(() => listParam(route.params.scope), [route.params.scope]);
  return route.id ? <FrameworkPage key={route.id} id={route.id} filter={route.params.q ?? ''} scope={scope} /> : <FrameworkList />;
}

function FrameworkList() {
  const fw = useFrameworks();
  return (
    <section className="view frameworks">
      <h1>Frameworks</h1>
      <p className="lede">The catalogs the service holds, shipped and imported. Open one to browse its requirements in document order.</p>
      <table className="framework-list">
        <thead>
          <tr>
            <th scope="col">Framework</th>
            <th scope="col">Publisher</th>
            <th scope="col" className="num">
              Requirements
            </th>
            <th scope="col" className="num">
              Mappings
            </th>
            <th scope="col">Id</th>
          </tr>
        </thead>
        <tbody>
          {fw.list.map((f) => (
            <tr key={f.id} data-framework={f.id}>
              <td>
                <FrameworkSwatch id={f.id} /> <Link href={frameworkHref(f.id)}>{frameworkCitation(f)}</Link>
              </td>
              <td>{f.publisher}</td>
              <td className="num">{f.requirementCount.toLocaleString('en')}</td>
              <td className="num">{f.mappingCount.toLocaleString('en')}</td>
              <td>
                <code>{f.id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type Loaded = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; data: { framework: FrameworkDetailData['framework']; requirements: FrameworkRequirement[] } };

/** The framework and all its requirements, a page of the API at a time (a large catalog has more than one page). */
function useFrameworkRequirements(id: string): Loaded & { reload: () => void } {
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    (async () => {
      const { framework } = await gql<FrameworkDetailData>(FRAMEWORK_DETAIL, { id }, { signal: controller.signal });
      const requirements: FrameworkRequirement[] = [];
      if (!framework) return { framework, requirements };
      for (let offset = 0; ; offset += FRAMEWORK_REQUIREMENTS_PAGE_SIZE) {
        const page = await gql<{ requirements: FrameworkRequirement[] }>(FRAMEWORK_REQUIREMENTS, { id, offset }, { signal: controller.signal });
        requirements.push(...page.requirements);
        if (page.requirements.length < FRAMEWORK_REQUIREMENTS_PAGE_SIZE) return { framework, requirements };
      }
    })().then(
      (data) => setState({ status: 'ok', data }),
      (error: ApiError) => {
        if (error.kind !== 'aborted' && !controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [id, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

function FrameworkPage({ id, filter, scope }: { id: string; filter: string; scope: string[] }) {
  const q = useFrameworkRequirements(id);
  if (q.status === 'loading') return <Loading what={`framework ${id}`} />;
  if (q.status === 'error') return <ErrorBox what={`framework ${id}`} error={q.error} retry={q.reload} />;
  const { framework, requirements } = q.data;
  if (!framework)
    return (
      <section className="view">
        <h1>No such framework</h1>
        <Empty>
          The service holds no framework with the id <code>{id}</code>. <Link href={formatRoute({ view: 'framework' })}>See the frameworks it holds</Link>.
        </Empty>
      </section>
    );
  return (
    <section className="view framework">
      <nav aria-label="Place" className="breadcrumb">
        <ol>
          <li>
            <Link href={formatRoute({ view: 'framework' })}>Frameworks</Link>
          </li>
          <li aria-current="page">{framework.id}</li>
        </ol>
      </nav>
      <h1>
        <FrameworkSwatch id={framework.id} /> {framework.name}
      </h1>
      <p className="meta">
        {framework.publisher} · edition {framework.edition} · <code>{framework.id}</code>
        {framework.url && (
          <>
            {' '}
            · <a href={framework.url}>publisher's page</a>
          </>
        )}
      </p>
      {framework.description && <p className="summary">{framework.description}</p>}
      <p className="muted licence">{framework.licence}</p>
      <p>
        {plural(framework.requirementCount, 'requirement')}, {plural(framework.mappingCount, 'mapping')} with an end here.{' '}
        <Link href={formatRoute({ view: 'gaps', params: { target: framework.id, scope: scope.join(',') || undefined } })}>Gap analysis for it{scope.length ? `, tagged ${scope.join(' or ')}` : ''}</Link> · <Link href={formatRoute({ view: 'soa', params: { fw: framework.id } })}>its SoA</Link> ·{' '}
        <Link href={formatRoute({ view: 'matrix' })}>overlap matrix</Link>
      </p>
      <RequirementTree requirements={requirements} filter={filter} scope={scope} />
    </section>
  );
}

function RequirementTree({ requirements, filter, scope }: { requirements: FrameworkRequirement[]; filter: string; scope: string[] }) {
  const tree = useMemo(() => buildFrameworkTree(requirements), [requirements]);
  const found = useMemo(() => filterFrameworkTree(tree, requirements, filter, scope), [tree, requirements, filter, scope]);
  const offered = useMemo(() => scopeTagsOf(requirements.flatMap((r) => r.tags)), [requirements]);
  // Open at first: the top level and the one under it, as a table of contents reads.
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(tree.roots.map((r) => r.id)));
  const toggle = (nodeId: string) =>
    setExpanded((e) => {
      const next = new Set(e);
      if (!next.delete(nodeId)) next.add(nodeId);
      return next;
    });
  const [text, setText] = useState(filter);
  useEffect(() => setText(filter), [filter]);
  return (
    <section className="requirement-tree">
      <h2>Requirements</h2>
      <div className="controls">
        <label>
          Filter by ref, title or summary{' '}
          <input type="search" value={text} placeholder="e.g. impact or A.6" onChange={(e) => (setText(e.target.value), setParams({ q: e.target.value || null }))} />
        </label>
        <ScopePicker offered={offered} selected={scope} onChange={(tags) => setParams({ scope: tags.join(',') || null })} />
        {!found && (
          <>
            <button type="button" onClick={() => setExpanded(new Set(branchIds(tree)))}>
              Expand all
            </button>
            <button type="button" onClick={() => setExpanded(new Set())}>
              Collapse all
            </button>
          </>
        )}
        {found && (
          <span role="status" className="tree-count">
            {plural(found.matches.size, 'requirement')} match
          </span>
        )}
      </div>
      {requirements.length === 0 && <Empty>This framework holds no requirements.</Empty>}
      {found && found.matches.size === 0 && <Empty>No requirement {filter.trim() ? <>has “{filter.trim()}” in its ref, title or summary</> : null}{filter.trim() && scope.length ? ' and ' : ''}{scope.length ? `is tagged ${scope.join(' or ')}` : ''}.</Empty>}
      <TreeLevel nodes={tree.roots} tree={tree} expanded={expanded} toggle={toggle} found={found} />
    </section>
  );
}

function TreeLevel({ nodes, tree, expanded, toggle, found }: { nodes: FrameworkRequirement[]; tree: FrameworkTree<FrameworkRequirement>; expanded: Set<string>; toggle: (id: string) => void; found: ReturnType<typeof filterFrameworkTree> }) {
  const shown = found ? nodes.filter((n) => found.shown.has(n.id)) : nodes;
  if (!shown.length) return null;
  return (
    <ul className="tree">
      {shown.map((r) => {
        const children = tree.childrenOf.get(r.id) ?? [];
        // While filtering, everything on the way to a match is open.
        const open = children.length > 0 && (found ? true : expanded.has(r.id));
        return (
          <li key={r.id} data-requirement={r.id} className={found?.matches.has(r.id) ? 'match' : undefined}>
            {children.length > 0 && !found ? (
              <button type="button" className="twisty" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${r.ref}`} onClick={() => toggle(r.id)}>
                {open ? '▾' : '▸'}
              </button>
            ) : (
              <span className="twisty" aria-hidden="true" />
            )}
            <Link href={requirementHref(r.id)}>
              <strong>{r.ref}</strong> {rowLabel(r)}
            </Link>{' '}
            <span className="muted">{r.kind}</span>
            {children.length > 0 && !open && <span className="muted"> ({children.length})</span>}
            {r.tags
              .filter((t) => t === 'withdrawn' || t === 'informative')
              .map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            {open && <TreeLevel nodes={children} tree={tree} expanded={expanded} toggle={toggle} found={found} />}
          </li>
        );
      })}
    </ul>
  );
}
