import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

function base(db: Executor) {
  return db
    .selectFrom('supervision_followups as f')
    .innerJoin('supervision_plans as p', 'p.id', 'f.plan_id')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('users as r', 'r.id', 'f.responded_by')
    .selectAll('f')
    .select(['p.title as plan_title', 'u.name as unit_name', 'u.path as unit_path', 'r.display_name as responded_by_name']);
}

export function followupsOfPlan(db: Executor, planId: string) {
  return base(db).where('f.plan_id', '=', planId).orderBy('f.due_date').orderBy('f.created_at').execute();
}
export type FollowupRow = Awaited<ReturnType<typeof followupsOfPlan>>[number];

export function getFollowup(db: Executor, id: string) {
  return base(db).where('f.id', '=', id).executeTakeFirst();
}

/** Follow-ups the caller may see: their plan has the caller on its team, or their unit lies in the caller's subtree. */
export function listVisibleFollowups(
  db: Executor,
  who: { all: boolean; userId: string; prefix: string },
  f: { status?: string | undefined; overdueBefore?: string | undefined; unitPrefix?: string | undefined; planId?: string | undefined },
) {
  let q = base(db);
  if (!who.all) {
    q = q.where((eb) =>
      eb.or([
        eb('u.path', 'like', `${who.prefix}%`),
        eb.exists(eb.selectFrom('supervision_team as m').select(sql`1`.as('one')).whereRef('m.plan_id', '=', 'f.plan_id').where('m.user_id', '=', who.userId)),
      ]),
    );
  }
  if (f.status) q = q.where('f.status', '=', f.status as 'open');
  if (f.overdueBefore) q = q.where('f.status', '<>', 'done').where('f.due_date', '<', f.overdueBefore);
  if (f.unitPrefix) q = q.where('u.path', 'like', `${f.unitPrefix}%`);
  if (f.planId) q = q.where('f.plan_id', '=', f.planId);
  return q.orderBy('f.due_date').orderBy('f.created_at').limit(1000).execute();
}

export function evidenceOf(db: Executor, followupIds: string[]) {
  if (!followupIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_followup_evidence as e')
    .leftJoin('users as u', 'u.id', 'e.uploaded_by')
    .selectAll('e')
    .select('u.display_name as uploaded_by_name')
    .where('e.followup_id', 'in', followupIds)
    .orderBy('e.uploaded_at')
    .execute();
}
export type EvidenceRow = Awaited<ReturnType<typeof evidenceOf>>[number];

export function getEvidence(db: Executor, followupId: string, id: string) {
  return db.selectFrom('supervision_followup_evidence').selectAll().where('followup_id', '=', followupId).where('id', '=', id).executeTakeFirst();
}

export async function insertFollowup(
  db: Executor,
  v: { plan_id: string; unit_id: string; title: string; due_date: string; recommendation_id: string | null; agreement_id: string | null; unregistered_id: string | null; created_by: string; created_at: Date; updated_at: Date },
): Promise<string> {
  return (await db.insertInto('supervision_followups').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateFollowup(
  db: Executor,
  id: string,
  v: { title?: string; due_date?: string; status?: 'open' | 'in_progress' | 'done'; response?: string; responded_by?: string; responded_at?: Date; updated_at: Date },
) {
  await db.updateTable('supervision_followups').set(v).where('id', '=', id).execute();
}

export async function insertEvidence(db: Executor, v: { followup_id: string; sha256: string; filename: string; mime: string; size: number; uploaded_by: string; uploaded_at: Date }) {
  return (await db.insertInto('supervision_followup_evidence').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** Open and in-progress follow-ups past their due date, with the unit path for choosing recipients. */
export function overdueFollowups(db: Executor, today: string) {
  return base(db).where('f.status', '<>', 'done').where('f.due_date', '<', today).orderBy('f.due_date').execute();
}

/** Claims today's reminder for a follow-up; false when it was already sent today (by this or another instance). */
export async function claimReminder(db: Executor, followupId: string, day: string, now: Date): Promise<boolean> {
  const rows = await db.insertInto('followup_reminders').values({ followup_id: followupId, day, sent_at: now }).onConflict((oc) => oc.doNothing()).returning('day').execute();
  return rows.length === 1;
}

export function followupCountsByPlan(db: Executor, planIds: string[], today: string) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_followups')
    .select([
      'plan_id',
      sql<number>`count(*) filter (where status = 'open')::int`.as('open'),
      sql<number>`count(*) filter (where status = 'in_progress')::int`.as('in_progress'),
      sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
      sql<number>`count(*) filter (where status <> 'done' and due_date < ${today}::date)::int`.as('overdue'),
    ])
    .where('plan_id', 'in', planIds)
    .groupBy('plan_id')
    .execute();
}
