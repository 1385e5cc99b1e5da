import { z } from 'zod';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { errors, idParam, noContent } from '../http/schemas.js';
import * as repo from './notification.repository.js';
import { EVENTS, type NotificationEvent } from './notify.js';

const CHANNELS = ['email', 'digest', 'none'] as const;

export function notificationRoutes(app: App, deps: AppDeps) {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Pemberitahuan saya, terbaru lebih dulu, dengan jumlah yang belum dibaca',
        querystring: z.object({ unreadOnly: z.enum(['true', 'false']).default('false'), page: z.coerce.number().int().min(1).max(1000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z.object({ notifications: z.array(z.object({ id: z.string(), event: z.string(), title: z.string(), body: z.string(), link: z.string(), createdAt: z.string(), readAt: z.string().nullable() })), unread: z.number(), total: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await repo.listFor(deps.database.db, req.actor!.userId, req.query.unreadOnly === 'true', req.query.page, req.query.pageSize);
      return {
        unread: r.unread,
        total: r.total,
        notifications: r.rows.map((n) => ({ id: n.id, event: n.event, title: n.title, body: n.body, link: n.link, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
      };
    },
  );
  app.post('/notifications/:id/read', { schema: { tags, summary: 'Tandai dibaca', params: idParam, response: { 204: noContent, ...errors } } }, async (req, reply) => {
    const n = await repo.markRead(deps.database.db, req.actor!.userId, req.params.id, deps.now());
    const exists = n > 0 || (await deps.database.db.selectFrom('notifications').select('id').where('id', '=', req.params.id).where('user_id', '=', req.actor!.userId).executeTakeFirst());
    if (!exists) throw new AppError('NOT_FOUND');
    return reply.status(204).send(null);
  });
  app.post('/notifications/read-all', { schema: { tags, summary: 'Tandai semua dibaca', response: { 200: z.object({ marked: z.number() }), ...errors } } }, async (req) => ({
    marked: await repo.markRead(deps.database.db, req.actor!.userId, null, deps.now()),
  }));

  const prefsDto = z.object({ preferences: z.array(z.object({ event: z.string(), label: z.string(), channel: z.enum(CHANNELS) })) });
  const prefsOf = async (userId: string) => {
    const rows = await repo.preferencesOf(deps.database.db, [userId]);
    return {
      preferences: (Object.keys(EVENTS) as NotificationEvent[]).map((event) => ({ event, label: EVENTS[event], channel: rows.find((r) => r.event === event)?.channel ?? ('email' as const) })),
    };
  };
  app.get('/me/notification-preferences', { schema: { tags, summary: 'Pilihan pemberitahuan per peristiwa: e-mail langsung, ringkasan harian, atau tidak', response: { 200: prefsDto, ...errors } } }, async (req) =>
    prefsOf(req.actor!.userId),
  );
  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Ubah pilihan pemberitahuan',
        body: z.object({ preferences: z.array(z.object({ event: z.enum(Object.keys(EVENTS) as [NotificationEvent]), channel: z.enum(CHANNELS) })).max(20) }),
        response: { 200: prefsDto, ...errors },
      },
    },
    async (req) => {
      await repo.setPreferences(deps.database.db, req.actor!.userId, req.body.preferences);
      return prefsOf(req.actor!.userId);
    },
  );
}
