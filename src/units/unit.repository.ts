import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NewUnit, UnitUpdate } from '../db/schema.js';

export function listUnitsUnder(db: Executor, prefix: string, includeInactive: boolean, today: string) {
  let q = db.selectFrom('units').selectAll().where('path', 'like', `${prefix}%`);
  if (!includeInactive) q = q.where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]));
  return q.orderBy('kind').orderBy('name').execute();
}

export function getUnit(db: Executor, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getUnitByCode(db: Executor, code: string) {
  return db.selectFrom('units').selectAll().where(sql`lower(code)`, '=', code.toLowerCase()).executeTakeFirst();
}

export function getUnitsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('units').select(['id', 'name', 'code']).where('id', 'in', ids).execute();
}

export function unitHistory(db: Executor, unitId: string) {
  return db
    .selectFrom('unit_versions as v')
    .leftJoin('units as p', 'p.id', 'v.parent_id')
    .select(['v.code', 'v.name', 'v.kind', 'v.parent_id', 'p.name as parent_name', 'v.valid_from', 'v.valid_to'])
    .where('v.unit_id', '=', unitId)
    .orderBy('v.valid_from', 'desc')
    .execute();
}

export async function insertUnit(db: Executor, values: NewUnit & { id: string }) {
  await db.insertInto('units').values(values).execute();
}

export async function updateUnitRow(db: Executor, id: string, values: UnitUpdate) {
  await db.updateTable('units').set(values).where('id', '=', id).execute();
}

export async function insertVersion(db: Executor, v: { unit_id: string; code: string; name: string; kind: NewUnit['kind']; parent_id: string | null; valid_from: string; valid_to: string }) {
  await db.insertInto('unit_versions').values(v).execute();
}

/** Re-roots a whole subtree after a move: every descendant's path gets the new prefix. */
export async function rewriteSubtreePaths(db: Executor, oldPrefix: string, newPrefix: string) {
  await sql`update units set path = ${newPrefix} || substr(path, ${oldPrefix.length + 1}) where path like ${`${oldPrefix}%`}`.execute(db);
}

export function codeTaken(db: Executor, code: string, exceptId?: string) {
  let q = db.selectFrom('units').select('id').where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst().then((r) => r !== undefined);
}
