/** Top level: session gate, forced password change, routes. */
import { useEffect } from 'react';
import type { ComponentType } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { ErrorAlert, Loading } from './components/Feedback.js';
import { PageHeader } from './components/PageHeader.js';
import { Shell } from './components/Shell.js';
import { useI18n } from './i18n.js';
import { AgreementDetailPage } from './pages/AgreementDetailPage.js';
import { AgreementFormPage } from './pages/AgreementFormPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { ChangePasswordPage } from './pages/ChangePasswordPage.js';
import { CompliancePage } from './pages/CompliancePage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { ImportPage } from './pages/ImportPage.js';
import { IntakePage } from './pages/IntakePage.js';
import { JobsPage } from './pages/JobsPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { MonitoringPage } from './pages/MonitoringPage.js';
import { NotificationsPage } from './pages/NotificationsPage.js';
import { PartnerDetailPage } from './pages/PartnerDetailPage.js';
import { PartnersPage } from './pages/PartnersPage.js';
import { ProfilePage } from './pages/ProfilePage.js';
import { RegisterPage } from './pages/RegisterPage.js';
import { TrashPage } from './pages/TrashPage.js';
import { UnitsPage } from './pages/UnitsPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { VerificationQueuePage } from './pages/VerificationQueuePage.js';
import { FollowupsPage } from './pages/supervision/FollowupsPage.js';
import { PlanDetailPage } from './pages/supervision/PlanDetailPage.js';
import { PlanFormPage } from './pages/supervision/PlanFormPage.js';
import { PlansPage } from './pages/supervision/PlansPage.js';
import { TemplatesPage } from './pages/supervision/TemplatesPage.js';
import { VisitPage } from './pages/supervision/VisitPage.js';
import { Link, matchPath, navigate, useLocation } from './router.js';
import { useSession } from './session.js';
import type { Role } from './types.js';

interface Route {
  pattern: string;
  page: ComponentType<{ params: Record<string, string> }>;
  roles?: readonly Role[];
}

const WRITERS: readonly Role[] = ['admin', 'verifikator', 'operator'];

const ROUTES: readonly Route[] = [
  { pattern: '/', page: DashboardPage },
  { pattern: '/kerja-sama', page: RegisterPage },
  { pattern: '/kerja-sama/baru', page: AgreementFormPage, roles: WRITERS },
  { pattern: '/kerja-sama/baru/dari-berkas', page: IntakePage, roles: WRITERS },
  { pattern: '/cari', page: SearchPage },
  { pattern: '/pekerjaan', page: JobsPage, roles: ['admin', 'verifikator'] },
  { pattern: '/kerja-sama/:id', page: AgreementDetailPage },
  { pattern: '/kerja-sama/:id/ubah', page: AgreementFormPage, roles: WRITERS },
  { pattern: '/mitra', page: PartnersPage },
  { pattern: '/mitra/:id', page: PartnerDetailPage },
  { pattern: '/pemantauan', page: MonitoringPage },
  { pattern: '/impor', page: ImportPage, roles: WRITERS },
  { pattern: '/tempat-sampah', page: TrashPage, roles: ['admin', 'verifikator'] },
  { pattern: '/verifikasi', page: VerificationQueuePage, roles: ['admin', 'verifikator'] },
  { pattern: '/kepatuhan', page: CompliancePage, roles: WRITERS },
  { pattern: '/notifikasi', page: NotificationsPage },
  { pattern: '/supervisi', page: PlansPage },
  { pattern: '/supervisi/baru', page: PlanFormPage, roles: ['admin', 'pokja', 'verifikator'] },
  { pattern: '/supervisi/:id', page: PlanDetailPage },
  { pattern: '/supervisi/:id/ubah', page: PlanFormPage, roles: ['admin', 'pokja', 'verifikator'] },
  { pattern: '/supervisi/:id/kunjungan/:visitId', page: VisitPage },
  { pattern: '/tindak-lanjut', page: FollowupsPage },
  { pattern: '/tindak-lanjut/:id', page: FollowupsPage },
  { pattern: '/templat-supervisi', page: TemplatesPage, roles: ['admin'] },
  { pattern: '/templat-supervisi/:id', page: TemplatesPage, roles: ['admin'] },
  { pattern: '/unit', page: UnitsPage },
  { pattern: '/unit/:id', page: UnitsPage },
  { pattern: '/pengguna', page: UsersPage, roles: ['admin', 'verifikator'] },
  { pattern: '/audit', page: AuditPage, roles: ['admin'] },
  { pattern: '/profil', page: ProfilePage },
  { pattern: '/kata-sandi', page: ChangePasswordPage },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** Only same-app paths are accepted as "next" (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/masuk') ? next : '/';
}

export function App() {
  const session = useSession();
  const { path, query } = useLocation();
  const i18n = useI18n();

  if (session.status === 'loading') {
    return (
      <div className="boot">
        <Loading />
      </div>
    );
  }

  if (session.status === 'error') {
    return (
      <div className="boot">
        <div className="card">
          <h1>{i18n.t('boot.title')}</h1>
          <ErrorAlert error={session.bootError} />
          <button type="button" className="btn btn-primary" onClick={() => void session.refresh()}>
            {i18n.t('common.retry')}
          </button>
        </div>
      </div>
    );
  }

  if (session.status === 'anonymous' || !session.user) {
    return (
      <ErrorBoundary>
        {path !== '/masuk' && <Redirect to="/masuk" />}
        <LoginPage next={safeNext(query.get('next'))} />
      </ErrorBoundary>
    );
  }

  if (path === '/masuk') return <Redirect to={safeNext(query.get('next'))} />;

  if (session.user.mustChangePassword) {
    return (
      <Shell showNav={false}>
        {path !== '/kata-sandi' && <Redirect to="/kata-sandi" />}
        <ErrorBoundary>
          <ChangePasswordPage forced />
        </ErrorBoundary>
      </Shell>
    );
  }

  let content = <NotFoundPage />;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const Page = route.page;
    content = route.roles && !route.roles.includes(session.user.role) ? <ForbiddenPage /> : <Page params={params} />;
    break;
  }

  return (
    <Shell>
      <ErrorBoundary resetKey={path}>{content}</ErrorBoundary>
    </Shell>
  );
}

function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </section>
  );
}

function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <section>
      <PageHeader title={t('forbidden.title')} />
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </section>
  );
}
