/**
 * /tindak-lanjut and /tindak-lanjut/{id}: the follow-ups of supervision the caller may see. The unit and its Kanwil
 * answer them (status and a response) and attach evidence; the team adjusts title, due date and status.
 */
import { useState } from 'react';
import { api } from '../../api.js';
import { Empty, ErrorAlert, Loading, Notice } from '../../components/Feedback.js';
import { Checkbox, Field } from '../../components/Field.js';
import { DateInput } from '../../components/form/DateInput.js';
import { PageHeader } from '../../components/PageHeader.js';
import { FollowupStatusBadge } from '../../components/supervision/Badges.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { Link, navigate, useLocation } from '../../router.js';
import { sendFile } from '../../supervision/files.js';
import { FOLLOWUP_STATUSES } from '../../supervision/types.js';
import type { Followup, FollowupStatus } from '../../supervision/types.js';

export function FollowupsPage({ params }: { params: Record<string, string> }) {
  return params.id ? <FollowupDetail key={params.id} id={params.id} /> : <FollowupList />;
}

function FollowupList() {
  const { t, date } = useI18n();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const overdue = query.get('overdue') === '1';
  const list = useResource((signal) => api.get<{ followups: Followup[] }>('/followups', { status, overdue: overdue ? '1' : '' }, signal).then((r) => r.followups), [status, overdue]);
  const go = (next: { status?: string; overdue?: boolean }) => {
    const q = new URLSearchParams();
    const s = next.status ?? status;
    const o = next.overdue ?? overdue;
    if (s) q.set('status', s);
    if (o) q.set('overdue', '1');
    navigate(q.toString() ? `/tindak-lanjut?${q}` : '/tindak-lanjut', { replace: true });
  };

  return (
    <section>
      <PageHeader title={t('sv.followups.title')} />
      <p className="muted">{t('sv.followups.intro')}</p>
      <form className="filters" role="search" aria-label={t('sv.followups.title')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('common.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => go({ status: e.target.value })}>
              <option value="">{t('sv.followups.allStatuses')}</option>
              {FOLLOWUP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`sv.fu.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="filters-actions">
          <Checkbox label={t('sv.followups.onlyOverdue')} checked={overdue} onChange={(v) => go({ overdue: v })} />
        </div>
      </form>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (list.data ?? []).length === 0 ? (
        <Empty>{t('sv.followups.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('sv.followups.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sv.fus.what')}</th>
                <th scope="col">{t('sv.fus.unit')}</th>
                <th scope="col">{t('sv.followups.plan')}</th>
                <th scope="col">{t('sv.fus.due')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((f) => (
                <tr key={f.id} data-testid="followup-row">
                  <td>
                    <Link to={`/tindak-lanjut/${f.id}`}>{f.title}</Link>
                  </td>
                  <td>{f.unit.name}</td>
                  <td>
                    <Link to={`/supervisi/${f.planId}`}>{f.planTitle}</Link>
                  </td>
                  <td>{date(f.dueDate)}</td>
                  <td>
                    <FollowupStatusBadge status={f.status} overdue={f.overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FollowupDetail({ id }: { id: string }) {
  const { t, date, dateTime, bytes } = useI18n();
  const enc = encodeURIComponent(id);
  const loaded = useResource((signal) => api.get<{ followup: Followup }>(`/followups/${enc}`, undefined, signal).then((r) => r.followup), [id]);
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ status: 'in_progress' | 'done'; response: string }>({ status: 'done', response: '' });
  const [manage, setManage] = useState<{ dueDate: string; status: FollowupStatus } | null>(null);
  const f = loaded.data;

  if (!f) {
    return (
      <section>
        <PageHeader title={t('sv.followups.detail')} />
        {loaded.error ? <ErrorAlert error={loaded.error} /> : <Loading />}
        <p>
          <Link to="/tindak-lanjut">{t('sv.followups.back')}</Link>
        </p>
      </section>
    );
  }
  const m = manage ?? { dueDate: f.dueDate, status: f.status };

  async function act(fn: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setFlash(message);
      setManage(null);
      setAnswer({ status: 'done', response: '' });
      loaded.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article data-testid="followup-detail">
      <p className="breadcrumb">
        <Link to="/tindak-lanjut">{t('sv.followups.back')}</Link>
      </p>
      <PageHeader title={f.title} />
      <div className="detail-summary">
        <FollowupStatusBadge status={f.status} overdue={f.overdue} />
        <span>{f.unit.name}</span>
        <span>
          {t('sv.fus.due')}: {date(f.dueDate)}
        </span>
        <Link to={`/supervisi/${f.planId}`}>{f.planTitle}</Link>
      </div>
      {f.unregisteredId && (
        <p className="alert alert-warn">
          {t('sv.followups.unregistered')} <Link to="/kerja-sama/baru">{t('nav.register')}</Link>
        </p>
      )}
      {f.agreementId && (
        <p>
          <Link to={`/kerja-sama/${f.agreementId}`}>{t('sv.visit.openAgreement')}</Link>
        </p>
      )}
      <ErrorAlert error={error} />
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}

      <section className="card" aria-labelledby="fu-response">
        <h2 id="fu-response">{t('sv.followups.response')}</h2>
        {f.response ? (
          <>
            <p className="prewrap" data-testid="followup-response">
              {f.response}
            </p>
            {f.respondedBy && <p className="muted small">{t('sv.followups.respondedBy', { name: f.respondedBy.name, date: dateTime(f.respondedAt) })}</p>}
          </>
        ) : (
          <p className="muted">{t('sv.followups.noResponse')}</p>
        )}
        {f.permissions.answer && (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => api.post(`/followups/${enc}/response`, answer), t('sv.followups.answered'));
            }}
          >
            <Field label={t('sv.followups.response')}>
              {(p) => <textarea {...p} rows={4} value={answer.response} onChange={(e) => setAnswer({ ...answer, response: e.target.value })} required data-testid="response-text" />}
            </Field>
            <Field label={t('sv.followups.answerStatus')}>
              {(p) => (
                <select {...p} value={answer.status} onChange={(e) => setAnswer({ ...answer, status: e.target.value as 'in_progress' | 'done' })} data-testid="response-status">
                  <option value="in_progress">{t('sv.fu.in_progress')}</option>
                  <option value="done">{t('sv.fu.done')}</option>
                </select>
              )}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="response-submit">
              {t('sv.followups.answer')}
            </button>
          </form>
        )}
      </section>

      <section className="card" aria-labelledby="fu-evidence">
        <h2 id="fu-evidence">{t('sv.followups.evidence')}</h2>
        {f.evidence.length === 0 ? (
          <p className="muted">{t('sv.followups.noEvidence')}</p>
        ) : (
          <ul data-testid="evidence-list">
            {f.evidence.map((ev) => (
              <li key={ev.id}>
                <a href={ev.url}>{ev.filename}</a> <span className="muted small">({bytes(ev.size)} · {ev.uploadedBy?.name ?? ''} · {dateTime(ev.uploadedAt)})</span>
              </li>
            ))}
          </ul>
        )}
        {(f.permissions.answer || f.permissions.manage) && (
          <div className="field">
            <label htmlFor="fu-evidence-file">{t('sv.followups.uploadEvidence')}</label>
            <input
              id="fu-evidence-file"
              type="file"
              disabled={busy}
              data-testid="evidence-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void act(() => sendFile('POST', `/followups/${enc}/evidence`, file), t('sv.followups.evidenceUploaded'));
              }}
            />
          </div>
        )}
      </section>

      {f.permissions.manage && (
        <section className="card" aria-labelledby="fu-manage">
          <h2 id="fu-manage">{t('sv.followups.manage')}</h2>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => api.patch(`/followups/${enc}`, m), t('sv.followups.saved'));
            }}
          >
            <Field label={t('sv.fus.due')}>{(p) => <DateInput control={p} value={m.dueDate} onChange={(v) => setManage({ ...m, dueDate: v })} required />}</Field>
            <Field label={t('common.status')}>
              {(p) => (
                <select {...p} value={m.status} onChange={(e) => setManage({ ...m, status: e.target.value as FollowupStatus })}>
                  {FOLLOWUP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`sv.fu.${s}` as MessageKey)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className="btn" disabled={busy}>
              {t('common.save')}
            </button>
          </form>
        </section>
      )}
    </article>
  );
}
