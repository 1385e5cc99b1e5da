import type { Actor } from '../access/access.js';
import { filterFor, today } from '../agreements/agreement.service.js';
import type { AppDeps } from '../http/context.js';
import { normalizePartnerName } from '../partners/normalize.js';
import * as repo from './search.repository.js';
import type { SearchQuery } from './search.schemas.js';

/** Typo tolerance needs enough letters to compare: shorter queries match words exactly (stemmed) only. */
const MIN_FUZZY_CHARS = 4;

/** The query normalised like partner names, unless it is too short or uses phrase/exclusion syntax. */
export function partnerTerm(q: string): string | null {
  if (/["]|(^|\s)-\S/.test(q)) return null;
  const normalized = normalizePartnerName(q);
  return normalized.replace(/\s/g, '').length >= MIN_FUZZY_CHARS ? normalized : null;
}

/** A query that looks like an agreement number (digits with . / - between them, no phrase syntax). */
export function numberTerm(q: string): string | null {
  const compact = q.trim().toLowerCase();
  if (compact.includes('"') || !/\d/.test(compact) || !/[./-]/.test(compact) || compact.length < 5) return null;
  return /^[\p{L}\p{N}./\-\s]+$/u.test(compact) ? compact : null;
}

/**
 * Full-text search over the register: agreements' metadata and their documents' text, stemmed and
 * accent-blind, with phrases in quotes, typo-tolerant partner names and numbers, the register's filters,
 * and only what the caller may see (the filter starts from their scope).
 */
export async function search(deps: AppDeps, actor: Actor, q: SearchQuery) {
  const { q: text, page, pageSize, ...filters } = q;
  const filter = await filterFor(deps, actor, filters);
  const { db } = deps.database;
  const t = today(deps);
  const w = deps.config.expiryWindowDays;
  const tsquery = await repo.parseQuery(db, text);
  const fuzzy = mergeFuzzy(await repo.fuzzyHits(db, partnerTerm(text), numberTerm(text)));
  const { rows: ranked, total, capped } = await repo.searchPage(db, filter, { tsquery, fuzzy }, t, w, pageSize, (page - 1) * pageSize);
  const ids = ranked.map((r) => r.id);
  const [rows, found] = await Promise.all([repo.listRowsByIds(db, filter, ids, t, w), tsquery ? repo.snippets(db, ids, tsquery) : Promise.resolve([])]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total,
    totalCapped: capped,
    results: ranked
      .filter((r) => byId.has(r.id))
      .map((r) => ({ row: byId.get(r.id)!, score: r.score, snippets: found.filter((s) => s.agreement_id === r.id) })),
  };
}
export type SearchResult = Awaited<ReturnType<typeof search>>;

/** One near miss per agreement: the closest of its partner and number matches. */
function mergeFuzzy(hits: repo.FuzzyHit[]): repo.FuzzyHit[] {
  const best = new Map<string, number>();
  for (const h of hits) best.set(h.agreement_id, Math.max(best.get(h.agreement_id) ?? 0, Number(h.sim)));
  return [...best].map(([agreement_id, sim]) => ({ agreement_id, sim }));
}
