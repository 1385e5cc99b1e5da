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
 * Bounded ranking (issue 4: p95 < 100 ms at 100,000 agreements). A common word matches a third of the register
 * or more; ranking every metadata hit read every search row. Instead, when more than RANK_POOL agreements match,
 * only the RANK_POOL most recent of them (signing date, newest first, then id: the register's default order,
 * which its covering index delivers) and every near miss are ranked and shown first; the other metadata hits
 * follow in that recency order, then the hits only in documents. Up to RANK_POOL matches, all are ranked.
 */
export const RANK_POOL = 1_000;
/**
 * Metadata hits are counted up to this many (at least RANK_POOL); beyond it the total is a lower bound
 * ("lebih dari 1.000"), as for hits only in documents: an exact count of a common word reads every search row.
 */
export const META_COUNT_CAP = 1_000;

export interface SearchLimits {
  /** Hits only in documents counted up to this many. */
  docCap: number;
  rankPool: number;
  metaCountCap: number;
}

/**
 * Tier 1 candidates: agreements whose metadata matches (or a near miss points at), within the filters and
 * scope. Nothing is ranked here: scores are computed for the few rows kept. Usually PostgreSQL matches through
 * the GIN index; when the filters leave few agreements (`probe`), each of them is looked up by key instead
 * (a lateral join PostgreSQL cannot turn into a scan of every search row, which its cost model prefers).
 */
function metadataHits(db: Executor, f: AgreementFilter, t: SearchTerms, today: string, windowDays: number, probe = false) {
  const ids = t.fuzzy.map((h) => h.agreement_id);
  const metaHit = t.tsquery ? sql<boolean>`s.meta_tsv @@ ${t.tsquery}::tsquery` : sql<boolean>`false`;
  const match = [metaHit, ...(ids.length ? [sql<boolean>`s.agreement_id = any(${ids}::uuid[])`] : [])];
  const base = matchingAgreements(db, f, today, windowDays);
  const joined = probe
    ? base.innerJoinLateral(
        (eb) => eb.selectFrom('agreement_search as s0').select(['s0.agreement_id', 's0.meta_tsv']).whereRef('s0.agreement_id', '=', 'agreements.id').offset(0).as('s'),
        (j) => j.onTrue(),
      )
    : base.innerJoin('agreement_search as s', 's.agreement_id', 'agreements.id');
  return joined.where(sql<boolean>`(${sql.join(match, sql` or `)})`);
}

/** At most this many agreements left by the filters and scope: search probes them one by one (see metadataHits). */
const PROBE_AT_MOST = 10_000;

