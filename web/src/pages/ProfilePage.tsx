/** Profil: own data, password, two-step verification, notifications, the unit's end-date calendar, API tokens, sign out everywhere. */
import { useState } from 'react';
import { api } from '../api.js';
import { ErrorAlert } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { AccountForm } from '../components/profile/AccountForm.js';
import { CalendarSection } from '../components/profile/CalendarSection.js';
import { NotificationPreferences } from '../components/profile/NotificationPreferences.js';
import { PasswordForm } from '../components/profile/PasswordForm.js';
import { TokensSection } from '../components/profile/TokensSection.js';
import { TotpSection } from '../components/profile/TotpSection.js';
import { useI18n } from '../i18n.js';
import { useSession, useUser } from '../session.js';
import type { ReactNode } from 'react';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function ProfilePage() {
  const { t, roleLabel } = useI18n();
  const user = useUser();
  const { forget } = useSession();
  const [confirmAll, setConfirmAll] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function logoutAll() {
    setError(null);
    try {
      await api.post('/auth/logout-all');
      // Every session, this one included, has ended.
      forget();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="stack">
      <PageHeader title={t('profile.title')} />
      <Section id="profile-account" title={t('profile.account')}>
        <dl className="facts">
          <div>
            <dt>{t('user.username')}</dt>
            <dd>{user.username}</dd>
          </div>
          <div>
            <dt>{t('user.role')}</dt>
            <dd>{roleLabel(user.role)}</dd>
          </div>
          <div>
            <dt>{t('user.unit')}</dt>
            <dd>
              {user.unit.name} <span className="muted">({user.unit.code})</span>
            </dd>
          </div>
        </dl>
        <AccountForm />
      </Section>
      <Section id="profile-password" title={t('password.title')}>
        <PasswordForm />
      </Section>
      <Section id="profile-totp" title={t('totp.title')}>
        <TotpSection />
      </Section>
      <Section id="profile-notifications" title={t('prefs.title')}>
        <NotificationPreferences />
      </Section>
      <Section id="profile-calendar" title={t('ical.title')}>
        <CalendarSection />
      </Section>
      <Section id="profile-tokens" title={t('tokens.title')}>
        <TokensSection />
      </Section>
      <Section id="profile-sessions" title={t('sessions.title')}>
        <p className="muted">{t('sessions.intro')}</p>
        <ErrorAlert error={error} />
        {confirmAll ? (
          <div className="confirm">
            <span>{t('sessions.confirm')}</span>
            <button type="button" className="btn btn-danger" onClick={() => void logoutAll()}>
              {t('sessions.confirmYes')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirmAll(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="btn" onClick={() => setConfirmAll(true)}>
            {t('sessions.logoutAll')}
          </button>
        )}
      </Section>
    </div>
  );
}
