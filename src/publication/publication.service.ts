import { todayIn } from '../shared/dates.js';
import type { AppDeps } from '../http/context.js';
import { fuzzyHits, parseQuery as parseTsQuery, MARK_END, MARK_START } from '../search/search.repository.js';
import { numberTerm, partnerTerm } from '../search/search.service.js';
import * as repo from './publication.repository.js';
import { fromJson } from './publication.repository.js';
import type { PublicListQuery } from './publication.schemas.js';
import { todayCached, versioned } from './page-cache.js';

/** ts_headline options as the staff search uses them (hits between MARK_START/MARK_END). */
const HEADLINE = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** Rows per query of a streamed download: large enough to be quick, small enough that memory stays flat. */
export const BATCH_ROWS = 1000;

const ctx = (deps: AppDeps) => ({ db: deps.database.db, today: todayCached(deps.now()), w: deps.config.expiryWindowDays });

async function filterOf(deps: AppDeps, q: Omit<PublicListQuery, 'page' | 'pageSize' | 'q' | 'lang'>): Promise<repo.PublicFilter> {
  let unitPrefix: string | undefined;
  if (q.unit) {
    const unit = await deps.database.db.selectFrom('units').select('path').where('id', '=', q.unit).executeTakeFirst();
    // An unknown unit matches nothing (rather than everything).
    unitPrefix = unit?.path ?? '/-/';
  }
  return { unitPrefix, kind: q.kind, status: q.status, partnerCategory: q.category, scope: q.scope, year: q.year };
}

/** Totals are counted up to here: past MAX_PAGE × 20 results the reader narrows the search instead. */
export const COUNT_CAP = 10_000;

export interface PublicListResult {
  rows: repo.PublicRow[];
  total: number;
  /** More than `total` match (counting stopped at COUNT_CAP). */
  totalIsLowerBound: boolean;
  snippets: Map<string, string[]>;
}

/** The published register, filtered; with words, ranked by the same Indonesian full-text search as inside. */
export async function listPublished(deps: AppDeps, q: PublicListQuery, extra: Partial<repo.PublicFilter> = {}): Promise<PublicListResult> {
  const { db, today, w } = ctx(deps);
  const filter = { ...(await filterOf(deps, q)), ...extra };
  const offset = (q.page - 1) * q.pageSize;
  if (!q.q) {
    const [rows, total] = await Promise.all([repo.listPage(db, filter, today, w, q.pageSize, offset), repo.count(db, filter, today, w, COUNT_CAP + 1)]);
    return { rows, total: Math.min(total, COUNT_CAP), totalIsLowerBound: total > COUNT_CAP, snippets: new Map() };
  }
  const tsquery = await parseTsQuery(db, q.q);
  const fuzzy = mergeFuzzy(await fuzzyHits(db, partnerTerm(q.q), numberTerm(q.q)));
  const { rows, total } = await repo.searchPage(db, filter, { tsquery, fuzzy }, today, w, q.pageSize, offset, COUNT_CAP + 1);
  const found = tsquery ? await repo.publicSnippets(db, rows.map((r) => r.id), tsquery, HEADLINE) : [];
  const snippets = new Map<string, string[]>();
  for (const s of found) snippets.set(s.agreement_id, [...(snippets.get(s.agreement_id) ?? []), s.headline]);
  return { rows, total: Math.min(total, COUNT_CAP), totalIsLowerBound: total > COUNT_CAP, snippets };
}

function mergeFuzzy(hits: { agreement_id: string; sim: number }[]) {
  const best = new Map<string, number>();
  for (const h of hits) best.set(h.agreement_id, Math.max(best.get(h.agreement_id) ?? 0, Number(h.sim)));
  return [...best].map(([agreement_id, sim]) => ({ agreement_id, sim }));
}

/** One published agreement with everything its public page shows, or null (never published, withdrawn, internal…). */
export async function publishedDetail(deps: AppDeps, id: string) {
  const { db, today, w } = ctx(deps);
  const row = await repo.detailRow(db, id, today, w);
  if (!row) return null;
  // Only what the page shows: partners and scopes come with the row; the family needs its own query.
  const relatives = row.parent_id || row.amends_id || row.renews_id || row.has_relatives ? await repo.relatives(db, row, today, w) : [];
  return { row, signatories: fromJson(row.signatories), relatives, copy: fromJson(row.public_copy) };
}
export type PublishedDetail = NonNullable<Awaited<ReturnType<typeof publishedDetail>>>;

