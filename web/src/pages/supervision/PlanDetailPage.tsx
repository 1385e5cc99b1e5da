/**
 * /supervisi/{id}: the plan — basis and assignment letter, period, region, team, status with its next step, the
 * visits with their interview forms, recommendations, follow-ups, and the report as DOCX and PDF.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api.js';
import { ErrorAlert, Loading, Notice } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PlanStatusBadge } from '../../components/supervision/Badges.js';
import { FollowupsSection, RecommendationsSection } from '../../components/supervision/PlanSections.js';
import { useFlash } from '../../flash.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { Link } from '../../router.js';
import { apiHref, sendFile } from '../../supervision/files.js';
import { NEXT_STATUS } from '../../supervision/types.js';
import { prefetchWorksheets } from '../../supervision/worksheet-cache.js';
import type { PlanDetail, PlanStatus } from '../../supervision/types.js';

export function PlanDetailPage({ params }: { params: Record<string, string> }) {
  return <PlanDetailView key={params.id} id={params.id ?? ''} />;
}

function PlanDetailView({ id }: { id: string }) {
  const { t, date, number, bytes } = useI18n();
  const [flash, setFlash] = useFlash();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const enc = encodeURIComponent(id);
  const loaded = useResource((signal) => api.get<{ supervision: PlanDetail }>(`/supervisions/${enc}`, undefined, signal).then((r) => r.supervision), [id]);
  const p = loaded.data;
  // The team may lose the connection on the way: keep every visit's form on the device now.
  useEffect(() => {
    if (p) void prefetchWorksheets(p);
  }, [p]);

  if (!p) {
    return (
      <section>
        <PageHeader title={t('sv.list.title')} />
        {loaded.error ? <ErrorAlert error={loaded.error} /> : <Loading />}
        <p>
          <Link to="/supervisi">{t('sv.plan.back')}</Link>
        </p>
      </section>
    );
  }

  async function act(fn: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setFlash(message);
      loaded.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const toStatus = (s: PlanStatus) =>
    act(() => api.post(`/supervisions/${enc}/status`, { status: s }), t('sv.statusChanged', { status: t(`sv.status.${s}` as MessageKey) }));
  const stepLabel = (s: PlanStatus) => (p.status === 'dilaporkan' && s === 'berjalan' ? t('sv.toStatus.reopen') : t(`sv.toStatus.${s}` as MessageKey));
  const canRecord = p.permissions.record && (p.status === 'direncanakan' || p.status === 'berjalan');

  return (
    <article data-testid="plan-detail">
      <p className="breadcrumb">
        <Link to="/supervisi">{t('sv.plan.back')}</Link>
      </p>
      <PageHeader title={p.title}>
        {p.permissions.manage && p.status !== 'ditutup' && (
          <Link to={`/supervisi/${p.id}/ubah`} className="btn" data-testid="edit-plan">
            {t('common.edit')}
          </Link>
        )}
      </PageHeader>
      <div className="detail-summary">
        <PlanStatusBadge status={p.status} />
        <span>{t('common.period', { from: date(p.periodStart), to: date(p.periodEnd) })}</span>
        <span>{p.region}</span>
      </div>
      <ErrorAlert error={error} />
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}
      {p.permissions.manage && NEXT_STATUS[p.status].length > 0 && (
        <div className="button-row" data-testid="status-actions">
          {NEXT_STATUS[p.status].map((s) => (
            <button key={s} type="button" className={s === 'berjalan' && p.status === 'dilaporkan' ? 'btn' : 'btn btn-primary'} disabled={busy} onClick={() => void toStatus(s)} data-testid={`to-${s}`}>
              {stepLabel(s)}
            </button>
          ))}
        </div>
      )}

      <section className="card" aria-labelledby="sv-basis">
        <h2 id="sv-basis">{t('sv.plan.basis')}</h2>
        <p className="prewrap">{p.basis}</p>
        {p.purpose && (
          <>
            <h3>{t('sv.plan.purpose')}</h3>
            <p className="prewrap">{p.purpose}</p>
          </>
        )}
        {p.scopeText && (
          <>
            <h3>{t('sv.plan.scope')}</h3>
            <p className="prewrap">{p.scopeText}</p>
          </>
        )}
        <h3>{t('sv.plan.letter')}</h3>
        {p.assignmentLetter ? (
          <p>
            <a href={p.assignmentLetter.url} data-testid="letter-link">
              {p.assignmentLetter.filename}
            </a>{' '}
            <span className="muted small">({bytes(p.assignmentLetter.size)})</span>
          </p>
        ) : (
          <p className="muted">{t('sv.plan.letterNone')}</p>
        )}
        {p.permissions.manage && (
          <div className="field">
            <label htmlFor="sv-letter">{t(p.assignmentLetter ? 'sv.plan.letterReplace' : 'sv.plan.letterUpload')}</label>
            <input
              id="sv-letter"
              type="file"
              accept=".pdf,.docx,.jpg,.jpeg,.png"
              disabled={busy}
              data-testid="letter-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void act(() => sendFile('PUT', `/supervisions/${enc}/assignment-letter`, file), t('sv.plan.letterUploaded'));
              }}
            />
            <p className="field-hint">{t('sv.plan.letterHint')}</p>
          </div>
        )}
        <p className="muted small">{t('sv.visit.template', { name: p.template.name, version: p.template.version })}</p>
      </section>

      <section className="card" aria-labelledby="sv-team">
        <h2 id="sv-team">{t('sv.plan.team')}</h2>
        <ul data-testid="team">
          {[...p.team]
            .sort((a, b) => (a.role === b.role ? 0 : a.role === 'ketua' ? -1 : 1))
            .map((m) => (
              <li key={m.userId}>
                <strong>{m.name}</strong> — {t(`sv.role.${m.role}` as MessageKey)}
                {m.position ? ` · ${m.position}` : ''} <span className="muted small">· {m.unitName}</span>
              </li>
            ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="sv-visits">
        <h2 id="sv-visits">{t('sv.plan.visits')}</h2>
        {/* Cards, not a table: on a phone in the field the form's button must be in reach without scrolling sideways. */}
        <ul className="visit-list" aria-label={t('sv.plan.visitsCaption')}>
          {[...p.visits]
            .sort((a, b) => a.visitDate.localeCompare(b.visitDate) || a.unit.name.localeCompare(b.unit.name))
            .map((v) => (
              <li key={v.id} className="visit-item" data-testid="visit-row" data-unit={v.unit.code}>
                <h3>{v.unit.name}</h3>
                <p className="muted small">{t('sv.plan.visitDate')}: {date(v.visitDate)}</p>
                <dl className="visit-counts">
                  <div>
                    <dt>{t('sv.plan.agreementsInForce')}</dt>
                    <dd>{number(v.agreementsInForce)}</dd>
                  </div>
                  <div>
                    <dt>{t('sv.plan.answered')}</dt>
                    <dd>{number(v.answered)}</dd>
                  </div>
                  <div>
                    <dt>{t('sv.plan.assessed')}</dt>
                    <dd>{number(v.assessed)}</dd>
                  </div>
                  <div>
                    <dt>{t('sv.plan.unregistered')}</dt>
                    <dd>{number(v.unregistered)}</dd>
                  </div>
                </dl>
                <Link
                  to={`/supervisi/${p.id}/kunjungan/${v.id}`}
                  className={canRecord ? 'btn btn-primary' : 'btn'}
                  aria-label={t('sv.plan.openFormFor', { unit: v.unit.name })}
                  data-testid="open-visit"
                >
                  {canRecord ? t('sv.plan.openForm') : t('sv.plan.viewForm')}
                </Link>
              </li>
            ))}
        </ul>
      </section>

      <RecommendationsSection plan={p} onChanged={(m) => { setFlash(m); loaded.reload(); }} />
      <FollowupsSection plan={p} onChanged={(m) => { setFlash(m); loaded.reload(); }} />

      <section className="card" aria-labelledby="sv-report">
        <h2 id="sv-report">{t('sv.plan.report')}</h2>
        <div className="report-buttons">
          <a className="btn" href={apiHref(`/supervisions/${enc}/report.docx`)} download data-testid="report-docx">
            {t('sv.plan.reportDocx')}
          </a>
          <a className="btn" href={apiHref(`/supervisions/${enc}/report.pdf`)} download data-testid="report-pdf">
            {t('sv.plan.reportPdf')}
          </a>
        </div>
      </section>
    </article>
  );
}
