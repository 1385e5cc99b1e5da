import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';
import { presentDetail } from './agreement.presenter.js';
import { detailDto } from './agreement.schemas.js';
import { detail } from './agreement.service.js';
import { createDraftFromDocument } from './draft.service.js';
import { workflowInfo } from '../workflow/workflow.service.js';

const draftBody = z.object({
  unitId: z.uuid(),
  filename: z.string().trim().min(1).max(255).describe('Nama berkas naskah yang akan diunggah (judul sementara)'),
  kindCode: z.string().trim().min(1).max(40).optional(),
});

export function draftRoutes(app: App, deps: AppDeps) {
  app.post(
    '/agreements/drafts',
    {
      schema: {
        tags: ['agreements'],
        summary: 'Mulai dari naskah bertanda tangan: buat konsep (tanpa mitra, judul sementara) untuk diunggahi berkasnya lalu dilengkapi dari saran isian',
        body: draftBody,
        response: { 201: z.object({ agreement: detailDto }), ...errors },
      },
    },
    async (req, reply) => {
      const id = await createDraftFromDocument(deps, sourceOf(req), req.body);
      const d = await detail(deps, req.actor!, id);
      return reply.status(201).send({ agreement: presentDetail(d, await workflowInfo(deps, req.actor!, d.row)) });
    },
  );
}
