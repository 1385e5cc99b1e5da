import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { statusExpression, type Status } from '../agreements/status.js';

/**
 * Aggregates over the live register under one unit-path prefix. One statement per figure, each a
 * single pass over the agreements of the subtree (index on units.path, agreements.unit_id).
 */
function live(db: Executor, prefix: string) {
  const q = db.selectFrom('agreements').innerJoin('units', 'units.id', 'agreements.unit_id').where('agreements.deleted_at', 'is', null);
  return prefix === '/' ? q : q.where('units.path', 'like', `${prefix}%`);
}

export interface RegisterFigures {
  /** Per owning unit and status, with what ends soon and what lacks a signed copy. */
  byUnitStatus: { unitId: string; status: Status; n: number; d30: number; d60: number; d90: number; noSignedDoc: number }[];
  byKind: { code: string; n: number }[];
  byYear: { year: number; n: number }[];
}

/**
 * Most figures of the overview in one pass over the subtree's agreements (grouping sets), grouped by
 * owning unit rather than by tree level: the roll-up to the next level happens in the service over
 * a few hundred groups, not per agreement.
 */
export async function registerFigures(db: Executor, prefix: string, today: string, windowDays: number): Promise<RegisterFigures> {
  const signedDocs = sql`(select d.agreement_id from documents d where d.role = 'naskah_ttd' and d.deleted_at is null)`;
  const running = sql`agreements.signing_date is not null and agreements.terminated_on is null and agreements.end_date >= ${today}::date`;
  const rows = await sql<{ unit_id: string | null; status: Status | null; kind_code: string | null; year: number | null; n: number; d30: number; d60: number; d90: number; no_doc: number; g: number }>`
    select x.unit_id, x.status, x.kind_code, x.year, count(*)::int8 as n,
      count(*) filter (where x.running and x.end_date <= ${today}::date + 30)::int8 as d30,
      count(*) filter (where x.running and x.end_date <= ${today}::date + 60)::int8 as d60,
      count(*) filter (where x.running and x.end_date <= ${today}::date + 90)::int8 as d90,
      count(*) filter (where x.signed and not x.has_doc)::int8 as no_doc,
      grouping(x.unit_id, x.status, x.kind_code, x.year) as g
    from (
      select agreements.unit_id, agreements.kind_code, agreements.end_date,
        extract(year from agreements.signing_date)::int as year,
        ${statusExpression(today, windowDays)} as status,
        (${running}) as running,
        agreements.signing_date is not null as signed,
        agreements.id in ${signedDocs} as has_doc
      from agreements
      ${prefix === '/' ? sql`` : sql`join units on units.id = agreements.unit_id and units.path like ${`${prefix}%`}`}
      where agreements.deleted_at is null
    ) x
    group by grouping sets ((x.unit_id, x.status), (x.kind_code), (x.year))
  `.execute(db);
  const out: RegisterFigures = { byUnitStatus: [], byKind: [], byYear: [] };
  for (const r of rows.rows) {
    if (r.unit_id !== null && r.status !== null) {
      out.byUnitStatus.push({ unitId: r.unit_id, status: r.status, n: Number(r.n), d30: Number(r.d30), d60: Number(r.d60), d90: Number(r.d90), noSignedDoc: Number(r.no_doc) });
    } else if (r.kind_code !== null) out.byKind.push({ code: r.kind_code, n: Number(r.n) });
    else if (r.year !== null) out.byYear.push({ year: Number(r.year), n: Number(r.n) });
  }
  return out;
}

/** Every unit of the subtree with its path, to roll per-unit figures up to the next level. */
export function unitsUnder(db: Executor, prefix: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('path', 'like', `${prefix}%`).execute();
}

/** Agreements per partner category (an agreement with partners of two categories counts in both). */
export async function byPartnerCategory(db: Executor, prefix: string) {
  const counts = await live(db, prefix)
    .innerJoin('agreement_partners as ap', 'ap.agreement_id', 'agreements.id')
    .innerJoin('partners as p', 'p.id', 'ap.partner_id')
    .select(['p.category_code', sql<number>`count(distinct agreements.id)`.as('n')])
    .groupBy('p.category_code')
    .execute();
  const categories = await db.selectFrom('partner_categories').select(['code', 'name']).orderBy('sort').execute();
  const byCode = new Map(counts.map((c) => [c.category_code, Number(c.n)]));
  return categories.map((c) => ({ code: c.code, name: c.name, n: byCode.get(c.code) ?? 0 }));
}

/** PNBP and beneficiaries per year of the report period's end. */
export function benefitsByYear(db: Executor, prefix: string) {
  return db
    .selectFrom('reports')
    .innerJoin('agreements', 'agreements.id', 'reports.agreement_id')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .where('reports.deleted_at', 'is', null)
    .where('agreements.deleted_at', 'is', null)
    .$if(prefix !== '/', (q) => q.where('units.path', 'like', `${prefix}%`))
    .select([
      sql<number>`extract(year from reports.period_end)::int`.as('year'),
      sql<number>`coalesce(sum(reports.pnbp_amount), 0)::int8`.as('pnbp'),
      sql<number>`coalesce(sum(reports.beneficiaries), 0)::int8`.as('beneficiaries'),
      (eb) => eb.fn.countAll<number>().as('reports'),
    ])
    .groupBy(sql`extract(year from reports.period_end)`)
    .orderBy('year')
    .execute();
}

