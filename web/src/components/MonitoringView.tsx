/**
 * The monitoring overview of one unit's subtree: big numbers, "ending within 30/60/90 days", and bar charts
 * (by unit stacked by status, kind, partner category, signing year, PNBP and beneficiaries by year).
 * Every number and bar leads to the register filtered the same way, where such a filter exists.
 */
import { api } from '../api.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { registerLink } from '../registry.js';
import type { AgreementStatus, Filters, Overview } from '../registry.js';
import { BarChart, ColumnChart, StackedBarChart } from './charts/Charts.js';
import { ErrorAlert, Loading } from './Feedback.js';
import { Stat } from './Stat.js';

/** ViewBox width of the charts in the two-column grid (text stays readable at half the page). */
const HALF = 420;
const STACK: AgreementStatus[] = ['berlaku', 'akan_berakhir', 'berakhir', 'diperpanjang', 'diakhiri', 'draft'];


export function MonitoringView({ unitId }: { unitId: string }) {
  const { t, number, money, statusLabel, locale, date } = useI18n();
  const overview = useResource((signal) => api.get<Overview>('/monitoring/overview', { unitId }, signal), [unitId]);
  const o = overview.data;
  if (overview.error) return <ErrorAlert error={overview.error} />;
  if (!o) return <Loading />;

  const base: Filters = { unitId: o.unit.id };
  const link = (f: Filters) => registerLink({ ...base, ...f });
  const year = Number(o.today.slice(0, 4));
  const thisYear = o.benefitsByYear.find((b) => b.year === year);
  const compact = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { notation: 'compact', maximumFractionDigits: 1 });
  const years = [...o.benefitsByYear].sort((a, b) => a.year - b.year);

  return (
    <div className="monitoring" data-testid="monitoring" aria-busy={overview.loading}>
      <p className="muted small">{t('monitoring.asOf', { unit: o.unit.name, date: date(o.today) })}</p>
      <ul className="stats" aria-label={t('monitoring.figures')}>
        <Stat label={t('monitoring.total')} value={number(o.totals.total)} to={link({})} testId="stat-total" />
        <Stat label={statusLabel('berlaku')} value={number(o.totals.berlaku)} to={link({ status: 'berlaku' })} tone="stat-ok" testId="stat-berlaku" />
        <Stat label={statusLabel('akan_berakhir')} value={number(o.totals.akan_berakhir)} to={link({ status: 'akan_berakhir' })} tone="stat-warn" />
        <Stat label={statusLabel('berakhir')} value={number(o.totals.berakhir)} to={link({ status: 'berakhir' })} tone="stat-muted" />
        <Stat label={t('monitoring.withoutSigned')} value={number(o.withoutSignedDocument)} to={link({ noSignedDocument: '1' })} tone="stat-danger" />
        <Stat label={t('monitoring.pnbpThisYear', { year })} value={money(thisYear?.pnbpAmount ?? 0)} tone="stat-money" />
      </ul>

      <h2 className="section-title">{t('monitoring.ending')}</h2>
      <ul className="stats stats-small">
        {([30, 60, 90] as const).map((d) => (
          <Stat key={d} label={t('monitoring.endingWithin', { n: d })} value={number(o.endingWithin[`d${d}`])} to={link({ endsWithinDays: String(d) })} tone="stat-warn" testId={`ending-${d}`} />
        ))}
      </ul>

      {o.byUnit.some((u) => u.total === 0) && (
        <p className="muted small">{t('monitoring.hiddenUnits', { n: number(o.byUnit.filter((u) => u.total === 0).length) })}</p>
      )}
      <div className="chart-grid">
        <StackedBarChart
          title={t('monitoring.byUnit')}
          testId="chart-units"
          segments={STACK.map((s) => ({ key: s, label: statusLabel(s), className: `seg-${s}` }))}
          data={o.byUnit
            .filter((u) => u.total > 0)
            .map((u) => ({
              key: u.id,
              label: u.own ? t('monitoring.ownUnit', { name: u.name }) : u.name,
              values: Object.fromEntries(STACK.map((s) => [s, u[s]])),
              // The unit filter includes the units beneath; the unit's "own" row has no exact filter.
              to: u.own ? undefined : (seg: string | null) => registerLink({ unitId: u.id, ...(seg ? { status: seg } : {}) }),
            }))}
        />
        <BarChart title={t('monitoring.byKind')} testId="chart-kinds" width={HALF} data={o.byKind.map((k) => ({ key: k.code, label: k.name, value: k.count, to: link({ kind: k.code }) }))} />
        <BarChart
          title={t('monitoring.byCategory')}
          testId="chart-categories"
          width={HALF}
          data={o.byPartnerCategory.map((c) => ({ key: c.code, label: c.name, value: c.count, to: link({ partnerCategory: c.code }) }))}
        />
        <ColumnChart
          title={t('monitoring.byYear')}
          testId="chart-years"
          width={HALF}
          data={[...o.bySigningYear].sort((a, b) => a.year - b.year).map((y) => ({ key: String(y.year), label: String(y.year), value: y.count, to: link({ signingYear: String(y.year) }) }))}
        />
        <ColumnChart
          title={t('monitoring.pnbpByYear')}
          testId="chart-pnbp"
          width={HALF}
          format={money}
          short={(n) => compact.format(n)}
          data={years.map((y) => ({ key: String(y.year), label: String(y.year), value: y.pnbpAmount }))}
        />
        <ColumnChart
          title={t('monitoring.beneficiariesByYear')}
          testId="chart-beneficiaries"
          width={HALF}
          data={years.map((y) => ({ key: String(y.year), label: String(y.year), value: y.beneficiaries }))}
        />
      </div>
    </div>
  );
}
