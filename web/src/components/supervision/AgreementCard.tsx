/**
 * One agreement in force at the visited unit: what the register knows (with a link to its documents and reports),
 * the questions asked per agreement, and the team's assessment (benefits the unit, mutual, recommendation, note).
 */
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import type { Json } from '../../supervision/offline-queue.js';
import { keys } from '../../supervision/sync-ops.js';
import { RECOMMENDATIONS } from '../../supervision/types.js';
import type { Assessment, Question, WorksheetAgreement } from '../../supervision/types.js';
import { Link } from '../../router.js';
import { StatusBadge } from '../StatusBadge.js';
import { ChoiceButtons, QuestionField, useDraft } from './QuestionField.js';

const EMPTY: Assessment = { benefitsUnit: null, mutual: null, recommendation: null, note: null };

export function AgreementCard({
  agreement: a,
  questions,
  values,
  onChange,
  disabled,
}: {
  agreement: WorksheetAgreement;
  questions: readonly Question[];
  values: ReadonlyMap<string, Json>;
  onChange: (key: string, value: Json) => void;
  disabled: boolean;
}) {
  const { t, date, money, number } = useI18n();
  const assessmentKey = keys.assessment(a.id);
  const assessment = { ...EMPTY, ...((values.get(assessmentKey) ?? {}) as Partial<Assessment>) };
  const setAssessment = (patch: Partial<Assessment>) => onChange(assessmentKey, { ...assessment, ...patch } as unknown as Json);
  const note = useDraft<string>(assessment.note ?? '', (v) => setAssessment({ note: v.trim() ? v : null }));
  const yesNo = [
    { value: true, label: t('sv.visit.yes') },
    { value: false, label: t('sv.visit.no') },
  ];

  return (
    <article className="card sv-agreement" data-testid="sv-agreement" data-agreement={a.id} aria-labelledby={`sv-ag-${a.id}`}>
      <header className="sv-agreement-head">
        <h3 id={`sv-ag-${a.id}`}>{a.title}</h3>
        <p className="muted small">
          {t('sv.visit.agreementFacts', { kind: a.kindName, partners: a.partnerNames ?? '–' })}
          {a.numberFirst ? ` · ${a.numberFirst}` : ''}
        </p>
        <p className="sv-agreement-facts small">
          <StatusBadge status={a.status} />
          {a.endDate && <span>{t('sv.visit.endsOn', { date: date(a.endDate) })}</span>}
          {a.durationText && <span>{a.durationText}</span>}
          <span>{t('sv.visit.docsReports', { docs: number(a.documents), reports: number(a.reports) })}</span>
          {a.pnbpTotal > 0 && <span>{t('sv.visit.pnbp', { amount: money(a.pnbpTotal) })}</span>}
          {a.beneficiaries > 0 && <span>{t('sv.visit.beneficiaries', { n: number(a.beneficiaries) })}</span>}
        </p>
        <p>
          <Link to={`/kerja-sama/${a.id}`}>{t('sv.visit.openAgreement')}</Link>
        </p>
      </header>
      {questions.map((q) => {
        const key = keys.answer(a.id, q.id);
        return <QuestionField key={q.id} question={q} value={values.get(key)} onChange={(v) => onChange(key, v)} disabled={disabled} />;
      })}
      <section className="sv-assessment" aria-label={t('sv.visit.assessment')} data-testid="sv-assessment">
        <h4>{t('sv.visit.assessment')}</h4>
        <ChoiceButtons legend={t('sv.visit.benefitsUnit')} options={yesNo} value={assessment.benefitsUnit} onChange={(v) => setAssessment({ benefitsUnit: v })} disabled={disabled} testId="sv-benefits" />
        <ChoiceButtons legend={t('sv.visit.mutual')} options={yesNo} value={assessment.mutual} onChange={(v) => setAssessment({ mutual: v })} disabled={disabled} testId="sv-mutual" />
        <ChoiceButtons
          legend={t('sv.visit.recommendation')}
          options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`sv.rec.${r}` as MessageKey) }))}
          value={assessment.recommendation}
          onChange={(v) => setAssessment({ recommendation: v })}
          disabled={disabled}
          testId="sv-recommendation"
        />
        <div className="field">
          <label htmlFor={`sv-note-${a.id}`}>{t('sv.visit.note')}</label>
          <textarea
            id={`sv-note-${a.id}`}
            rows={2}
            disabled={disabled}
            value={note.draft}
            onFocus={note.focus}
            onBlur={note.flush}
            onChange={(e) => note.set(e.target.value)}
          />
        </div>
      </section>
    </article>
  );
}
