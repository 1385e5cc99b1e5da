import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Status } from '../agreements/status.js';
import { hasPartner, hasScope, signedIn } from '../agreements/agreement.query.js';

/**
 * The public register. Every query of the portal and the open data starts from `published()`: the ONE place
 * that says what the public may see. Columns are always named (never `selectAll`), so a column added to
 * `agreements` tomorrow stays inside.
 */
type Q = SelectQueryBuilder<DB, 'agreements' | 'units', object>;

export function published(db: Executor): Q {
  return db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .where('agreements.workflow_state', '=', 'diterbitkan')
    .where('agreements.confidentiality', '=', 'public')
    .where('agreements.deleted_at', 'is', null)
    .where('agreements.published_at', 'is not', null) as unknown as Q;
}

/**
 * The derived status of status.ts, except that only a PUBLISHED renewal makes an agreement "diperpanjang":
 * the public must not learn that an unpublished renewal exists.
 */
export function publicStatus(db: Executor, today: string, windowDays: number) {
  const renewedIds = published(db).select('agreements.renews_id').where('agreements.renews_id', 'is not', null);
  return sql<Status>`case
    when agreements.signing_date is null then 'draft'
    when agreements.terminated_on is not null and agreements.terminated_on <= ${today}::date then 'diakhiri'
    when agreements.id in (${renewedIds}) then 'diperpanjang'
    when agreements.end_date is not null and agreements.end_date < ${today}::date then 'berakhir'
    when agreements.end_date is not null and agreements.end_date <= ${today}::date + ${windowDays}::int then 'akan_berakhir'
    else 'berlaku' end`;
}

export interface PublicFilter {
  /** Unit-path prefix: a Kanwil or a unit and everything beneath it. */
  unitPrefix?: string | undefined;
  kind?: string | undefined;
  status?: Status | undefined;
  partnerCategory?: string | undefined;
  partnerId?: string | undefined;
  scope?: string | undefined;
  year?: number | undefined;
}

export interface SearchTerms {
  tsquery: string | null;
  fuzzy: { agreement_id: string; sim: number }[];
}

function filtered(db: Executor, f: PublicFilter, today: string, windowDays: number): Q {
  let q = published(db);
  if (f.unitPrefix) q = q.where('units.path', 'like', `${f.unitPrefix}%`);
  if (f.kind) q = q.where('agreements.kind_code', '=', f.kind);
  if (f.status) q = q.where(sql<boolean>`(${publicStatus(db, today, windowDays)}) = ${f.status}`);
  if (f.partnerCategory || f.partnerId) q = q.where((eb) => hasPartner(eb, f));
  if (f.scope) q = q.where((eb) => hasScope(eb, f.scope!));
  if (f.year) q = q.where((eb) => signedIn(eb, f.year!));
  return q;
}

/** The public columns of a register row: nothing internal is selected, so nothing internal can be shown. */
function withRowColumns(db: Executor, q: Q, today: string, windowDays: number) {
  return q
    .innerJoin('agreement_kinds as k', 'k.code', 'agreements.kind_code')
    .select([
      'agreements.id', 'agreements.title', 'agreements.kind_code', 'k.name as kind_name', 'k.abbreviation as kind_abbreviation', 'agreements.number_first', 'agreements.number_second',
      'agreements.signing_date', 'agreements.start_date', 'agreements.end_date', 'agreements.unit_id', 'units.name as unit_name', 'agreements.published_at',
    ])
    .select(publicStatus(db, today, windowDays).as('status'))
    .select(sql<Json<{ id: string; name: string }[]>>`(select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) order by ap.position), '[]'::json) from agreement_partners ap join partners p on p.id = ap.partner_id where ap.agreement_id = agreements.id)`.as('partners'))
    .select(sql<Json<string[]>>`(select coalesce(json_agg(distinct c.name), '[]'::json) from agreement_partners ap join partners p on p.id = ap.partner_id join partner_categories c on c.code = p.category_code where ap.agreement_id = agreements.id)`.as('partner_categories'))
    .select(sql<Json<string[]>>`(select coalesce(json_agg(s.name order by s.sort), '[]'::json) from agreement_scopes x join scopes s on s.code = x.scope_code where x.agreement_id = agreements.id)`.as('scope_names'));
}

