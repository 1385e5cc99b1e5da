import { authorize, scopePrefix, type Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import { deleteUserSessions } from '../auth/auth.repository.js';
import { assertPasswordPolicy, temporaryPassword } from '../auth/passwords.js';
import type { Role } from '../db/schema.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { getUnit } from '../units/unit.repository.js';
import * as repo from './user.repository.js';

type Src = { actor: Actor; ip: string | null };

export async function listUsers(deps: AppDeps, actor: Actor, f: { q?: string | undefined; role?: Role | undefined; unitId?: string | undefined }, page: number, pageSize: number) {
  authorize(actor, 'user.read');
  return repo.listUsers(deps.database.db, { ...f, scopePrefix: scopePrefix(actor) }, page, pageSize);
}

export async function getVisibleUser(deps: AppDeps, actor: Actor, id: string) {
  const unsafeUser = await repo.getUserWithUnit(deps.database.db, id);
  authorize(actor, 'user.read', unsafeUser ? { unitPath: unsafeUser.unit_path } : null);
  return unsafeUser!;
}

async function assertUnitReachable(deps: AppDeps, actor: Actor, unitId: string) {
  const unit = await getUnit(deps.database.db, unitId);
  // An unknown or unreachable unit is a field problem of the form, not a "not found" of the resource.
  if (!unit || !unit.path.startsWith(scopePrefix(actor))) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'unitId', message: 'Unit tidak ditemukan.' }]);
  }
  return unit;
}

export interface CreateUserInput {
  username: string;
  email?: string | null | undefined;
  displayName: string;
  role: Role;
  unitId: string;
  password?: string | undefined;
}

/** Without a password, the account gets a temporary one that must be changed at first sign-in. */
export async function createUser(deps: AppDeps, src: Src, input: CreateUserInput) {
  authorize(src.actor, 'user.manage');
  const { db } = deps.database;
  await assertUnitReachable(deps, src.actor, input.unitId);
  if (await repo.usernameOrEmailTaken(db, input.username, input.email ?? null)) throw new AppError('DUPLICATE_USERNAME');
  const temporary = input.password ? undefined : temporaryPassword();
  const password = input.password ?? temporary!;
  if (input.password) assertPasswordPolicy(input.password, input.username);
  const hash = await deps.passwords.hash(password);
  const now = deps.now();
  const id = await db.transaction().execute(async (tx) => {
    const row = await repo.insertUser(tx, {
      username: input.username,
      email: input.email ?? null,
      display_name: input.displayName,
      role: input.role,
      unit_id: input.unitId,
      password_hash: hash,
      must_change_password: temporary !== undefined,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, src, { action: 'user.create', entityType: 'user', entityId: row.id, unitId: input.unitId, changes: diff(null, { username: input.username, email: input.email ?? null, display_name: input.displayName, role: input.role, unit_id: input.unitId }) }, now);
    return row.id;
  });
  return { user: (await repo.getUserWithUnit(db, id))!, temporaryPassword: temporary };
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  email?: string | null | undefined;
  role?: Role | undefined;
  unitId?: string | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(deps: AppDeps, src: Src, id: string, input: UpdateUserInput) {
  const existing = await getVisibleUser(deps, src.actor, id);
  authorize(src.actor, 'user.manage');
  const { db } = deps.database;
  if (input.unitId && input.unitId !== existing.unit_id) await assertUnitReachable(deps, src.actor, input.unitId);
  if (input.email && (await repo.usernameOrEmailTaken(db, null, input.email, id))) throw new AppError('DUPLICATE_USERNAME');
  if (id === src.actor.userId && (input.disabled === true || (input.role && input.role !== 'admin'))) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: input.disabled ? 'disabled' : 'role', message: 'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.' }]);
  }
  const now = deps.now();
  const before = (await repo.getUserRow(db, id))!;
  const values = {
    display_name: input.displayName,
    email: input.email,
    role: input.role,
    unit_id: input.unitId,
    disabled_at: input.disabled === undefined ? undefined : input.disabled ? (before.disabled_at ?? now) : null,
  };
  const changes = diff(before, values);
  if (Object.keys(changes).length > 0) {
    await db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, id, { ...values, updated_at: now });
      // A disabled account, or one whose rights changed, signs in again.
      if (changes.disabled_at || changes.role || changes.unit_id) await deleteUserSessions(tx, id);
      await recordAudit(tx, src, { action: 'user.update', entityType: 'user', entityId: id, unitId: values.unit_id ?? before.unit_id, changes }, now);
    });
  }
  return (await repo.getUserWithUnit(db, id))!;
}

export async function resetPassword(deps: AppDeps, src: Src, id: string) {
  const existing = await getVisibleUser(deps, src.actor, id);
  authorize(src.actor, 'user.manage');
  const temporary = temporaryPassword();
  const hash = await deps.passwords.hash(temporary);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, id, { password_hash: hash, must_change_password: true, password_changed_at: now, updated_at: now });
    await deleteUserSessions(tx, id);
    await recordAudit(tx, src, { action: 'user.password_reset', entityType: 'user', entityId: id, unitId: existing.unit_id }, now);
  });
  return temporary;
}
