import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { WorkflowState } from '../db/schema-workflow.js';
import { statusExpression, statusPredicate, type Status } from './status.js';

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

function filtered(db: Executor, f: AgreementFilter, today: string, windowDays: number): Q {
  let q = db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .where('agreements.deleted_at', 'is', null)
    .where('units.path', 'like', `${f.scopePrefix}%`) as unknown as Q;
  if (f.unitPrefix && f.unitPrefix !== f.scopePrefix) q = q.where('units.path', 'like', `${f.unitPrefix}%`);
  if (f.kind) q = q.where('agreements.kind_code', '=', f.kind);
  if (f.workflowState) q = q.where('agreements.workflow_state', '=', f.workflowState);
  if (f.status) {
    const status = f.status;
    q = q.where((eb) => statusPredicate(eb as never, status, today, windowDays));
  }
  if (f.partnerCategory || f.partnerId) {
    q = q.where((eb) => {
      let sub = eb.selectFrom('agreement_partners as ap').innerJoin('partners as p', 'p.id', 'ap.partner_id').select(sql`1`.as('one')).whereRef('ap.agreement_id', '=', 'agreements.id');
      if (f.partnerCategory) sub = sub.where('p.category_code', '=', f.partnerCategory);
      if (f.partnerId) sub = sub.where('p.id', '=', f.partnerId);
      return eb.exists(sub);
    });
  }
  if (f.scope) {
    const scope = f.scope;
    q = q.where((eb) => eb.exists(eb.selectFrom('agreement_scopes as s').select(sql`1`.as('one')).whereRef('s.agreement_id', '=', 'agreements.id').where('s.scope_code', '=', scope)));
  }
  if (f.signingYear) q = q.where('agreements.signing_date', '>=', `${f.signingYear}-01-01`).where('agreements.signing_date', '<=', `${f.signingYear}-12-31`);
  if (f.endsWithinDays !== undefined) {
    // Same rule as the monitoring figures: signed, running (not ended early), ending in the window.
    q = q
      .where('agreements.signing_date', 'is not', null)
      .where('agreements.terminated_on', 'is', null)
      .where('agreements.end_date', '>=', today)
      .where('agreements.end_date', '<=', sql<string>`${today}::date + ${f.endsWithinDays}::int`);
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

export async function countAgreements(db: Executor, f: AgreementFilter, today: string, windowDays: number): Promise<number> {
  const r = await filtered(db, f, today, windowDays).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function listAgreementRows(db: Executor, f: AgreementFilter, today: string, windowDays: number, opts: { sort: Sort; dir: 'asc' | 'desc'; limit: number; offset: number }) {
  const column = {
    signingDate: 'agreements.signing_date',
    endDate: 'agreements.end_date',
    title: 'agreements.title',
    createdAt: 'agreements.created_at',
    number: 'agreements.number_first',
  } as const satisfies Record<Sort, string>;
  return withListColumns(filtered(db, f, today, windowDays), today, windowDays)
    .orderBy(sql.ref(column[opts.sort]), (ob) => (opts.dir === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('agreements.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}
export type AgreementListRow = Awaited<ReturnType<typeof listAgreementRows>>[number];

/** The register's filtered agreements, for features that rank and page them their own way (search). */
export const filteredAgreements = filtered;
export type FilteredAgreements = Q;

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
