/** Add or edit one implementation report (period, activities, beneficiaries, PNBP in Rupiah, non-money benefits, …). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { ListItem, Report, ReportList } from '../../registry.js';
import { Checkbox, Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';
import { DateInput } from '../form/DateInput.js';
import { MoneyInput } from '../form/MoneyInput.js';

const FIELDS = ['periodStart', 'periodEnd', 'activities', 'beneficiaries', 'pnbpAmount', 'benefitCodes', 'benefitNotes', 'obstacles', 'suggestions', 'internal'];

export function ReportForm({
  agreementId,
  report,
  benefitKinds,
  onSaved,
  onCancel,
}: {
  agreementId: string;
  report?: Report;
  benefitKinds: readonly ListItem[];
  onSaved: (list: ReportList) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [periodStart, setPeriodStart] = useState(report?.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(report?.periodEnd ?? '');
  const [activities, setActivities] = useState(report?.activities ?? '');
  const [beneficiaries, setBeneficiaries] = useState(report ? String(report.beneficiaries) : '');
  const [pnbp, setPnbp] = useState<number | null>(report ? report.pnbpAmount : null);
  const [benefitCodes, setBenefitCodes] = useState<string[]>(report?.benefits.map((b) => b.code) ?? []);
  const [benefitNotes, setBenefitNotes] = useState(report?.benefitNotes ?? '');
  const [obstacles, setObstacles] = useState(report?.obstacles ?? '');
  const [suggestions, setSuggestions] = useState(report?.suggestions ?? '');
  const [internal, setInternal] = useState(report?.internal ?? false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const kinds = benefitKinds.filter((k) => k.active || benefitCodes.includes(k.code));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      periodStart,
      periodEnd,
      activities: activities.trim(),
      beneficiaries: beneficiaries.trim() ? Number(beneficiaries) : 0,
      pnbpAmount: pnbp ?? 0,
      benefitCodes,
      benefitNotes: benefitNotes.trim() || null,
      obstacles: obstacles.trim() || null,
      suggestions: suggestions.trim() || null,
      internal,
    };
    try {
      const res = report
        ? await api.put<ReportList>(`/reports/${encodeURIComponent(report.id)}`, body)
        : await api.post<ReportList>(`/agreements/${encodeURIComponent(agreementId)}/reports`, body);
      onSaved(res);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const titleId = report ? `report-edit-${report.id}` : 'report-new';
  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby={titleId} data-testid="report-form">
      <h3 id={titleId}>{report ? t('reports.editTitle') : t('reports.addTitle')}</h3>
      <ErrorAlert error={error} shownFields={FIELDS} />
      <div className="form-grid">
        <Field label={t('reports.periodStart')} error={fieldError('periodStart')}>
          {(p) => <DateInput control={p} value={periodStart} onChange={setPeriodStart} required testId="report-start" />}
        </Field>
        <Field label={t('reports.periodEnd')} error={fieldError('periodEnd')}>
          {(p) => <DateInput control={p} value={periodEnd} min={periodStart || undefined} onChange={setPeriodEnd} required testId="report-end" />}
        </Field>
      </div>
      <Field label={t('reports.activities')} error={fieldError('activities')} hint={t('reports.activitiesHint')}>
        {(p) => <textarea {...p} required rows={3} value={activities} onChange={(e) => setActivities(e.target.value)} data-testid="report-activities" />}
      </Field>
      <div className="form-grid">
        <Field label={t('reports.beneficiaries')} error={fieldError('beneficiaries')} hint={t('reports.beneficiariesHint')}>
          {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={beneficiaries} onChange={(e) => setBeneficiaries(e.target.value)} />}
        </Field>
        <Field label={t('reports.pnbp')} error={fieldError('pnbpAmount')} hint={t('reports.pnbpHint')}>
          {(p) => <MoneyInput control={p} value={pnbp} onChange={setPnbp} testId="report-pnbp" />}
        </Field>
      </div>
      <fieldset className="choice">
        <legend>{t('reports.benefits')}</legend>
        <div className="checkbox-grid">
          {kinds.map((k) => (
            <Checkbox
              key={k.code}
              label={k.name}
              checked={benefitCodes.includes(k.code)}
              onChange={(on) => setBenefitCodes((c) => (on ? [...c, k.code] : c.filter((x) => x !== k.code)))}
            />
          ))}
        </div>
        {fieldError('benefitCodes') && <p className="field-error">{fieldError('benefitCodes')}</p>}
      </fieldset>
      <Field label={t('reports.benefitNotes')} error={fieldError('benefitNotes')}>
        {(p) => <textarea {...p} rows={2} value={benefitNotes} onChange={(e) => setBenefitNotes(e.target.value)} />}
      </Field>
      <div className="form-grid form-grid-2">
        <Field label={t('reports.obstacles')} error={fieldError('obstacles')}>
          {(p) => <textarea {...p} rows={2} value={obstacles} onChange={(e) => setObstacles(e.target.value)} />}
        </Field>
        <Field label={t('reports.suggestions')} error={fieldError('suggestions')}>
          {(p) => <textarea {...p} rows={2} value={suggestions} onChange={(e) => setSuggestions(e.target.value)} />}
        </Field>
      </div>
      <Checkbox label={t('reports.internal')} checked={internal} onChange={setInternal} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="report-save">
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
