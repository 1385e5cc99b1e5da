import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AgreementsTable } from '../db/schema-registry.js';
import { statusExpression } from './status.js';

export async function insertAgreement(db: Executor, values: Insertable<AgreementsTable>) {
  return (await db.insertInto('agreements').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAgreement(db: Executor, id: string, values: Updateable<AgreementsTable>) {
  await db.updateTable('agreements').set(values).where('id', '=', id).execute();
}

export async function replacePartners(db: Executor, id: string, partnerIds: string[]) {
  await db.deleteFrom('agreement_partners').where('agreement_id', '=', id).execute();
  if (partnerIds.length) await db.insertInto('agreement_partners').values(partnerIds.map((p, i) => ({ agreement_id: id, partner_id: p, position: i }))).execute();
}

export async function replaceScopes(db: Executor, id: string, codes: string[]) {
  await db.deleteFrom('agreement_scopes').where('agreement_id', '=', id).execute();
  if (codes.length) await db.insertInto('agreement_scopes').values(codes.map((c) => ({ agreement_id: id, scope_code: c }))).execute();
}

export async function replaceSignatories(db: Executor, id: string, list: { party: 'pertama' | 'kedua'; name: string; position: string; nip?: string | null | undefined }[]) {
  await db.deleteFrom('signatories').where('agreement_id', '=', id).execute();
  if (list.length) await db.insertInto('signatories').values(list.map((s, i) => ({ agreement_id: id, party: s.party, name: s.name, position: s.position, nip: s.nip ?? null, sort: i }))).execute();
}

export function getDetailRow(db: Executor, id: string, today: string, windowDays: number) {
  return db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .innerJoin('agreement_kinds as k', 'k.code', 'agreements.kind_code')
    .selectAll('agreements')
    .select(['units.name as unit_name', 'units.code as unit_code', 'units.path as unit_path', 'k.name as kind_name', 'k.abbreviation as kind_abbreviation'])
    .select(statusExpression(today, windowDays).as('status'))
    .where('agreements.id', '=', id)
    .executeTakeFirst();
}
export type DetailRow = NonNullable<Awaited<ReturnType<typeof getDetailRow>>>;

export function partnersOf(db: Executor, id: string) {
  return db
    .selectFrom('agreement_partners as ap')
    .innerJoin('partners as p', 'p.id', 'ap.partner_id')
    .innerJoin('partner_categories as c', 'c.code', 'p.category_code')
    .select(['p.id', 'p.name', 'p.category_code', 'c.name as category_name'])
    .where('ap.agreement_id', '=', id)
    .orderBy('ap.position')
    .execute();
}

export function scopesOf(db: Executor, id: string) {
  return db.selectFrom('agreement_scopes as s').innerJoin('scopes', 'scopes.code', 's.scope_code').select(['scopes.code', 'scopes.name']).where('s.agreement_id', '=', id).orderBy('scopes.sort').execute();
}

export function signatoriesOf(db: Executor, id: string) {
  return db.selectFrom('signatories').select(['party', 'name', 'position', 'nip']).where('agreement_id', '=', id).orderBy('party').orderBy('sort').execute();
}

/** The family around one agreement: its MoU, the PKS under it, what it amends or renews, and the reverse. */
export function relatives(db: Executor, row: { id: string; parent_id: string | null; amends_id: string | null; renews_id: string | null }, today: string, windowDays: number) {
  const ids = [row.parent_id, row.amends_id, row.renews_id].filter((x): x is string => x !== null);
  return db
    .selectFrom('agreements')
    .innerJoin('agreement_kinds as k', 'k.code', 'agreements.kind_code')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .select(['agreements.id', 'agreements.title', 'agreements.number_first', 'agreements.parent_id', 'agreements.amends_id', 'agreements.renews_id', 'agreements.signing_date', 'agreements.end_date', 'k.name as kind_name', 'units.path as unit_path', 'units.name as unit_name'])
    .select(statusExpression(today, windowDays).as('status'))
    .where('agreements.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('agreements.id', 'in', ids)] : []),
        eb('agreements.parent_id', '=', row.id),
        eb('agreements.amends_id', '=', row.id),
        eb('agreements.renews_id', '=', row.id),
      ]),
    )
    .orderBy('agreements.signing_date')
    .execute();
}

/**
 * Agreements an agreement of `unitPath` may point at (umbrella MoU, amended, renewed): those in the
 * caller's scope and those of the unit's ancestors (a UPT's PKS under its Kanwil's MoU).
 */
