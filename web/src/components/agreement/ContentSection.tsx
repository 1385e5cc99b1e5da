/** Isi (scopes, purpose, background, financing) and Sifat (public or internal with the exemption reason). */
import { useI18n } from '../../i18n.js';
import type { Lists } from '../../registry.js';
import { Checkbox, Field } from '../Field.js';
import type { SectionProps } from './IdentitySection.js';

export function ContentSection({ form, set, fieldError, lists }: SectionProps & { lists: Lists | undefined }) {
  const { t } = useI18n();
  const scopes = (lists?.scopes ?? []).filter((s) => s.active || form.scopeCodes.includes(s.code));
  const toggle = (code: string, on: boolean) => set({ scopeCodes: on ? [...form.scopeCodes, code] : form.scopeCodes.filter((c) => c !== code) });
  return (
    <fieldset className="form-section">
      <legend>{t('form.content')}</legend>
      <fieldset className="choice" id="af-scopes" tabIndex={-1}>
        <legend>{t('agreement.scopes')}</legend>
        <div className="checkbox-grid">
          {scopes.map((s) => (
            <Checkbox key={s.code} label={s.name} checked={form.scopeCodes.includes(s.code)} onChange={(v) => toggle(s.code, v)} />
          ))}
        </div>
        {fieldError('scopeCodes') && <p className="field-error">{fieldError('scopeCodes')}</p>}
      </fieldset>
      <Field label={t('agreement.scopeOther')} id="af-scope-other" error={fieldError('scopeOther')} hint={t('form.scopeOtherHint')}>
        {(p) => <input {...p} value={form.scopeOther} onChange={(e) => set({ scopeOther: e.target.value })} />}
      </Field>
      <Field label={t('agreement.purpose')} id="af-purpose" error={fieldError('purpose')}>
        {(p) => <textarea {...p} rows={3} value={form.purpose} onChange={(e) => set({ purpose: e.target.value })} />}
      </Field>
      <Field label={t('agreement.background')} id="af-background" error={fieldError('background')}>
        {(p) => <textarea {...p} rows={3} value={form.background} onChange={(e) => set({ background: e.target.value })} />}
      </Field>
      <Field label={t('agreement.financing')} id="af-financing" error={fieldError('financing')} hint={t('form.financingHint')}>
        {(p) => <textarea {...p} rows={2} value={form.financing} onChange={(e) => set({ financing: e.target.value })} />}
      </Field>

      <fieldset className="choice">
        <legend>{t('agreement.confidentiality')}</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" name="af-confidentiality" value="public" checked={form.confidentiality === 'public'} onChange={() => set({ confidentiality: 'public' })} />
            {t('form.public')}
          </label>
          <label className="radio">
            <input type="radio" name="af-confidentiality" value="internal" checked={form.confidentiality === 'internal'} onChange={() => set({ confidentiality: 'internal' })} />
            {t('form.internal')}
          </label>
        </div>
        <p className="field-hint">{t('form.confidentialityHint')}</p>
      </fieldset>
      {form.confidentiality === 'internal' && (
        <Field label={t('agreement.confidentialityReason')} id="af-confidentiality-reason" error={fieldError('confidentialityReason')} hint={t('form.reasonHint')}>
          {(p) => <textarea {...p} required rows={2} value={form.confidentialityReason} onChange={(e) => set({ confidentialityReason: e.target.value })} />}
        </Field>
      )}
    </fieldset>
  );
}
