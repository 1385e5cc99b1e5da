/** Sign-in: username or e-mail + password; a 6-digit code when the server answers TOTP_REQUIRED. */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { Field } from '../components/Field.js';
import { ErrorAlert } from '../components/Feedback.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useTitle } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import type { SessionResponse } from '../types.js';

export function LoginPage({ next }: { next: string }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  useTitle(t('login.title'));
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { username: username.trim(), password, ...(needTotp ? { totp: totp.trim() } : {}) };
      const res = await api.post<SessionResponse>('/auth/login', body);
      signedIn(res);
      navigate(res.user.mustChangePassword ? '/kata-sandi' : next, { replace: true });
    } catch (err) {
      // The server's message explains what is wrong (including "enter your code" for TOTP_REQUIRED).
      setError(err);
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') setNeedTotp(true);
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') setTotp('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <p className="login-brand" aria-hidden="true">
          P2MA
        </p>
        <h1>{t('login.heading')}</h1>
        <p className="login-sub">{t('app.name')}</p>
        <ErrorAlert error={error} shownFields={['username', 'password', 'totp']} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t('login.username')} hint={t('login.usernameHint')} error={fieldError('username')}>
            {(p) => (
              <input
                {...p}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('login.password')} error={fieldError('password')}>
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          {needTotp && (
            <Field label={t('login.totp')} hint={t('login.totpHint')} error={fieldError('totp')}>
              {(p) => (
                <input
                  {...p}
                  ref={totpRef}
                  name="totp"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  required
                  value={totp}
                  onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
                />
              )}
            </Field>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
