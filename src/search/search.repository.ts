import { sql } from 'kysely';
import { filteredAgreements, withListColumns, type AgreementFilter } from '../agreements/agreement.query.js';
import type { Executor } from '../db/database.js';

/** ts_rank weights for D, C, B, A: title and numbers count most, then partners, then the rest. */
const WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
/**
 * Score floors: any metadata hit ranks above a hit only in the documents' text (whose large vector is
 * matched but never ranked), and a near-miss adds a share of its similarity.
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

/**
 * One page of ranked results within the register's filters and the caller's scope, and how many there are
 * in all. Matching is one bitmap scan: metadata words, documents' words, near-miss agreements by id.
 */
export async function rankedAgreements(db: Executor, f: AgreementFilter, tsquery: string | null, fuzzy: FuzzyHit[], today: string, windowDays: number, limit: number, offset: number) {
  if (!tsquery && fuzzy.length === 0) return [];
  const ids = fuzzy.map((h) => h.agreement_id);
  let q = filteredAgreements(db, f, today, windowDays).innerJoin('agreement_search as s', 's.agreement_id', 'agreements.id');
  if (fuzzy.length) {
    const near = sql<FuzzyHit>`(select * from unnest(${ids}::uuid[], ${fuzzy.map((h) => h.sim)}::float8[]) as t(agreement_id, sim))`.as('fz');
    q = q.leftJoin(near, (j) => j.onRef('fz.agreement_id', '=', 'agreements.id')) as unknown as typeof q;
  }
  const metaHit = tsquery ? sql<boolean>`s.meta_tsv @@ ${tsquery}::tsquery` : sql<boolean>`false`;
  const near = fuzzy.length ? sql<number>`coalesce(fz.sim, 0)` : sql<number>`0`;
  const score = tsquery
    ? sql<number>`(case when ${metaHit} then ${META_HIT}::float8 + ts_rank(${WEIGHTS}::float4[], s.meta_tsv, ${tsquery}::tsquery) when ${near} = 0 then ${DOCUMENT_HIT}::float8 else 0 end + ${FUZZY_WEIGHT}::float8 * ${near})::float8`
    : sql<number>`(${FUZZY_WEIGHT}::float8 * ${near})::float8`;
  const match = [];
  if (tsquery) match.push(metaHit, sql<boolean>`s.doc_tsv @@ ${tsquery}::tsquery`);
  if (ids.length) match.push(sql<boolean>`s.agreement_id = any(${ids}::uuid[])`);
  // Scored in a subquery kept apart (OFFSET 0 stops PostgreSQL merging it into the outer query), so the window
  // that counts all hits buffers (id, score) and not the matched vectors, which spilled to disk.
  const scored = q.where(sql<boolean>`(${sql.join(match, sql` or `)})`).select(['agreements.id', score.as('score')]).offset(0);
  return db
    .selectFrom(scored.as('r'))
    .select(['r.id', 'r.score', sql<number>`count(*) over ()`.as('total')])
    .orderBy('r.score', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
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
