/**
 * Waktu: place and date of signing, start, and EITHER an end date OR a duration ("3 tahun") whose end date is
 * previewed live, computed the way the server does (start + duration − 1 day).
 */
import { computeEnd } from '../../duration.js';
import { useI18n } from '../../i18n.js';
import { Field } from '../Field.js';
import { DateInput } from '../form/DateInput.js';
import type { SectionProps } from './IdentitySection.js';

export function TimeSection({ form, set, fieldError }: SectionProps) {
  const { t, date } = useI18n();
  const start = form.startDate || form.signingDate;
  const computed = form.endMode === 'duration' ? computeEnd(start, form.duration) : null;
  let preview: string;
  if (!form.duration.trim()) preview = t('form.durationEmpty');
  else if (!start) preview = t('form.durationNoStart');
  else if (!computed) preview = t('form.durationUnreadable');
  else preview = t('form.durationEnds', { date: date(computed) });

  return (
    <fieldset className="form-section">
      <legend>{t('form.time')}</legend>
      <div className="form-grid">
        <Field label={t('agreement.signingPlace')} id="af-signing-place" error={fieldError('signingPlace')}>
          {(p) => <input {...p} value={form.signingPlace} onChange={(e) => set({ signingPlace: e.target.value })} />}
        </Field>
        <Field label={t('agreement.signingDate')} id="af-signing-date" error={fieldError('signingDate')} hint={t('form.signingDateHint')}>
          {(p) => <DateInput control={p} value={form.signingDate} onChange={(signingDate) => set({ signingDate })} testId="af-signing-date" />}
        </Field>
        <Field label={t('agreement.startDate')} id="af-start-date" error={fieldError('startDate')} hint={t('form.startDateHint')}>
          {(p) => <DateInput control={p} value={form.startDate} onChange={(startDate) => set({ startDate })} testId="af-start-date" />}
        </Field>
      </div>

      <fieldset className="choice">
        <legend>{t('form.endMode')}</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" name="af-end-mode" value="duration" checked={form.endMode === 'duration'} onChange={() => set({ endMode: 'duration' })} data-testid="af-end-mode-duration" />
            {t('form.endByDuration')}
          </label>
          <label className="radio">
            <input type="radio" name="af-end-mode" value="date" checked={form.endMode === 'date'} onChange={() => set({ endMode: 'date' })} data-testid="af-end-mode-date" />
            {t('form.endByDate')}
          </label>
        </div>
      </fieldset>

      <div className="form-grid">
        {form.endMode === 'duration' ? (
          <Field label={t('agreement.duration')} id="af-duration" error={fieldError('duration')} hint={t('form.durationHint')}>
            {(p) => (
              <>
                <input {...p} value={form.duration} placeholder={t('form.durationPlaceholder')} onChange={(e) => set({ duration: e.target.value })} data-testid="af-duration" />
                <output htmlFor={p.id} className={`computed-end${computed ? ' ok' : ''}`} aria-live="polite" data-testid="computed-end">
                  {preview}
                </output>
              </>
            )}
          </Field>
        ) : (
          <Field label={t('agreement.endDate')} id="af-end-date" error={fieldError('endDate')}>
            {(p) => <DateInput control={p} value={form.endDate} min={start || undefined} onChange={(endDate) => set({ endDate })} testId="af-end-date" />}
          </Field>
        )}
        {form.endMode === 'duration' && fieldError('endDate') && (
          <p className="field-error span-2" id="af-end-date">
            {fieldError('endDate')}
          </p>
        )}
      </div>
    </fieldset>
  );
}
