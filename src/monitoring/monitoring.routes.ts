import { z } from 'zod';
import { STATUSES } from '../agreements/status.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';
import { overview } from './monitoring.service.js';

const counts = z.object({
  total: z.number(),
  draft: z.number(),
  berlaku: z.number(),
  akan_berakhir: z.number(),
  berakhir: z.number(),
  diperpanjang: z.number(),
  diakhiri: z.number(),
} satisfies Record<(typeof STATUSES)[number] | 'total', z.ZodNumber>);
const named = z.object({ code: z.string(), name: z.string(), count: z.number() });

export function monitoringRoutes(app: App, deps: AppDeps) {
  app.get(
    '/monitoring/overview',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Ikhtisar pemantauan untuk satu unit dan unit di bawahnya',
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: {
          200: z.object({
            unit: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
            today: z.string(),
            totals: counts,
            byUnit: z.array(counts.extend({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), own: z.boolean() })),
            byKind: z.array(named),
            byPartnerCategory: z.array(named),
            bySigningYear: z.array(z.object({ year: z.number(), count: z.number() })),
            endingWithin: z.object({ d30: z.number(), d60: z.number(), d90: z.number() }),
            withoutSignedDocument: z.number(),
            benefitsByYear: z.array(z.object({ year: z.number(), pnbpAmount: z.number(), beneficiaries: z.number(), reports: z.number() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => overview(deps, req.actor!, req.query.unitId),
  );
}
