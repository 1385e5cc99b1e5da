/** /mitra/{id}: a partner's details, its agreements in the register, editing (writers) and merging (admin). */
import { useState } from 'react';
import { api } from '../api.js';
import { Empty, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { MergePanel } from '../components/partner/MergePanel.js';
import { PartnerEditForm } from '../components/partner/PartnerEditForm.js';
import { setFlash as setNextFlash, useFlash } from '../flash.js';
import { useLists, useProvinces, useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { canWrite, registerLink } from '../registry.js';
import type { AgreementList, Partner } from '../registry.js';
import { Link, navigate } from '../router.js';
import { useUser } from '../session.js';

export function PartnerDetailPage({ params }: { params: Record<string, string> }) {
  // A fresh page per partner (after a merge the page moves to the partner that stays).
  return <PartnerDetail key={params.id} id={params.id ?? ''} />;
}

function PartnerDetail({ id }: { id: string }) {
  const { t, number } = useI18n();
  const user = useUser();
  const lists = useLists();
  const provinces = useProvinces();
  const [flash, setFlash] = useFlash();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Partner | null>(null);
  const loaded = useResource((signal) => api.get<{ partner: Partner }>(`/partners/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.partner), [id]);
  const loadedPartner = saved?.id === id ? saved : loaded.data;
  // GET /partners/{id} carries no agreement count: ask the register (the count within the caller's scope).
  const count = useResource((signal) => api.get<AgreementList>('/agreements', { partnerId: id, pageSize: 1 }, signal).then((r) => r.total), [id]);
  const p = loadedPartner && count.data !== undefined ? { ...loadedPartner, agreementCount: count.data } : loadedPartner;
  const regencies = useResource(
    (signal) => (p?.provinceCode ? api.get<{ regencies: { code: string; name: string }[] }>(`/provinces/${encodeURIComponent(p.provinceCode)}/regencies`, undefined, signal).then((r) => r.regencies) : Promise.resolve([])),
    [p?.provinceCode],
  );

  if (loaded.error) {
    return (
      <section>
        <PageHeader title={t('partners.title')} />
        <ErrorAlert error={loaded.error} />
        <Link to="/mitra">{t('partner.back')}</Link>
      </section>
    );
  }
  if (!p) return <Loading />;
  const province = provinces.data?.find((x) => x.code === p.provinceCode)?.name;
  const regency = regencies.data?.find((x) => x.code === p.regencyCode)?.name;

  return (
    <article data-testid="partner-detail">
      <p className="breadcrumb">
        <Link to="/mitra">{t('partner.back')}</Link>
      </p>
      <PageHeader title={p.name}>
        <Link to={registerLink({ partnerId: p.id })} className="btn">
          {p.agreementCount === undefined ? t('partner.viewAgreementsPlain') : t('partner.viewAgreements', { n: number(p.agreementCount) })}
        </Link>
        {canWrite(user.role) && !editing && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
      </PageHeader>
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}
      {editing ? (
        <PartnerEditForm
          partner={p}
          categories={lists.data?.partnerCategories ?? []}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setSaved(next);
            setEditing(false);
            setFlash(t('partner.saved'));
          }}
        />
      ) : (
        <section className="card">
          <dl className="facts">
            <div>
              <dt>{t('partner.category')}</dt>
              <dd>{p.categoryName}</dd>
            </div>
            <div className="fact-wide">
              <dt>{t('partner.address')}</dt>
              <dd>{[p.address, regency, province].filter(Boolean).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{t('partner.website')}</dt>
              <dd>
                {p.website ? (
                  <a href={p.website} rel="noopener noreferrer" target="_blank">
                    {p.website}
                  </a>
                ) : (
                  '—'
                )}
              </dd>
            </div>
          </dl>
          <h2>{t('partner.contacts')}</h2>
          {p.contacts.length === 0 ? (
            <Empty>{t('partner.noContacts')}</Empty>
          ) : (
            <ul className="plain-list contact-list">
              {p.contacts.map((c, i) => (
                <li key={i}>
                  <strong>{c.name}</strong>
                  {c.position && <span className="block small">{c.position}</span>}
                  {c.phone && <span className="block small">{c.phone}</span>}
                  {c.email && (
                    <span className="block small">
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {user.role === 'admin' && (
        <MergePanel
          partner={p}
          onMerged={(into, moved) => {
            setNextFlash(t('merge.done', { into: into.name, n: number(moved) }));
            navigate(`/mitra/${into.id}`);
          }}
        />
      )}
    </article>
  );
}
