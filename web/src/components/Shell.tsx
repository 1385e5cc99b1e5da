/** The signed-in frame: header (app name, notification bell, user, language, logout), role-based navigation, main area. */
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.js';
import { isActive, visibleNav } from '../nav.js';
import { Link, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationBell } from './NotificationBell.js';

export function Shell({ children, showNav = true }: { children: ReactNode; showNav?: boolean }) {
  const { t, roleLabel } = useI18n();
  const { user, logout } = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const navId = useId();

  // Close the phone menu after navigating.
  useEffect(() => setMenuOpen(false), [path]);

  if (!user) return null;
  const sections = visibleNav(user.role);

  async function onLogout() {
    setBusy(true);
    await logout();
    setBusy(false);
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          {showNav && (
            <button
              type="button"
              className="menu-button"
              aria-expanded={menuOpen}
              aria-controls={navId}
              onClick={() => setMenuOpen((o) => !o)}
            >
              <span className="menu-icon" aria-hidden="true" />
              {t('shell.menu')}
            </button>
          )}
          <Link to="/" className="brand-name">
            P2MA
          </Link>
          <span className="brand-sub">{t('app.tagline')}</span>
        </div>
        <div className="topbar-right">
          {showNav && <NotificationBell />}
          <div className="who" data-testid="current-user">
            <span className="who-name">{user.displayName}</span>
            <span className="who-meta">
              {roleLabel(user.role)} · {user.unit.name}
            </span>
          </div>
          <LanguageSwitch />
          <button type="button" className="btn btn-small btn-outline-light" onClick={() => void onLogout()} disabled={busy}>
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <div className="layout">
        {showNav && (
          <nav id={navId} className={`sidenav${menuOpen ? ' open' : ''}`} aria-label={t('shell.nav')}>
            {sections.map((s) => (
              <div key={s.id} className="nav-section">
                {s.title && <p className="nav-title">{t(s.title)}</p>}
                <ul>
                  {s.items.map((item) => {
                    const active = isActive(item.to, path);
                    return (
                      <li key={item.to}>
                        <Link to={item.to} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
                          {t(item.label)}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </nav>
        )}
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
