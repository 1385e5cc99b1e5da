import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** Partners alike the text are looked up first (pg_trgm's index), then kept if the caller sees their agreements. */
const PARTNER_CANDIDATES = 30;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/**
 * Agreements in the caller's scope whose first- or second-party number contains the text; numbers that
 * start with it first. The number expression is the agreements_number_trgm index's, so `ilike` uses it.
 */
export async function agreementsByNumber(db: Executor, scopePrefix: string, text: string, limit: number) {
  const like = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const { rows } = await sql<{ id: string; title: string; number_first: string | null; number_second: string | null; unit_name: string }>`
    select a.id, a.title, a.number_first, a.number_second, u.name as unit_name
    from agreements a join units u on u.id = a.unit_id
    where a.deleted_at is null and u.path like ${`${scopePrefix}%`}
      and (coalesce(a.number_first,'') || ' ' || coalesce(a.number_second,'')) ilike ${like}
    order by (a.number_first ilike ${prefix} or a.number_second ilike ${prefix}) desc, a.number_first nulls last, a.id
    limit ${limit}::int
  `.execute(db);
  return rows;
}

/**
 * Partners whose normalised name contains or resembles the text (pg_trgm's `<%`, its default word-similarity
 * bar 0.6, answered by partners_search_trgm) and who have agreements the caller may see, with how many: the
 * register can only be narrowed to partners it holds.
 */
export async function partnersInScope(db: Executor, scopePrefix: string, normalized: string, limit: number) {
  const like = `%${escapeLike(normalized)}%`;
  const { rows } = await sql<{ id: string; name: string; category_name: string; agreements: number }>`
    select p.id, p.name, c.name as category_name, count(distinct a.id)::int as agreements
    from (
      select id, greatest(word_similarity(${normalized}, search_name), case when search_name like ${like} then 1 else 0 end) as score
      from partners
      where merged_into is null and (search_name like ${like} or ${normalized} <% search_name)
      order by score desc, id
      limit ${PARTNER_CANDIDATES}::int
    ) x
    join partners p on p.id = x.id
    join partner_categories c on c.code = p.category_code
    join agreement_partners ap on ap.partner_id = p.id
    join agreements a on a.id = ap.agreement_id and a.deleted_at is null
    join units u on u.id = a.unit_id and u.path like ${`${scopePrefix}%`}
    group by p.id, p.name, c.name, x.score
    order by x.score desc, p.name
    limit ${limit}::int
  `.execute(db);
  return rows;
}
