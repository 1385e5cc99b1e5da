import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Lifecycle status, derived from dates and events (never stored, so it is never stale):
 * draft (not signed yet) · diakhiri (ended early) · diperpanjang (a renewal exists) · berakhir (past its
 * end) · akan_berakhir (ends within the window) · berlaku (in force).
 */
export const STATUSES = ['draft', 'berlaku', 'akan_berakhir', 'berakhir', 'diperpanjang', 'diakhiri'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draf',
  berlaku: 'Berlaku',
  akan_berakhir: 'Akan berakhir',
  berakhir: 'Berakhir',
  diperpanjang: 'Diperpanjang',
  diakhiri: 'Diakhiri lebih awal',
};

type Eb = ExpressionBuilder<DB, 'agreements'>;

/**
 * "A live renewal points at this agreement", written as an uncorrelated IN so PostgreSQL hashes the
 * (small) set of renewed ids once instead of probing per row. `renews_id is not null` keeps NOT IN safe.
 */
const RENEWED_IDS = sql`(select r.renews_id from agreements r where r.renews_id is not null and r.deleted_at is null)`;
const renewed = (_eb: Eb) => sql<SqlBool>`agreements.id in ${RENEWED_IDS}`;
const notRenewed = () => sql<SqlBool>`agreements.id not in ${RENEWED_IDS}`;

/** One predicate per status, so a status filter can use the date indexes. */
export function statusPredicate(eb: Eb, status: Status, today: string, windowDays: number): Expression<SqlBool> {
  const signed = eb('agreements.signing_date', 'is not', null);
  const notTerminated = eb.or([eb('agreements.terminated_on', 'is', null), eb('agreements.terminated_on', '>', today)]);
  const horizon = sql<string>`${today}::date + ${windowDays}::int`;
  switch (status) {
    case 'draft':
      return eb('agreements.signing_date', 'is', null);
    case 'diakhiri':
      return eb.and([signed, eb('agreements.terminated_on', '<=', today)]);
    case 'diperpanjang':
      return eb.and([signed, notTerminated, renewed(eb)]);
    case 'berakhir':
      return eb.and([signed, notTerminated, notRenewed(), eb('agreements.end_date', '<', today)]);
    case 'akan_berakhir':
      return eb.and([signed, notTerminated, notRenewed(), eb('agreements.end_date', '>=', today), eb('agreements.end_date', '<=', horizon)]);
    case 'berlaku':
      return eb.and([signed, notTerminated, notRenewed(), eb.or([eb('agreements.end_date', 'is', null), eb('agreements.end_date', '>', horizon)])]);
  }
}

/** The same rule as a SELECT expression, for lists and exports. */
export function statusExpression(today: string, windowDays: number) {
  return sql<Status>`case
    when agreements.signing_date is null then 'draft'
    when agreements.terminated_on is not null and agreements.terminated_on <= ${today}::date then 'diakhiri'
    when agreements.id in ${RENEWED_IDS} then 'diperpanjang'
    when agreements.end_date is not null and agreements.end_date < ${today}::date then 'berakhir'
    when agreements.end_date is not null and agreements.end_date <= ${today}::date + ${windowDays}::int then 'akan_berakhir'
    else 'berlaku' end`;
}
