/**
 * /kepatuhan: what units still owe (no signed copy, waiting too long for verification, ending without a
 * renewal decision, no report this year), grouped by kind and unit with counts. Each agreement links to its
 * detail page and each unit group to the register filtered to the same problem. Verifiers and admins choose the
 * unit (the URL keeps it); operators see their own unit.
 */
import { api } from '../api.js';
import { Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { Field } from '../components/Field.js';
import { UnitSelect } from '../components/form/UnitSelect.js';
import { PageHeader } from '../components/PageHeader.js';
import { useResource, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { registerLink } from '../registry.js';
import type { Filters } from '../registry.js';
import { Link, navigate, useLocation } from '../router.js';
import { useUser } from '../session.js';
import { COMPLIANCE_TYPES } from '../workflow.js';
import type { ComplianceLine, ComplianceType } from '../workflow.js';

/** The register filter showing the same problem for a unit. */
const REGISTER_FILTER: Record<ComplianceType, Filters> = {
  no_signed_copy: { noSignedDocument: '1' },
  waiting_too_long: { workflowState: 'diajukan' },
  ending_no_decision: { status: 'akan_berakhir' },
  no_report_this_year: { noReportThisYear: '1' },
};

/** Agreements listed per unit before pointing to the register for the rest. */
const SHOWN_PER_UNIT = 10;

interface UnitGroup {
  unit: ComplianceLine['unit'];
  lines: ComplianceLine[];
  count: number;
}

function group(lines: readonly ComplianceLine[], type: ComplianceType): UnitGroup[] {
  const byUnit = new Map<string, UnitGroup>();
  for (const l of lines) {
    if (l.type !== type) continue;
    const g = byUnit.get(l.unit.id) ?? { unit: l.unit, lines: [], count: 0 };
    g.lines.push(l);
    g.count += l.count ?? 1;
    byUnit.set(l.unit.id, g);
  }
  return [...byUnit.values()].sort((a, b) => b.count - a.count || a.unit.name.localeCompare(b.unit.name));
}

export function CompliancePage() {
  const { t, number, date } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const chooser = user.role === 'verifikator' || user.role === 'admin';
  const unitId = chooser ? (query.get('unitId') ?? '') : '';
  const units = useUnits();
  const report = useResource((signal) => api.get<{ lines: ComplianceLine[] }>('/compliance', { unitId }, signal).then((r) => r.lines), [unitId]);
  const lines = report.data ?? [];
  const total = lines.reduce((n, l) => n + (l.count ?? 1), 0);

  return (
    <section>
      <PageHeader title={t('compliance.title')} />
      <p className="muted">{chooser ? t('compliance.intro') : t('compliance.introOwn')}</p>
      {chooser && (
        <form className="filters compliance-filters" role="search" aria-label={t('compliance.title')} onSubmit={(e) => e.preventDefault()}>
          <Field label={t('compliance.unit')} hint={t('register.unitHint')}>
            {(p) => (
              <UnitSelect
                control={p}
                units={units.data ?? []}
                value={unitId}
                onChange={(v) => navigate(v ? `/kepatuhan?unitId=${encodeURIComponent(v)}` : '/kepatuhan', { replace: true })}
                emptyLabel={t('compliance.allUnits')}
                testId="compliance-unit"
              />
            )}
          </Field>
        </form>
      )}
      <ErrorAlert error={report.error} />
      {report.loading && !report.data ? (
        <Loading />
      ) : lines.length === 0 ? (
        <Empty>{t('compliance.allClear')}</Empty>
      ) : (
        <>
          <p className="muted small" aria-live="polite" data-testid="compliance-total">
            {t('compliance.total', { n: number(total) })}
            {report.loading ? ` · ${t('common.loading')}` : ''}
          </p>
          {COMPLIANCE_TYPES.map((type) => {
            const groups = group(lines, type);
            const count = groups.reduce((n, g) => n + g.count, 0);
            const headingId = `compliance-${type}`;
            return (
              <section key={type} className="card compliance-type" aria-labelledby={headingId} data-testid="compliance-group" data-type={type}>
                <div className="section-head">
                  <h2 id={headingId}>
                    {t(`compliance.type.${type}`)} <span className={`count-pill${count ? ' count-pill-warn' : ''}`}>{number(count)}</span>
                  </h2>
                </div>
                <p className="muted small">{t(`compliance.help.${type}`)}</p>
                {groups.length === 0 ? (
                  <p className="small">{t('compliance.none')}</p>
                ) : (
                  <ul className="compliance-units">
                    {groups.map((g) => (
                      <li key={g.unit.id} className="compliance-unit" data-testid="compliance-unit">
                        <h3 className="compliance-unit-head">
                          {g.unit.name} <span className="muted small">· {t('compliance.count', { n: number(g.count) })}</span>
                        </h3>
                        <ul className="compliance-lines">
                          {g.lines.slice(0, SHOWN_PER_UNIT).map((l, i) => (
                            <li key={l.agreement?.id ?? i} data-testid="compliance-line">
                              {l.agreement ? <Link to={`/kerja-sama/${l.agreement.id}`}>{l.agreement.title}</Link> : <Link to={registerLink({ unitId: g.unit.id, ...REGISTER_FILTER[type] })}>{t('compliance.count', { n: number(l.count ?? 1) })}</Link>}
                              {typeof l.ageDays === 'number' && <span className="muted small"> · {t('compliance.age', { n: number(l.ageDays) })}</span>}
                              {l.endDate && type === 'ending_no_decision' && <span className="muted small"> · {t('compliance.ends', { date: date(l.endDate) })}</span>}
                            </li>
                          ))}
                        </ul>
                        <p className="small">
                          <Link to={registerLink({ unitId: g.unit.id, ...REGISTER_FILTER[type] })} data-testid="compliance-register-link">
                            {t('compliance.openList', { n: number(g.count) })}
                          </Link>
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
