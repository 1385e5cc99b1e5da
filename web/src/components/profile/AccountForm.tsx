/** Own display name and e-mail (PATCH /me). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { useSession, useUser } from '../../session.js';
import type { Me } from '../../types.js';
import { Field } from '../Field.js';
import { ErrorAlert, Notice } from '../Feedback.js';

export function AccountForm() {
  const { t } = useI18n();
  const user = useUser();
  const { updateUser } = useSession();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await api.patch<{ user: Me }>('/me', { displayName: displayName.trim(), email: email.trim() || null });
      updateUser(res.user);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form">
      <ErrorAlert error={error} shownFields={['displayName', 'email']} />
      {saved && <Notice>{t('common.saved')}</Notice>}
      <Field label={t('user.displayName')} error={fieldError('displayName')}>
        {(p) => <input {...p} autoComplete="name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
      </Field>
      <Field label={t('user.email')} error={fieldError('email')}>
        {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
