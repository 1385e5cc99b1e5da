/** Pemantauan: the monitoring overview for a unit within the caller's scope (the unit is kept in the URL). */
import { Field } from '../components/Field.js';
import { UnitSelect } from '../components/form/UnitSelect.js';
import { MonitoringView } from '../components/MonitoringView.js';
import { SupervisionSummary } from '../components/supervision/SupervisionSummary.js';
import { PageHeader } from '../components/PageHeader.js';
import { useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { navigate, useLocation } from '../router.js';
import { useUser } from '../session.js';

export function MonitoringPage() {
  const { t } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const units = useUnits();
  const unitId = query.get('unitId') || user.unit.id;

  return (
    <div>
      <PageHeader title={t('monitoring.title')} />
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('monitoring.unit')} hint={t('monitoring.unitHint')}>
          {(p) => (
            <UnitSelect
              control={p}
              units={units.data ?? []}
              value={unitId}
              emptyLabel={t('monitoring.ownScope')}
              onChange={(v) => navigate(v && v !== user.unit.id ? `/pemantauan?unitId=${encodeURIComponent(v)}` : '/pemantauan')}
              testId="monitoring-unit"
            />
          )}
        </Field>
      </form>
      <MonitoringView key={unitId} unitId={unitId} />
      <SupervisionSummary key={`sv-${unitId}`} unitId={unitId} />
    </div>
  );
}
