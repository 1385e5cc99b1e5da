import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ReportsTable } from '../db/schema-registry.js';

export function reportsOf(db: Executor, agreementId: string) {
  return db
    .selectFrom('reports')
    .leftJoin('users', 'users.id', 'reports.created_by')
    .selectAll('reports')
    .select(['users.display_name as author'])
    .where('reports.agreement_id', '=', agreementId)
    .where('reports.deleted_at', 'is', null)
    .orderBy('reports.period_start', 'desc')
    .execute();
}
export type ReportRow = Awaited<ReturnType<typeof reportsOf>>[number];

export function benefitsOf(db: Executor, reportIds: string[]) {
  if (!reportIds.length) return Promise.resolve([]);
  return db
    .selectFrom('report_benefits as rb')
    .innerJoin('benefit_kinds as b', 'b.code', 'rb.benefit_code')
    .select(['rb.report_id', 'b.code', 'b.name'])
    .where('rb.report_id', 'in', reportIds)
    .orderBy('b.sort')
    .execute();
}

export function getReport(db: Executor, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertReport(db: Executor, values: Insertable<ReportsTable>) {
  return (await db.insertInto('reports').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateReport(db: Executor, id: string, values: Updateable<ReportsTable>) {
  await db.updateTable('reports').set(values).where('id', '=', id).execute();
}

export async function replaceBenefits(db: Executor, reportId: string, codes: string[]) {
  await db.deleteFrom('report_benefits').where('report_id', '=', reportId).execute();
  if (codes.length) await db.insertInto('report_benefits').values(codes.map((c) => ({ report_id: reportId, benefit_code: c }))).execute();
}

export function knownBenefitCodes(db: Executor, codes: string[]) {
  if (!codes.length) return Promise.resolve([] as string[]);
  return db.selectFrom('benefit_kinds').select('code').where('code', 'in', codes).execute().then((r) => r.map((x) => x.code));
}
