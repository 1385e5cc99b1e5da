/**
 * /supervisi: the supervision plans the caller may see (the Biro all, a Kanwil the plans visiting its UPTs, a UPT
 * the plans visiting it, the team its own), filtered by status and year (kept in the URL).
 */
import { api } from '../../api.js';
import { PlanStatusBadge } from '../../components/supervision/Badges.js';
import { Empty, ErrorAlert, Loading } from '../../components/Feedback.js';
import { Field } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useUser } from '../../session.js';
import { PLAN_STATUSES } from '../../supervision/types.js';
import type { PlanSummary } from '../../supervision/types.js';

export const PLAN_MANAGERS = ['admin', 'pokja', 'verifikator'] as const;

export function PlansPage() {
  const { t, date, number } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const year = query.get('year') ?? '';
  const plans = useResource((signal) => api.get<{ supervisions: PlanSummary[] }>('/supervisions', { status, year }, signal).then((r) => r.supervisions), [status, year]);
  const thisYear = new Date().getFullYear();
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  const setFilter = (name: string, value: string) => {
    const q = new URLSearchParams(query);
    if (value) q.set(name, value);
    else q.delete(name);
    const s = q.toString();
    navigate(s ? `/supervisi?${s}` : '/supervisi', { replace: true });
  };

  return (
    <section>
      <PageHeader title={t('sv.list.title')}>
        {(PLAN_MANAGERS as readonly string[]).includes(user.role) && (
          <Link to="/supervisi/baru" className="btn btn-primary" data-testid="new-plan">
            {t('sv.list.new')}
          </Link>
        )}
      </PageHeader>
      <p className="muted">{t('sv.list.intro')}</p>
      <form className="filters" role="search" aria-label={t('sv.list.title')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('common.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">{t('sv.list.allStatuses')}</option>
              {PLAN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`sv.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('sv.list.year')}>
          {(p) => (
            <select {...p} value={year} onChange={(e) => setFilter('year', e.target.value)}>
              <option value="">{t('sv.list.allYears')}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorAlert error={plans.error} />
      {plans.loading && !plans.data ? (
        <Loading />
      ) : (plans.data ?? []).length === 0 ? (
        <Empty>{t('sv.list.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('sv.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sv.plan.title')}</th>
                <th scope="col">{t('sv.plan.period')}</th>
                <th scope="col">{t('sv.list.units')}</th>
                <th scope="col">{t('sv.list.chair')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('sv.list.followups')}</th>
              </tr>
            </thead>
            <tbody>
              {(plans.data ?? []).map((p) => (
                <tr key={p.id} data-testid="plan-row">
                  <td>
                    <Link to={`/supervisi/${p.id}`}>{p.title}</Link>
                    <div className="muted small">{p.region}</div>
                  </td>
                  <td>{t('common.period', { from: date(p.periodStart), to: date(p.periodEnd) })}</td>
                  <td>{p.units.map((u) => u.unitName).join(', ')}</td>
                  <td>{p.chair?.name ?? '–'}</td>
                  <td>
                    <PlanStatusBadge status={p.status} />
                  </td>
                  <td>
                    {t('sv.list.followupCounts', { open: number(p.followups.open + p.followups.inProgress), done: number(p.followups.done) })}
                    {p.followups.overdue > 0 && <div className="fu-overdue">{t('sv.list.overdueCount', { n: number(p.followups.overdue) })}</div>}
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
