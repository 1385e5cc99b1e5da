/** Riwayat: who changed what and when, from the audit trail (GET /agreements/{id}/history). */
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { dictionaries, useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import type { HistoryEvent } from '../../registry.js';
import { ChangesTable } from '../ChangesTable.js';
import { Empty, ErrorAlert, Loading } from '../Feedback.js';

export function HistorySection({ agreementId, version }: { agreementId: string; version: string }) {
  const { t, dateTime } = useI18n();
  const history = useResource(
    (signal) => api.get<{ events: HistoryEvent[] }>(`/agreements/${encodeURIComponent(agreementId)}/history`, undefined, signal).then((r) => r.events),
    [agreementId, version],
  );
  const actionLabel = (action: string) => {
    const key = `history.${action}`;
    return key in dictionaries.id ? t(key as MessageKey) : action;
  };
  const events = [...(history.data ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));

  return (
    <section className="card" aria-labelledby="detail-history" data-testid="history">
      <h2 id="detail-history">{t('history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data ? (
        <Loading />
      ) : events.length === 0 ? (
        <Empty />
      ) : (
        <ol className="history-list">
          {events.map((ev) => (
            <li key={ev.id}>
              <details>
                <summary>
                  <strong>{actionLabel(ev.action)}</strong> · {ev.actorLabel} · <time dateTime={ev.occurredAt}>{dateTime(ev.occurredAt)}</time>
                </summary>
                <ChangesTable changes={ev.changes} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
