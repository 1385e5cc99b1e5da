/**
 * /cari: full-text search over the register and the agreements' document text (stemmed, phrases in quotes,
 * typo-tolerant names and numbers), with the register's filters; the query, filters and page live in the
 * URL, so a search can be shared as a link.
 */
import { api } from '../api.js';
import { Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { SEARCH_FILTERS, SearchForm, type SearchFilters } from '../components/intelligence/SearchForm.js';
import { SearchResults } from '../components/intelligence/SearchResults.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { useLists, useResource, useTitle, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { SearchResponse } from '../intelligence.js';
import { navigate, useLocation } from '../router.js';

const PAGE_SIZE = 20;
/** The API pages up to 500: links past it would only fail. */
const MAX_PAGE = 500;

function readQuery(query: URLSearchParams) {
  const filters: SearchFilters = {};
  for (const k of SEARCH_FILTERS) {
    const v = query.get(k);
    if (v) filters[k] = v;
  }
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return { q: (query.get('q') ?? '').trim(), filters, page };
}

function searchLink(q: string, filters: SearchFilters, page = 1): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const k of SEARCH_FILTERS) if (filters[k]) p.set(k, filters[k]!);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/cari${s ? `?${s}` : ''}`;
}

export function SearchPage() {
  const { t, number } = useI18n();
  useTitle(t('search.title'));
  const { query } = useLocation();
  const { q, filters, page } = readQuery(query);
  const key = searchLink(q, filters, page);
  const units = useUnits();
  const lists = useLists();
  const found = useResource(
    (signal) => (q ? api.get<SearchResponse>('/search', { q, ...filters, page, pageSize: PAGE_SIZE }, signal) : Promise.resolve(null)),
    [key],
  );
  const data = found.data;

  return (
    <section className="search-page">
      <PageHeader title={t('search.title')} />
      <p className="muted small">{t('search.intro')}</p>
      <SearchForm
        q={q}
        filters={filters}
        units={units.data ?? []}
        lists={lists.data}
        onSearch={(next) => navigate(searchLink(next, filters))}
        onFilter={(patch) => {
          const next = { ...filters, ...patch };
          for (const k of SEARCH_FILTERS) if (!next[k]) delete next[k];
          navigate(searchLink(q, next));
        }}
      />
      <ErrorAlert error={found.error} />
      {!q ? (
        <Empty>{t('search.prompt')}</Empty>
      ) : found.loading && !data ? (
        <Loading />
      ) : !data || data.results.length === 0 ? (
        found.loading ? (
          <Loading />
        ) : (
          <div className="empty" data-testid="search-empty">
            <p>{t('search.none', { q })}</p>
            <p className="small muted">{t('search.noneHint')}</p>
          </div>
        )
      ) : (
        <>
          <p className="muted small" aria-live="polite" data-testid="search-total">
            {data.totalIsLowerBound ? t('search.totalAtLeast', { n: number(data.total) }) : t('search.total', { n: number(data.total) })}
            {found.loading ? ` · ${t('common.loading')}` : ''}
          </p>
          <SearchResults hits={data.results} />
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={Math.min(data.total, MAX_PAGE * PAGE_SIZE)}
            summaryKey="search.range"
            onPage={(p) => {
              navigate(searchLink(q, filters, p));
              window.scrollTo({ top: 0 });
            }}
          />
        </>
      )}
    </section>
  );
}
