import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam } from '../http/schemas.js';
import { reextractDocument } from './reextract.service.js';

export function extractionRoutes(app: App, deps: AppDeps) {
  app.post(
    '/documents/:id/extract',
    {
      schema: {
        tags: ['documents'],
        summary: 'Baca ulang teks berkas (mis. setelah OCR dipasang); 409 EXTRACTION_PENDING bila pembacaan masih antre/berjalan',
        params: idParam,
        response: { 202: z.object({ jobId: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(202).send({ jobId: await reextractDocument(deps, sourceOf(req), req.params.id) }),
  );
}
