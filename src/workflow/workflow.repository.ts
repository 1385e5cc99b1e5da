import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { WorkflowState } from '../db/schema-workflow.js';

/** Moves the state only if nobody moved it first: the WHERE on the old state is the concurrency guard. */
export async function moveState(db: Executor, id: string, from: WorkflowState, to: WorkflowState, now: Date, extra: { published_at?: Date; confidentiality?: 'internal'; confidentiality_reason?: string } = {}) {
  const res = await db
    .updateTable('agreements')
    .set({ workflow_state: to, workflow_changed_at: now, updated_at: now, ...extra })
    .where('id', '=', id)
    .where('workflow_state', '=', from)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertEvent(db: Executor, e: { agreement_id: string; action: string; from_state: WorkflowState; to_state: WorkflowState; actor_id: string; reason: string | null; details: unknown[]; occurred_at: Date }) {
  await db.insertInto('workflow_events').values({ ...e, details: JSON.stringify(e.details) }).execute();
}

export function timeline(db: Executor, agreementId: string) {
  return db
    .selectFrom('workflow_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.action', 'e.from_state', 'e.to_state', 'e.reason', 'e.details', 'e.occurred_at', 'u.display_name as actor_name'])
    .where('e.agreement_id', '=', agreementId)
    .orderBy('e.id')
    .execute();
}

export function hasCurrentPublicCopy(db: Executor, agreementId: string) {
  return db
    .selectFrom('documents')
    .select('id')
    .where('agreement_id', '=', agreementId)
    .where('role', '=', 'salinan_publik')
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export function comments(db: Executor, agreementId: string) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.body', 'c.created_at', 'u.display_name as author_name', 'u.id as author_id'])
    .where('c.agreement_id', '=', agreementId)
    .orderBy('c.created_at')
    .execute();
}

export async function insertComment(db: Executor, agreementId: string, authorId: string, body: string, now: Date) {
  return (await db.insertInto('comments').values({ agreement_id: agreementId, author_id: authorId, body, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Submissions waiting for a verifier in the scope, oldest first, with what the checklist needs. */
export function queue(db: Executor, scopePrefix: string) {
  return db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .select(['agreements.id', 'agreements.workflow_changed_at', 'agreements.number_first', 'agreements.number_second', 'agreements.signing_date', 'agreements.start_date', 'agreements.end_date'])
    .select(sql<boolean>`exists (select 1 from documents d where d.agreement_id = agreements.id and d.role = 'naskah_ttd' and d.deleted_at is null)`.as('signed_copy'))
    .select(sql<boolean>`exists (select 1 from documents d where d.agreement_id = agreements.id and d.role = 'naskah_ttd' and d.deleted_at is null and d.readable)`.as('signed_copy_readable'))
    .select(sql<boolean>`exists (select 1 from documents d where d.agreement_id = agreements.id and d.role = 'salinan_publik' and d.deleted_at is null)`.as('public_copy'))
    .where('agreements.deleted_at', 'is', null)
    .where('agreements.workflow_state', '=', 'diajukan')
    .where('units.path', 'like', `${scopePrefix}%`)
    .orderBy('agreements.workflow_changed_at')
    .limit(500)
    .execute();
}

/** Accounts to tell about an agreement: the owning unit's operators and the verifiers of the units above it. */
export function recipients(db: Executor, unitPath: string, roles: ('operator' | 'verifikator' | 'admin')[], ownUnitOnly: boolean) {
  const ancestors = unitPath.split('/').filter(Boolean);
  const own = ancestors.at(-1)!;
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', roles)
    .where('unit_id', 'in', ownUnitOnly ? [own] : ancestors)
    .execute();
}
