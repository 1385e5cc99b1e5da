/** Two-step verification: set up (secret + otpauth URL as text), confirm with a code, or turn off with the password. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { useSession, useUser } from '../../session.js';
import { Field } from '../Field.js';
import { Badge, ErrorAlert, Notice } from '../Feedback.js';
import { Secret } from '../Secret.js';

interface Setup {
  secret: string;
  otpauthUrl: string;
}

export function TotpSection() {
  const { t } = useI18n();
  const user = useUser();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [disabling, setDisabling] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    run(async () => {
      setSetup(await api.post<Setup>('/me/totp/setup'));
      setCode('');
    });

  const enable = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.post('/me/totp/enable', { code: code.trim() });
      setSetup(null);
      setNotice(t('totp.enabled'));
      await refresh();
    });
  };

  const disable = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.post('/me/totp/disable', { password });
      setPassword('');
      setDisabling(false);
      setNotice(t('totp.disabled'));
      await refresh();
    });
  };

  const codeError = fieldError('code') ?? (error instanceof ApiError && error.code === 'INVALID_TOTP' ? error.message : undefined);
  const passwordError = fieldError('password') ?? (error instanceof ApiError && error.code === 'WRONG_PASSWORD' ? error.message : undefined);

  return (
    <div>
      <p>
        {t('totp.status')}{' '}
        {user.totpEnabled ? <Badge tone="ok">{t('totp.on')}</Badge> : <Badge tone="muted">{t('totp.off')}</Badge>}
      </p>
      <p className="muted">{t('totp.intro')}</p>
      <ErrorAlert error={error} shownFields={['code', 'password']} />
      {notice && <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>}

      {!user.totpEnabled && !setup && (
        <button type="button" className="btn" onClick={() => void start()} disabled={busy}>
          {t('totp.setup')}
        </button>
      )}

      {!user.totpEnabled && setup && (
        <div className="subcard">
          <ol className="steps">
            <li>
              {t('totp.step1')}
              <Secret label={t('totp.secret')} value={setup.secret} />
              <Secret label={t('totp.url')} value={setup.otpauthUrl} />
            </li>
            <li>{t('totp.step2')}</li>
          </ol>
          <form onSubmit={enable} noValidate className="form form-inline">
            <Field label={t('totp.code')} error={codeError}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  pattern="[0-9]{6}"
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                />
              )}
            </Field>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('totp.enable')}
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setSetup(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </div>
      )}

      {user.totpEnabled && !disabling && (
        <button type="button" className="btn" onClick={() => setDisabling(true)}>
          {t('totp.disable')}
        </button>
      )}
      {user.totpEnabled && disabling && (
        <form onSubmit={disable} noValidate className="form form-inline subcard">
          <Field label={t('password.current')} error={passwordError}>
            {(p) => (
              <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-danger" disabled={busy}>
              {t('totp.disableConfirm')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setDisabling(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
