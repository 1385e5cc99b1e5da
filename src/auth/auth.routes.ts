import { z } from 'zod';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors, noContent } from '../http/schemas.js';
import { presentUser } from '../users/user.presenter.js';
import { userDto } from '../users/user.schemas.js';
import { SESSION_COOKIE } from './auth.plugin.js';
import * as auth from './auth.service.js';

export function authRoutes(app: App, deps: AppDeps) {
  const secure = deps.config.production;

  app.post(
    '/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Masuk dengan nama pengguna atau e-mail dan kata sandi',
        body: z.object({ username: z.string().trim().min(1).max(200), password: z.string().min(1).max(500), totp: z.string().regex(/^\d{6}$/).optional() }),
        response: { 200: z.object({ user: userDto, csrfToken: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const result = await auth.login(deps, { login: req.body.username, password: req.body.password, totp: req.body.totp, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: result.expiresAt });
      return { user: presentUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { config: { allowWithTemporaryPassword: true }, schema: { tags: ['auth'], summary: 'Keluar dari sesi ini', response: { 204: noContent, ...errors } } },
    async (req, reply) => {
      if (req.sessionId) await auth.logout(deps, req.sessionId, req.actor!, req.ip, false);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    { config: { allowWithTemporaryPassword: true }, schema: { tags: ['auth'], summary: 'Keluar dari semua perangkat', response: { 204: noContent, ...errors } } },
    async (req, reply) => {
      await auth.logout(deps, req.sessionId ?? '', req.actor!, req.ip, true);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
