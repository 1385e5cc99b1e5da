import { z } from 'zod';
import { ROLES } from '../db/schema.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam, pagination } from '../http/schemas.js';
import { presentUser } from './user.presenter.js';
import { createUserBody, updateUserBody, userDto } from './user.schemas.js';
import * as users from './user.service.js';

export function userRoutes(app: App, deps: AppDeps) {
  const tags = ['users'];

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Akun dalam cakupan pemanggil (admin, verifikator)',
        querystring: z.object({ q: z.string().trim().max(100).optional(), role: z.enum(ROLES).optional(), unitId: z.uuid().optional(), ...pagination }),
        response: { 200: z.object({ users: z.array(userDto), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const { rows, total } = await users.listUsers(deps, req.actor!, filter, page, pageSize);
      return { users: rows.map(presentUser), total };
    },
  );

  app.get('/users/:id', { schema: { tags, summary: 'Satu akun', params: idParam, response: { 200: z.object({ user: userDto }), ...errors } } }, async (req) => ({
    user: presentUser(await users.getVisibleUser(deps, req.actor!, req.params.id)),
  }));

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Buat akun (admin); tanpa kata sandi, akun mendapat kata sandi sementara',
        body: createUserBody,
        response: { 201: z.object({ user: userDto, temporaryPassword: z.string().optional() }), ...errors },
      },
    },
    async (req, reply) => {
      const { user, temporaryPassword } = await users.createUser(deps, sourceOf(req), req.body);
      return reply.status(201).send({ user: presentUser(user), ...(temporaryPassword ? { temporaryPassword } : {}) });
    },
  );

  app.patch(
    '/users/:id',
    { schema: { tags, summary: 'Ubah akun: nama, e-mail, peran, unit, nonaktif (admin)', params: idParam, body: updateUserBody, response: { 200: z.object({ user: userDto }), ...errors } } },
    async (req) => ({ user: presentUser(await users.updateUser(deps, sourceOf(req), req.params.id, req.body)) }),
  );

  app.post(
    '/users/:id/reset-password',
    { schema: { tags, summary: 'Atur ulang kata sandi (admin); sesi pengguna berakhir', params: idParam, response: { 200: z.object({ temporaryPassword: z.string() }), ...errors } } },
    async (req) => ({ temporaryPassword: await users.resetPassword(deps, sourceOf(req), req.params.id) }),
  );
}
