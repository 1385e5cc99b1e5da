import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { WorkflowState } from '../db/schema-workflow.js';
import { endsWithinPredicate, statusExpression, statusPredicate, type Status } from './status.js';

/** The register's filters; the same ones drive the list, its count, and the XLSX/CSV export. */
export interface AgreementFilter {
  /** Unit-path prefix the caller may see (from access). */
  scopePrefix: string;
  /** Optional narrower subtree (a unit the caller picked), as a path prefix. */
  unitPrefix?: string | undefined;
  kind?: string | undefined;
  status?: Status | undefined;
  partnerCategory?: string | undefined;
  partnerId?: string | undefined;
  scope?: string | undefined;
  signingYear?: number | undefined;
  endsWithinDays?: number | undefined;
  noSignedDocument?: boolean | undefined;
  noReportThisYear?: boolean | undefined;
  workflowState?: WorkflowState | undefined;
  q?: string | undefined;
}

export const SORTS = ['signingDate', 'endDate', 'title', 'createdAt', 'number'] as const;
export type Sort = (typeof SORTS)[number];

type Q = SelectQueryBuilder<DB, 'agreements' | 'units', object>;

/** An agreement with a partner of this category and/or this partner (the register's and the portal's filter). */
export function hasPartner(eb: ExpressionBuilder<DB, 'agreements'>, f: { partnerCategory?: string | undefined; partnerId?: string | undefined }) {
  let sub = eb.selectFrom('agreement_partners as ap').innerJoin('partners as p', 'p.id', 'ap.partner_id').select(sql`1`.as('one')).whereRef('ap.agreement_id', '=', 'agreements.id');
  if (f.partnerCategory) sub = sub.where('p.category_code', '=', f.partnerCategory);
  if (f.partnerId) sub = sub.where('p.id', '=', f.partnerId);
  return eb.exists(sub);
}

/** An agreement with this scope (ruang lingkup) among its scopes. */
export function hasScope(eb: ExpressionBuilder<DB, 'agreements'>, scope: string) {
  return eb.exists(eb.selectFrom('agreement_scopes as s').select(sql`1`.as('one')).whereRef('s.agreement_id', '=', 'agreements.id').where('s.scope_code', '=', scope));
}

/** Signed in this calendar year (a range on signing_date, so the index serves it). */
export function signedIn(eb: ExpressionBuilder<DB, 'agreements'>, year: number) {
  return eb.and([eb('agreements.signing_date', '>=', `${year}-01-01`), eb('agreements.signing_date', '<=', `${year}-12-31`)]);
}
type Core = SelectQueryBuilder<DB, 'agreements', object>;

/**
 * The filters as conditions on `agreements` alone. The caller's scope is a semi-join on the units of the
 * subtree (nothing for the whole register, prefix '/'), so counting and paging never join units row by row
 * and read only the columns of the covering indexes of migration 0008.
 */
function core(db: Executor, f: AgreementFilter, today: string, windowDays: number): Core {
  let q = db.selectFrom('agreements').where('agreements.deleted_at', 'is', null);
  for (const prefix of new Set([f.scopePrefix, f.unitPrefix ?? f.scopePrefix])) {
    if (prefix !== '/') q = q.where('agreements.unit_id', 'in', (eb) => eb.selectFrom('units').select('units.id').where('units.path', 'like', `${prefix}%`));
  }
  if (f.kind) q = q.where('agreements.kind_code', '=', f.kind);
  if (f.workflowState) q = q.where('agreements.workflow_state', '=', f.workflowState);
  if (f.status) {
    const status = f.status;
    q = q.where((eb) => statusPredicate(eb, status, today, windowDays));
  }
  if (f.partnerCategory || f.partnerId) q = q.where((eb) => hasPartner(eb, f));
  if (f.scope) q = q.where((eb) => hasScope(eb, f.scope!));
  if (f.signingYear) q = q.where((eb) => signedIn(eb, f.signingYear!));
  if (f.endsWithinDays !== undefined) {
    // Same rule as the monitoring figures: signed, running (not ended early), ending in the window.
    const days = f.endsWithinDays;
    q = q.where((eb) => endsWithinPredicate(eb, today, days));
  }
  if (f.noSignedDocument) {
    // A draft has no signed copy by definition; the worklist is about signed agreements without one.
    q = q.where('agreements.signing_date', 'is not', null);
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('documents as d').select(sql`1`.as('one')).whereRef('d.agreement_id', '=', 'agreements.id').where('d.role', '=', 'naskah_ttd').where('d.deleted_at', 'is', null))));
  }
  if (f.noReportThisYear) {
    const yearStart = `${today.slice(0, 4)}-01-01`;
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('reports as r').select(sql`1`.as('one')).whereRef('r.agreement_id', '=', 'agreements.id').where('r.deleted_at', 'is', null).where('r.period_end', '>=', yearStart))));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('agreements.title', 'ilike', like),
        eb('agreements.number_first', 'ilike', like),
        eb('agreements.number_second', 'ilike', like),
        eb.exists(eb.selectFrom('agreement_partners as ap').innerJoin('partners as p', 'p.id', 'ap.partner_id').select(sql`1`.as('one')).whereRef('ap.agreement_id', '=', 'agreements.id').where('p.name', 'ilike', like)),
      ]),
    );
  }
  return q;
}

