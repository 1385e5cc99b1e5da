/**
 * A private iCal address for the end dates of the user's own unit's agreements: created on request and shown
 * once (with a copy button), or revoked. Addresses belong to the unit: revoking cancels every address of the
 * unit, including those made by colleagues; creating one leaves the others working.
 */
import { useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { useUser } from '../../session.js';
import { ErrorAlert, Notice } from '../Feedback.js';
import { Secret } from '../Secret.js';

export function CalendarSection() {
  const { t } = useI18n();
  const user = useUser();
  const unit = user.unit;
  const [url, setUrl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const path = `/units/${encodeURIComponent(unit.id)}/ical-token`;

  async function create() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const res = await api.post<{ url: string }>(path, {});
      setUrl(res.url);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api.del(path);
      setUrl(null);
      setConfirming(false);
      setNotice(t('ical.revoked'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="calendar-section">
      <p className="muted">{t('ical.intro', { unit: unit.name })}</p>
      <p className="small">{t('ical.warning')}</p>
      <ErrorAlert error={error} />
      {notice && <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>}
      {url && (
        <div className="subcard">
          <p className="small">{t('ical.createdOnce')}</p>
          <Secret label={t('ical.url')} value={url} />
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void create()} data-testid="ical-create">
          {url ? t('ical.recreate') : t('ical.create')}
        </button>
        {confirming ? (
          <span className="confirm">
            <span>{t('ical.revokeConfirm')}</span>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void revoke()} data-testid="ical-revoke-yes">
              {t('ical.revokeYes')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn-danger-outline" disabled={busy} onClick={() => setConfirming(true)} data-testid="ical-revoke">
            {t('ical.revoke')}
          </button>
        )}
      </div>
      <p className="muted small">{t('ical.recreateNote')}</p>
    </div>
  );
}
