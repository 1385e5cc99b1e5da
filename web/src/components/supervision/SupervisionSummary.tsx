/** The monitoring page's supervision figures for the chosen unit's subtree this year (GET /monitoring/supervision). */
import { useState } from 'react';
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { RECOMMENDATIONS } from '../../supervision/types.js';
import type { SupervisionFigures } from '../../supervision/types.js';
import { ErrorAlert, Loading } from '../Feedback.js';
import { Field } from '../Field.js';
import { Stat } from '../Stat.js';


/** P2MA has run since 2021: the years its supervision figures can cover. */
const FIRST_YEAR = 2021;

export function SupervisionSummary({ unitId }: { unitId: string }) {
  const { t, number } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const figures = useResource((signal) => api.get<SupervisionFigures>('/monitoring/supervision', { unitId, year }, signal), [unitId, year]);
  const f = figures.data;
  const years = Array.from({ length: Math.max(1, thisYear - FIRST_YEAR + 1) }, (_, i) => thisYear - i);
  return (
    <section className="sv-summary" aria-labelledby="sv-summary" data-testid="supervision-summary">
      <div className="section-head">
        <h2 id="sv-summary" className="section-title">
          {t('sv.summary.title', { year })}
        </h2>
        <Field label={t('sv.summary.year')}>
          {(p) => (
            <select {...p} value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorAlert error={figures.error} />
      {!f ? (
        !figures.error && <Loading />
      ) : (
        <>
          <ul className="stats stats-small">
            <Stat label={t('sv.summary.unitsSupervised')} value={number(f.unitsSupervised)} to="/supervisi" testId="sv-units-supervised" />
            <Stat label={t('sv.summary.assessed')} value={number(f.agreementsAssessed)} />
            <Stat label={t('sv.summary.beneficial')} value={number(f.beneficial)} tone="stat-ok" testId="sv-beneficial" />
            <Stat label={t('sv.summary.notBeneficial')} value={number(f.notBeneficial)} tone="stat-danger" testId="sv-not-beneficial" />
            <Stat label={t('sv.summary.followupsOpen')} value={number(f.followups.open + f.followups.inProgress)} tone="stat-warn" to="/tindak-lanjut" testId="sv-followups-open" />
            <Stat label={t('sv.summary.followupsDone')} value={number(f.followups.done)} tone="stat-ok" to="/tindak-lanjut?status=done" />
            <Stat label={t('sv.summary.followupsOverdue')} value={number(f.followups.overdue)} tone="stat-danger" to="/tindak-lanjut?overdue=1" />
          </ul>
          <p className="muted small">
            {t('sv.summary.recommendations')}: {RECOMMENDATIONS.map((r) => `${t(`sv.rec.${r}` as MessageKey)} ${number(f.recommendations[r])}`).join(' · ')}
          </p>
          <p className="muted small">
            {t('sv.summary.plans', { planned: number(f.plans.direncanakan), running: number(f.plans.berjalan), reported: number(f.plans.dilaporkan), closed: number(f.plans.ditutup) })}
          </p>
        </>
      )}
    </section>
  );
}
