import type { Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { getUserRow, getUserWithUnit, updateUser, usernameOrEmailTaken } from '../users/user.repository.js';
import * as repo from './auth.repository.js';
import { newTotpSecret, totpUri, verifyTotp } from './auth.service.js';
import { assertPasswordPolicy, randomToken, sha256 } from './passwords.js';

/** What a signed-in user does to their own account. */

type Src = { actor: Actor; ip: string | null };

export async function updateProfile(deps: AppDeps, src: Src, input: { displayName?: string | undefined; email?: string | null | undefined; locale?: 'id' | 'en' | undefined }) {
  const { db } = deps.database;
  const before = await getUserRow(db, src.actor.userId);
  if (!before) throw new AppError('NOT_FOUND');
  if (input.email && (await usernameOrEmailTaken(db, null, input.email, before.id))) throw new AppError('DUPLICATE_USERNAME');
  const values = { display_name: input.displayName, email: input.email === '' ? null : input.email, locale: input.locale };
  await db.transaction().execute(async (tx) => {
    const changes = diff(before, values);
    if (Object.keys(changes).length === 0) return;
    await updateUser(tx, before.id, { ...values, updated_at: deps.now() });
    await recordAudit(tx, src, { action: 'user.update', entityType: 'user', entityId: before.id, unitId: before.unit_id, changes }, deps.now());
  });
  return (await getUserWithUnit(db, before.id))!;
}

/** Changing one's password ends every other session of the account. */
export async function changePassword(deps: AppDeps, src: Src & { sessionId: string | null }, current: string, next: string) {
  const { db } = deps.database;
  const user = await getUserRow(db, src.actor.userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (!(await deps.passwords.verify(user.password_hash, current))) throw new AppError('WRONG_PASSWORD');
  assertPasswordPolicy(next, user.username);
  if (next === current) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'newPassword', message: 'Kata sandi baru harus berbeda dari yang lama.' }]);
  const hash = await deps.passwords.hash(next);
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { password_hash: hash, must_change_password: false, password_changed_at: now, updated_at: now });
    await repo.deleteUserSessions(tx, user.id, src.sessionId ?? undefined);
    await recordAudit(tx, src, { action: 'user.password_change', entityType: 'user', entityId: user.id, unitId: user.unit_id }, now);
  });
}

export async function startTotpSetup(deps: AppDeps, src: Src) {
  const { db } = deps.database;
  const user = await getUserRow(db, src.actor.userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (user.totp_enabled_at) throw new AppError('CONFLICT');
  const secret = newTotpSecret();
  await updateUser(db, user.id, { totp_secret: secret, updated_at: deps.now() });
  return { secret, otpauthUrl: totpUri(secret, user.username) };
}

export async function enableTotp(deps: AppDeps, src: Src, code: string) {
  const { db } = deps.database;
  const user = await getUserRow(db, src.actor.userId);
  if (!user?.totp_secret) throw new AppError('BAD_REQUEST');
  if (!verifyTotp(user.totp_secret, code, deps.now())) throw new AppError('INVALID_TOTP');
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { totp_enabled_at: now, updated_at: now });
    await recordAudit(tx, src, { action: 'user.totp_enable', entityType: 'user', entityId: user.id, unitId: user.unit_id }, now);
  });
}

export async function disableTotp(deps: AppDeps, src: Src, password: string) {
  const { db } = deps.database;
  const user = await getUserRow(db, src.actor.userId);
  if (!user) throw new AppError('NOT_FOUND');
  if (!(await deps.passwords.verify(user.password_hash, password))) throw new AppError('WRONG_PASSWORD');
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { totp_enabled_at: null, totp_secret: null, updated_at: now });
    await recordAudit(tx, src, { action: 'user.totp_disable', entityType: 'user', entityId: user.id, unitId: user.unit_id }, now);
  });
}

export function listTokens(deps: AppDeps, actor: Actor) {
  return deps.database.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The token is returned once; only its SHA-256 is kept. */
export async function createToken(deps: AppDeps, src: Src, name: string) {
  const token = `p2ma_${randomToken(32)}`;
  const prefix = token.slice(0, 12);
  const now = deps.now();
  const row = await deps.database.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('api_tokens')
      .values({ user_id: src.actor.userId, name, token_hash: sha256(token), prefix, created_at: now })
      .returning(['id', 'name', 'prefix'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, src, { action: 'token.create', entityType: 'token', entityId: inserted.id, unitId: src.actor.unitId, changes: { name: { from: null, to: name } } }, now);
    return inserted;
  });
  return { token, ...row };
}

export async function revokeToken(deps: AppDeps, src: Src, id: string) {
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('user_id', '=', src.actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    await recordAudit(tx, src, { action: 'token.revoke', entityType: 'token', entityId: id, unitId: src.actor.unitId }, now);
  });
}
