import { z } from 'zod';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors, idParam } from '../http/schemas.js';
import { SUGGESTION_FIELDS } from './suggest.js';
import { documentSuggestions } from './suggestion.service.js';

const suggestionsResponse = z.object({
  documentId: z.string(),
  suggestions: z.array(
    z.object({
      field: z.enum(SUGGESTION_FIELDS),
      value: z.string(),
      extra: z.record(z.string(), z.string()).optional(),
      snippet: z.object({ page: z.number().int(), text: z.string() }).describe('Kutipan teks (teks biasa) tempat saran ditemukan'),
    }),
  ),
});

export function suggestionRoutes(app: App, deps: AppDeps) {
  app.get(
    '/documents/:id/suggestions',
    {
      schema: {
        tags: ['documents'],
        summary: 'Saran isian naskah dari teks berkas (jenis, judul, nomor, tempat/tanggal, jangka waktu, MoU induk, para pihak); 409 bila teks belum selesai dibaca',
        params: idParam,
        response: { 200: suggestionsResponse, ...errors },
      },
    },
    async (req) => documentSuggestions(deps, req.actor!, req.params.id),
  );
}
