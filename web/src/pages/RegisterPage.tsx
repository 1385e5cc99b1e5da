/**
 * Kerja Sama (register): the agreements in the caller's scope with filters, sorting and paging, all kept in
 * the URL so a link reproduces the view; "Unduh XLSX/CSV" carry exactly the same filters.
 */
import { useMemo } from 'react';
import { API_BASE, api } from '../api.js';
import { RegisterFilters } from '../components/agreement/RegisterFilters.js';
import { RegisterTable } from '../components/agreement/RegisterTable.js';
import { Empty, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { useFlash } from '../flash.js';
import { useLists, useResource, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { PAGE_SIZES, canWrite, readView, viewQuery } from '../registry.js';
import type { AgreementList, Filters, Partner, RegisterView, Sort } from '../registry.js';

const SORT_CHOICES = [
  ['signingDate', 'desc', 'register.sort.signingDate.desc'],
  ['signingDate', 'asc', 'register.sort.signingDate.asc'],
  ['endDate', 'asc', 'register.sort.endDate.asc'],
  ['endDate', 'desc', 'register.sort.endDate.desc'],
  ['title', 'asc', 'register.sort.title.asc'],
  ['number', 'asc', 'register.sort.number.asc'],
  ['createdAt', 'desc', 'register.sort.createdAt.desc'],
] as const;
import { Link, navigate, useLocation } from '../router.js';
import { useUser } from '../session.js';

export function RegisterPage() {
  const { t, number } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const [flash, setFlash] = useFlash();
  const view = readView(query);
  const qs = viewQuery(view);
  const units = useUnits();
  const lists = useLists();

  const list = useResource(
    (signal) =>
      api.get<AgreementList>(
        '/agreements',
        { ...view.filters, sort: view.sort, dir: view.dir, page: view.page, pageSize: view.pageSize },
        signal,
      ),
    [qs],
  );
  const partnerId = view.filters.partnerId;
  const partner = useResource(
    (signal) => (partnerId ? api.get<{ partner: Partner }>(`/partners/${encodeURIComponent(partnerId)}`, undefined, signal).then((r) => r.partner) : Promise.resolve(null)),
    [partnerId],
  );

  function go(next: RegisterView, options: { replace?: boolean } = {}) {
    navigate(`/kerja-sama${viewQuery(next)}`, options);
  }
  function changeFilters(patch: Filters, options?: { replace?: boolean }) {
    const filters = { ...view.filters, ...patch };
    for (const k of Object.keys(filters) as (keyof Filters)[]) if (!filters[k]) delete filters[k];
    go({ ...view, filters, page: 1 }, options);
  }

  const exportQuery = useMemo(() => viewQuery(view, true), [qs]); // eslint-disable-line react-hooks/exhaustive-deps
  const abbreviations = useMemo(() => new Map((lists.data?.agreementKinds ?? []).map((k) => [k.code, k.abbreviation])), [lists.data]);
  const rows = list.data?.agreements ?? [];
  const total = list.data?.total ?? 0;

  return (
    <div>
      <PageHeader title={t('register.title')}>
        <a className="btn" href={`${API_BASE}/agreements/export.xlsx${exportQuery}`} download data-testid="export-xlsx">
          {t('register.exportXlsx')}
        </a>
        <a className="btn" href={`${API_BASE}/agreements/export.csv${exportQuery}`} download data-testid="export-csv">
          {t('register.exportCsv')}
        </a>
        {canWrite(user.role) && (
          <>
            <Link to="/kerja-sama/baru/dari-berkas" className="btn" data-testid="new-from-document">
              {t('intake.add')}
            </Link>
            <Link to="/kerja-sama/baru" className="btn btn-primary" data-testid="new-agreement">
              {t('register.add')}
            </Link>
          </>
        )}
      </PageHeader>
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}

      <RegisterFilters
        filters={view.filters}
        units={units.data ?? []}
        lists={lists.data}
        partnerName={partner.data?.name ?? null}
        onChange={changeFilters}
        onReset={() => go({ ...view, filters: {}, page: 1 })}
      />

      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{Object.keys(view.filters).length ? t('register.noMatch') : t('register.empty')}</Empty>
      ) : (
        <>
          <div className="list-head">
            <p className="muted small" aria-live="polite" data-testid="register-total">
              {t('register.total', { n: number(total) })}
              {list.loading ? ` · ${t('common.loading')}` : ''}
            </p>
            <label className="page-size sort-select">
              <span>{t('register.sortBy')}</span>
              <select
                value={`${view.sort}:${view.dir}`}
                onChange={(e) => {
                  const [sort, dir] = e.target.value.split(':') as [Sort, 'asc' | 'desc'];
                  go({ ...view, sort, dir, page: 1 });
                }}
              >
                {SORT_CHOICES.map(([sort, dir, label]) => (
                  <option key={label} value={`${sort}:${dir}`}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </label>
            <label className="page-size">
              <span>{t('register.pageSize')}</span>
              <select value={view.pageSize} onChange={(e) => go({ ...view, pageSize: Number(e.target.value), page: 1 })}>
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <RegisterTable rows={rows} abbreviations={abbreviations} sort={view.sort} dir={view.dir} onSort={(sort, dir) => go({ ...view, sort, dir, page: 1 })} />
          <Pagination
            page={view.page}
            pageSize={view.pageSize}
            total={total}
            summaryKey="register.range"
            onPage={(page) => {
              go({ ...view, page });
              window.scrollTo({ top: 0 });
            }}
          />
        </>
      )}
    </div>
  );
}
