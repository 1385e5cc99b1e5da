import { authorize, inScope, type Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { todayIn } from '../shared/dates.js';
import { getUnit } from '../units/unit.repository.js';
import * as repo from './history.repository.js';

/**
 * An agreement's supervision history. Whoever may see the agreement may see these visits: the agreement's unit
 * is the visited unit, so it lies in the caller's subtree, which is exactly what makes the plan visible.
 */
export async function agreementHistory(deps: AppDeps, actor: Actor, agreementId: string) {
  const { db } = deps.database;
  await getVisibleAgreement(db, actor, agreementId);
  authorize(actor, 'supervision.read');
  const rows = await repo.supervisionsOfAgreement(db, agreementId);
  const ratings = await repo.ratingsOfAgreement(db, agreementId, rows.map((r) => r.visit_id));
  return rows.map((r) => ({
    planId: r.plan_id,
    planTitle: r.plan_title,
    planStatus: r.plan_status,
    visitId: r.visit_id,
    visitDate: r.visit_date,
    unitName: r.unit_name,
    assessment: r.revision === null ? null : { benefitsUnit: r.benefits_unit, mutual: r.mutual, recommendation: r.recommendation, note: r.note },
    ratings: ratings.filter((x) => x.visit_id === r.visit_id && typeof x.value === 'number').map((x) => ({ code: x.code, label: x.label, value: x.value as number })),
  }));
}

/** The monitoring overview's supervision section, for the caller's unit (or a unit inside their subtree). */
export async function supervisionFigures(deps: AppDeps, actor: Actor, q: { unitId?: string | undefined; year?: number | undefined }) {
  authorize(actor, 'monitoring.read');
  authorize(actor, 'supervision.read');
  const { db } = deps.database;
  const base = await getUnit(db, q.unitId ?? actor.unitId);
  if (!base || !inScope(actor, base.path)) throw new AppError('NOT_FOUND');
  const today = todayIn(deps.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const f = await repo.supervisionFigures(db, base.parent_id === null ? '/' : base.path, year, today);
  const plans = { direncanakan: 0, berjalan: 0, dilaporkan: 0, ditutup: 0 };
  for (const p of f.plans) plans[p.status] = Number(p.n);
  return {
    unit: { id: base.id, code: base.code, name: base.name },
    year,
    plans,
    unitsSupervised: f.units.length,
    units: f.units.map((u) => ({ id: u.id, name: u.name, lastVisit: u.last_visit })),
    agreementsAssessed: f.assessed.total,
    beneficial: f.assessed.beneficial,
    notBeneficial: f.assessed.not_beneficial,
    mutual: f.assessed.mutual,
    recommendations: { lanjutkan: f.assessed.lanjutkan, perbaiki: f.assessed.perbaiki, perpanjang: f.assessed.perpanjang, hentikan: f.assessed.hentikan },
    followups: { open: f.followups.open, inProgress: f.followups.in_progress, done: f.followups.done, overdue: f.followups.overdue },
  };
}
