/** Beranda: a welcome with the user's unit and role (a placeholder until the agreement modules exist). */
import { PageHeader } from '../components/PageHeader.js';
import { useI18n } from '../i18n.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';

export function DashboardPage() {
  const { t, roleLabel, kindLabel, date } = useI18n();
  const user = useUser();
  const todayIso = new Date().toISOString();

  return (
    <section>
      <PageHeader title={t('dashboard.title')} />
      <div className="card welcome">
        <h2>{t('dashboard.welcome', { name: user.displayName })}</h2>
        <p className="muted">{t('dashboard.today', { date: date(todayIso) })}</p>
        <dl className="facts">
          <div>
            <dt>{t('dashboard.unit')}</dt>
            <dd>
              {user.unit.name} <span className="muted">({user.unit.code})</span>
            </dd>
          </div>
          <div>
            <dt>{t('dashboard.unitKind')}</dt>
            <dd>{kindLabel(user.unit.kind)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.role')}</dt>
            <dd>{roleLabel(user.role)}</dd>
          </div>
        </dl>
        <p>{t(`dashboard.roleIntro.${user.role}`)}</p>
      </div>
      {!user.totpEnabled && (
        <div className="card card-hint">
          <p>
            {t('dashboard.totpTip')} <Link to="/profil">{t('dashboard.totpTipLink')}</Link>
          </p>
        </div>
      )}
      <p className="muted">{t('dashboard.comingSoon')}</p>
    </section>
  );
}
