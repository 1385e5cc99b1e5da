import type { Executor } from '../db/database.js';
import type { Role, UsersTable } from '../db/schema.js';
import type { Insertable, Updateable } from 'kysely';

const USER_COLUMNS = [
  'users.id', 'users.username', 'users.email', 'users.display_name', 'users.role', 'users.unit_id', 'users.locale',
  'users.must_change_password', 'users.totp_enabled_at', 'users.disabled_at', 'users.last_login_at', 'users.created_at',
  'units.code as unit_code', 'units.name as unit_name', 'units.kind as unit_kind', 'units.path as unit_path',
] as const;

function withUnit(db: Executor) {
  return db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id');
}

export type UserWithUnit = Awaited<ReturnType<typeof getUserWithUnit>> & object;

export function getUserWithUnit(db: Executor, id: string) {
  return withUnit(db).select(USER_COLUMNS).where('users.id', '=', id).executeTakeFirst();
}

export function getUserRow(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface UserFilter {
  scopePrefix: string;
  q?: string | undefined;
  role?: Role | undefined;
  unitId?: string | undefined;
}

export async function listUsers(db: Executor, f: UserFilter, page: number, pageSize: number) {
  let q = withUnit(db).where('units.path', 'like', `${f.scopePrefix}%`);
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.unitId) q = q.where('users.unit_id', '=', f.unitId);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'ilike', like), eb('users.email', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q.select(USER_COLUMNS).orderBy('users.username').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function usernameOrEmailTaken(db: Executor, username: string | null, email: string | null, exceptId?: string) {
  let q = db.selectFrom('users').select('id');
  q = q.where((eb) => {
    const ors = [];
    if (username) ors.push(eb(eb.fn('lower', ['username']), '=', username.toLowerCase()));
    if (email) ors.push(eb(eb.fn('lower', ['email']), '=', email.toLowerCase()), eb(eb.fn('lower', ['username']), '=', email.toLowerCase()));
    if (username) ors.push(eb(eb.fn('lower', ['email']), '=', username.toLowerCase()));
    return eb.or(ors);
  });
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst().then((r) => r !== undefined);
}

export async function insertUser(db: Executor, values: Insertable<UsersTable>) {
  return db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateUser(db: Executor, id: string, values: Updateable<UsersTable>) {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}
