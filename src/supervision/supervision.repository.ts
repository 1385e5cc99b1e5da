import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SupervisionPlansTable } from '../db/schema-supervision.js';
import type { Insertable, Updateable } from 'kysely';

export function getPlan(db: Executor, id: string) {
  return db
    .selectFrom('supervision_plans as p')
    .innerJoin('supervision_templates as t', 't.id', 'p.template_id')
    .selectAll('p')
    .select(['t.key as template_key', 't.version as template_version', 't.name as template_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

export function visitsOf(db: Executor, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_visits as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select(['u.name as unit_name', 'u.code as unit_code', 'u.kind as unit_kind', 'u.path as unit_path'])
    .where('v.plan_id', 'in', planIds)
    .orderBy('v.visit_date')
    .orderBy('u.name')
    .execute();
}
export type VisitRow = Awaited<ReturnType<typeof visitsOf>>[number];

export function teamOf(db: Executor, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_team as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['m.plan_id', 'm.user_id', 'm.role', 'm.position', 'u.display_name', 'u.username', 'u.email', 'un.name as unit_name'])
    .where('m.plan_id', 'in', planIds)
    // The chair first, then members in the order given.
    .orderBy(sql`case when m.role = 'ketua' then 0 else 1 end`)
    .orderBy('m.sort')
    .execute();
}
export type TeamRow = Awaited<ReturnType<typeof teamOf>>[number];

/**
 * Plans the caller may see: admins all; otherwise those with the caller on the team or visiting a unit inside
 * the caller's subtree (`prefix`). One query, so lists never load plans the caller cannot see.
 */
export function listVisiblePlans(db: Executor, who: { all: boolean; userId: string; prefix: string }, f: { status?: string | undefined; year?: number | undefined }) {
  let q = db.selectFrom('supervision_plans as p').selectAll('p');
  if (!who.all) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('supervision_team as m').select(sql`1`.as('one')).whereRef('m.plan_id', '=', 'p.id').where('m.user_id', '=', who.userId)),
        eb.exists(eb.selectFrom('supervision_visits as v').innerJoin('units as u', 'u.id', 'v.unit_id').select(sql`1`.as('one')).whereRef('v.plan_id', '=', 'p.id').where('u.path', 'like', `${who.prefix}%`)),
      ]),
    );
  }
  if (f.status) q = q.where('p.status', '=', f.status as 'direncanakan');
  if (f.year) q = q.where('p.period_start', '<=', `${f.year}-12-31`).where('p.period_end', '>=', `${f.year}-01-01`);
  return q.orderBy('p.period_start', 'desc').orderBy('p.created_at', 'desc').execute();
}

export async function insertPlan(db: Executor, values: Insertable<SupervisionPlansTable>): Promise<string> {
  return (await db.insertInto('supervision_plans').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePlan(db: Executor, id: string, values: Updateable<SupervisionPlansTable>) {
  await db.updateTable('supervision_plans').set(values).where('id', '=', id).execute();
}

/** Moves the status only if nobody moved it meanwhile; false when another request won. */
export async function setStatus(db: Executor, id: string, from: PlanRow['status'], values: Updateable<SupervisionPlansTable>): Promise<boolean> {
  const r = await db.updateTable('supervision_plans').set(values).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceTeam(db: Executor, planId: string, team: { userId: string; role: 'ketua' | 'anggota'; position?: string | null | undefined }[]) {
  await db.deleteFrom('supervision_team').where('plan_id', '=', planId).execute();
  await db
    .insertInto('supervision_team')
    .values(team.map((m, i) => ({ plan_id: planId, user_id: m.userId, role: m.role, position: m.position ?? null, sort: i })))
    .execute();
}

export async function insertVisit(db: Executor, v: { plan_id: string; unit_id: string; visit_date: string; template_id: string }) {
  await db.insertInto('supervision_visits').values(v).execute();
}
export async function updateVisitDate(db: Executor, id: string, visitDate: string) {
  await db.updateTable('supervision_visits').set({ visit_date: visitDate }).where('id', '=', id).execute();
}
export async function deleteVisit(db: Executor, id: string) {
  await db.deleteFrom('supervision_visits').where('id', '=', id).execute();
}

/** Whether anything was recorded for a visit (then it cannot be dropped from the plan). */
export async function visitHasData(db: Executor, visitId: string, planId: string, unitId: string): Promise<boolean> {
  const r = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('supervision_answers').select(sql`1`.as('one')).where('visit_id', '=', visitId)).as('answers'),
      eb.exists(eb.selectFrom('supervision_assessments').select(sql`1`.as('one')).where('visit_id', '=', visitId)).as('assessments'),
      eb.exists(eb.selectFrom('supervision_unregistered').select(sql`1`.as('one')).where('visit_id', '=', visitId)).as('unregistered'),
      eb.exists(eb.selectFrom('supervision_followups').select(sql`1`.as('one')).where('plan_id', '=', planId).where('unit_id', '=', unitId)).as('followups'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(r.answers || r.assessments || r.unregistered || r.followups);
}

export function usersByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', 'in', ids).execute();
}

export function unitsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('units').select(['id', 'name', 'path', 'kind']).where('id', 'in', ids).execute();
}

/** Accounts under `prefix` (the caller's subtree; the Biro's is the whole tree) that can serve on a team. */
export function teamCandidates(db: Executor, prefix: string, q: string | undefined) {
  let query = db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'u.username', 'u.role', 'un.name as unit_name'])
    .where('u.disabled_at', 'is', null)
    .where('un.path', 'like', `${prefix}%`)
    .where('u.role', 'in', ['admin', 'pokja', 'verifikator', 'operator']);
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('u.display_name', 'ilike', like), eb('u.username', 'ilike', like), eb('un.name', 'ilike', like)]));
  }
  // Pokja members first: they are who a team is usually made of.
  return query.orderBy(sql`case when u.role = 'pokja' then 0 else 1 end`).orderBy('u.display_name').limit(50).execute();
}

// ---------- recommendations ----------

export function recommendationsOf(db: Executor, planId: string) {
  return db
    .selectFrom('supervision_recommendations as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.plan_id', 'r.unit_id', 'r.text', 'r.created_at', 'u.name as unit_name'])
    .where('r.plan_id', '=', planId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}
export type RecommendationRow = Awaited<ReturnType<typeof recommendationsOf>>[number];

export async function insertRecommendation(db: Executor, v: { plan_id: string; unit_id: string | null; text: string; created_by: string; created_at: Date; updated_at: Date }) {
  return (await db.insertInto('supervision_recommendations').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
export function getRecommendation(db: Executor, planId: string, id: string) {
  return db.selectFrom('supervision_recommendations').selectAll().where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst();
}
export async function updateRecommendation(db: Executor, id: string, v: { unit_id?: string | null; text?: string; updated_at: Date }) {
  await db.updateTable('supervision_recommendations').set(v).where('id', '=', id).execute();
}
export async function deleteRecommendation(db: Executor, id: string) {
  await db.deleteFrom('supervision_recommendations').where('id', '=', id).execute();
}
