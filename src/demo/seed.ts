import crypto from 'node:crypto';
import { recordAudit } from '../audit/audit.js';
import type { Actor } from '../access/access.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { Executor } from '../db/database.js';
import { getUnitByCode } from '../units/unit.repository.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UPTS } from './demo-units.js';

/**
 * The demo dataset: UPTs under three Kanwil and the demo accounts. Runs only in demo mode and only
 * once (when no account exists yet), so it never touches a database someone has started using.
 */
export async function seedDemo(db: Executor, passwords: PasswordHasher, now: Date): Promise<boolean> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return false;
  const hash = await passwords.hash(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    for (const [province, upts] of Object.entries(DEMO_UPTS)) {
      const kanwil = await getUnitByCode(tx, `KW-${province}`);
      if (!kanwil) continue;
      const rows = upts
        .filter((u) => u.code)
        .map((u) => {
          const id = crypto.randomUUID();
          return { id, code: u.code, name: u.name, kind: u.kind, parent_id: kanwil.id, path: `${kanwil.path}${id}/`, province_code: province, regency_code: u.regency, valid_from: '2024-10-21' };
        });
      const existing = await tx.selectFrom('units').select('code').where('code', 'in', rows.map((r) => r.code)).execute();
      const fresh = rows.filter((r) => !existing.some((e) => e.code === r.code));
      if (fresh.length) await tx.insertInto('units').values(fresh).execute();
    }
    for (const a of DEMO_ACCOUNTS) {
      const unit = await getUnitByCode(tx, a.unitCode);
      if (!unit) continue;
      await tx
        .insertInto('users')
        .values({ username: a.username, email: a.email, display_name: a.displayName, role: a.role, unit_id: unit.id, password_hash: hash, created_at: now, updated_at: now })
        .execute();
    }
    await recordAudit(tx, { actor: null, ip: null, label: 'sistem' }, { action: 'system.seed', entityType: 'system', entityId: null, unitId: null, changes: { dataset: { from: null, to: 'demo' } } }, now);
  });
  return true;
}

/** In production, an account still carrying the published demo password is a hole: refuse to start. */
export async function findDemoPasswordAccounts(db: Executor, passwords: PasswordHasher): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('username', 'in', DEMO_ACCOUNTS.map((a) => a.username))
    .where('disabled_at', 'is', null)
    .execute();
  const found: string[] = [];
  for (const r of rows) if (await passwords.verify(r.password_hash, DEMO_PASSWORD)) found.push(r.username);
  return found;
}

export function demoAdminActor(db: Executor): Promise<Actor> {
  return demoActor(db, 'admin').then((a) => a!);
}

/** A demo account as an actor, for seeding through the same use cases the API calls. */
export async function demoActor(db: Executor, username: string): Promise<Actor | null> {
  const u = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'units.path'])
    .where('users.username', '=', username)
    .executeTakeFirst();
  return u ? { userId: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitPath: u.path, mustChangePassword: false, locale: 'id' } : null;
}