/** Whether the filters and scope leave at most PROBE_AT_MOST agreements (a count along the covering indexes). */
async function fewFiltered(db: Executor, f: AgreementFilter, today: string, windowDays: number): Promise<boolean> {
  const narrowed = f.scopePrefix !== '/' || Object.entries(f).some(([k, v]) => k !== 'scopePrefix' && v !== undefined && v !== false);
  if (!narrowed) return false;
  const sub = matchingAgreements(db, f, today, windowDays).select(sql`1`.as('one')).limit(PROBE_AT_MOST + 1);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${sub}) c`.execute(db);
  return Number(rows[0]!.n) <= PROBE_AT_MOST;
}

/**
 * The text part of a metadata hit's score: ts_rank over the small metadata vector. A near miss's share of its
 * similarity is added in searchPage from the near misses in memory (looking it up per row in SQL scanned the
 * whole list of near misses for every row).
 */
function textScore(t: SearchTerms) {
  return t.tsquery
    ? sql<number>`(case when s.meta_tsv @@ ${t.tsquery}::tsquery then ${META_HIT}::float8 + ts_rank(${WEIGHTS}::float4[], s.meta_tsv, ${t.tsquery}::tsquery) else 0 end)::float8`
    : sql<number>`0::float8`;
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

type Scored = { id: string; score: number };

/**
 * One page of results and the total. Metadata hits come first: the ranked pool (see RANK_POOL) best first,
 * then the rest of the metadata hits newest first; then agreements found only in their documents' text, which
 * share one score (their large vectors are matched, never ranked) and so follow in id order. Counting is
 * bounded too: metadata hits up to metaCountCap, document-only hits up to docCap (`capped` then says the
 * total is a lower bound).
 */
export async function searchPage(db: Executor, f: AgreementFilter, t: SearchTerms, today: string, windowDays: number, limit: number, offset: number, cap = DOCUMENT_COUNT_CAP, limits: Partial<Omit<SearchLimits, 'docCap'>> = {}) {
  if (!t.tsquery && t.fuzzy.length === 0) return { rows: [] as Scored[], total: 0, capped: false };
  const pool = limits.rankPool ?? RANK_POOL;
  const countCap = Math.max(limits.metaCountCap ?? META_COUNT_CAP, pool);
  // Parallel workers are off for these statements: each reads a few thousand rows at most, and on a busy
  // machine starting workers cost more (50 ms and up) than the work they share.
  return db.transaction().execute(async (tx) => {
    await sql.raw('set local max_parallel_workers_per_gather = 0').execute(tx);
    const hits = metadataHits(tx, f, t, today, windowDays, await fewFiltered(tx, f, today, windowDays));
    const docs = t.tsquery ? documentOnlyHits(tx, f, { ...t, tsquery: t.tsquery }, today, windowDays) : null;
    const countDocs = async () => (docs ? Number((await sql<{ d: number }>`select count(*)::int as d from (select 1 from (${docs}) d limit ${cap + 1}::int) c`.execute(tx)).rows[0]!.d) : 0);
    const metaCount = Number((await sql<{ m: number }>`select count(*)::int as m from (${hits.select(sql`1`.as('one')).limit(countCap + 1)}) c`.execute(tx)).rows[0]!.m);
    // Beyond the cap the total is a lower bound anyway: documents' hits are counted only when a page reaches them
    // (proving that a phrase in every agreement's metadata has no document-only hit reads every search row).
    let docCount: number | null = metaCount <= countCap ? await countDocs() : null;

    // The metadata hits newest first, as far as this page needs (and the whole pool), with their scores.
    const want = Math.max(pool, offset + limit);
    const walked = metaCount > 0 && (docCount === null || offset < metaCount + docCount);
    let walk: Scored[] = [];
    if (walked && metaCount > pool) {
      // Many hits: PostgreSQL walks the signing-date index (agreements_live_signing_cover) and stops after
      // `want` hits when they are dense, or sorts them from the GIN index when they are sparse.
      // Scored outside that query, so that whichever plan PostgreSQL picks, only the rows kept are ranked.
      // No hash join for this one statement: PostgreSQL underestimates how many agreements hold two common
      // words together (a fifth of the register, estimated at 6 %) and then hashes every match against a scan of
      // the whole register (64 ms on PGlite) instead of walking the index (26 ms). Sparse hits still come from
      // the GIN index, joined by key.
      await sql.raw('set local enable_hashjoin = off').execute(tx);
      const newest = hits.select(['agreements.id', 'agreements.signing_date']).orderBy(sql`agreements.signing_date desc nulls last`).orderBy('agreements.id').limit(want);
      walk = await tx
        .selectFrom(newest.as('h'))
        .innerJoin('agreement_search as s', 's.agreement_id', 'h.id')
        .select(['h.id', textScore(t).as('score')])
        .orderBy(sql`h.signing_date desc nulls last`)
        .orderBy('h.id')
        .execute();
      await sql.raw('set local enable_hashjoin = on').execute(tx);
    } else if (walked) {
      // Few (all ranked): sorted from the GIN matches; OFFSET 0 keeps PostgreSQL from walking the index past
      // the whole register to find them.
      const sub = hits.select(['agreements.id', 'agreements.signing_date', textScore(t).as('score')]).offset(0);
      walk = await tx.selectFrom(sub.as('h')).select(['h.id', 'h.score']).orderBy(sql`h.signing_date desc nulls last`).orderBy('h.id').limit(want).execute();
    }
    let near: Scored[] = [];
    if (t.fuzzy.length && walk.length >= pool) {
      // Near misses outside the recency pool are ranked too (at most a few hundred), each found by its key.
      await sql.raw('set local enable_seqscan = off').execute(tx);
      const seen = new Set(walk.slice(0, pool).map((r) => r.id));
      const ids = t.fuzzy.map((h) => h.agreement_id).filter((id) => !seen.has(id));
      if (ids.length) near = await hits.where('agreements.id', 'in', ids).select(['agreements.id', textScore(t).as('score')]).execute();
    }
    const similarity = new Map(t.fuzzy.map((h) => [h.agreement_id, Number(h.sim)]));
    const asScored = (r: Scored) => ({ id: r.id, score: Number(r.score) + FUZZY_WEIGHT * (similarity.get(r.id) ?? 0) });
    const ranked = [...walk.slice(0, pool), ...near].map(asScored);
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const inPool = new Set(ranked.map((r) => r.id));
    const ordered = [...ranked, ...walk.slice(pool).filter((r) => !inPool.has(r.id)).map(asScored)];
    const page = ordered.slice(offset, offset + limit);

    // The metadata total is exact when counted below the cap, or when the walk ran out before `want` (it then
    // holds every hit); only then can documents' hits follow on this page.
    const exhausted = metaCount <= countCap || (walked && walk.length < want);
    const metaTotal = metaCount <= countCap ? metaCount : exhausted ? ordered.length : countCap;
    const room = limit - page.length;
    if (exhausted && docCount === null) docCount = await countDocs();
    if (docs && exhausted && room > 0 && docCount! > 0) {
      const { rows: more } = await sql<{ id: string }>`select id from (${docs}) d order by id limit ${room}::int offset ${Math.max(0, offset - metaTotal)}::int`.execute(tx);
      page.push(...more.map((r) => ({ id: r.id, score: DOCUMENT_HIT })));
    }
    return { rows: page, total: metaTotal + Math.min(docCount ?? 0, cap), capped: !exhausted || (docCount ?? 0) > cap };
  });
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
