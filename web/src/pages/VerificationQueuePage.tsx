/**
 * /verifikasi (verifier, admin): submissions waiting in the caller's scope, the longest waiting first, with
 * their age in days (over 14 days marked) and the checklist a verifier goes through, each item as icon + text.
 */
import { api } from '../api.js';
import { Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { AgreementListItem } from '../registry.js';
import { Link } from '../router.js';
import { CHECKLIST_KEYS, LATE_AFTER_DAYS } from '../workflow.js';
import type { QueueChecklist } from '../workflow.js';

interface QueueItem {
  agreement: AgreementListItem;
  submittedAt: string | null;
  ageDays: number;
  checklist: QueueChecklist;
}

export function VerificationQueuePage() {
  const { t, dateTime, number } = useI18n();
  const queue = useResource((signal) => api.get<{ items: QueueItem[] }>('/workflow/queue', undefined, signal).then((r) => r.items), []);
  // The server sends the oldest first; keep that order even if it ever changes.
  const items = [...(queue.data ?? [])].sort((a, b) => b.ageDays - a.ageDays || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));

  return (
    <section>
      <PageHeader title={t('queue.title')} />
      <p className="muted">{t('queue.intro', { n: LATE_AFTER_DAYS })}</p>
      <ErrorAlert error={queue.error} />
      {queue.loading && !queue.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t('queue.empty')}</Empty>
      ) : (
        <>
          <p className="muted small" data-testid="queue-count">
            {t('queue.count', { n: number(items.length) })}
          </p>
          <div className="table-wrap">
            <table className="table cards-on-phone queue-table" data-testid="queue-table">
              <caption className="sr-only">{t('queue.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.agreement')}</th>
                  <th scope="col">{t('agreement.unit')}</th>
                  <th scope="col">{t('queue.waiting')}</th>
                  <th scope="col">{t('queue.checklist')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const a = item.agreement;
                  const late = item.ageDays > LATE_AFTER_DAYS;
                  return (
                    <tr key={a.id} className={late ? 'queue-late' : undefined} data-testid="queue-row" data-agreement-id={a.id}>
                      <td data-label={t('queue.agreement')} className="cell-title">
                        <Link to={`/kerja-sama/${a.id}`} className="row-link">
                          {a.title}
                        </Link>
                        <span className="block small muted">
                          {a.kindName}
                          {a.numberFirst ? ` · ${a.numberFirst}` : ''}
                          {a.partnerNames ? ` · ${a.partnerNames}` : ''}
                        </span>
                        <StatusBadge status={a.status} />
                      </td>
                      <td data-label={t('agreement.unit')}>{a.unit.name}</td>
                      <td data-label={t('queue.waiting')} className="cell-age">
                        <span className={`age${late ? ' age-late' : ''}`} data-testid="queue-age">
                          {t('queue.days', { n: number(item.ageDays) })}
                        </span>
                        {late && <span className="badge badge-warn">{t('queue.late')}</span>}
                        {item.submittedAt && <span className="block small muted">{t('queue.submittedAt', { date: dateTime(item.submittedAt) })}</span>}
                      </td>
                      <td data-label={t('queue.checklist')}>
                        <ul className="checklist">
                          {CHECKLIST_KEYS.map((k) => {
                            const ok = item.checklist[k];
                            // A public copy is needed only for publishing, not for verifying: its absence is shown, not flagged.
                            const cls = ok ? 'check check-ok' : k === 'publicCopy' ? 'check check-later' : 'check check-missing';
                            return (
                              <li key={k} className={cls} data-check={k} data-ok={ok ? 'true' : 'false'}>
                                <span className="check-icon" aria-hidden="true" />
                                <span>{t(`check.${k}.${ok ? 'ok' : 'no'}`)}</span>
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                      <td className="actions">
                        <Link to={`/kerja-sama/${a.id}`} className="btn btn-small" aria-label={t('queue.openName', { title: a.title })}>
                          {t('queue.open')}
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
