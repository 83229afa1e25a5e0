import { useQuery } from '../api/useQuery.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { FrameworkSelect } from '../components/FrameworkSelect.js';
import { SearchBox } from '../components/SearchBox.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatRoute, requirementHref, type Route } from '../lib/route.js';
import { searchRequest } from '../lib/searchScope.js';
import { Link, navigate, setParams } from '../router.js';

/** Full results for a search, optionally within one framework. */
export function SearchView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const text = (route.params.q ?? '').trim();
  const frameworkId = route.params.fw || null;
  // "42001 A.6.2.4" searches for A.6.2.4 in ISO/IEC 42001 (lib/searchScope.ts).
  const request = searchRequest(text, { frameworkId, limit: 50, frameworks: fw.list });
  const q = useQuery<Parameters<typeof request.hits>[0]>(request.query, request.variables, { skip: text.length < 2 });
  const results = q.status === 'ok' ? request.hits(q.data) : [];
  return (
    <section className="view search">
      <h1>Search{text ? `: “${text}”` : ''}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Search options">
        <SearchBox key={text} label="Search ids, titles and summaries" initial={text} onPick={(r) => navigate(requirementHref(r.id))} onSubmit={(t) => navigate(formatRoute({ view: 'search', params: { q: t, fw: frameworkId ?? undefined } }))} />
        <label>
          Framework{' '}
          <FrameworkSelect value={frameworkId ?? ''} onChange={(id) => setParams({ fw: id || null })} none="all" />
        </label>
      </form>
      {text.length < 2 && <Empty>Type at least two characters: an id such as “A.6.2.8” or “GOVERN 1.1”, or words from a title or summary.</Empty>}
      {text.length >= 2 && q.status === 'loading' && <Loading what={`results for “${text}”`} />}
      {q.status === 'error' && <ErrorBox what={`results for “${text}”`} error={q.error} retry={q.reload} />}
      {q.status === 'ok' && results.length === 0 && (
        <Empty>
          No requirement matches “{request.scope?.text ?? text}”{frameworkId ? ` in ${fw.name(frameworkId)}` : request.scope ? ` in ${request.scope.frameworkIds.map(fw.name).join(' or ')}` : ''}.
        </Empty>
      )}
      {q.status === 'ok' && results.length > 0 && (
        <ol className="results" aria-label={`${results.length} results`}>
          {results.map(({ requirement: r }) => (
            <li key={r.id}>
              <Link href={requirementHref(r.id)}>
                <FrameworkSwatch id={r.frameworkId} /> <span className="muted">{fw.name(r.frameworkId)}</span> <strong>{r.ref}</strong> {r.title}
              </Link>
              {r.summary && <p className="summary">{r.summary}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
