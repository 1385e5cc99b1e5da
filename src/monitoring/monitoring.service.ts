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
  // The root's subtree is the whole register: no path filter at all.
  const prefix = base.parent_id === null ? '/' : base.path;
  // Sequential on purpose: PGlite runs one statement at a time anyway, and on PostgreSQL this keeps
  // one request from holding several pool connections.
  const figures = await repo.registerFigures(db, prefix, today, deps.config.expiryWindowDays);
  const categories = await repo.byPartnerCategory(db, prefix);
  const benefits = await repo.benefitsByYear(db, prefix);
  const units = await repo.unitsUnder(db, base.path);
  const kinds = await db.selectFrom('agreement_kinds').select(['code', 'name']).orderBy('sort').execute();

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
  for (const r of figures.byUnitStatus) {
    totals[r.status] += r.n;
    totals.total += r.n;
    ending.d30 += r.d30;
    ending.d60 += r.d60;
    ending.d90 += r.d90;
    withoutSignedDocument += r.noSignedDoc;
    const key = childOf.get(r.unitId) ?? base.id;
    const c = perChild.get(key) ?? emptyCounts();
    c[r.status] += r.n;
    c.total += r.n;
    perChild.set(key, c);
  }
  const children = units.filter((u) => u.parent_id === base.id).sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const byUnit = [
    ...(perChild.has(base.id) ? [{ id: base.id, code: base.code, name: base.name, kind: base.kind, own: true, ...perChild.get(base.id)! }] : []),
    ...children.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, own: false, ...(perChild.get(c.id) ?? emptyCounts()) })),
  ];
  const kindCounts = new Map(figures.byKind.map((k) => [k.code, k.n]));
  return {
    unit: { id: base.id, code: base.code, name: base.name, kind: base.kind },
    today,
    totals,
    byUnit,
    byKind: kinds.filter((k) => kindCounts.has(k.code)).map((k) => ({ code: k.code, name: k.name, count: kindCounts.get(k.code)! })),
    byPartnerCategory: categories.map((c) => ({ code: c.code, name: c.name, count: c.n })),
    bySigningYear: figures.byYear.sort((a, b) => a.year - b.year).map((y) => ({ year: y.year, count: y.n })),
    endingWithin: ending,
    withoutSignedDocument,
    benefitsByYear: benefits.map((b) => ({ year: Number(b.year), pnbpAmount: Number(b.pnbp), beneficiaries: Number(b.beneficiaries), reports: Number(b.reports) })),
  };
}
