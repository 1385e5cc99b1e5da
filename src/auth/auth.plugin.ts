import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { authenticateSession, authenticateToken } from './auth.service.js';

export const SESSION_COOKIE = 'p2ma_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller on every request and enforces, in this order: signed in (unless the route is
 * public), CSRF token for cookie-authenticated writes, and a changed temporary password.
 */
export function authPlugin(deps: AppDeps) {
  return fp(async (app: FastifyInstance) => {
    app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
      // Unknown addresses fall through to the 404 handler without asking who is calling.
      if (req.is404) return;
      // Staff data only travels through /api; everything else (the web app's static files) is public.
      // Inside /api every route needs a signed-in caller unless it says `auth: 'public'`.
      const auth = req.url.startsWith('/api/') ? (req.routeOptions.config?.auth ?? 'user') : 'public';
      const header = req.headers.authorization;
      const cookie = req.cookies[SESSION_COOKIE];
      let csrfToken: string | null = null;

      if (header?.startsWith('Bearer ')) {
        const found = await authenticateToken(deps, header.slice(7).trim());
        if (!found && auth !== 'public') throw new AppError('UNAUTHENTICATED');
        if (found) req.actor = found.actor;
      } else if (cookie) {
        const found = await authenticateSession(deps, cookie);
        if (found) {
          req.actor = found.actor;
          req.sessionId = found.sessionId;
          csrfToken = found.csrfToken;
          req.csrfToken = found.csrfToken;
        } else {
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
        }
      }
      if (req.actor) req.locale = req.actor.locale;
      if (auth === 'public') return;
      if (!req.actor) throw new AppError('UNAUTHENTICATED');
      if (req.sessionId && !SAFE_METHODS.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !csrfToken || !safeEqual(sent, csrfToken)) throw new AppError('CSRF_FAILED');
      }
      if (req.actor.mustChangePassword && !req.routeOptions.config?.allowWithTemporaryPassword) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      }
    });
  });
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
