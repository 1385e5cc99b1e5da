/** Personal API tokens: list, create (the token is shown once), revoke. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { ApiTokenInfo } from '../../types.js';
import { Field } from '../Field.js';
import { Badge, Empty, ErrorAlert, Loading, Notice } from '../Feedback.js';
import { Secret } from '../Secret.js';

export function TokensSection() {
  const { t, dateTime } = useI18n();
  const tokens = useResource((signal) => api.get<{ tokens: ApiTokenInfo[] }>('/me/tokens', undefined, signal).then((r) => r.tokens), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const nameError = error instanceof ApiError ? error.fieldMessage('name') : undefined;

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const res = await api.post<{ token: string; id: string; name: string; prefix: string }>('/me/tokens', { name: name.trim() });
      setCreated({ token: res.token, name: res.name });
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/me/tokens/${encodeURIComponent(id)}`);
      setConfirmId(null);
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <p className="muted">{t('tokens.intro')}</p>
      <ErrorAlert error={error ?? tokens.error} shownFields={['name']} />
      {created && (
        <Notice onDismiss={() => setCreated(null)}>
          <p>{t('tokens.createdOnce', { name: created.name })}</p>
          <Secret label={t('tokens.token')} value={created.token} />
        </Notice>
      )}
      <form onSubmit={(e) => void create(e)} noValidate className="form form-inline">
        <Field label={t('tokens.name')} hint={t('tokens.nameHint')} error={nameError}>
          {(p) => <input {...p} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('tokens.create')}
          </button>
        </div>
      </form>

      {tokens.loading && !tokens.data ? (
        <Loading />
      ) : tokens.data && tokens.data.length === 0 ? (
        <Empty>{t('tokens.none')}</Empty>
      ) : tokens.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('tokens.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.createdAt')}</th>
                <th scope="col">{t('tokens.lastUsedAt')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((tok) => (
                <tr key={tok.id}>
                  <td>{tok.name}</td>
                  <td>
                    <code>{tok.prefix}…</code>
                  </td>
                  <td>{dateTime(tok.createdAt)}</td>
                  <td>{tok.lastUsedAt ? dateTime(tok.lastUsedAt) : t('tokens.neverUsed')}</td>
                  <td>
                    {tok.revokedAt ? (
                      <Badge tone="muted">{t('tokens.revokedOn', { date: dateTime(tok.revokedAt) })}</Badge>
                    ) : (
                      <Badge tone="ok">{t('tokens.active')}</Badge>
                    )}
                  </td>
                  <td className="actions">
                    {!tok.revokedAt &&
                      (confirmId === tok.id ? (
                        <span className="confirm">
                          <span>{t('tokens.revokeConfirm')}</span>
                          <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(tok.id)} disabled={busy}>
                            {t('tokens.revokeYes')}
                          </button>
                          <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirmId(null)}>
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="btn btn-small" onClick={() => setConfirmId(tok.id)}>
                          {t('tokens.revoke')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
