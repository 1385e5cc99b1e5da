import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../access/access.js';
import type { Locale } from './i18n.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { BlobStore } from '../storage/blob-store.js';

/** What every use case receives: the shared services of the process. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** Injected so tests can move time (sessions, lockouts, reminders). */
  now: () => Date;
  version: string;
  passwords: PasswordHasher;
  /** Where uploaded files are kept (content-addressed; see storage/). */
  storage: BlobStore;
}

/** Who is asking, from where: passed to use cases that write the audit trail. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  locale: Locale;
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    /** The session behind a cookie-authenticated request (null for tokens and anonymous calls). */
    sessionId: string | null;
    /** The CSRF token of that session, for clients that reload (GET /me hands it out again). */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no sign-in; every other route does (deny by default). */
    auth?: 'public' | 'user';
    /** Routes a user with a temporary password may still call. */
    allowWithTemporaryPassword?: boolean;
  }
}

/** The caller of an authenticated route (the auth hook guarantees there is one). */
export function sourceOf(req: { actor: Actor | null; ip: string; sessionId: string | null }): { actor: Actor; ip: string | null; sessionId: string | null } {
  if (!req.actor) throw new Error('route reached without an actor');
  return { actor: req.actor, ip: req.ip, sessionId: req.sessionId };
}
