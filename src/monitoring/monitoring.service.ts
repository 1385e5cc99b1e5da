import { authorize, inScope, type Actor } from '../access/access.js';
import { STATUSES, type Status } from '../agreements/status.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { todayIn } from '../shared/dates.js';
import { getUnit } from '../units/unit.repository.js';
import * as repo from './monitoring.repository.js';

type StatusCounts = Record<Status, number> & { total: number };

const emptyCounts = (): StatusCounts => ({ total: 0, ...(Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>) });

/**
 * The monitoring overview for one unit's subtree (the Biro: the whole country; a Kanwil: its UPTs; a
 * UPT: itself): figures by unit (rolled up to the next level), kind, status, partner category, year,
 * what ends soon, what lacks a signed copy, and PNBP and beneficiaries by year.
 */
export async function overview(deps: AppDeps, actor: Actor, unitId?: string) {
  authorize(actor, 'monitoring.read');
  const { db } = deps.database;
  const base = await getUnit(db, unitId ?? actor.unitId);
  if (!base || !inScope(actor, base.path)) throw new AppError('NOT_FOUND');
  const today = todayIn(deps.now());
  const windowDays = deps.config.expiryWindowDays;
  const units = await repo.unitsUnder(db, base.path);
  const figures = await unitFigures(deps, base.path, base.parent_id === null, units.map((u) => u.id), today, windowDays);
  const kinds = await repo.agreementKinds(db);
  const categoryNames = await repo.partnerCategories(db);

  // Each unit's figures go to the child of `base` on its path (or to `base` itself).
  const childOf = new Map<string, string>();
  for (const u of units) {
    const rest = u.path.slice(base.path.length).split('/').filter(Boolean);
    childOf.set(u.id, rest[0] ?? base.id);
  }
  const totals = emptyCounts();
  const ending = { d30: 0, d60: 0, d90: 0 };
  let withoutSignedDocument = 0;
  const perChild = new Map<string, StatusCounts>();
  const kindCounts = new Map<string, number>();
  const yearCounts = new Map<number, number>();
  const categoryCounts = new Map<string, number>();
  const benefits = new Map<number, { pnbpAmount: number; beneficiaries: number; reports: number }>();
  const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const [unitId, f] of figures) {
    const key = childOf.get(unitId) ?? base.id;
    for (const [status, [n, d30, d60, d90, noDoc]] of Object.entries(f.status) as [Status, [number, number, number, number, number]][]) {
      totals[status] += n;
      totals.total += n;
      ending.d30 += d30;
      ending.d60 += d60;
      ending.d90 += d90;
      withoutSignedDocument += noDoc;
      const c = perChild.get(key) ?? emptyCounts();
      c[status] += n;
      c.total += n;
      perChild.set(key, c);
    }
    for (const [code, n] of Object.entries(f.kind)) add(kindCounts, code, n);
    for (const [year, n] of Object.entries(f.year)) add(yearCounts, Number(year), n);
    for (const [code, n] of Object.entries(f.category)) add(categoryCounts, code, n);
    for (const [year, [pnbp, people, reports]] of Object.entries(f.benefits)) {
      const b = benefits.get(Number(year)) ?? { pnbpAmount: 0, beneficiaries: 0, reports: 0 };
      benefits.set(Number(year), { pnbpAmount: b.pnbpAmount + pnbp, beneficiaries: b.beneficiaries + people, reports: b.reports + reports });
    }
  }
  const children = units.filter((u) => u.parent_id === base.id).sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const byUnit = [
    ...(perChild.has(base.id) ? [{ id: base.id, code: base.code, name: base.name, kind: base.kind, own: true, ...perChild.get(base.id)! }] : []),
    ...children.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, own: false, ...(perChild.get(c.id) ?? emptyCounts()) })),
  ];
  return {
    unit: { id: base.id, code: base.code, name: base.name, kind: base.kind },
    today,
    totals,
    byUnit,
    byKind: kinds.filter((k) => kindCounts.has(k.code)).map((k) => ({ code: k.code, name: k.name, count: kindCounts.get(k.code)! })),
    byPartnerCategory: categoryNames.map((c) => ({ code: c.code, name: c.name, count: categoryCounts.get(c.code) ?? 0 })),
    bySigningYear: [...yearCounts].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })),
    endingWithin: ending,
    withoutSignedDocument,
    benefitsByYear: [...benefits].sort((a, b) => a[0] - b[0]).map(([year, b]) => ({ year, ...b })),
  };
}

/**
 * Scheduler step: brings every unit's stored figures up to date (after midnight all of them, otherwise the
 * units changed since), so an overview seldom computes anything itself. Views never rely on it: a figure
 * that is not current is recomputed by the view that needs it.
 */
export async function refreshFigures(deps: Pick<AppDeps, 'database' | 'config' | 'now'>): Promise<void> {
  const { db } = deps.database;
  const today = todayIn(deps.now());
  const windowDays = deps.config.expiryWindowDays;
  const { stale, all } = await repo.staleUnits(db, today, windowDays);
  if (stale.length === 0) return;
  const versions = await repo.unitVersions(db, stale);
  const fresh = await repo.computeFigures(db, stale, stale.length === all, today, windowDays);
  await repo.storeFigures(db, fresh, versions, today, windowDays);
}

/**
 * Each unit's figures for today: the stored ones that are still current, the others computed now and stored
 * (after any change to a unit's agreements, and for every unit once a day, since statuses move with the date).
 */
async function unitFigures(deps: AppDeps, path: string, wholeRegister: boolean, unitIds: string[], today: string, windowDays: number) {
  const { db } = deps.database;
  const figures = await repo.currentFigures(db, path, today, windowDays);
  const missing = unitIds.filter((id) => !figures.has(id));
  if (missing.length === 0) return figures;
  const versions = await repo.unitVersions(db, missing);
  const fresh = await repo.computeFigures(db, missing, wholeRegister && missing.length === unitIds.length, today, windowDays);
  await repo.storeFigures(db, fresh, versions, today, windowDays);
  for (const [id, f] of fresh) figures.set(id, f);
  return figures;
}