/** The current public copy of a published agreement and a way to open its bytes. */
export async function publicCopyContent(deps: AppDeps, agreementId: string) {
  const copy = await repo.publicCopy(deps.database.db, agreementId);
  if (!copy) return null;
  return { copy, open: () => deps.storage.get(copy.sha256) };
}

/** A unit shown publicly only while its subtree holds published agreements. */
export async function publicUnit(deps: AppDeps, id: string) {
  const { db } = ctx(deps);
  const unit = await repo.unitWithCount(db, id);
  if (!unit || unit.published === 0) return null;
  return { unit, kanwil: unit.kind === 'kanwil' ? null : ((await repo.kanwilOf(db, unit.path)) ?? null) };
}

/** A partner shown publicly only while a published agreement names it. */
export async function publicPartner(deps: AppDeps, id: string) {
  const partner = await repo.partnerWithCount(deps.database.db, id);
  return partner && partner.published > 0 ? partner : null;
}

/**
 * The register's figures aggregate the whole published register (a few hundred ms at 100,000): kept in the page
 * cache at the publication version (page-cache.ts), so they are recounted after any change a page shows, at once.
 */
function readFigures(deps: AppDeps) {
  const { db, today, w } = ctx(deps);
  return Promise.all([repo.totals(db, today, w), repo.inForceBy(db, 'kanwil', today, w), repo.inForceBy(db, 'kind', today, w), repo.inForceBy(db, 'category', today, w), repo.publishedBySigningYear(db)]).then(
    ([totals, byKanwil, byKind, byCategory, byYear]) => ({ ...totals, byKanwil, byKind, byCategory, byYear, generatedAt: deps.now() }),
  );
}

export async function statistics(deps: AppDeps) {
  const { db, today, w } = ctx(deps);
  const [figures, newest] = await Promise.all([versioned(deps, 'figures', () => readFigures(deps)), repo.listPage(db, {}, today, w, 8, 0)]);
  return { ...figures, newest };
}
export type Statistics = Awaited<ReturnType<typeof statistics>>;

/** The newest publications, for the Atom feed. */
export function newestPublished(deps: AppDeps, n: number) {
  const { db, today, w } = ctx(deps);
  return repo.listPage(db, {}, today, w, n, 0);
}

/**
 * The whole published register in publication order, one keyset page at a time: no OFFSET, no transaction held
 * while a slow client downloads; an agreement published mid-download is included if it sorts after the cursor.
 */
export async function* publishedBatches(deps: AppDeps): AsyncGenerator<Awaited<ReturnType<typeof repo.batchAfter>>> {
  const { db, today, w } = ctx(deps);
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await repo.batchAfter(db, after, BATCH_ROWS, today, w);
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH_ROWS) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.cursor_at, id: last.id };
  }
}

export const publishedCount = (deps: AppDeps) => repo.count(deps.database.db, {}, todayIn(deps.now()), deps.config.expiryWindowDays);

export const SITEMAP_CHUNK = 40_000;

export async function sitemapIndex(deps: AppDeps) {
  const total = await repo.count(deps.database.db, {}, todayIn(deps.now()), deps.config.expiryWindowDays);
  return Math.max(1, Math.ceil(total / SITEMAP_CHUNK));
}
export const sitemapSlice = (deps: AppDeps, n: number) => repo.sitemapSlice(deps.database.db, n * SITEMAP_CHUNK, SITEMAP_CHUNK);
export const sitemapPages = async (deps: AppDeps) => ({
  units: await repo.unitsWithPublished(deps.database.db),
  partners: await repo.partnersWithPublished(deps.database.db),
});
/** The filter form's choices: the managed lists and the regions (Kanwil), kept at the publication version. */
const readLists = async (db: AppDeps['database']['db']) => {
  const [lists, regions] = await Promise.all([repo.lists(db), repo.regions(db)]);
  return { ...lists, regions };
};

export async function formLists(deps: AppDeps, selectedUnit: string | undefined) {
  const { db } = deps.database;
  const [lists, selected] = await Promise.all([versioned(deps, 'form lists', () => readLists(db)), selectedUnit ? repo.unitName(db, selectedUnit) : Promise.resolve(undefined)]);
  return { ...lists, selected: selected ?? null };
}
