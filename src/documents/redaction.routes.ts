import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errorBody, errors, idParam } from '../http/schemas.js';
import { PII_KINDS } from './pii.js';
import { presentFinding, presentPublicCopy } from './redaction.presenter.js';
import * as redaction from './redaction.service.js';

const rect = z.object({
  page: z.number().int().min(1),
  x: z.number().min(0).max(20_000),
  y: z.number().min(0).max(20_000),
  width: z.number().positive().max(20_000),
  height: z.number().positive().max(20_000),
});

const publicCopyDto = z
  .object({
    id: z.string(),
    sourceDocumentId: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    jobId: z.string().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
    error: z.string().nullable(),
    findings: z.number().int(),
    rectangles: z.number().int(),
    requestedAt: z.string(),
    resultDocument: z.object({ id: z.string(), contentUrl: z.string() }).nullable(),
  })
  .describe('Pembuatan salinan publik: status, kemajuan per halaman, dan berkas hasilnya');

const findingDto = z.object({
  id: z.string(),
  kind: z.enum(PII_KINDS),
  page: z.number().int(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  snippet: z.object({ before: z.string(), text: z.string(), after: z.string() }),
  boxes: z.array(rect).describe('Posisi pada halaman, dalam poin dari pojok kiri atas'),
  located: z.boolean(),
  redact: z.boolean().describe('Usulan: disamarkan (bawaan true)'),
});

export function redactionRoutes(app: App, deps: AppDeps) {
  const tags = ['documents'];
  app.get(
    '/documents/:id/pii',
    {
      schema: {
        tags,
        summary: 'Data pribadi dalam teks berkas (NIK, telepon, e-mail pribadi, rekening, alamat rumah) untuk ditinjau sebelum membuat salinan publik',
        params: idParam,
        response: { 200: z.object({ documentId: z.string(), pageCount: z.number().int(), findings: z.array(findingDto), publicCopy: publicCopyDto.nullable() }), ...errors, 415: errorBody },
      },
    },
    async (req) => {
      const r = await redaction.documentPii(deps, req.actor!, req.params.id);
      return { documentId: r.documentId, pageCount: r.pageCount, findings: r.findings.map(presentFinding), publicCopy: r.publicCopy ? presentPublicCopy(r.publicCopy) : null };
    },
  );

  app.post(
    '/documents/:id/public-copy',
    {
      schema: {
        tags,
        summary: 'Buat salinan publik: halaman dirender menjadi gambar, temuan terpilih dan kotak tambahan dihitamkan; disimpan sebagai versi baru salinan_publik',
        params: idParam,
        body: z.object({
          findingIds: z.array(z.string().max(100)).max(5000).describe('Temuan yang disamarkan (id dari GET …/pii)'),
          rectangles: z.array(rect).max(1000).optional().describe('Kotak tambahan yang dihitamkan'),
        }),
        response: { 202: z.object({ publicCopy: publicCopyDto }), ...errors, 415: errorBody, 503: errorBody },
      },
    },
    async (req, reply) => {
      const copy = await redaction.requestPublicCopy(deps, sourceOf(req), req.params.id, req.body);
      return reply.status(202).send({ publicCopy: presentPublicCopy(copy) });
    },
  );

  app.get(
    '/documents/:id/public-copy',
    {
      schema: {
        tags,
        summary: 'Salinan publik terakhir yang diminta dari berkas ini, dengan kemajuannya',
        params: idParam,
        response: { 200: z.object({ publicCopy: publicCopyDto.nullable() }), ...errors },
      },
    },
    async (req) => {
      const copy = await redaction.latestPublicCopy(deps, req.actor!, req.params.id);
      return { publicCopy: copy ? presentPublicCopy(copy) : null };
    },
  );
}
