import { sql } from 'kysely';
import { filteredAgreements, matchingAgreements, withListColumns, type AgreementFilter } from '../agreements/agreement.query.js';
import type { Executor } from '../db/database.js';

/** ts_rank weights for D, C, B, A: title and numbers count most, then partners, then the rest. */
const WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
/**
 * Scores: any metadata hit ranks above a hit only in the documents' text (whose large vector is matched but
 * never ranked), and a near miss adds a share of its similarity.
 */
const META_HIT = 0.05;
const DOCUMENT_HIT = 0.01;
const FUZZY_WEIGHT = 0.5;
/** Typo tolerance: how alike (trigram word similarity, 0–1) a partner name or an agreement number must be. */
export const PARTNER_SIMILARITY = 0.6;
export const NUMBER_SIMILARITY = 0.8;
/** Near misses are for finding one partner or one agreement: only the closest few count. */
const FUZZY_PARTNERS = 20;
const FUZZY_NUMBERS = 50;
/** Marks ts_headline puts around hits; private-use characters that stored text never contains (see clean()). */
export const MARK_START = '\ue000';
export const MARK_END = '\ue001';
const HEADLINE = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const SNIPPETS_PER_AGREEMENT = 2;

export interface FuzzyHit {
  agreement_id: string;
  sim: number;
}

/** The query as PostgreSQL parses it (stemmed, accents folded, phrases and exclusions kept); null if no words. */
export async function parseQuery(db: Executor, q: string): Promise<string | null> {
  const { rows } = await sql<{ q: string; n: number }>`select websearch_to_tsquery('p2ma_id', ${q})::text as q, numnode(websearch_to_tsquery('p2ma_id', ${q})) as n`.execute(db);
  return rows[0] && rows[0].n > 0 ? rows[0].q : null;
}

/**
 * Near misses: agreements of the partners whose normalised name is alike the query (a typo in a partner's
 * name; compared against the partner list, not every agreement), and agreements whose numbers are alike it
 * (a typo in a number). In one short transaction whose settings hold for these two statements only: the
 * similarity bars, and no sequential scans. pg_trgm's GIN index answers these in milliseconds, but the
 * planner overestimates its cost and would rather compute the similarity for every row (25× slower).
 */
export async function fuzzyHits(db: Executor, partner: string | null, number: string | null): Promise<FuzzyHit[]> {
  if (!partner && !number) return [];
  return db.transaction().execute(async (tx) => {
    await sql.raw('set local enable_seqscan = off').execute(tx);
    const hits: FuzzyHit[] = [];
    if (partner) {
      await sql.raw(`set local pg_trgm.word_similarity_threshold = ${PARTNER_SIMILARITY}`).execute(tx);
      const { rows } = await sql<FuzzyHit>`
        select ap.agreement_id, max(x.sim)::float8 as sim
        from (
          select id, word_similarity(${partner}, search_name) as sim from partners
          where ${partner} <% search_name and merged_into is null
          order by sim desc limit ${FUZZY_PARTNERS}::int
        ) x
        join agreement_partners ap on ap.partner_id = x.id
        group by ap.agreement_id
      `.execute(tx);
      hits.push(...rows);
    }
    if (number) {
      await sql.raw(`set local pg_trgm.word_similarity_threshold = ${NUMBER_SIMILARITY}`).execute(tx);
      // The expression of the agreements_number_trgm index; deleted agreements are left out by the filter later.
      const { rows } = await sql<FuzzyHit>`
        select id as agreement_id, word_similarity(${number}, coalesce(number_first,'') || ' ' || coalesce(number_second,''))::float8 as sim
        from agreements
        where ${number} <% (coalesce(number_first,'') || ' ' || coalesce(number_second,''))
        order by sim desc limit ${FUZZY_NUMBERS}::int
      `.execute(tx);
      hits.push(...rows);
    }
    return hits;
  });
}

/** Hits only in documents' text are counted up to this many: beyond it the total is a lower bound. */
export const DOCUMENT_COUNT_CAP = 1_000;

export interface SearchTerms {
  tsquery: string | null;
  fuzzy: FuzzyHit[];
}

/**
 * Tier 1: agreements whose metadata matches (or a near miss points at), within the filters and scope, scored.
 * Only this small vector is ranked.
 */
function metadataHits(db: Executor, f: AgreementFilter, t: SearchTerms, today: string, windowDays: number) {
  const ids = t.fuzzy.map((h) => h.agreement_id);
  const metaHit = t.tsquery ? sql<boolean>`s.meta_tsv @@ ${t.tsquery}::tsquery` : sql<boolean>`false`;
  const rank = t.tsquery ? sql<number>`${META_HIT}::float8 + ts_rank(${WEIGHTS}::float4[], s.meta_tsv, ${t.tsquery}::tsquery)` : sql<number>`0`;
  const match = [metaHit, ...(ids.length ? [sql<boolean>`s.agreement_id = any(${ids}::uuid[])`] : [])];
  const hits = matchingAgreements(db, f, today, windowDays)
    .innerJoin('agreement_search as s', 's.agreement_id', 'agreements.id')
    .where(sql<boolean>`(${sql.join(match, sql` or `)})`)
    .select(['agreements.id', sql<number>`(case when ${metaHit} then ${rank} else 0 end)::float8`.as('rank')]);
  if (!ids.length) return db.selectFrom(hits.as('h')).select(['h.id', 'h.rank as score']);
  // The near misses' similarity joins the hits, not the register: kept apart by OFFSET 0, or PostgreSQL joins
  // it to every agreement before the text condition has narrowed them down.
  const near = sql<FuzzyHit>`(select * from unnest(${ids}::uuid[], ${t.fuzzy.map((h) => h.sim)}::float8[]) as t(agreement_id, sim))`.as('fz');
  return db
    .selectFrom(hits.offset(0).as('h'))
    .leftJoin(near, (j) => j.onRef('fz.agreement_id', '=', 'h.id'))
    .select(['h.id', sql<number>`(h.rank + ${FUZZY_WEIGHT}::float8 * coalesce(fz.sim, 0))::float8`.as('score')]);
}

