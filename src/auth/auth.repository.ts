import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** Sessions, API tokens and sign-in throttling: all in the database so every instance shares them. */

export function findUserForLogin(db: Executor, login: string) {
  const l = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', l), eb(eb.fn('lower', ['email']), '=', l)]))
    .executeTakeFirst();
}

export async function insertSession(db: Executor, s: { id: string; userId: string; csrfToken: string; ip: string | null; userAgent: string | null; now: Date; expiresAt: Date }) {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, ip: s.ip, user_agent: s.userAgent, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt })
    .execute();
}

const ACTOR_COLUMNS = [
  'users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'users.must_change_password',
  'users.disabled_at', 'users.locale', 'units.path as unit_path',
] as const;

/** A session with its account and unit in one round trip: this runs on every request. */
export function findSessionWithActor(db: Executor, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([...ACTOR_COLUMNS, 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export function findTokenWithActor(db: Executor, hash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([...ACTOR_COLUMNS, 'api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', hash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date, idleCutoff: Date) {
  await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)])).execute();
}

export async function touchToken(db: Executor, id: string, now: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function throttleState(db: Executor, keys: string[]) {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/** Counts one failure per key in the current window and locks the key once it reaches `max`. */
export async function recordFailure(db: Executor, key: string, now: Date, windowStart: Date, max: number, lockUntil: Date) {
  await sql`
    insert into login_throttle (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${now}, ${max <= 1 ? lockUntil : null})
    on conflict (key) do update set
      failures = case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < ${windowStart} then ${now} else login_throttle.window_started_at end,
      locked_until = case
        when (case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end) >= ${max}
        then ${lockUntil}::timestamptz else login_throttle.locked_until end
  `.execute(db);
}

export async function clearThrottle(db: Executor, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
