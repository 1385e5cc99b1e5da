/** Change own password: current / new / confirm; new == confirm and ≥ 10 characters checked here too. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { Field } from '../Field.js';
import { ErrorAlert, Notice } from '../Feedback.js';

export const MIN_PASSWORD_LENGTH = 10;

export function PasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<{ next?: string; confirm?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const server = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const problems: { next?: string; confirm?: string } = {};
    if (next.length < MIN_PASSWORD_LENGTH) problems.next = t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
    if (next !== confirm) problems.confirm = t('password.mismatch');
    setLocal(problems);
    if (problems.next || problems.confirm) {
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      onChanged?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const wrongCurrent = error instanceof ApiError && error.code === 'WRONG_PASSWORD' ? error.message : undefined;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form">
      <ErrorAlert error={error} shownFields={['currentPassword', 'newPassword']} />
      {done && <Notice>{t('password.changed')}</Notice>}
      <Field label={t('password.current')} error={server('currentPassword') ?? wrongCurrent}>
        {(p) => (
          <input {...p} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        )}
      </Field>
      <Field
        label={t('password.new')}
        hint={t('password.rule', { min: MIN_PASSWORD_LENGTH })}
        error={local.next ?? server('newPassword')}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('password.confirm')} error={local.confirm}>
        {(p) => (
          <input {...p} type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
