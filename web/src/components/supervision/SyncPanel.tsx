/**
 * The interview form's sync status (always visible at the top: "Luring", "Tersimpan di perangkat — 3 jawaban
 * menunggu dikirim", "Semua jawaban terkirim"), the conflicts with both values to choose from, and the changes the
 * server refused.
 */
import { useI18n } from '../../i18n.js';
import { describeKey, formatValue } from '../../supervision/describe.js';
import type { SyncEngine, SyncStatus } from '../../supervision/sync-engine.js';
import type { Worksheet } from '../../supervision/types.js';
import { errorText } from '../Feedback.js';

export function SyncIndicator({ status, engine }: { status: SyncStatus; engine: SyncEngine }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { state, pending } = status;
  let text: string;
  if (state === 'syncing') text = t('sv.sync.syncing', { n: pending });
  else if (pending > 0) text = t('sv.sync.pending', { n: pending });
  else if (state === 'offline') text = t('sv.sync.offlineDetail');
  else if (state === 'error') text = t('sv.sync.error', { message: errorText(status.lastError, i18n) });
  else if (status.conflicts.length > 0) text = t('sv.sync.needsChoice', { n: status.conflicts.length });
  else text = t('sv.sync.synced');
  const tone = state === 'synced' && status.conflicts.length > 0 ? 'pending' : state;
  const canRetry = pending > 0 && state !== 'syncing' && navigator.onLine;

  return (
    <div className={`sync-bar sync-${tone}`} data-testid="sync-status" data-state={state} data-pending={pending} data-conflicts={status.conflicts.length}>
      <p className="sync-text" role="status" aria-live="polite">
        {state === 'offline' && (
          <span className="sync-offline" data-testid="sync-offline">
            {t('sv.sync.offline')}
          </span>
        )}
        <span data-testid="sync-text">{text}</span>
        {status.nextRetryAt !== null && state !== 'syncing' && <span className="sync-retry"> {t('sv.sync.retryAt')}</span>}
      </p>
      {canRetry && (
        <button type="button" className="btn btn-small" onClick={() => void engine.flush()}>
          {t('sv.sync.retryNow')}
        </button>
      )}
    </div>
  );
}

export function ConflictList({ status, engine, worksheet }: { status: SyncStatus; engine: SyncEngine; worksheet: Worksheet }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  if (status.conflicts.length === 0 && status.rejected.length === 0) return null;
  return (
    <div className="sync-problems">
      {status.conflicts.length > 0 && (
        <section className="alert alert-warn conflicts" aria-labelledby="sv-conflicts" data-testid="conflicts">
          <h2 id="sv-conflicts">{t('sv.sync.conflicts')}</h2>
          <p>{t('sv.sync.conflictsIntro')}</p>
          <ul className="conflict-list">
            {status.conflicts.map((c) => {
              const name = c.theirsBy || t('sv.sync.someone');
              return (
                <li key={c.key} className="conflict" data-testid="conflict" data-key={c.key}>
                  <h3>{describeKey(c.key, worksheet, t)}</h3>
                  <dl className="conflict-values">
                    <div>
                      <dt>{t('sv.sync.mine')}</dt>
                      <dd data-testid="conflict-mine">{formatValue(c.key, c.mine, worksheet, i18n)}</dd>
                    </div>
                    <div>
                      <dt>{t('sv.sync.theirs', { name, date: dateTime(c.theirsAt) })}</dt>
                      <dd data-testid="conflict-theirs">{formatValue(c.key, c.theirs, worksheet, i18n)}</dd>
                    </div>
                  </dl>
                  <div className="button-row">
                    <button type="button" className="btn btn-primary" data-testid="keep-mine" onClick={() => engine.resolve(c.key, 'mine')}>
                      {t('sv.sync.keepMine')}
                    </button>
                    <button type="button" className="btn" data-testid="keep-theirs" onClick={() => engine.resolve(c.key, 'theirs')}>
                      {t('sv.sync.keepTheirs', { name })}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {status.rejected.length > 0 && (
        <section className="alert alert-error" aria-labelledby="sv-rejected" data-testid="rejected">
          <h2 id="sv-rejected">{t('sv.sync.rejected')}</h2>
          <ul className="conflict-list">
            {status.rejected.map((r) => (
              <li key={r.key} className="conflict">
                <p>
                  <strong>{describeKey(r.key, worksheet, t)}</strong>: {formatValue(r.key, r.value, worksheet, i18n)}
                </p>
                <p>{r.message}</p>
                <button type="button" className="btn btn-small" onClick={() => engine.dismissRejected(r.key)}>
                  {t('sv.sync.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
