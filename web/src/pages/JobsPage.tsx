/**
 * /pekerjaan (administrators, verifiers): the background job queue — state, attempts, progress, last error —
 * filtered by state (kept in the URL) and refreshed every few seconds while the page is open.
 */
import { useEffect } from 'react';
import { api } from '../api.js';
import { Badge, Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { Checkbox, Field } from '../components/Field.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { dictionaries, useI18n } from '../i18n.js';
import type { MessageKey } from '../i18n.js';
import { useResource, useTitle } from '../hooks.js';
import { JOB_STATES, usePolling, type Job, type JobState } from '../intelligence.js';
import { navigate, useLocation } from '../router.js';

const PAGE_SIZE = 25;
const REFRESH_MS = 3000;
const TONE: Record<JobState, 'neutral' | 'muted' | 'warn' | 'ok'> = { queued: 'muted', running: 'neutral', done: 'ok', failed: 'warn' };

function link(state: string, page: number, paused: boolean): string {
  const p = new URLSearchParams();
  if (state) p.set('state', state);
  if (page > 1) p.set('page', String(page));
  if (paused) p.set('jeda', '1');
  const s = p.toString();
  return `/pekerjaan${s ? `?${s}` : ''}`;
}

export function JobsPage() {
  const { t, number, dateTime } = useI18n();
  useTitle(t('jobs.title'));
  const { query } = useLocation();
  const stateParam = query.get('state') ?? '';
  const state = (JOB_STATES as readonly string[]).includes(stateParam) ? stateParam : '';
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const paused = query.get('jeda') === '1';
  const jobs = useResource(
    (signal) => api.get<{ jobs: Job[]; total: number }>('/jobs', { state, page, pageSize: PAGE_SIZE }, signal).then((r) => ({ ...r, at: new Date().toISOString() })),
    [state, page],
  );
  usePolling(!paused, jobs.reload, REFRESH_MS);
  useEffect(() => window.scrollTo({ top: 0 }), [page]);
  const kindLabel = (kind: string) => {
    const key = `jobs.kind.${kind}`;
    return key in dictionaries.id ? t(key as MessageKey) : kind;
  };
  const rows = jobs.data?.jobs ?? [];

  return (
    <section className="jobs-page">
      <PageHeader title={t('jobs.title')} />
      <p className="muted small">{t('jobs.intro')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('jobs.state')}>
        <Field label={t('jobs.state')}>
          {(p) => (
            <select {...p} value={state} onChange={(e) => navigate(link(e.target.value, 1, paused))} data-testid="jobs-state">
              <option value="">{t('jobs.allStates')}</option>
              {JOB_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`jobs.state.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="filters-actions">
          <Checkbox label={t('jobs.autoRefresh')} checked={!paused} onChange={(on) => navigate(link(state, page, !on), { replace: true })} />
        </div>
      </form>
      <ErrorAlert error={jobs.error} />
      {jobs.loading && !jobs.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{t('jobs.empty')}</Empty>
      ) : (
        <>
          <p className="muted small" aria-live="off">
            {t('jobs.refreshedAt', { time: dateTime(jobs.data?.at) })}
          </p>
          <div className="table-wrap">
            <table className="table jobs-table" data-testid="jobs-table">
              <caption className="sr-only">{t('jobs.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('jobs.kind')}</th>
                  <th scope="col">{t('jobs.state')}</th>
                  <th scope="col">{t('jobs.attempts')}</th>
                  <th scope="col">{t('jobs.progress')}</th>
                  <th scope="col">{t('jobs.error')}</th>
                  <th scope="col">{t('jobs.created')}</th>
                  <th scope="col">{t('jobs.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((j) => (
                  <tr key={j.id} data-testid="job-row" data-state={j.state}>
                    <td data-label={t('jobs.kind')}>{kindLabel(j.kind)}</td>
                    <td data-label={t('jobs.state')}>
                      <Badge tone={TONE[j.state]}>{t(`jobs.state.${j.state}`)}</Badge>
                      {j.state === 'queued' && new Date(j.runAt) > new Date() && <span className="block small muted">{t('jobs.runAt', { date: dateTime(j.runAt) })}</span>}
                    </td>
                    <td data-label={t('jobs.attempts')}>{t('jobs.attemptsValue', { n: number(j.attempts), max: number(j.maxAttempts) })}</td>
                    <td data-label={t('jobs.progress')}>
                      {j.progress.total ? (
                        <>
                          {t('jobs.progressValue', { done: number(j.progress.done), total: number(j.progress.total) })} <progress max={j.progress.total} value={j.progress.done} aria-hidden="true" />
                        </>
                      ) : j.progress.done ? (
                        number(j.progress.done)
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label={t('jobs.error')} className="wrap small">
                      {j.lastError ?? '—'}
                    </td>
                    <td data-label={t('jobs.created')}>{dateTime(j.createdAt)}</td>
                    <td data-label={t('jobs.updated')}>{dateTime(j.finishedAt ?? j.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={jobs.data?.total ?? 0} summaryKey="jobs.range" onPage={(p) => navigate(link(state, p, paused))} />
        </>
      )}
    </section>
  );
}
