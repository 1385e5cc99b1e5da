import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { statusExpression, type Status } from '../agreements/status.js';

/**
 * One unit's figures for one day: everything the overview adds up, over that unit's own agreements. Each is a
 * count or a sum per unit, so a subtree's overview is the sum of its units' figures.
 */
export interface UnitFigures {
  /** status → [n, ending within 30, 60, 90 days, signed without a signed copy] */
  status: Partial<Record<Status, [number, number, number, number, number]>>;
  kind: Record<string, number>;
  year: Record<string, number>;
  /** Agreements per partner category (an agreement with partners of two categories counts in both). */
  category: Record<string, number>;
  /** Year of the report period's end → [PNBP, beneficiaries, reports] */
  benefits: Record<string, [number, number, number]>;
}

const emptyFigures = (): UnitFigures => ({ status: {}, kind: {}, year: {}, category: {}, benefits: {} });

/** The stored figures of a subtree's units that are for this day and window and still current. */
export async function currentFigures(db: Executor, prefix: string, today: string, windowDays: number): Promise<Map<string, UnitFigures>> {
  const { rows } = await sql<{ unit_id: string; figures: UnitFigures | string }>`
    select f.unit_id, f.figures
    from monitoring_unit_figures f
    join units u on u.id = f.unit_id
    left join register_unit_versions v on v.unit_id = f.unit_id
    where u.path like ${`${prefix}%`} and f.day = ${today}::date and f.window_days = ${windowDays}::int
      and f.version = coalesce(v.version, 0)
  `.execute(db);
  return new Map(rows.map((r) => [r.unit_id, typeof r.figures === 'string' ? (JSON.parse(r.figures) as UnitFigures) : r.figures]));
}

/** Units whose stored figures are missing, of another day or window, or older than the unit's register. */
export async function staleUnits(db: Executor, today: string, windowDays: number): Promise<{ stale: string[]; all: number }> {
  const { rows } = await sql<{ id: string; stale: boolean }>`
    select u.id, (f.unit_id is null or f.day <> ${today}::date or f.window_days <> ${windowDays}::int or f.version <> coalesce(v.version, 0)) as stale
    from units u
    left join monitoring_unit_figures f on f.unit_id = u.id
    left join register_unit_versions v on v.unit_id = u.id
  `.execute(db);
  return { stale: rows.filter((r) => r.stale).map((r) => r.id), all: rows.length };
}

/**
 * The units' register versions. Read BEFORE their figures are computed: a change committed in between then
 * only makes the stored figures look older than they are (recomputed next time), never newer.
 */
export async function unitVersions(db: Executor, unitIds: string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ unit_id: string; version: number }>`
    select unit_id, version from register_unit_versions where unit_id = any(${unitIds}::uuid[])
  `.execute(db);
  return new Map(rows.map((r) => [r.unit_id, Number(r.version)]));
}

/**
 * The figures of the given units (every one gets figures, empty when it has no agreements), in three grouped
 * passes. `wholeRegister` says the units are all there are, so the passes need no unit condition.
 */
