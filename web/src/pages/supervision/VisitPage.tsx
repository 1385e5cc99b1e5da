/**
 * /supervisi/{planId}/kunjungan/{visitId}: the interview form for one visited unit, made for a phone or tablet in
 * the field. Every answer is kept on the device first (offline queue) and sent when there is a connection; the
 * bar at the top says which ("Luring", "… menunggu dikirim", "Semua jawaban terkirim") and conflicts with another
 * team member's answer are shown with both values to choose from.
 */
import { AgreementCard } from '../../components/supervision/AgreementCard.js';
import { QuestionField } from '../../components/supervision/QuestionField.js';
import { ConflictList, SyncIndicator } from '../../components/supervision/SyncPanel.js';
import { FindingsField, IntervieweesEditor, UnregisteredSection } from '../../components/supervision/VisitSections.js';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { Link } from '../../router.js';
import { keys } from '../../supervision/sync-ops.js';
import { useVisitSync } from '../../supervision/use-visit-sync.js';
import { loadWorksheet } from '../../supervision/worksheet-cache.js';

export function VisitPage({ params }: { params: Record<string, string> }) {
  const planId = params.id ?? '';
  const visitId = params.visitId ?? '';
  return <VisitView key={`${planId}/${visitId}`} planId={planId} visitId={visitId} />;
}

function VisitView({ planId, visitId }: { planId: string; visitId: string }) {
  const { t, date } = useI18n();
  const loaded = useResource((signal) => loadWorksheet(planId, visitId, signal), [planId, visitId]);
  const w = loaded.data?.worksheet;
  const sync = useVisitSync(planId, visitId, w, loaded.reload);

  if (!w) {
    return (
      <section>
        <PageHeader title={t('sv.visit.title', { unit: '' })} />
        {loaded.error ? <ErrorAlert error={loaded.error} /> : <Loading />}
        <p>
          <Link to={`/supervisi/${planId}`}>{t('sv.visit.back')}</Link>
        </p>
      </section>
    );
  }

  const disabled = !w.permissions.record || (w.planStatus !== 'direncanakan' && w.planStatus !== 'berjalan');
  const unitQuestions = w.template.questions.filter((q) => q.target === 'unit').sort((a, b) => a.position - b.position);
  const agreementQuestions = w.template.questions.filter((q) => q.target === 'agreement').sort((a, b) => a.position - b.position);

  return (
    <article className="sv-visit" data-testid="sv-visit">
      <p className="breadcrumb">
        <Link to={`/supervisi/${planId}`}>{t('sv.visit.back')}</Link>
      </p>
      <PageHeader title={t('sv.visit.title', { unit: w.unit.name })} />
      <p className="muted">
        {t('sv.visit.date', { date: date(w.visitDate) })} · {t('sv.visit.template', { name: w.template.name, version: w.template.version })}
      </p>
      {!disabled && <SyncIndicator status={sync.status} engine={sync.engine} />}
      {loaded.data?.fromDevice && <p className="muted small" data-testid="from-device">{t('sv.visit.fromDevice')}</p>}
      {disabled && <p className="alert sv-info">{t('sv.visit.readOnly')}</p>}
      {/* A failed re-read while offline is expected: the form keeps the last worksheet and the device's answers. */}
      {loaded.error && sync.status.state !== 'offline' ? <ErrorAlert error={loaded.error} /> : null}
      <ConflictList status={sync.status} engine={sync.engine} worksheet={w} />

      <IntervieweesEditor value={sync.values.get(keys.interviewees())} onChange={(v) => sync.change(keys.interviewees(), v)} disabled={disabled} />

      {unitQuestions.length > 0 && (
        <section className="card" aria-labelledby="sv-unit-questions" data-testid="sv-unit-questions">
          <h2 id="sv-unit-questions">{t('sv.visit.unitQuestions')}</h2>
          {unitQuestions.map((q) => {
            const key = keys.answer(null, q.id);
            return <QuestionField key={q.id} question={q} value={sync.values.get(key)} onChange={(v) => sync.change(key, v)} disabled={disabled} />;
          })}
        </section>
      )}

      <section aria-labelledby="sv-agreements">
        <h2 id="sv-agreements">{t('sv.visit.agreements', { n: w.agreements.length })}</h2>
        {w.agreements.length === 0 && <p className="card">{t('sv.visit.noAgreements')}</p>}
        {w.agreements.map((a) => (
          <AgreementCard key={a.id} agreement={a} questions={agreementQuestions} values={sync.values} onChange={sync.change} disabled={disabled} />
        ))}
      </section>

      <FindingsField value={sync.values.get(keys.findings())} onChange={(v) => sync.change(keys.findings(), v)} disabled={disabled} />
      <UnregisteredSection worksheet={w} engine={sync.engine} disabled={disabled} />
    </article>
  );
}
