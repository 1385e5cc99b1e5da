/** Identitas naskah: kind, title, both parties' numbers with a live duplicate check on the first. */
import { useI18n } from '../../i18n.js';
import type { Lists } from '../../registry.js';
import { href } from '../../router.js';
import { Checkbox, Field } from '../Field.js';
import type { FormState } from './form-state.js';

export interface SectionProps {
  form: FormState;
  set: (patch: Partial<FormState>) => void;
  fieldError: (name: string) => string | undefined;
}

export function IdentitySection({
  form,
  set,
  fieldError,
  lists,
  duplicate,
  confirmDuplicate,
  onConfirmDuplicate,
}: SectionProps & {
  lists: Lists | undefined;
  duplicate: { id: string; title: string } | null;
  confirmDuplicate: boolean;
  onConfirmDuplicate: (v: boolean) => void;
}) {
  const { t } = useI18n();
  const kinds = (lists?.agreementKinds ?? []).filter((k) => k.active || k.code === form.kindCode);
  return (
    <fieldset className="form-section">
      <legend>{t('form.identity')}</legend>
      <div className="form-grid">
        <Field label={t('agreement.kind')} id="af-kind" error={fieldError('kindCode')}>
          {(p) => (
            <select {...p} required value={form.kindCode} onChange={(e) => set({ kindCode: e.target.value })} data-testid="af-kind">
              {kinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name} ({k.abbreviation})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('agreement.title')} id="af-title" error={fieldError('title')} hint={t('form.titleHint')} className="span-2">
          {(p) => <input {...p} required value={form.title} onChange={(e) => set({ title: e.target.value })} data-testid="af-title" />}
        </Field>
        <Field label={t('agreement.numberFirst')} id="af-number-first" error={fieldError('numberFirst')} hint={t('form.numberFirstHint')}>
          {(p) => <input {...p} value={form.numberFirst} spellCheck={false} onChange={(e) => set({ numberFirst: e.target.value })} data-testid="af-number-first" />}
        </Field>
        <Field label={t('agreement.numberSecond')} id="af-number-second" error={fieldError('numberSecond')} hint={t('form.numberSecondHint')}>
          {(p) => <input {...p} value={form.numberSecond} spellCheck={false} onChange={(e) => set({ numberSecond: e.target.value })} />}
        </Field>
      </div>
      {duplicate && (
        <div className="alert alert-warn" role="status" data-testid="duplicate-warning">
          <p>
            {t('form.duplicate')}{' '}
            <a href={href(`/kerja-sama/${duplicate.id}`)} target="_blank" rel="noopener">
              {duplicate.title}
            </a>
          </p>
          <Checkbox label={t('form.duplicateConfirm')} checked={confirmDuplicate} onChange={onConfirmDuplicate} id="af-confirm-duplicate" />
        </div>
      )}
    </fieldset>
  );
}
