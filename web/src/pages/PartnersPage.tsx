/** Mitra: partners with search, category filter and agreement counts; writers add new ones. */
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { NewPartnerForm } from '../components/agreement/NewPartnerForm.js';
import { Field } from '../components/Field.js';
import { Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { setFlash } from '../flash.js';
import { useDebounced, useLists, useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { canWrite, registerLink } from '../registry.js';
import type { Partner } from '../registry.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';

const PAGE_SIZE = 25;

export function PartnersPage() {
  const { t, number } = useI18n();
  const user = useUser();
  const lists = useLists();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [category, setCategory] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  useEffect(() => setPage(1), [q, category]);

  const partners = useResource(
    (signal) => api.get<{ partners: Partner[]; total: number }>('/partners', { q, category, page, pageSize: PAGE_SIZE }, signal),
    [q, category, page],
  );
  const list = partners.data?.partners ?? [];
  const total = partners.data?.total ?? 0;

  return (
    <div>
      <PageHeader title={t('partners.title')}>
        {canWrite(user.role) && !adding && (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            {t('partner.add')}
          </button>
        )}
      </PageHeader>
      <p className="muted">{t('partners.intro')}</p>
      {adding && (
        <NewPartnerForm
          initialName={text}
          categories={lists.data?.partnerCategories ?? []}
          onCancel={() => setAdding(false)}
          onCreated={(p) => {
            setFlash(t('partner.created', { name: p.name }));
            navigate(`/mitra/${p.id}`);
          }}
        />
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('partners.search')} hint={t('partners.searchHint')}>
          {(p) => <input {...p} type="search" value={text} onChange={(e) => setText(e.target.value)} data-testid="partner-search" />}
        </Field>
        <Field label={t('partner.category')}>
          {(p) => (
            <select {...p} value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t('register.all')}</option>
              {(lists.data?.partnerCategories ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorAlert error={partners.error} />
      {partners.loading && !partners.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>{t('partners.none')}</Empty>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {t('partners.total', { n: number(total) })}
            {partners.loading ? ` · ${t('common.loading')}` : ''}
          </p>
          <div className="table-wrap">
            <table className="table cards-on-phone" data-testid="partners-table">
              <caption className="sr-only">{t('partners.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.name')}</th>
                  <th scope="col">{t('partner.category')}</th>
                  <th scope="col">{t('partner.address')}</th>
                  <th scope="col" className="num">
                    {t('partners.agreements')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id}>
                    <td data-label={t('partner.name')}>
                      <Link to={`/mitra/${p.id}`}>{p.name}</Link>
                    </td>
                    <td data-label={t('partner.category')}>{p.categoryName}</td>
                    <td data-label={t('partner.address')} className="wrap">
                      {p.address ?? '—'}
                    </td>
                    <td data-label={t('partners.agreements')} className="num">
                      {p.agreementCount ? (
                        <Link to={registerLink({ partnerId: p.id })} aria-label={t('partners.agreementsOf', { n: number(p.agreementCount), name: p.name })}>
                          {number(p.agreementCount)}
                        </Link>
                      ) : (
                        number(p.agreementCount ?? 0)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
