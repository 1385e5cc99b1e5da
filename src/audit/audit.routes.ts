import { z } from 'zod';
import { authorize } from '../access/access.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors, isoDate, pagination } from '../http/schemas.js';
import { listAuditEvents } from './audit.repository.js';

const eventDto = z.object({
  id: z.number(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
});

export function auditRoutes(app: App, deps: AppDeps) {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Jejak audit (admin)',
        querystring: z.object({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(100).optional(),
          actorId: z.uuid().optional(),
          action: z.string().max(60).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          ...pagination,
        }),
        response: { 200: z.object({ events: z.array(eventDto), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      authorize(req.actor!, 'audit.read');
      const { page, pageSize, ...filter } = req.query;
      const { rows, total } = await listAuditEvents(deps.database.db, filter, page, pageSize);
      return {
        total,
        events: rows.map((r) => ({
          id: r.id,
          occurredAt: r.occurred_at.toISOString(),
          actorId: r.actor_id,
          actorLabel: r.actor_label,
          ip: r.ip,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          changes: (r.changes ?? {}) as Record<string, unknown>,
        })),
      };
    },
  );
}
