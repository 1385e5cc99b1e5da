import { sql } from 'kysely';
import { filteredAgreements, withListColumns } from '../agreements/agreement.query.js';
import { statusExpression } from '../agreements/status.js';
import type { Executor } from '../db/database.js';
import type { Interviewee } from '../db/schema-supervision.js';

/**
 * The agreements a visit talks about: those of the visited unit in force on the visit date (the register's own
 * status rule), plus any the team already recorded something on, with their documents and reports at hand.
 */
export function agreementsForVisit(db: Executor, visit: { id: string; unit_path: string; visit_date: string }, windowDays: number) {
  const status = statusExpression(visit.visit_date, windowDays);
  return withListColumns(filteredAgreements(db, { scopePrefix: visit.unit_path }, visit.visit_date, windowDays), visit.visit_date, windowDays)
    .select(['agreements.duration_text'])
    .select(sql<number>`(select count(*)::int from documents d where d.agreement_id = agreements.id and d.deleted_at is null)`.as('documents'))
    .select(sql<number>`(select count(*)::int from reports r where r.agreement_id = agreements.id and r.deleted_at is null)`.as('reports'))
    .select(sql<number>`(select coalesce(sum(r.pnbp_amount), 0)::float8 from reports r where r.agreement_id = agreements.id and r.deleted_at is null)`.as('pnbp_total'))
    .select(sql<number>`(select coalesce(sum(r.beneficiaries), 0)::int from reports r where r.agreement_id = agreements.id and r.deleted_at is null)`.as('beneficiaries'))
    .where((eb) =>
      eb.or([
        sql<boolean>`${status} in ('berlaku', 'akan_berakhir')`,
        eb.exists(eb.selectFrom('supervision_answers as a').select(sql`1`.as('one')).whereRef('a.agreement_id', '=', 'agreements.id').where('a.visit_id', '=', visit.id)),
        eb.exists(eb.selectFrom('supervision_assessments as s').select(sql`1`.as('one')).whereRef('s.agreement_id', '=', 'agreements.id').where('s.visit_id', '=', visit.id)),
      ]),
    )
    .orderBy('agreements.signing_date')
    .orderBy('agreements.title')
    .execute();
}
export type VisitAgreementRow = Awaited<ReturnType<typeof agreementsForVisit>>[number];

