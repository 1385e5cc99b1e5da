/** Penandatangan: rows of party, name, position and NIP; add and remove. Empty rows are not sent. */
import { useI18n } from '../../i18n.js';
import { Field } from '../Field.js';
import { signatory } from './form-state.js';
import type { SignatoryDraft } from './form-state.js';
import type { SectionProps } from './IdentitySection.js';

const filled = (s: SignatoryDraft) => !!(s.name.trim() || s.position.trim() || s.nip.trim());

export function SignatoriesEditor({ form, set, fieldError }: SectionProps) {
  const { t } = useI18n();
  // Server errors name the index among the rows that were sent (empty rows are skipped).
  const sent = form.signatories.filter(filled).map((s) => s.key);
  const err = (s: SignatoryDraft, field: string) => {
    const i = sent.indexOf(s.key);
    return i === -1 ? undefined : fieldError(`signatories.${i}.${field}`);
  };
  const update = (key: number, patch: Partial<SignatoryDraft>) => set({ signatories: form.signatories.map((s) => (s.key === key ? { ...s, ...patch } : s)) });

  return (
    <div className="signatories" id="af-signatories" tabIndex={-1}>
      <h3>{t('form.signatories')}</h3>
      {form.signatories.length === 0 && <p className="muted small">{t('form.noSignatories')}</p>}
      <ol className="signatory-list">
        {form.signatories.map((s, i) => (
          <li key={s.key} className="signatory-row">
            <div className="form-grid signatory-grid">
              <Field label={t('form.party')}>
                {(p) => (
                  <select {...p} value={s.party} onChange={(e) => update(s.key, { party: e.target.value === 'kedua' ? 'kedua' : 'pertama' })}>
                    <option value="pertama">{t('form.partyFirst')}</option>
                    <option value="kedua">{t('form.partySecond')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('form.signatoryName')} error={err(s, 'name')}>
                {(p) => <input {...p} value={s.name} autoComplete="off" onChange={(e) => update(s.key, { name: e.target.value })} />}
              </Field>
              <Field label={t('form.signatoryPosition')} error={err(s, 'position')}>
                {(p) => <input {...p} value={s.position} autoComplete="off" onChange={(e) => update(s.key, { position: e.target.value })} />}
              </Field>
              <Field label={t('form.nip')} error={err(s, 'nip')} hint={t('form.nipHint')}>
                {(p) => <input {...p} value={s.nip} inputMode="numeric" maxLength={18} autoComplete="off" onChange={(e) => update(s.key, { nip: e.target.value.replace(/\D/g, '') })} />}
              </Field>
            </div>
            <button
              type="button"
              className="btn btn-small btn-danger-outline"
              aria-label={t('form.removeSignatory', { n: i + 1 })}
              onClick={() => set({ signatories: form.signatories.filter((x) => x.key !== s.key) })}
            >
              {t('form.remove')}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => set({ signatories: [...form.signatories, signatory(form.signatories.some((x) => x.party === 'pertama') ? 'kedua' : 'pertama')] })}
      >
        {t('form.addSignatory')}
      </button>
    </div>
  );
}
