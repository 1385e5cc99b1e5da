/** Per event, how the user is told: e-mail right away, the daily digest, or not at all (a radio group per row). */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { dictionaries, useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { useUser } from '../../session.js';
import { CHANNELS } from '../../workflow.js';
import type { Channel, Preference } from '../../workflow.js';
import { ErrorAlert, Loading, Notice } from '../Feedback.js';

export function NotificationPreferences() {
  const { t } = useI18n();
  const user = useUser();
  const loaded = useResource((signal) => api.get<{ preferences: Preference[] }>('/me/notification-preferences', undefined, signal).then((r) => r.preferences), []);
  const [prefs, setPrefs] = useState<Preference[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (loaded.data) setPrefs(loaded.data);
  }, [loaded.data]);

  // The server labels events in Indonesian; the English screen uses its own words when it knows the event.
  const eventLabel = (p: Preference) => {
    const key = `prefs.event.${p.event}`;
    return key in dictionaries.id ? t(key as MessageKey) : p.label;
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!prefs) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const res = await api.put<{ preferences: Preference[] }>('/me/notification-preferences', { preferences: prefs.map(({ event, channel }) => ({ event, channel })) });
      setPrefs(res.preferences);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const choose = (event: string, channel: Channel) => {
    setSaved(false);
    setPrefs((ps) => (ps ?? []).map((p) => (p.event === event ? { ...p, channel } : p)));
  };

  return (
    <form onSubmit={save} noValidate data-testid="notification-preferences">
      <p className="muted">{t('prefs.intro')}</p>
      {!user.email && <p className="alert alert-warn">{t('prefs.noEmail')}</p>}
      {saved && <Notice onDismiss={() => setSaved(false)}>{t('prefs.saved')}</Notice>}
      <ErrorAlert error={error ?? loaded.error} />
      {!prefs ? (
        loaded.loading && <Loading />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table-compact cards-on-phone prefs-table">
              <caption className="sr-only">{t('prefs.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('prefs.event')}</th>
                  {CHANNELS.map((c) => (
                    <th key={c} scope="col" className="cell-choice">
                      {t(`prefs.channel.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {prefs.map((p) => (
                  <tr key={p.event} data-event={p.event}>
                    <th scope="row">{eventLabel(p)}</th>
                    {CHANNELS.map((c) => (
                      <td key={c} className="cell-choice" data-label={t(`prefs.channel.${c}`)}>
                        <input
                          type="radio"
                          name={`pref-${p.event}`}
                          value={c}
                          checked={p.channel === c}
                          onChange={() => choose(p.event, c)}
                          aria-label={t('prefs.choice', { event: eventLabel(p), channel: t(`prefs.channel.${c}`) })}
                          data-testid={`pref-${p.event}-${c}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('prefs.save')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
