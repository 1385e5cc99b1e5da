/**
 * Beranda: a welcome with the user's unit and role, shortcuts into the registry, and — for leadership and the
 * Biro — the monitoring overview of their whole scope right here.
 */
import { MonitoringView } from '../components/MonitoringView.js';
import { PageHeader } from '../components/PageHeader.js';
import { canWrite } from '../registry.js';
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
      <nav aria-label={t('dashboard.shortcuts')}>
        <ul className="shortcuts">
          <li>
            <Link to="/pemantauan" className="shortcut shortcut-primary" data-testid="shortcut-monitoring">
              {t('dashboard.toMonitoring')}
            </Link>
          </li>
          <li>
            <Link to="/kerja-sama" className="shortcut">
              {t('dashboard.toRegister')}
            </Link>
          </li>
          {canWrite(user.role) && (
            <li>
              <Link to="/kerja-sama/baru" className="shortcut">
                {t('dashboard.toNew')}
              </Link>
            </li>
          )}
          <li>
            <Link to="/kerja-sama?noSignedDocument=1" className="shortcut">
              {t('dashboard.toMissing')}
            </Link>
          </li>
          <li>
            <Link to="/kerja-sama?endsWithinDays=90" className="shortcut">
              {t('dashboard.toEnding')}
            </Link>
          </li>
        </ul>
      </nav>
      {(user.role === 'pimpinan' || user.role === 'admin') && (
        <section aria-labelledby="dashboard-monitoring">
          <h2 id="dashboard-monitoring" className="section-title">
            {t('dashboard.monitoringTitle', { unit: user.unit.name })}
          </h2>
          <MonitoringView unitId={user.unit.id} />
        </section>
      )}
    </section>
  );
}
