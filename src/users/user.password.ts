import type { Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import { deleteUserSessions } from '../auth/auth.repository.js';
import { assertPasswordPolicy } from '../auth/passwords.js';
import type { AppDeps } from '../http/context.js';
import { getUserRow, updateUser } from './user.repository.js';

/** An administrator sets a known password (command line); the account's sessions end. */
export async function setPassword(deps: AppDeps, src: { actor: Actor; ip: string | null }, userId: string, password: string) {
  const user = (await getUserRow(deps.database.db, userId))!;
  assertPasswordPolicy(password, user.username);
  const hash = await deps.passwords.hash(password);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await updateUser(tx, userId, { password_hash: hash, must_change_password: false, password_changed_at: now, updated_at: now });
    await deleteUserSessions(tx, userId);
    await recordAudit(tx, src, { action: 'user.password_reset', entityType: 'user', entityId: userId, unitId: user.unit_id }, now);
  });
}
