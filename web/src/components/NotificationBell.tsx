/**
 * The bell in the header: the unread count (polled every 60 s while the tab is visible and on every navigation)
 * and a dropdown with the latest notifications. Opening one marks it read and follows its link; the dropdown
 * closes on Escape, on a click outside and on navigation.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api.js';
import { useI18n } from '../i18n.js';
import { POLL_MS, markAllRead, markRead, noteUnread, refreshUnread, useUnreadCount } from '../notifications.js';
import { Link, navigate, useLocation } from '../router.js';
import { appPath } from '../workflow.js';
import type { AppNotification, NotificationPage } from '../workflow.js';
import { ErrorAlert, Loading } from './Feedback.js';

const LATEST = 6;

export function NotificationBell() {
  const { t, number, dateTime } = useI18n();
  const unread = useUnreadCount();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Poll while visible; read again when the tab comes back.
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    const id = window.setInterval(tick, POLL_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', tick);
    };
  }, []);

  // On every navigation (and at start).
  useEffect(() => {
    void refreshUnread();
    setOpen(false);
  }, [path]);

  // Load the latest when opened.
  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    setError(null);
    api
      .get<NotificationPage>('/notifications', { page: 1, pageSize: LATEST }, ctrl.signal)
      .then((r) => {
        if (ctrl.signal.aborted) return;
        setItems(r.notifications);
        noteUnread(r.unread);
      })
      .catch((err: unknown) => !ctrl.signal.aborted && setError(err));
    return () => ctrl.abort();
  }, [open]);

  // Close on Escape (focus back to the bell) and on a click outside.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  function follow(n: AppNotification) {
    setOpen(false);
    if (!n.readAt) void markRead(n.id).catch(() => undefined);
    const to = appPath(n.link);
    if (to) navigate(to);
  }

  async function readAll() {
    setError(null);
    try {
      await markAllRead();
      setItems((list) => (list ?? []).map((n) => (n.readAt ? n : { ...n, readAt: new Date().toISOString() })));
    } catch (err) {
      setError(err);
    }
  }

  const label = unread > 0 ? t('notif.bellUnread', { n: number(unread) }) : t('notif.bell');
  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <span className="bell-icon" aria-hidden="true" />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : number(unread)}
          </span>
        )}
      </button>
      <div id={panelId} className="bell-panel" hidden={!open} data-testid="notification-panel">
        <div className="bell-panel-head">
          <h2>{t('notif.title')}</h2>
          {unread > 0 && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void readAll()}>
              {t('notif.markAllRead')}
            </button>
          )}
        </div>
        <ErrorAlert error={error} />
        {open && items === null && !error ? (
          <Loading />
        ) : (items ?? []).length === 0 ? (
          <p className="muted small bell-empty">{t('notif.none')}</p>
        ) : (
          <ul className="bell-list">
            {(items ?? []).map((n) => (
              <li key={n.id} className={n.readAt ? 'bell-item' : 'bell-item bell-unread'}>
                <button type="button" className="bell-link" onClick={() => follow(n)} data-testid="notification-item">
                  <span className="bell-title">
                    {!n.readAt && <span className="sr-only">{t('notif.new')}: </span>}
                    {n.title}
                  </span>
                  <span className="bell-meta small muted">{dateTime(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="bell-foot small">
          <Link to="/notifikasi">{t('notif.seeAll')}</Link>
        </p>
      </div>
    </div>
  );
}