/** The filtered agreements with their unit joined (for the unit's name and code in the columns). */
function filtered(db: Executor, f: AgreementFilter, today: string, windowDays: number): Q {
  return core(db, f, today, windowDays).innerJoin('units', 'units.id', 'agreements.unit_id') as unknown as Q;
}

export async function countAgreements(db: Executor, f: AgreementFilter, today: string, windowDays: number): Promise<number> {
  const r = await core(db, f, today, windowDays).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

const SORT_COLUMN = {
  signingDate: 'agreements.signing_date',
  endDate: 'agreements.end_date',
  title: 'agreements.title',
  createdAt: 'agreements.created_at',
  number: 'agreements.number_first',
} as const satisfies Record<Sort, string>;

interface PageOptions {
  sort: Sort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

function ordered<T extends Core | Q>(q: T, sort: Sort, dir: 'asc' | 'desc'): T {
  return (q as Core).orderBy(sql.ref(SORT_COLUMN[sort]), (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast()).orderBy('agreements.id') as T;
}

/**
 * One page of the register in the list's shape. The page's ids are chosen from the narrow filter alone (a
 * covering index when sorting by a date), and only those rows are then read in full with their partners,
 * scopes and status: sorting 25,000 matches costs the same as counting them.
 */
export function listAgreementRows(db: Executor, f: AgreementFilter, today: string, windowDays: number, opts: PageOptions) {
  const page = ordered(core(db, f, today, windowDays).select('agreements.id'), opts.sort, opts.dir).limit(opts.limit).offset(opts.offset);
  return ordered(withListColumns(filtered(db, { scopePrefix: f.scopePrefix }, today, windowDays), today, windowDays).where('agreements.id', 'in', page), opts.sort, opts.dir).execute();
}
export type AgreementListRow = Awaited<ReturnType<typeof listAgreementRows>>[number];

/** Below this many matches a page is sorted from all of them rather than found along an index (see listPage). */
const FEW_MATCHES = 5_000;

/**
 * The register list's page and its total, both from the covering indexes of migration 0008; only the page's
 * rows are then read in full. Many matches: the page is the first matches along the order's index (the
 * signing-date index for the default order), which stops after a page. Few matches: walking that index
 * could pass the whole register to find them, so they are taken from the filter and sorted instead.
 */
export async function listPage(db: Executor, f: AgreementFilter, today: string, windowDays: number, opts: PageOptions): Promise<{ rows: AgreementListRow[]; total: number }> {
  const total = await countAgreements(db, f, today, windowDays);
  if (total === 0 || opts.offset >= total) return { rows: [], total };
  let ids: string[];
  if (total > FEW_MATCHES) {
    ids = (await ordered(core(db, f, today, windowDays).select('agreements.id'), opts.sort, opts.dir).limit(opts.limit).offset(opts.offset).execute()).map((r) => r.id);
  } else {
    // OFFSET 0 keeps PostgreSQL from turning the sort back into an index walk.
    const matches = core(db, f, today, windowDays).select(['agreements.id', sql.ref(SORT_COLUMN[opts.sort]).as('k')]).offset(0);
    ids = (
      await db
        .selectFrom(matches.as('m'))
        .select('m.id')
        .orderBy(sql.ref('m.k'), (ob) => (opts.dir === 'asc' ? ob.asc() : ob.desc()).nullsLast())
        .orderBy('m.id')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute()
    ).map((r) => r.id);
  }
  const found = await withListColumns(filtered(db, { scopePrefix: f.scopePrefix }, today, windowDays), today, windowDays).where('agreements.id', 'in', ids).execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  return { rows: ids.map((id) => byId.get(id)).filter((r): r is AgreementListRow => r !== undefined), total };
}

/** The register's filtered agreements, for features that rank and page them their own way (search). */
export const filteredAgreements = filtered;
export type FilteredAgreements = Q;
/** The same without the unit joined: for matching and counting, where no unit column is read. */
export const matchingAgreements = core;

/** The columns of a register row, shared by the list and by search results. */
export function withListColumns(q: Q, today: string, windowDays: number) {
  return q
    .innerJoin('agreement_kinds as k', 'k.code', 'agreements.kind_code')
    .select([
      'agreements.id', 'agreements.title', 'agreements.kind_code', 'k.name as kind_name', 'agreements.number_first', 'agreements.number_second',
      'agreements.signing_date', 'agreements.start_date', 'agreements.end_date', 'agreements.confidentiality', 'agreements.unit_id',
      'units.name as unit_name', 'units.code as unit_code', 'agreements.created_at', 'agreements.workflow_state',
    ])
    .select(statusExpression(today, windowDays).as('status'))
    .select(sql<string | null>`(select string_agg(p.name, '; ' order by ap.position) from agreement_partners ap join partners p on p.id = ap.partner_id where ap.agreement_id = agreements.id)`.as('partner_names'))
    .select(sql<string | null>`(select string_agg(distinct c.name, '; ') from agreement_partners ap join partners p on p.id = ap.partner_id join partner_categories c on c.code = p.category_code where ap.agreement_id = agreements.id)`.as('partner_categories'))
    .select(sql<string | null>`(select string_agg(s.name, '; ' order by s.sort) from agreement_scopes x join scopes s on s.code = x.scope_code where x.agreement_id = agreements.id)`.as('scope_names'))
    .select(sql<boolean>`exists (select 1 from documents d where d.agreement_id = agreements.id and d.role = 'naskah_ttd' and d.deleted_at is null)`.as('has_signed_document'));
}
