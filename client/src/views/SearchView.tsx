import { SEARCH, type SearchData } from '../api/queries.js';
import { useQuery } from '../api/useQuery.js';
import { FrameworkSwatch, useFrameworks } from '../components/Frameworks.js';
import { FrameworkSelect } from '../components/FrameworkSelect.js';
import { SearchBox } from '../components/SearchBox.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { formatRoute, requirementHref, type Route } from '../lib/route.js';
import { Link, navigate, setParams } from '../router.js';

/** Full results for a search, optionally within one framework. */
export function SearchView({ route }: { route: Route }) {
  const fw = useFrameworks();
  const text = (route.params.q ?? '').trim();
  const frameworkId = route.params.fw || null;
  const q = useQuery<SearchData>(SEARCH, { text, frameworkId, limit: 50 }, { skip: text.length < 2 });
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
      {q.status === 'ok' && q.data.search.length === 0 && <Empty>No requirement matches “{text}”{frameworkId ? ` in ${fw.name(frameworkId)}` : ''}.</Empty>}
      {q.status === 'ok' && q.data.search.length > 0 && (
        <ol className="results" aria-label={`${q.data.search.length} results`}>
          {q.data.search.map(({ requirement: r }) => (
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