export async function computeFigures(db: Executor, unitIds: string[], wholeRegister: boolean, today: string, windowDays: number): Promise<Map<string, UnitFigures>> {
  const out = new Map<string, UnitFigures>(unitIds.map((id) => [id, emptyFigures()]));
  const of = (unitId: string) => {
    let f = out.get(unitId);
    if (!f) out.set(unitId, (f = emptyFigures()));
    return f;
  };
  const only = wholeRegister ? sql`` : sql`and agreements.unit_id = any(${unitIds}::uuid[])`;
  const live = sql`agreements.deleted_at is null ${only}`;

  const running = sql`agreements.signing_date is not null and agreements.terminated_on is null and agreements.end_date >= ${today}::date`;
  const signedDocs = sql`(select d.agreement_id from documents d where d.role = 'naskah_ttd' and d.deleted_at is null)`;
  const register = await sql<{ unit_id: string; status: Status | null; kind_code: string | null; year: number | null; n: number; d30: number; d60: number; d90: number; no_doc: number }>`
    select x.unit_id, x.status, x.kind_code, x.year, count(*)::int8 as n,
      count(*) filter (where x.ends <= 30)::int8 as d30,
      count(*) filter (where x.ends <= 60)::int8 as d60,
      count(*) filter (where x.ends <= 90)::int8 as d90,
      count(*) filter (where x.no_doc)::int8 as no_doc
    from (
      select agreements.unit_id, agreements.kind_code, extract(year from agreements.signing_date)::int as year,
        ${statusExpression(today, windowDays)} as status,
        -- days left while running (signed, not ended early, not past its end): "ends within N days" is ends <= N
        case when ${running} then agreements.end_date - ${today}::date end as ends,
        agreements.signing_date is not null and agreements.id not in ${signedDocs} as no_doc
      from agreements
      where ${live}
    ) x
    group by grouping sets ((x.unit_id, x.status), (x.unit_id, x.kind_code), (x.unit_id, x.year))
  `.execute(db);
  for (const r of register.rows) {
    const f = of(r.unit_id);
    if (r.status !== null) f.status[r.status] = [Number(r.n), Number(r.d30), Number(r.d60), Number(r.d90), Number(r.no_doc)];
    else if (r.kind_code !== null) f.kind[r.kind_code] = Number(r.n);
    else if (r.year !== null) f.year[String(r.year)] = Number(r.n);
  }

  // Distinct (agreement, category) pairs first, so an agreement with two partners of one category counts once.
  const categories = await sql<{ unit_id: string; category_code: string; n: number }>`
    select x.unit_id, x.category_code, count(*)::int8 as n
    from (
      select agreements.unit_id, p.category_code, agreements.id
      from agreements
      join agreement_partners ap on ap.agreement_id = agreements.id
      join partners p on p.id = ap.partner_id
      where ${live}
      group by agreements.unit_id, p.category_code, agreements.id
    ) x
    group by x.unit_id, x.category_code
  `.execute(db);
  for (const r of categories.rows) of(r.unit_id).category[r.category_code] = Number(r.n);

  const benefits = await sql<{ unit_id: string; year: number; pnbp: number; beneficiaries: number; reports: number }>`
    select agreements.unit_id, extract(year from r.period_end)::int as year,
      coalesce(sum(r.pnbp_amount), 0)::int8 as pnbp, coalesce(sum(r.beneficiaries), 0)::int8 as beneficiaries, count(*)::int8 as reports
    from reports r
    join agreements on agreements.id = r.agreement_id
    where r.deleted_at is null and ${live}
    group by agreements.unit_id, extract(year from r.period_end)
  `.execute(db);
  for (const r of benefits.rows) of(r.unit_id).benefits[String(r.year)] = [Number(r.pnbp), Number(r.beneficiaries), Number(r.reports)];
  return out;
}

/**
 * Stores units' figures with the versions read before computing them. Two overviews storing the same unit at
 * once both hold correct figures for their version; the higher version stays.
 */
export async function storeFigures(db: Executor, figures: Map<string, UnitFigures>, versions: Map<string, number>, today: string, windowDays: number): Promise<void> {
  const entries = [...figures];
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    await sql`
      insert into monitoring_unit_figures as f (unit_id, version, day, window_days, figures, computed_at)
      select x.unit_id, x.version, ${today}::date, ${windowDays}::int, x.figures, now()
      from unnest(${chunk.map(([id]) => id)}::uuid[], ${chunk.map(([id]) => versions.get(id) ?? 0)}::int8[], ${chunk.map(([, f]) => JSON.stringify(f))}::jsonb[]) as x(unit_id, version, figures)
      on conflict (unit_id) do update set version = excluded.version, day = excluded.day, window_days = excluded.window_days, figures = excluded.figures, computed_at = excluded.computed_at
        where (f.day, f.window_days, f.version) is distinct from (excluded.day, excluded.window_days, excluded.version) and (f.day <> excluded.day or f.version <= excluded.version)
    `.execute(db);
  }
}

/** Every unit of the subtree with its path, to roll per-unit figures up to the next level. */
export function unitsUnder(db: Executor, prefix: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('path', 'like', `${prefix}%`).execute();
}

export function partnerCategories(db: Executor) {
  return db.selectFrom('partner_categories').select(['code', 'name']).orderBy('sort').execute();
}

export function agreementKinds(db: Executor) {
  return db.selectFrom('agreement_kinds').select(['code', 'name']).orderBy('sort').execute();
}
