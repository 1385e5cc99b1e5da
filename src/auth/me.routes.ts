import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf as src, type AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { errors, idParam, noContent } from '../http/schemas.js';
import { presentUser } from '../users/user.presenter.js';
import { getUserWithUnit } from '../users/user.repository.js';
import { userDto } from '../users/user.schemas.js';
import * as account from './account.service.js';

const tokenDto = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

export function meRoutes(app: App, deps: AppDeps) {
  const tags = ['me'];

  app.get(
    '/me',
    { config: { allowWithTemporaryPassword: true }, schema: { tags, summary: 'Akun yang sedang masuk', response: { 200: z.object({ user: userDto, csrfToken: z.string().nullable() }), ...errors } } },
    async (req) => {
      const user = await getUserWithUnit(deps.database.db, req.actor!.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      return { user: presentUser(user), csrfToken: req.csrfToken };
    },
  );

  app.patch(
    '/me',
    {
      config: { allowWithTemporaryPassword: true },
      schema: {
        tags,
        summary: 'Ubah profil sendiri (nama, e-mail, bahasa)',
        body: z.object({ displayName: z.string().trim().min(2).max(120).optional(), email: z.email().max(200).nullable().optional(), locale: z.enum(['id', 'en']).optional() }),
        response: { 200: z.object({ user: userDto }), ...errors },
      },
    },
    async (req) => ({ user: presentUser(await account.updateProfile(deps, src(req), req.body)) }),
  );

  app.post(
    '/me/password',
    {
      config: { allowWithTemporaryPassword: true },
      schema: { tags, summary: 'Ganti kata sandi', body: z.object({ currentPassword: z.string().min(1).max(500), newPassword: z.string().min(10).max(200) }), response: { 204: noContent, ...errors } },
    },
    async (req, reply) => {
      await account.changePassword(deps, src(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/totp/setup',
    { schema: { tags, summary: 'Mulai pemasangan verifikasi dua langkah (TOTP)', response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }), ...errors } } },
    async (req) => account.startTotpSetup(deps, src(req)),
  );
  app.post(
    '/me/totp/enable',
    { schema: { tags, summary: 'Aktifkan TOTP dengan kode pertama', body: z.object({ code: z.string().regex(/^\d{6}$/) }), response: { 204: noContent, ...errors } } },
    async (req, reply) => {
      await account.enableTotp(deps, src(req), req.body.code);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/me/totp/disable',
    { schema: { tags, summary: 'Matikan TOTP', body: z.object({ password: z.string().min(1).max(500) }), response: { 204: noContent, ...errors } } },
    async (req, reply) => {
      await account.disableTotp(deps, src(req), req.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get('/me/tokens', { schema: { tags, summary: 'Token API pribadi', response: { 200: z.object({ tokens: z.array(tokenDto) }), ...errors } } }, async (req) => {
    const rows = await account.listTokens(deps, req.actor!);
    return {
      tokens: rows.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at.toISOString(), lastUsedAt: t.last_used_at?.toISOString() ?? null, revokedAt: t.revoked_at?.toISOString() ?? null })),
    };
  });
  app.post(
    '/me/tokens',
    {
      schema: {
        tags,
        summary: 'Buat token API (ditampilkan sekali)',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ token: z.string(), id: z.string(), name: z.string(), prefix: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await account.createToken(deps, src(req), req.body.name)),
  );
  app.delete('/me/tokens/:id', { schema: { tags, summary: 'Cabut token API', params: idParam, response: { 204: noContent, ...errors } } }, async (req, reply) => {
    await account.revokeToken(deps, src(req), req.params.id);
    return reply.status(204).send(null);
  });
}