/**
 * Tier 2: agreements found only in their documents' text, within the filters and scope. "Not in tier 1" is
 * checked row by row (the metadata vector, the near misses) rather than against all of tier 1, so counting
 * up to the cap costs the same whether tier 1 holds ten agreements or a hundred thousand.
 */
function documentOnlyHits(db: Executor, f: AgreementFilter, t: SearchTerms & { tsquery: string }, today: string, windowDays: number) {
  const ids = t.fuzzy.map((h) => h.agreement_id);
  let q = matchingAgreements(db, f, today, windowDays)
    .innerJoin('agreement_texts as t', 't.agreement_id', 'agreements.id')
    .innerJoin('agreement_search as ms', 'ms.agreement_id', 'agreements.id')
    .where(sql<boolean>`t.doc_tsv @@ ${t.tsquery}::tsquery`)
    .where(sql<boolean>`not (ms.meta_tsv @@ ${t.tsquery}::tsquery)`);
  if (ids.length) q = q.where(sql<boolean>`agreements.id <> all(${ids}::uuid[])`);
  return q.select('agreements.id');
}

/**
 * One page of results and the total. Metadata hits come first, best rank first; then agreements found only
 * in their documents' text, which share one score (their large vectors are matched, never ranked) and so
 * follow in id order. A common word can match most of the register: ranking all its metadata hits is cheap,
 * but counting all its document-only hits is not, so those are counted up to DOCUMENT_COUNT_CAP.
 */
export async function searchPage(db: Executor, f: AgreementFilter, t: SearchTerms, today: string, windowDays: number, limit: number, offset: number, cap = DOCUMENT_COUNT_CAP) {
  if (!t.tsquery && t.fuzzy.length === 0) return { rows: [] as { id: string; score: number }[], total: 0, capped: false };
  const m = metadataHits(db, f, t, today, windowDays);
  const docs = t.tsquery ? documentOnlyHits(db, f, { ...t, tsquery: t.tsquery }, today, windowDays) : null;
  const docCount = docs ? sql<number>`(select count(*) from (select 1 from (${docs}) d limit ${cap + 1}::int) c)` : sql<number>`0`;
  const { rows } = await sql<{ m_total: number; d_total: number; page: { id: string; score: number }[] }>`
    with m as materialized (${m})
    select (select count(*) from m)::int as m_total, ${docCount}::int as d_total,
      (select coalesce(json_agg(json_build_object('id', x.id, 'score', x.score) order by x.score desc, x.id), '[]'::json)
       from (select id, score from m order by score desc, id limit ${limit}::int offset ${offset}::int) x) as page
  `.execute(db);
  const head = rows[0]!;
  const mTotal = Number(head.m_total);
  const dTotal = Number(head.d_total);
  const page = typeof head.page === 'string' ? (JSON.parse(head.page) as typeof head.page) : head.page;
  const room = limit - page.length;
  if (docs && room > 0 && dTotal > 0) {
    const { rows: more } = await sql<{ id: string }>`select id from (${docs}) d order by id limit ${room}::int offset ${Math.max(0, offset - mTotal)}::int`.execute(db);
    page.push(...more.map((r) => ({ id: r.id, score: DOCUMENT_HIT })));
  }
  return { rows: page, total: mTotal + Math.min(dTotal, cap), capped: dTotal > cap };
}

/** Register rows (the list's shape) of the given agreements, still bounded by the filter's scope. */
export function listRowsByIds(db: Executor, f: AgreementFilter, ids: string[], today: string, windowDays: number) {
  if (ids.length === 0) return Promise.resolve([]);
  return withListColumns(filteredAgreements(db, { scopePrefix: f.scopePrefix }, today, windowDays).where('agreements.id', 'in', ids), today, windowDays).execute();
}

/**
 * The best pages of each agreement's current documents for the query, as ts_headline fragments with the
 * hits between MARK_START and MARK_END (made safe HTML by the presenter).
 */
export async function snippets(db: Executor, agreementIds: string[], tsquery: string) {
  if (agreementIds.length === 0) return [];
  const { rows } = await sql<{ agreement_id: string; document_id: string; page: number; headline: string }>`
    select x.agreement_id, x.document_id, x.page, ts_headline('p2ma_id', x.text, ${tsquery}::tsquery, ${HEADLINE}) as headline
    from (
      select p.agreement_id, p.document_id, p.page, p.text,
        row_number() over (partition by p.agreement_id order by ts_rank(p.tsv, ${tsquery}::tsquery) desc, p.document_id, p.page) as rn
      from document_pages p
      where p.agreement_id in (${sql.join(agreementIds)}) and p.searchable and p.tsv @@ ${tsquery}::tsquery
    ) x
    where x.rn <= ${SNIPPETS_PER_AGREEMENT}
    order by x.agreement_id, x.rn
  `.execute(db);
  return rows;
}