/** json columns arrive parsed from one driver and as text from the other. */
type Json<T> = T | string;
export function fromJson<T>(v: Json<T>): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

export type PublicRow = Awaited<ReturnType<ReturnType<typeof withRowColumns>['execute']>>[number];

/** Newest publication first. */
export function listPage(db: Executor, f: PublicFilter, today: string, windowDays: number, limit: number, offset: number) {
  return withRowColumns(db, filtered(db, f, today, windowDays), today, windowDays)
    .orderBy('agreements.published_at', 'desc')
    .orderBy('agreements.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Counts up to `cap` (beyond it only "more than" matters: no page past MAX_PAGE is served anyway). */
export async function count(db: Executor, f: PublicFilter, today: string, windowDays: number, cap = Number.MAX_SAFE_INTEGER): Promise<number> {
  const sub = filtered(db, f, today, windowDays).select(sql`1`.as('one'));
  const r = await db.selectFrom((cap < Number.MAX_SAFE_INTEGER ? sub.limit(cap) : sub).as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ranks like the staff search (search.repository.ts) but over the public vectors only: public fields and public copies. */
const WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
const META_HIT = 0.05;
const DOCUMENT_HIT = 0.01;
const FUZZY_WEIGHT = 0.5;

export async function searchPage(db: Executor, f: PublicFilter, t: SearchTerms, today: string, windowDays: number, limit: number, offset: number, cap: number) {
  if (!t.tsquery && t.fuzzy.length === 0) return { rows: [] as PublicRow[], total: 0 };
  const ids = t.fuzzy.map((h) => h.agreement_id);
  const sims = t.fuzzy.map((h) => h.sim);
  const meta = t.tsquery ? sql<boolean>`s.meta_tsv @@ ${t.tsquery}::tsquery` : sql<boolean>`false`;
  // No coalesce around the documents' match (null without a copy simply does not match): the three conditions
  // stay on one table's indexes (two GIN, the key), so PostgreSQL can OR their bitmaps instead of reading everything.
  const doc = t.tsquery ? sql<boolean>`s.doc_tsv @@ ${t.tsquery}::tsquery` : sql<boolean>`false`;
  const near = ids.length ? sql<boolean>`s.agreement_id = any(${ids}::uuid[])` : sql<boolean>`false`;
  const rank = t.tsquery ? sql<number>`ts_rank(${WEIGHTS}::float4[], s.meta_tsv, ${t.tsquery}::tsquery)` : sql<number>`0`;
  const nearSim = ids.length ? sql<number>`coalesce((select z.sim from unnest(${ids}::uuid[], ${sims}::float8[]) as z(id, sim) where z.id = s.agreement_id), 0)` : sql<number>`0`;
  const score = sql<number>`((case when ${meta} then ${META_HIT}::float8 + ${rank} when ${doc} then ${DOCUMENT_HIT}::float8 else 0 end) + ${FUZZY_WEIGHT}::float8 * ${nearSim})::float8`;
  const matches = sql<boolean>`(${meta} or ${doc} or ${near})`;
  // Without filters the search stays on agreement_public_search (its published-only GIN indexes): joining every
  // published agreement first cost more than the ranking itself. Filters need the agreement's columns.
  const hasFilter = Object.values(f).some((v) => v !== undefined);
  const scored = hasFilter
    ? filtered(db, f, today, windowDays).innerJoin('agreement_public_search as s', 's.agreement_id', 'agreements.id').where('s.published', '=', true).where(matches).select(['agreements.id', score.as('score')])
    : db.selectFrom('agreement_public_search as s').where('s.published', '=', true).where(matches).select(['s.agreement_id as id', score.as('score')]);
  // Score below a fence (offset 0), so the sort carries ids and scores, not the vectors; one pass ranks and counts.
  const { rows: ranked } = await sql<{ id: string; score: number; total: number }>`
    select x.id, x.score, count(*) over () as total from (${scored.offset(0)}) x
    order by x.score desc, x.id limit ${limit} offset ${offset}`.execute(db);
  let total = Number(ranked[0]?.total ?? 0);
  if (ranked.length === 0 && offset > 0) {
    const n = await db.selectFrom(scored.limit(cap).as('y')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    total = Number(n.n);
  }
  const found = ranked.length ? await withRowColumns(db, published(db), today, windowDays).where('agreements.id', 'in', ranked.map((r) => r.id)).execute() : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return { rows: ranked.map((r) => byId.get(r.id)).filter((r): r is PublicRow => r !== undefined), total };
}

/** Fragments of the public copies' current pages (never an original's) around the hits. */
export async function publicSnippets(db: Executor, agreementIds: string[], tsquery: string, headlineOptions: string) {
  if (agreementIds.length === 0) return [];
  const { rows } = await sql<{ agreement_id: string; page: number; headline: string }>`
    select x.agreement_id, x.page, ts_headline('p2ma_id', x.text, ${tsquery}::tsquery, ${headlineOptions}) as headline
    from (
      select p.agreement_id, p.page, p.text,
        row_number() over (partition by p.agreement_id order by ts_rank(p.tsv, ${tsquery}::tsquery) desc, p.page) as rn
      from document_pages p join documents d on d.id = p.document_id
      where p.agreement_id in (${sql.join(agreementIds)}) and p.searchable and d.role = 'salinan_publik' and d.deleted_at is null
        and p.tsv @@ ${tsquery}::tsquery
    ) x
    where x.rn <= 2
    order by x.agreement_id, x.rn
  `.execute(db);
  return rows;
}

/** One published agreement with the public detail columns, or undefined (unpublished, internal, deleted, unknown). */
export function detailRow(db: Executor, id: string, today: string, windowDays: number) {
  return withRowColumns(db, published(db), today, windowDays)
    .select(['agreements.parent_id', 'agreements.amends_id', 'agreements.renews_id', 'agreements.duration_text', 'agreements.purpose', 'agreements.scope_other'])
    // Names and positions only: never the NIP.
    .select(sql<Json<{ party: 'pertama' | 'kedua'; name: string; position: string }[]>>`(select coalesce(json_agg(json_build_object('party', g.party, 'name', g.name, 'position', g.position) order by g.party = 'kedua', g.sort), '[]'::json) from signatories g where g.agreement_id = agreements.id)`.as('signatories'))
    // The current public copy (latest live salinan_publik); never another role.
    .select(sql<Json<{ sha256: string; size: number; mime: string; page_count: number | null } | null>>`(select json_build_object('sha256', d.sha256, 'size', d.size, 'mime', d.mime, 'page_count', d.page_count) from documents d where d.agreement_id = agreements.id and d.role = 'salinan_publik' and d.deleted_at is null order by d.version desc limit 1)`.as('public_copy'))
    // Whether anything points at it (PKS under it, addenda, renewals), published or not: the family query decides.
    .select(sql<boolean>`(exists (select 1 from agreements r where r.parent_id = agreements.id) or exists (select 1 from agreements r where r.amends_id = agreements.id)
      or exists (select 1 from agreements r where r.renews_id = agreements.id and r.deleted_at is null))`.as('has_relatives'))
    .where('agreements.id', '=', id)
    .executeTakeFirst();
}
export type PublicDetailRow = NonNullable<Awaited<ReturnType<typeof detailRow>>>;

/** Its MoU, the PKS under it, what it amends or renews and the reverse: the published ones only. */
export function relatives(db: Executor, row: { id: string; parent_id: string | null; amends_id: string | null; renews_id: string | null }, today: string, windowDays: number) {
  const ids = [row.parent_id, row.amends_id, row.renews_id].filter((x): x is string => x !== null);
  return withRowColumns(db, published(db), today, windowDays)
    .select(['agreements.parent_id', 'agreements.amends_id', 'agreements.renews_id'])
    .where((eb) =>
      eb.or([...(ids.length ? [eb('agreements.id', 'in', ids)] : []), eb('agreements.parent_id', '=', row.id), eb('agreements.amends_id', '=', row.id), eb('agreements.renews_id', '=', row.id)]),
    )
    .orderBy('agreements.signing_date')
    .orderBy('agreements.id')
    .execute();
}

/** The current public copy (latest live salinan_publik) of a published agreement. */
export function publicCopy(db: Executor, agreementId: string) {
  return published(db)
    .innerJoin('documents as d', 'd.agreement_id', 'agreements.id')
    .select(['d.id', 'd.filename', 'd.sha256', 'd.size', 'd.mime', 'd.page_count', 'd.uploaded_at'])
    .where('agreements.id', '=', agreementId)
    .where('d.role', '=', 'salinan_publik')
    .where('d.deleted_at', 'is', null)
    .orderBy('d.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A unit and how many published agreements its subtree holds (0: the portal does not show it). */
export async function unitWithCount(db: Executor, id: string) {
  const unit = await db.selectFrom('units').select(['id', 'name', 'kind', 'path']).where('id', '=', id).executeTakeFirst();
  if (!unit) return undefined;
  const r = await published(db).where('units.path', 'like', `${unit.path}%`).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { ...unit, published: Number(r.n) };
}

/** A live partner and how many published agreements name it (0: the portal does not show it). */
export async function partnerWithCount(db: Executor, id: string) {
  const partner = await db
    .selectFrom('partners as p')
    .innerJoin('partner_categories as c', 'c.code', 'p.category_code')
    .select(['p.id', 'p.name', 'p.category_code', 'c.name as category_name'])
    .where('p.id', '=', id)
    .where('p.merged_into', 'is', null)
    .executeTakeFirst();
  if (!partner) return undefined;
  const n = await count(db, { partnerId: id }, '2000-01-01', 0);
  return { ...partner, published: n };
}

/** The Kanwil of a unit path (its ancestor of kind kanwil), if any. */
export function kanwilOf(db: Executor, path: string) {
  const ancestors = path.split('/').filter(Boolean);
  return db.selectFrom('units').select(['id', 'name']).where('id', 'in', ancestors).where('kind', '=', 'kanwil').executeTakeFirst();
}

/** Units that hold published agreements, with their Kanwil, for the filter form and the sitemap. */
export async function unitsWithPublished(db: Executor) {
  const { rows } = await sql<{ id: string; name: string; kind: string; kanwil_id: string | null; kanwil_name: string | null; n: number }>`
    select u.id, u.name, u.kind, k.id as kanwil_id, k.name as kanwil_name, x.n::int as n
    from (${published(db).select(['agreements.unit_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('agreements.unit_id')}) x
    join units u on u.id = x.unit_id
    left join units k on k.kind = 'kanwil' and u.path like k.path || '%'
    order by k.name nulls first, u.name
  `.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export function partnersWithPublished(db: Executor) {
  return db
    .selectFrom('partners as p')
    .select(['p.id', 'p.name'])
    .where('p.merged_into', 'is', null)
    .where((eb) => eb.exists(published(db).innerJoin('agreement_partners as ap', 'ap.agreement_id', 'agreements.id').select(sql`1`.as('one')).where(sql<boolean>`ap.partner_id = p.id`)))
    .orderBy('p.name')
    .execute();
}

/** Keyset pages in publication order: memory and time per page do not grow with the register (no OFFSET). */
export function batchAfter(db: Executor, after: { at: string; id: string } | null, limit: number, today: string, windowDays: number) {
  let q = withRowColumns(db, published(db), today, windowDays)
    .select(sql<string>`agreements.published_at::text`.as('cursor_at'))
    .select(['agreements.purpose'])
    .select(sql<string | null>`(select d.mime from documents d where d.agreement_id = agreements.id and d.role = 'salinan_publik' and d.deleted_at is null order by d.version desc limit 1)`.as('copy_mime'));
  if (after) q = q.where(sql<boolean>`(agreements.published_at, agreements.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q.orderBy('agreements.published_at').orderBy('agreements.id').limit(limit).execute();
}

/** For the sitemap: ids and titles (for slugs) in id order, one file's worth. */
export function sitemapSlice(db: Executor, offset: number, limit: number) {
  return published(db).select(['agreements.id', 'agreements.title', 'agreements.published_at']).orderBy('agreements.id').limit(limit).offset(offset).execute();
}

export async function totals(db: Executor, today: string, windowDays: number) {
  const { rows } = await sql<{ total: number; in_force: number }>`
    select count(*)::int as total, count(*) filter (where x.status in ('berlaku', 'akan_berakhir'))::int as in_force
    from (${published(db).select(publicStatus(db, today, windowDays).as('status'))}) x
  `.execute(db);
  return { total: Number(rows[0]?.total ?? 0), inForce: Number(rows[0]?.in_force ?? 0) };
}

/** In-force agreements grouped by one dimension; `label` null means "outside every Kanwil" (the centre). */
export async function inForceBy(db: Executor, by: 'kanwil' | 'kind' | 'category', today: string, windowDays: number) {
  const inForce = published(db).where(sql<boolean>`(${publicStatus(db, today, windowDays)}) in ('berlaku', 'akan_berakhir')`);
  if (by === 'kind') {
    const { rows } = await sql<{ key: string; label: string; n: number }>`
      select k.code as key, k.name as label, count(*)::int as n
      from (${inForce.select('agreements.kind_code')}) x join agreement_kinds k on k.code = x.kind_code
      group by k.code, k.name, k.sort order by n desc, k.sort`.execute(db);
    return rows;
  }
  if (by === 'category') {
    const { rows } = await sql<{ key: string; label: string; n: number }>`
      select c.code as key, c.name as label, count(distinct x.id)::int as n
      from (${inForce.select('agreements.id')}) x
      join agreement_partners ap on ap.agreement_id = x.id join partners p on p.id = ap.partner_id join partner_categories c on c.code = p.category_code
      group by c.code, c.name, c.sort order by n desc, c.sort`.execute(db);
    return rows;
  }
  // Per unit first (a few hundred groups), then each unit to its Kanwil by path.
  const { rows } = await sql<{ key: string | null; label: string | null; n: number }>`
    select k.id as key, k.name as label, sum(x.n)::int as n
    from (${inForce.select(['agreements.unit_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('agreements.unit_id')}) x
    join units u on u.id = x.unit_id
    left join units k on k.kind = 'kanwil' and u.path like k.path || '%'
    group by k.id, k.name order by n desc, k.name`.execute(db);
  return rows;
}

export async function publishedBySigningYear(db: Executor) {
  const { rows } = await sql<{ year: number; n: number }>`
    select extract(year from x.signing_date)::int as year, count(*)::int as n
    from (${published(db).select('agreements.signing_date').where('agreements.signing_date', 'is not', null)}) x
    group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ year: Number(r.year), n: Number(r.n) }));
}

/** The managed lists (reference data, public by nature) for the filter form. */
export async function lists(db: Executor) {
  const [kinds, categories, scopes] = await Promise.all([
    db.selectFrom('agreement_kinds').select(['code', 'name']).where('active', '=', true).orderBy('sort').execute(),
    db.selectFrom('partner_categories').select(['code', 'name']).where('active', '=', true).orderBy('sort').execute(),
    db.selectFrom('scopes').select(['code', 'name']).where('active', '=', true).orderBy('sort').execute(),
  ]);
  return { kinds, categories, scopes };
}

/** The regions (Kanwil): organisation data, public by nature. */
export function regions(db: Executor) {
  return db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'kanwil').where('valid_to', 'is', null).orderBy('name').execute();
}

export function unitName(db: Executor, id: string) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The publication version (0010): changes at the commit of anything the public pages show. */
const VERSION = sql<{ version: number }>`select version from publication_state`;
export async function publicationVersion(db: Executor): Promise<number> {
  const { rows } = await VERSION.execute(db);
  return Number(rows[0]!.version);
}
