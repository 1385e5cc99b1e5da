/** Change password. `forced`: shown instead of everything else while the account has a temporary password. */
import { PasswordForm } from '../components/profile/PasswordForm.js';
import { PageHeader } from '../components/PageHeader.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';

export function ChangePasswordPage({ forced = false }: { forced?: boolean; params?: Record<string, string> }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  return (
    <section className="narrow">
      <PageHeader title={t('password.title')} />
      {forced && <p className="card card-hint">{t('password.forcedIntro')}</p>}
      <div className="card">
        <PasswordForm
          onChanged={() => {
            if (!forced) return;
            void refresh().then(() => navigate('/', { replace: true }));
          }}
        />
      </div>
    </section>
  );
}
