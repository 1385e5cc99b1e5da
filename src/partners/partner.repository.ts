import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { PartnersTable } from '../db/schema-registry.js';
import type { Insertable, Updateable } from 'kysely';

const COLUMNS = [
  'partners.id', 'partners.name', 'partners.category_code', 'partners.address', 'partners.province_code', 'partners.regency_code',
  'partners.website', 'partners.contacts', 'partners.merged_into', 'partners.created_at', 'partners.updated_at',
  'partner_categories.name as category_name',
] as const;

function base(db: Executor) {
  return db.selectFrom('partners').innerJoin('partner_categories', 'partner_categories.code', 'partners.category_code');
}

export function getPartner(db: Executor, id: string) {
  return base(db).select(COLUMNS).where('partners.id', '=', id).executeTakeFirst();
}
export type PartnerRow = NonNullable<Awaited<ReturnType<typeof getPartner>>>;

export async function listPartners(db: Executor, f: { q?: string | undefined; category?: string | undefined }, page: number, pageSize: number) {
  let q = base(db).where('partners.merged_into', 'is', null);
  if (f.category) q = q.where('partners.category_code', '=', f.category);
  if (f.q) q = q.where('partners.search_name', 'like', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  const [rows, count] = await Promise.all([
    q
      .select(COLUMNS)
      .select((eb) => eb.selectFrom('agreement_partners as ap').innerJoin('agreements as a', 'a.id', 'ap.agreement_id').whereRef('ap.partner_id', '=', 'partners.id').where('a.deleted_at', 'is', null).select((e) => e.fn.countAll<number>().as('n')).as('agreement_count'))
      .orderBy('partners.name')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Typo-tolerant suggestions: trigram word similarity on the normalised name (index-backed by
 * `partners_search_trgm`), best first.
 */
export function suggestPartners(db: Executor, normalized: string, limit: number) {
  return base(db)
    .select(COLUMNS)
    .select(sql<number>`greatest(similarity(partners.search_name, ${normalized}), word_similarity(${normalized}, partners.search_name))`.as('score'))
    .where('partners.merged_into', 'is', null)
    .where((eb) => eb.or([sql<boolean>`partners.search_name % ${normalized}`, sql<boolean>`${normalized} <% partners.search_name`, eb('partners.search_name', 'like', `%${normalized.replace(/[%_\\]/g, '\\$&')}%`)]))
    .orderBy('score', 'desc')
    .limit(limit)
    .execute();
}

export async function insertPartner(db: Executor, values: Insertable<PartnersTable>) {
  return (await db.insertInto('partners').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePartner(db: Executor, id: string, values: Updateable<PartnersTable>) {
  await db.updateTable('partners').set(values).where('id', '=', id).execute();
}

/** Moves every agreement link from `from` to `into` (skipping agreements already linked to both). */
export async function moveAgreementLinks(db: Executor, from: string, into: string) {
  await sql`
    insert into agreement_partners (agreement_id, partner_id, position)
    select agreement_id, ${into}, position from agreement_partners where partner_id = ${from}
    on conflict (agreement_id, partner_id) do nothing
  `.execute(db);
  const res = await db.deleteFrom('agreement_partners').where('partner_id', '=', from).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export function categoryExists(db: Executor, code: string) {
  return db.selectFrom('partner_categories').select('code').where('code', '=', code).where('active', '=', true).executeTakeFirst().then((r) => r !== undefined);
}