export function relationCandidates(db: Executor, scopePrefix: string, unitPath: string, q: string | undefined, kind: string | undefined, today: string, windowDays: number) {
  const ancestors = unitPath.split('/').filter(Boolean);
  let query = db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .innerJoin('agreement_kinds as k', 'k.code', 'agreements.kind_code')
    .select(['agreements.id', 'agreements.title', 'agreements.number_first', 'agreements.signing_date', 'k.name as kind_name', 'agreements.kind_code', 'units.name as unit_name'])
    .select(statusExpression(today, windowDays).as('status'))
    .where('agreements.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('units.path', 'like', `${scopePrefix}%`), eb('units.id', 'in', ancestors)]));
  if (kind) query = query.where('agreements.kind_code', '=', kind);
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('agreements.title', 'ilike', like), eb('agreements.number_first', 'ilike', like), eb('agreements.number_second', 'ilike', like)]));
  }
  return query.orderBy('agreements.signing_date', (ob) => ob.desc().nullsLast()).limit(20).execute();
}

export function historyOf(db: Executor, agreementId: string) {
  const docIds = db.selectFrom('documents').select(sql<string>`id::text`.as('id')).where('agreement_id', '=', agreementId);
  const reportIds = db.selectFrom('reports').select(sql<string>`id::text`.as('id')).where('agreement_id', '=', agreementId);
  return db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor_label', 'action', 'entity_type', 'changes'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'agreement'), eb('entity_id', '=', agreementId)]),
        eb.and([eb('entity_type', '=', 'document'), eb('entity_id', 'in', docIds)]),
        eb.and([eb('entity_type', '=', 'report'), eb('entity_id', 'in', reportIds)]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(300)
    .execute();
}

export function findSameNumber(db: Executor, unitId: string, number: string, exceptId?: string) {
  let q = db
    .selectFrom('agreements')
    .select(['id', 'title', 'number_first'])
    .where('unit_id', '=', unitId)
    .where('deleted_at', 'is', null)
    .where(sql`lower(number_first)`, '=', number.trim().toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export function relationTarget(db: Executor, id: string) {
  return db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .select(['agreements.id', 'agreements.kind_code', 'agreements.unit_id', 'units.path as unit_path'])
    .where('agreements.id', '=', id)
    .where('agreements.deleted_at', 'is', null)
    .executeTakeFirst();
}

export function existingCodes(db: Executor, table: 'scopes' | 'agreement_kinds', codes: string[]) {
  if (!codes.length) return Promise.resolve([] as string[]);
  return db.selectFrom(table).select('code').where('code', 'in', codes).where('active', '=', true).execute().then((r) => r.map((x) => x.code));
}

export function livePartnerIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as string[]);
  return db.selectFrom('partners').select('id').where('id', 'in', ids).where('merged_into', 'is', null).execute().then((r) => r.map((x) => x.id));
}

export async function softDelete(db: Executor, id: string, by: string, now: Date) {
  await db.updateTable('agreements').set({ deleted_at: now, deleted_by: by }).where('id', '=', id).execute();
}

export async function restore(db: Executor, id: string) {
  await db.updateTable('agreements').set({ deleted_at: null, deleted_by: null }).where('id', '=', id).execute();
}

export function trash(db: Executor, scopePrefix: string) {
  return db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .leftJoin('users', 'users.id', 'agreements.deleted_by')
    .select(['agreements.id', 'agreements.title', 'agreements.number_first', 'agreements.deleted_at', 'units.name as unit_name', 'users.display_name as deleted_by_name'])
    .where('agreements.deleted_at', 'is not', null)
    .where('units.path', 'like', `${scopePrefix}%`)
    .orderBy('agreements.deleted_at', 'desc')
    .limit(500)
    .execute();
}

/** Removes deleted agreements for good. Their files stay in the store while other documents use them. */
export async function purgeDeleted(db: Executor, ids: string[]) {
  if (!ids.length) return 0;
  for (const col of ['parent_id', 'amends_id', 'renews_id'] as const) {
    await db.updateTable('agreements').set({ [col]: null }).where(col, 'in', ids).execute();
  }
  const reportIds = db.selectFrom('reports').select('id').where('agreement_id', 'in', ids);
  await db.deleteFrom('documents').where('agreement_id', 'in', ids).execute();
  await db.deleteFrom('report_benefits').where('report_id', 'in', reportIds).execute();
  await db.deleteFrom('reports').where('agreement_id', 'in', ids).execute();
  const res = await db.deleteFrom('agreements').where('id', 'in', ids).executeTakeFirst();
  return Number(res.numDeletedRows);
}