/** An agreement of the visited unit (or beneath it), not deleted: the only ones a visit may record answers on. */
export async function agreementsOfUnit(db: Executor, unitPath: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .select('agreements.id')
    .where('agreements.id', 'in', ids)
    .where('agreements.deleted_at', 'is', null)
    .where('units.path', 'like', `${unitPath}%`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export function answersOf(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_answers as a')
    .leftJoin('users as u', 'u.id', 'a.updated_by')
    .select(['a.visit_id', 'a.agreement_id', 'a.question_id', 'a.value', 'a.revision', 'a.updated_by', 'a.updated_at', 'u.display_name as updated_by_name'])
    .where('a.visit_id', 'in', visitIds)
    .execute();
}
export type AnswerRow = Awaited<ReturnType<typeof answersOf>>[number];

export function assessmentsOf(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_assessments as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as updated_by_name')
    .where('s.visit_id', 'in', visitIds)
    .execute();
}
export type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];

export function unregisteredOf(db: Executor, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_unregistered as x')
    .leftJoin('supervision_followups as f', 'f.unregistered_id', 'x.id')
    .selectAll('x')
    .select('f.id as followup_id')
    .where('x.visit_id', 'in', visitIds)
    .orderBy('x.created_at')
    .execute();
}

export function visitUsers(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

// ---------- writes used by sync (row-locked so two team members never both pass the revision check) ----------

export function lockAnswer(db: Executor, visitId: string, agreementId: string | null, questionId: string) {
  let q = db.selectFrom('supervision_answers as a').leftJoin('users as u', 'u.id', 'a.updated_by').select(['a.id', 'a.value', 'a.revision', 'a.updated_by', 'a.updated_at', 'u.display_name as updated_by_name']);
  q = q.where('a.visit_id', '=', visitId).where('a.question_id', '=', questionId);
  q = agreementId === null ? q.where('a.agreement_id', 'is', null) : q.where('a.agreement_id', '=', agreementId);
  return q.forUpdate('a').executeTakeFirst();
}

/**
 * Writes an answer only if the row is still as read: absent (`expected` null: insert, never overwrite a row a
 * concurrent request just created) or at revision `expected`. False when another writer got there first.
 */
export async function writeAnswer(db: Executor, v: { visit_id: string; agreement_id: string | null; question_id: string; value: unknown; revision: number; updated_by: string; updated_at: Date }, expected: number | null) {
  const value = JSON.stringify(v.value);
  const rows = await db
    .insertInto('supervision_answers')
    .values({ ...v, value })
    .onConflict((oc) =>
      expected === null
        ? oc.doNothing()
        : oc.columns(['visit_id', 'agreement_id', 'question_id']).doUpdateSet({ value, revision: v.revision, updated_by: v.updated_by, updated_at: v.updated_at }).where('supervision_answers.revision', '=', expected),
    )
    .returning('id')
    .execute();
  return rows.length === 1;
}

export function lockAssessment(db: Executor, visitId: string, agreementId: string) {
  return db
    .selectFrom('supervision_assessments as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as updated_by_name')
    .where('s.visit_id', '=', visitId)
    .where('s.agreement_id', '=', agreementId)
    .forUpdate('s')
    .executeTakeFirst();
}

/** Same rule as `writeAnswer`, for the team's assessment of an agreement. */
export async function writeAssessment(
  db: Executor,
  v: { visit_id: string; agreement_id: string; benefits_unit: boolean | null; mutual: boolean | null; recommendation: 'lanjutkan' | 'perbaiki' | 'perpanjang' | 'hentikan' | null; note: string | null; revision: number; updated_by: string; updated_at: Date },
  expected: number | null,
) {
  const { visit_id: _v, agreement_id: _a, ...set } = v;
  const rows = await db
    .insertInto('supervision_assessments')
    .values(v)
    .onConflict((oc) => (expected === null ? oc.doNothing() : oc.columns(['visit_id', 'agreement_id']).doUpdateSet(set).where('supervision_assessments.revision', '=', expected)))
    .returning('revision')
    .execute();
  return rows.length === 1;
}

export function lockVisit(db: Executor, visitId: string) {
  return db
    .selectFrom('supervision_visits as v')
    .leftJoin('users as a', 'a.id', 'v.interviewees_by')
    .leftJoin('users as b', 'b.id', 'v.findings_by')
    .selectAll('v')
    .select(['a.display_name as interviewees_by_name', 'b.display_name as findings_by_name'])
    .where('v.id', '=', visitId)
    .forUpdate('v')
    .executeTakeFirst();
}

export async function setInterviewees(db: Executor, visitId: string, list: Interviewee[], revision: number, by: string, at: Date) {
  await db.updateTable('supervision_visits').set({ interviewees: JSON.stringify(list), interviewees_revision: revision, interviewees_by: by, interviewees_at: at }).where('id', '=', visitId).execute();
}

export async function setFindings(db: Executor, visitId: string, findings: string | null, revision: number, by: string, at: Date) {
  await db.updateTable('supervision_visits').set({ findings, findings_revision: revision, findings_by: by, findings_at: at }).where('id', '=', visitId).execute();
}

export async function insertUnregistered(db: Executor, v: { visit_id: string; partner_name: string; title: string; note: string | null; created_by: string; created_at: Date }) {
  return (await db.insertInto('supervision_unregistered').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export function knownOps(db: Executor, opIds: string[]) {
  if (!opIds.length) return Promise.resolve([]);
  return db.selectFrom('supervision_sync_ops').select(['op_id', 'plan_id', 'result']).where('op_id', 'in', opIds).execute();
}

/**
 * Claims an opId before its change is applied, in the same transaction: a concurrent request carrying the same
 * opId waits on the key and then sees it taken, so the op is applied once. False when it was already claimed.
 */
export async function claimOp(db: Executor, v: { op_id: string; plan_id: string; user_id: string; applied_at: Date }): Promise<boolean> {
  const rows = await db.insertInto('supervision_sync_ops').values({ ...v, result: JSON.stringify(null) }).onConflict((oc) => oc.column('op_id').doNothing()).returning('op_id').execute();
  return rows.length === 1;
}

export async function setOpResult(db: Executor, opId: string, result: unknown) {
  await db.updateTable('supervision_sync_ops').set({ result: JSON.stringify(result) }).where('op_id', '=', opId).execute();
}
