import * as OTPAuth from 'otpauth';
import type { Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { getUserWithUnit, updateUser } from '../users/user.repository.js';
import * as repo from './auth.repository.js';
import { randomToken, sha256 } from './passwords.js';

export interface LoginInput {
  login: string;
  password: string;
  totp?: string | undefined;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Signs a user in. Every failure looks the same to the caller (one message, the same argon2 work),
 * and counts against both the login name and the address, locking either for a while.
 */
export async function login(deps: AppDeps, input: LoginInput) {
  const { db } = deps.database;
  const now = deps.now();
  const { maxAttempts, lockMinutes } = deps.config.login;
  const keys = { user: `login:${input.login.trim().toLowerCase()}`, ip: `ip:${input.ip ?? 'unknown'}` };

  const throttled = await repo.throttleState(db, [keys.user, keys.ip]);
  const lockedUntil = throttled.map((t) => t.locked_until).filter((d): d is Date => d !== null && d > now).sort((a, b) => b.getTime() - a.getTime())[0];
  if (lockedUntil) throw new AppError('TOO_MANY_ATTEMPTS', { minutes: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60000)) });

  const user = await repo.findUserForLogin(db, input.login);
  const passwordOk = await deps.passwords.verify(user?.password_hash ?? null, input.password);
  const fail = async () => {
    const windowStart = new Date(now.getTime() - lockMinutes * 60000);
    const lockUntil = new Date(now.getTime() + lockMinutes * 60000);
    await db.transaction().execute(async (tx) => {
      await repo.recordFailure(tx, keys.user, now, windowStart, maxAttempts, lockUntil);
      await repo.recordFailure(tx, keys.ip, now, windowStart, maxAttempts * 4, lockUntil);
      await recordAudit(tx, { actor: null, ip: input.ip, label: input.login.slice(0, 100) }, { action: 'auth.login_failed', entityType: 'session', entityId: null, unitId: user?.unit_id ?? null }, now);
    });
    return new AppError('INVALID_CREDENTIALS');
  };
  if (!user || !passwordOk || user.disabled_at !== null) throw await fail();

  if (user.totp_enabled_at && user.totp_secret) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    if (!verifyTotp(user.totp_secret, input.totp, now)) throw await fail();
  }

  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + deps.config.session.absoluteHours * 3600_000);
  await db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, { id: sha256(token), userId: user.id, csrfToken, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null, now, expiresAt });
    await repo.clearThrottle(tx, keys.user);
    await updateUser(tx, user.id, { last_login_at: now });
    await recordAudit(tx, { actor: { userId: user.id, username: user.username }, ip: input.ip }, { action: 'auth.login', entityType: 'session', entityId: null, unitId: user.unit_id }, now);
  });
  const profile = await getUserWithUnit(db, user.id);
  return { token, csrfToken, expiresAt, user: profile! };
}

export function verifyTotp(secret: string, code: string, now: Date): boolean {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.validate({ token: code.replace(/\s/g, ''), window: 1, timestamp: now.getTime() }) !== null;
}

export function totpUri(secret: string, username: string): string {
  return new OTPAuth.TOTP({ issuer: 'P2MA', label: username, secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).toString();
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export type Authenticated = { actor: Actor; sessionId: string | null; csrfToken: string | null };

/** Resolves a session cookie: unknown, expired (absolute or idle) or disabled users are signed out. */
export async function authenticateSession(deps: AppDeps, cookieValue: string): Promise<Authenticated | null> {
  const { db } = deps.database;
  const now = deps.now();
  const id = sha256(cookieValue);
  const row = await repo.findSessionWithActor(db, id);
  if (!row) return null;
  const idleCutoff = new Date(now.getTime() - deps.config.session.idleMinutes * 60000);
  if (row.expires_at <= now || row.last_seen_at < idleCutoff || row.disabled_at) {
    await repo.deleteSession(db, id);
    return null;
  }
  // One write a minute at most: keeps idle expiry honest without a write per request.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) await repo.touchSession(db, id, now);
  return { actor: toActor(row), sessionId: id, csrfToken: row.csrf_token };
}

export async function authenticateToken(deps: AppDeps, bearer: string): Promise<Authenticated | null> {
  const { db } = deps.database;
  const row = await repo.findTokenWithActor(db, sha256(bearer));
  if (!row || row.revoked_at || row.disabled_at) return null;
  const now = deps.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await repo.touchToken(db, row.token_id, now);
  return { actor: toActor(row), sessionId: null, csrfToken: null };
}

type ActorRow = NonNullable<Awaited<ReturnType<typeof repo.findSessionWithActor>>>;

function toActor(row: Pick<ActorRow, 'id' | 'username' | 'display_name' | 'role' | 'unit_id' | 'unit_path' | 'must_change_password' | 'locale'>): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    mustChangePassword: row.must_change_password,
    locale: row.locale,
  };
}

export async function logout(deps: AppDeps, sessionId: string, actor: Actor, ip: string | null, everywhere: boolean) {
  const { db } = deps.database;
  await db.transaction().execute(async (tx) => {
    if (everywhere) await repo.deleteUserSessions(tx, actor.userId);
    else await repo.deleteSession(tx, sessionId);
    await recordAudit(tx, { actor, ip }, { action: everywhere ? 'auth.logout_all' : 'auth.logout', entityType: 'session', entityId: null, unitId: actor.unitId }, deps.now());
  });
}
