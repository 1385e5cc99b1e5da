/**
 * /kerja-sama/{id}: metadata, parties and signatories, content, family, status, actions by role, documents
 * (upload with progress, versions, preview, download), implementation reports with evidence, and history.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { AgreementActions } from '../components/agreement/AgreementActions.js';
import { DetailFacts } from '../components/agreement/DetailFacts.js';
import { DocumentsSection } from '../components/agreement/DocumentsSection.js';
import { FamilySection } from '../components/agreement/FamilySection.js';
import { HistorySection } from '../components/agreement/HistorySection.js';
import { ReportsSection } from '../components/agreement/ReportsSection.js';
import { Badge, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useFlash } from '../flash.js';
import { useLists, useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { canWrite } from '../registry.js';
import type { AgreementDetail, DocumentInfo } from '../registry.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';

export function AgreementDetailPage({ params }: { params: Record<string, string> }) {
  // A fresh page per agreement (family links lead from one to another).
  return <AgreementDetailView key={params.id} id={params.id ?? ''} />;
}

function AgreementDetailView({ id }: { id: string }) {
  const { t, date } = useI18n();
  const user = useUser();
  const [flash, setFlash] = useFlash();
  const [updated, setUpdated] = useState<AgreementDetail | null>(null);
  const lists = useLists();
  const loaded = useResource((signal) => api.get<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.agreement), [id]);
  const documents = useResource((signal) => api.get<{ documents: DocumentInfo[] }>(`/agreements/${encodeURIComponent(id)}/documents`, undefined, signal).then((r) => r.documents), [id]);
  const a = updated?.id === id ? updated : loaded.data;
  const writer = canWrite(user.role);

  if (loaded.error) {
    return (
      <section>
        <PageHeader title={t('detail.title')} />
        <ErrorAlert error={loaded.error} />
        <p>
          <Link to="/kerja-sama">{t('detail.backToRegister')}</Link>
        </p>
      </section>
    );
  }
  if (!a) {
    return (
      <section>
        <PageHeader title={t('detail.title')} />
        <Loading />
      </section>
    );
  }

  const hasSigned = (documents.data ?? []).some((d) => d.role === 'naskah_ttd' && !d.reportId);
  return (
    <article className="agreement-detail" data-testid="agreement-detail">
      <p className="breadcrumb">
        <Link to="/kerja-sama">{t('detail.backToRegister')}</Link>
      </p>
      <PageHeader title={a.title}>{writer && <AgreementActions a={a} onChanged={(next) => { setUpdated(next); setFlash(t('detail.terminated')); }} />}</PageHeader>
      <div className="detail-summary">
        <StatusBadge status={a.status} />
        <span>{a.kindName}</span>
        <span>{a.unit.name}</span>
        {a.endDate && <span>{t('detail.endsOn', { date: date(a.endDate) })}</span>}
        {a.confidentiality === 'internal' && <Badge tone="muted">{t('agreement.internal')}</Badge>}
        {documents.data && !hasSigned && a.status !== 'draft' && <span className="marker-missing">{t('register.noSignedMarker')}</span>}
      </div>
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}
      <nav className="in-page" aria-label={t('detail.onThisPage')}>
        <ul>
          <li>
            <a href="#detail-identity">{t('form.identity')}</a>
          </li>
          <li>
            <a href="#detail-family">{t('family.title')}</a>
          </li>
          <li>
            <a href="#detail-documents">{t('docs.title')}</a>
          </li>
          <li>
            <a href="#detail-reports">{t('reports.title')}</a>
          </li>
          <li>
            <a href="#detail-history">{t('history.title')}</a>
          </li>
        </ul>
      </nav>
      <DetailFacts a={a} />
      <FamilySection a={a} />
      <DocumentsSection agreementId={a.id} documents={documents} canWrite={writer} />
      <ReportsSection agreementId={a.id} canWrite={writer} benefitKinds={lists.data?.benefitKinds ?? []} documents={documents} />
      <HistorySection agreementId={a.id} version={a.updatedAt} />
    </article>
  );
}
