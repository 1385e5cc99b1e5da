/**
 * Navigation, grouped in sections and filtered by role. Later modules (Kerja Sama, Mitra, Supervisi, Laporan, …)
 * add a section here, e.g. `{ id: 'agreements', title: 'nav.section.agreements', items: [...] }`, placed
 * between "main" and "organisation". Only pages that exist are listed: no dead links.
 */
import type { MessageKey } from './i18n.js';
import type { Role } from './types.js';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Omitted: everyone signed in. */
  roles?: readonly Role[];
}

export interface NavSection {
  id: string;
  title?: MessageKey;
  items: readonly NavItem[];
}

export const NAV: readonly NavSection[] = [
  { id: 'main', items: [{ to: '/', label: 'nav.dashboard' }] },
  {
    id: 'agreements',
    title: 'nav.section.agreements',
    items: [
      { to: '/kerja-sama', label: 'nav.register' },
      { to: '/cari', label: 'nav.search' },
      { to: '/mitra', label: 'nav.partners' },
      { to: '/pemantauan', label: 'nav.monitoring' },
      { to: '/impor', label: 'nav.import', roles: ['admin', 'verifikator', 'operator'] },
      { to: '/tempat-sampah', label: 'nav.trash', roles: ['admin', 'verifikator'] },
      { to: '/pekerjaan', label: 'nav.jobs', roles: ['admin', 'verifikator'] },
    ],
  },
  {
    id: 'workflow',
    title: 'nav.section.workflow',
    items: [
      { to: '/verifikasi', label: 'nav.queue', roles: ['admin', 'verifikator'] },
      { to: '/kepatuhan', label: 'nav.compliance', roles: ['admin', 'verifikator', 'operator'] },
      { to: '/notifikasi', label: 'nav.notifications' },
    ],
  },
  {
    id: 'supervision',
    title: 'nav.section.supervision',
    items: [
      { to: '/supervisi', label: 'nav.supervision' },
      { to: '/tindak-lanjut', label: 'nav.followups' },
      { to: '/templat-supervisi', label: 'nav.templates', roles: ['admin'] },
    ],
  },
  {
    id: 'organisation',
    title: 'nav.section.organisation',
    items: [
      { to: '/unit', label: 'nav.units' },
      { to: '/pengguna', label: 'nav.users', roles: ['admin', 'verifikator'] },
      { to: '/audit', label: 'nav.audit', roles: ['admin'] },
    ],
  },
  { id: 'account', title: 'nav.section.account', items: [{ to: '/profil', label: 'nav.profile' }] },
];

export function visibleNav(role: Role): NavSection[] {
  return NAV.map((s) => ({ ...s, items: s.items.filter((i) => !i.roles || i.roles.includes(role)) })).filter(
    (s) => s.items.length > 0,
  );
}

/** "/unit/123" is inside "/unit"; "/" only matches itself. */
export function isActive(itemPath: string, path: string): boolean {
  if (itemPath === '/') return path === '/';
  return path === itemPath || path.startsWith(`${itemPath}/`);
}
