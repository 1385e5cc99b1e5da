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

/**
 * The end date as one comparable key: no end date means the agreement never ends. Every status is then one
 * range over `coalesce(end_date, 'infinity')`, the key of the covering indexes of migration 0008, instead of
 * an OR with `end_date is null` that makes PostgreSQL read the table.
 */
const effectiveEnd = sql<string>`coalesce(agreements.end_date, 'infinity'::date)`;

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
      return eb.and([signed, notTerminated, notRenewed(), sql<SqlBool>`${effectiveEnd} < ${today}::date`]);
    case 'akan_berakhir':
      return eb.and([signed, notTerminated, notRenewed(), sql<SqlBool>`${effectiveEnd} >= ${today}::date`, sql<SqlBool>`${effectiveEnd} <= ${horizon}`]);
    case 'berlaku':
      return eb.and([signed, notTerminated, notRenewed(), sql<SqlBool>`${effectiveEnd} > ${horizon}`]);
  }
}

/** "Ends within `days`" as the same index range: signed, not ended early, end date from today to today + days. */
export function endsWithinPredicate(eb: Eb, today: string, days: number): Expression<SqlBool> {
  return eb.and([
    eb('agreements.signing_date', 'is not', null),
    eb('agreements.terminated_on', 'is', null),
    sql<SqlBool>`${effectiveEnd} >= ${today}::date`,
    sql<SqlBool>`${effectiveEnd} <= ${today}::date + ${days}::int`,
  ]);
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
