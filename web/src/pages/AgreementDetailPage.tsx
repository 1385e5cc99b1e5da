/**
 * /kerja-sama/{id}: metadata, parties and signatories, content, family, status, actions by role, the workflow
 * (stage, actions, the verifier's reasons when returned, timeline, discussion), documents (upload with progress,
 * versions, preview, download), implementation reports with evidence, and history.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { AgreementActions } from '../components/agreement/AgreementActions.js';
import { DetailFacts } from '../components/agreement/DetailFacts.js';
import { DocumentsSection } from '../components/agreement/DocumentsSection.js';
import { FamilySection } from '../components/agreement/FamilySection.js';
import { HistorySection } from '../components/agreement/HistorySection.js';
import { ReportsSection } from '../components/agreement/ReportsSection.js';
import { SupervisionHistory } from '../components/agreement/SupervisionHistory.js';
import { Badge, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { CommentsSection } from '../components/workflow/CommentsSection.js';
import { ReturnedNotice } from '../components/workflow/ReturnedNotice.js';
import { TimelineSection } from '../components/workflow/TimelineSection.js';
import { WorkflowBadge } from '../components/workflow/WorkflowBadge.js';
import { WorkflowPanel } from '../components/workflow/WorkflowPanel.js';
import { useFlash } from '../flash.js';
import { useLists, useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { canWrite } from '../registry.js';
import type { AgreementDetail, DocumentInfo, DocumentRole } from '../registry.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';
import { EDITABLE_BY_OPERATOR, latestReturn } from '../workflow.js';
import type { TimelineEvent } from '../workflow.js';

export function AgreementDetailPage({ params }: { params: Record<string, string> }) {
  // A fresh page per agreement (family links lead from one to another).
  return <AgreementDetailView key={params.id} id={params.id ?? ''} />;
}

function AgreementDetailView({ id }: { id: string }) {
  const { t, date } = useI18n();
  const user = useUser();
  const [flash, setFlash] = useFlash();
  const [warning, setWarning] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [updated, setUpdated] = useState<AgreementDetail | null>(null);
  const [uploadRole, setUploadRole] = useState<DocumentRole | undefined>(undefined);
  // Bumped after every workflow step so the timeline is read again.
  const [step, setStep] = useState(0);
  const lists = useLists();
  const enc = encodeURIComponent(id);
  const loaded = useResource((signal) => api.get<{ agreement: AgreementDetail }>(`/agreements/${enc}`, undefined, signal).then((r) => r.agreement), [id]);
  const documents = useResource((signal) => api.get<{ documents: DocumentInfo[] }>(`/agreements/${enc}/documents`, undefined, signal).then((r) => r.documents), [id]);
  const timeline = useResource((signal) => api.get<{ events: TimelineEvent[] }>(`/agreements/${enc}/timeline`, undefined, signal).then((r) => r.events), [id, step]);
  const a = updated?.id === id ? updated : loaded.data;
  const writer = canWrite(user.role);

  if (loaded.error && !a) {
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

  const state = a.workflow?.state ?? a.workflowState ?? 'draft';
  // The unit's operator edits only its draft or a returned record; the verifier's side is not limited here.
  const canEdit = writer && (user.role !== 'operator' || EDITABLE_BY_OPERATOR.includes(state));
  const returned = latestReturn(timeline.data, state);
  const hasSigned = (documents.data ?? []).some((d) => d.role === 'naskah_ttd' && !d.reportId);

  function reloadAll(message: string, fresh?: AgreementDetail) {
    setUpdated(fresh ?? null);
    setFlash(null);
    setWarning(message);
    if (!fresh) loaded.reload();
    documents.reload();
    setStep((n) => n + 1);
  }

  function uploadPublicCopy() {
    setUploadRole('salinan_publik');
    const section = document.getElementById('detail-documents');
    section?.scrollIntoView({ block: 'start' });
    window.setTimeout(() => document.querySelector<HTMLInputElement>('[data-testid="uploader-file"]')?.focus(), 0);
  }

  return (
    <article className="agreement-detail" data-testid="agreement-detail">
      <p className="breadcrumb">
        <Link to="/kerja-sama">{t('detail.backToRegister')}</Link>
      </p>
      <PageHeader title={a.title}>
        {writer && (
          <AgreementActions
            a={a}
            canEdit={canEdit}
            onError={setActionError}
            onChanged={(next) => {
              setUpdated(next);
              setFlash(t('detail.terminated'));
            }}
          />
        )}
      </PageHeader>
      <div className="detail-summary">
        <WorkflowBadge state={state} label={a.workflow?.stateLabel} />
        <StatusBadge status={a.status} />
        <span>{a.kindName}</span>
        <span>{a.unit.name}</span>
        {a.endDate && <span>{t('detail.endsOn', { date: date(a.endDate) })}</span>}
        {a.confidentiality === 'internal' && <Badge tone="muted">{t('agreement.internal')}</Badge>}
        {documents.data && !hasSigned && a.status !== 'draft' && <span className="marker-missing">{t('register.noSignedMarker')}</span>}
      </div>
      <ErrorAlert error={actionError} />
      {warning && (
        <div className="alert alert-warn alert-dismissable" role="alert" data-testid="workflow-warning">
          <p className="alert-body">{warning}</p>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setWarning(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}
      {returned && <ReturnedNotice event={returned} documents={documents.data} editTo={canEdit ? `/kerja-sama/${a.id}/ubah` : null} />}
      <nav className="in-page" aria-label={t('detail.onThisPage')}>
        <ul>
          <li>
            <a href="#detail-workflow">{t('wf.title')}</a>
          </li>
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
            <a href="#detail-timeline">{t('timeline.title')}</a>
          </li>
          <li>
            <a href="#detail-comments">{t('comments.title')}</a>
          </li>
          <li>
            <a href="#detail-reports">{t('reports.title')}</a>
          </li>
          <li>
            <a href="#detail-history">{t('history.title')}</a>
          </li>
        </ul>
      </nav>
      <WorkflowPanel
        a={a}
        documents={documents.data}
        onUploadPublicCopy={uploadPublicCopy}
        onStale={reloadAll}
        onChanged={(next, message) => {
          setUpdated(next);
          setWarning(null);
          setFlash(message);
          setStep((n) => n + 1);
          window.scrollTo({ top: 0 });
        }}
      />
      <DetailFacts a={a} />
      <FamilySection a={a} />
      <DocumentsSection agreementId={a.id} documents={documents} canWrite={writer} uploadRole={uploadRole} />
      <TimelineSection timeline={timeline} documents={documents.data} />
      <CommentsSection agreementId={a.id} canComment={user.role !== 'pimpinan'} />
      <ReportsSection agreementId={a.id} canWrite={writer} benefitKinds={lists.data?.benefitKinds ?? []} documents={documents} />
      <SupervisionHistory agreementId={a.id} />
      <HistorySection agreementId={a.id} version={a.updatedAt} />
    </article>
  );
}
