/**
 * /kerja-sama/baru (optionally ?perpanjang={id}: a renewal prefilled from that agreement) and
 * /kerja-sama/{id}/ubah; a returned agreement shows the verifier's reasons above the form and next to the fields.
 */
import { api } from '../api.js';
import { AgreementForm } from '../components/agreement/AgreementForm.js';
import { emptyForm, formFromDetail, renewalFrom } from '../components/agreement/form-state.js';
import { ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { SuggestionsPanel } from '../components/intelligence/SuggestionsPanel.js';
import { PageHeader } from '../components/PageHeader.js';
import { setFlash, useFlash } from '../flash.js';
import { useLists, useResource, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { AgreementDetail, DocumentInfo } from '../registry.js';
import { Link, navigate, useLocation } from '../router.js';
import { useUser } from '../session.js';
import { latestReturn } from '../workflow.js';
import type { TimelineEvent } from '../workflow.js';

export function AgreementFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const editId = params.id;
  const renewId = editId ? undefined : (query.get('perpanjang') ?? undefined);
  const sourceId = editId ?? renewId;
  const units = useUnits();
  const lists = useLists();
  const source = useResource(
    (signal) => (sourceId ? api.get<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(sourceId)}`, undefined, signal).then((r) => r.agreement) : Promise.resolve(null)),
    [sourceId],
  );
  const [flash, setFlashHere] = useFlash();
  const returnedState = editId && source.data ? (source.data.workflow?.state ?? source.data.workflowState) : undefined;
  const timeline = useResource(
    (signal) =>
      editId && returnedState === 'dikembalikan'
        ? api.get<{ events: TimelineEvent[] }>(`/agreements/${encodeURIComponent(editId)}/timeline`, undefined, signal).then((r) => r.events)
        : Promise.resolve([] as TimelineEvent[]),
    [editId, returnedState],
  );
  const returned = latestReturn(timeline.data, returnedState);
  // Names of the files the verifier's notes point at.
  const hasDocNotes = !!returned?.details?.some((d) => d.documentId);
  const documents = useResource(
    (signal) =>
      editId && hasDocNotes
        ? api.get<{ documents: DocumentInfo[] }>(`/agreements/${encodeURIComponent(editId)}/documents`, undefined, signal).then((r) => r.documents)
        : Promise.resolve(undefined),
    [editId, hasDocNotes],
  );

  const title = editId ? t('form.editTitle') : renewId ? t('form.renewTitle') : t('form.newTitle');
  const back = editId ? `/kerja-sama/${editId}` : renewId ? `/kerja-sama/${renewId}` : '/kerja-sama';

  if (source.error) {
    return (
      <section>
        <PageHeader title={title} />
        <ErrorAlert error={source.error} />
        <Link to="/kerja-sama">{t('detail.backToRegister')}</Link>
      </section>
    );
  }
  if (source.loading || !units.data) {
    return (
      <section>
        <PageHeader title={title} />
        <Loading />
      </section>
    );
  }
  // Operators record for their own unit; others choose (their own unit is preselected when it is in the list).
  const defaultUnit = units.data.some((u) => u.id === user.unit.id) ? user.unit.id : '';
  const initial = source.data ? (editId ? formFromDetail(source.data) : renewalFrom(source.data)) : emptyForm(defaultUnit);

  return (
    <section>
      <PageHeader title={title} />
      <p>
        <Link to={back}>{editId || renewId ? t('detail.backToDetail') : t('detail.backToRegister')}</Link>
      </p>
      {flash && <Notice onDismiss={() => setFlashHere(null)}>{flash}</Notice>}
      {renewId && source.data && <p className="muted">{t('form.renewIntro', { title: source.data.title })}</p>}
      <p className="muted small">{t('form.intro')}</p>
      <AgreementForm
        key={sourceId ?? 'new'}
        initial={initial}
        agreementId={editId}
        units={units.data}
        lists={lists.data}
        returned={returned}
        returnedDocuments={documents.data}
        assist={editId ? (form, setForm) => <SuggestionsPanel agreementId={editId} form={form} setForm={setForm} lists={lists.data} autoApply={query.get('dari') === 'berkas'} /> : undefined}
        onCancel={() => navigate(back)}
        onSaved={(a) => {
          setFlash(editId ? t('form.saved') : t('form.created'));
          navigate(`/kerja-sama/${a.id}`);
        }}
      />
    </section>
  );
}
