/**
 * /notifikasi: all of the user's notifications, newest first, paged; "only unread" and the page are kept in the
 * URL. Opening one marks it read and follows its link; each can be marked read, or all at once.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { Checkbox } from '../components/Field.js';
import { Badge, Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { markAllRead, markRead, noteUnread, useUnreadCount } from '../notifications.js';
import { href, navigate, useLocation } from '../router.js';
import { appPath } from '../workflow.js';
import type { AppNotification, NotificationPage } from '../workflow.js';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t, number, dateTime } = useI18n();
  const { query } = useLocation();
  const unreadOnly = query.get('belum') === '1';
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const unread = useUnreadCount();
  const [error, setError] = useState<unknown>(null);
  const list = useResource(
    (signal) =>
      api.get<NotificationPage>('/notifications', { unreadOnly: unreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE }, signal).then((r) => {
        noteUnread(r.unread);
        return r;
      }),
    [unreadOnly, page],
  );
  const rows = list.data?.notifications ?? [];

  function go(next: { unreadOnly?: boolean; page?: number }) {
    const p = new URLSearchParams();
    if (next.unreadOnly ?? unreadOnly) p.set('belum', '1');
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    const s = p.toString();
    navigate(`/notifikasi${s ? `?${s}` : ''}`);
  }

  async function act(fn: () => Promise<void>) {
    setError(null);
    try {
      await fn();
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  function open(n: AppNotification) {
    if (!n.readAt) void markRead(n.id).catch(() => undefined);
    const to = appPath(n.link);
    if (to) navigate(to);
  }

  return (
    <section>
      <PageHeader title={t('notif.title')}>
        <button type="button" className="btn" disabled={unread === 0} onClick={() => void act(markAllRead)} data-testid="notifications-read-all">
          {t('notif.markAllRead')}
        </button>
      </PageHeader>
      <div className="list-head">
        <p className="muted small" aria-live="polite">
          {t('notif.unread', { n: number(unread) })}
          {list.loading ? ` · ${t('common.loading')}` : ''}
        </p>
        <Checkbox label={t('notif.unreadOnly')} checked={unreadOnly} onChange={(v) => go({ unreadOnly: v, page: 1 })} id="notif-unread-only" />
      </div>
      <ErrorAlert error={error ?? list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{unreadOnly ? t('notif.noneUnread') : t('notif.none')}</Empty>
      ) : (
        <>
          <ol className="notification-list" aria-label={t('notif.caption')} data-testid="notification-list">
            {rows.map((n) => {
              const to = appPath(n.link);
              return (
                <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'} data-testid="notification-row">
                  <div className="notification-main">
                    <p className="notification-title">
                      {!n.readAt && <Badge tone="neutral">{t('notif.new')}</Badge>}
                      {to ? (
                        <a
                          href={href(to)}
                          onClick={(e) => {
                            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                            e.preventDefault();
                            open(n);
                          }}
                        >
                          {n.title}
                        </a>
                      ) : (
                        <strong>{n.title}</strong>
                      )}
                    </p>
                    <p className="notification-body small prewrap">{n.body}</p>
                    <p className="small muted">
                      <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
                    </p>
                  </div>
                  {!n.readAt && (
                    <button type="button" className="btn btn-small" onClick={() => void act(() => markRead(n.id))} aria-label={t('notif.markReadName', { title: n.title })}>
                      {t('notif.markRead')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} summaryKey="notif.range" onPage={(p) => go({ page: p })} />
        </>
      )}
    </section>
  );
}
