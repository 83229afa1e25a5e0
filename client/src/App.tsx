import { lazy, Suspense, useEffect, useRef } from 'react';
import { FrameworksGate, FrameworksProvider } from './components/Frameworks.js';
import { SearchBox } from './components/SearchBox.js';
import { Loading } from './components/Status.js';
import { TokenField } from './components/TokenField.js';
import { formatRoute, requirementHref, type Route, type ViewName } from './lib/route.js';
import { Link, navigate, useRoute } from './router.js';
import { HubView } from './views/HubView.js';
import { MatrixView } from './views/MatrixView.js';
import { RequirementView } from './views/RequirementView.js';
import { ReviewView } from './views/ReviewView.js';
import { SearchView } from './views/SearchView.js';

// Views a first visit rarely needs load on demand, so the first render stays small.
const LabView = lazy(() => import('./views/LabView.js').then((m) => ({ default: m.LabView })));
const GapsView = lazy(() => import('./views/GapsView.js').then((m) => ({ default: m.GapsView })));
const ControlsView = lazy(() => import('./views/ControlsView.js').then((m) => ({ default: m.ControlsView })));
const ImsView = lazy(() => import('./views/ImsView.js').then((m) => ({ default: m.ImsView })));
const SoaView = lazy(() => import('./views/SoaView.js').then((m) => ({ default: m.SoaView })));
const FrameworkView = lazy(() => import('./views/FrameworkView.js').then((m) => ({ default: m.FrameworkView })));
const ImportView = lazy(() => import('./views/ImportView.js').then((m) => ({ default: m.ImportView })));

const NAV: Array<{ view: ViewName; label: string }> = [
  { view: 'hub', label: 'Evidence hub' },
  { view: 'matrix', label: 'Overlap matrix' },
  { view: 'framework', label: 'Frameworks' },
  { view: 'review', label: 'Review queue' },
  { view: 'gaps', label: 'Gap analysis' },
  { view: 'controls', label: 'Unified controls' },
  { view: 'ims', label: 'IMS plan' },
  { view: 'soa', label: 'SoA' },
  { view: 'import', label: 'Import' },
];

const TITLES: Record<ViewName, string> = {
  hub: 'Evidence hub',
  matrix: 'Overlap matrix',
  framework: 'Frameworks',
  requirement: 'Requirement',
  review: 'Review queue',
  search: 'Search',
  gaps: 'Gap analysis',
  controls: 'Unified control set',
  ims: 'IMS plan',
  soa: 'Statement of Applicability',
  import: 'Import',
  lab: 'Graph lab',
  'not-found': 'Not found',
};

export function App() {
  const route = useRoute();
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // "/" focuses search from anywhere (except while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A new view: new title, and focus moves to its heading so screen readers hear where they are.
  const viewKey = `${route.view}|${route.id ?? ''}`;
  useEffect(() => {
    document.title = `${TITLES[route.view]}${route.id ? `: ${route.id}` : ''} · Crosswalk`;
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = () => {
      const heading = main.querySelector('h1');
      if (!heading) return false;
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    // The view may still be loading: focus its heading as soon as it appears.
    const observer = new MutationObserver(() => focusHeading() && observer.disconnect());
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [viewKey]);

  const active = route.view === 'requirement' || route.view === 'search' ? null : route.view;
  return (
    <FrameworksProvider>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/hub" className="brand">
          Crosswalk
        </Link>
        <nav aria-label="Views">
          <ul>
            {NAV.map((n) => (
              <li key={n.view}>
                <Link href={formatRoute({ view: n.view })} aria-current={active === n.view ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div role="search" className="top-search">
            <SearchBox
              ref={searchRef}
              label="Search requirements (press / to focus)"
              hideLabel
              clearOnPick
              placeholder="Search ids, titles, summaries  ( / )"
              onPick={(r) => navigate(requirementHref(r.id))}
              onSubmit={(text) => navigate(formatRoute({ view: 'search', params: { q: text } }))}
            />
        </div>
        <TokenField />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <FrameworksGate>
          <Suspense fallback={<Loading what="this view" />}>
            <View route={route} />
          </Suspense>
        </FrameworksGate>
      </main>
    </FrameworksProvider>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'hub':
      return <HubView route={route} />;
    case 'matrix':
      return <MatrixView route={route} />;
    case 'requirement':
      return <RequirementView key={route.id} route={route} />;
    case 'review':
      return <ReviewView route={route} />;
    case 'framework':
      return <FrameworkView route={route} />;
    case 'search':
      return <SearchView route={route} />;
    case 'lab':
      return <LabView route={route} />;
    case 'gaps':
      return <GapsView route={route} />;
    case 'controls':
      return <ControlsView route={route} />;
    case 'ims':
      return <ImsView route={route} />;
    case 'soa':
      return <SoaView route={route} />;
    case 'import':
      return <ImportView route={route} />;
    default:
      return (
        <section>
          <h1>Nothing here</h1>
          <p>
            The explorer has no page at <code>{location.pathname}</code>. Try the <Link href="/hub">evidence hub</Link>, the <Link href="/matrix">overlap matrix</Link> or search (press /).
          </p>
        </section>
      );
  }
}
