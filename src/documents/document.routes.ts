import multipart from '@fastify/multipart';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z, type ZodType } from 'zod';
import { DOCUMENT_ROLES } from '../db/schema-registry.js';
import { EXTRACTION_METHODS, EXTRACTION_STATES } from '../db/schema-intelligence.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { AppError, invalid } from '../http/errors.js';
import { validationMessage } from '../http/i18n.js';
import { errorBody, errors, idParam, noContent } from '../http/schemas.js';
import { contentDisposition, isPreviewable, presentDocument, presentUpload } from './document.presenter.js';
import * as documents from './document.service.js';

const documentDto = z.object({
  id: z.string(),
  agreementId: z.string(),
  reportId: z.string().nullable(),
  role: z.enum(DOCUMENT_ROLES),
  version: z.number().int(),
  current: z.boolean(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  readable: z.boolean(),
  unreadableReason: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  previewable: z.boolean(),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  contentUrl: z.string(),
  extraction: z
    .object({
      state: z.enum(EXTRACTION_STATES),
      pagesDone: z.number().int(),
      pagesTotal: z.number().int().nullable(),
      method: z.enum(EXTRACTION_METHODS).nullable(),
      error: z.string().nullable(),
      characters: z.number().int().nullable().describe('Jumlah karakter teks yang terbaca (hanya bila selesai)'),
    })
    .nullable()
    .describe('Pembacaan teks (pencarian, saran isian): antre, berjalan, selesai, kosong atau gagal beserta alasannya'),
});

/** The form fields that precede the file in the multipart body. */
const uploadFields = z.object({
  role: z.enum(DOCUMENT_ROLES),
  reportId: z.uuid().optional(),
});

/** The upload form as the OpenAPI document shows it (see `skipBodyValidation`). */
const uploadForm = z.object({
  role: z.enum(DOCUMENT_ROLES).describe('Peran berkas; kirim sebelum berkas'),
  reportId: z.uuid().optional().describe('Laporan pelaksanaan yang dibuktikan (opsional)'),
  file: z.string().meta({ format: 'binary' }).describe('PDF, DOCX, JPEG atau PNG'),
});

/**
 * A streamed multipart body never becomes `req.body`, so the form schema is there for the OpenAPI document
 * only; the fields are validated by `uploadFields` and the file by the store as it streams.
 */
type RouteSchemaDef<S> = Parameters<FastifySchemaCompiler<S>>[0];
function skipBodyValidation<S>(route: RouteSchemaDef<S>) {
  return route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route as unknown as RouteSchemaDef<ZodType>);
}

export function documentRoutes(app: App, deps: AppDeps) {
  const tags = ['documents'];

  // Multipart parsing lives in its own encapsulated scope: only the upload route accepts multipart bodies;
  // every JSON route keeps its usual parser and body limit.
  app.register(async (scope) => {
    await scope.register(multipart, {
      // One byte more than allowed, so the store (which deletes its temporary file) is the one that says 413.
      limits: { fileSize: deps.config.uploadMaxBytes + 1, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 },
    });
    (scope as App).post(
      '/agreements/:id/documents',
      {
        validatorCompiler: skipBodyValidation,
        schema: {
          tags,
          summary: 'Unggah berkas naskah (multipart: field role [, reportId] lalu file); PDF, DOCX, JPEG, PNG',
          consumes: ['multipart/form-data'],
          params: idParam,
          body: uploadForm,
          response: {
            201: z.object({ document: documentDto, duplicateOf: z.string().nullable(), storedBytes: z.number().int() }),
            ...errors,
            413: errorBody,
            415: errorBody,
          },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const part = await req.file();
        if (!part) throw invalid([{ path: 'file', message: req.locale === 'id' ? 'Berkas wajib dikirim.' : 'A file is required.' }]);
        const given = uploadFields.safeParse({ role: fieldValue(part.fields.role), reportId: fieldValue(part.fields.reportId) }, { reportInput: true });
        if (!given.success) {
          // A missing field is "required", whatever kind of value it should have held.
          const problems = given.error.issues.map((i) => ({ path: i.path.join('.'), message: validationMessage(i.input === undefined ? { code: 'invalid_type', input: undefined } : (i as never), req.locale) }));
          throw invalid(problems);
        }
        const result = await documents.uploadDocument(deps, sourceOf(req), req.params.id, {
          ...given.data,
          filename: part.filename,
          stream: part.file,
          truncated: () => part.file.truncated,
        });
        return reply.status(201).send(presentUpload(result));
      },
    );
  });

  app.get(
    '/agreements/:id/documents',
    {
      schema: {
        tags,
        summary: 'Semua berkas sebuah naskah, termasuk versi lama (current menandai versi yang berlaku)',
        params: idParam,
        response: { 200: z.object({ documents: z.array(documentDto) }), ...errors },
      },
    },
    async (req) => ({ documents: (await documents.listAgreementDocuments(deps, req.actor!, req.params.id)).map(presentDocument) }),
  );

  app.get(
    '/documents/:id/content',
    {
      schema: {
        tags,
        summary: 'Unduh berkas; ?inline=1 menampilkan PDF/gambar di peramban',
        params: idParam,
        querystring: z.object({ inline: z.enum(['0', '1', 'true', 'false']).optional() }),
        response: { 200: z.unknown().describe('Isi berkas'), 304: noContent, ...errors },
      },
    },
    async (req, reply) => {
      const { document, open } = await documents.getDocumentContent(deps, req.actor!, req.params.id);
      // Content never changes under its SHA-256, so the hash is the perfect validator; "no-cache" still
      // makes the browser ask each time, which keeps access checks in force after a permission change.
      const etag = `"${document.sha256}"`;
      const validators = { etag, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' };
      if (matchesEtag(req.headers['if-none-match'], etag)) return reply.status(304).headers(validators).send(null);
      // Opened before any file header is set: if the stored file is missing, the error answer stays plain JSON.
      const content = await open();
      const inline = (req.query.inline === '1' || req.query.inline === 'true') && isPreviewable(document.mime);
      return reply
        .headers(validators)
        .type(document.mime)
        .header('content-length', document.size)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', document.filename))
        .send(content);
    },
  );

  app.delete(
    '/documents/:id',
    { schema: { tags, summary: 'Hapus berkas (tetap tersimpan untuk riwayat dan audit)', params: idParam, response: { 204: noContent, ...errors } } },
    async (req, reply) => {
      await documents.deleteDocument(deps, sourceOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

function fieldValue(field: unknown): string | undefined {
  const f = Array.isArray(field) ? field[0] : field;
  if (f && typeof f === 'object' && 'value' in f && typeof (f as { value: unknown }).value === 'string') return (f as { value: string }).value || undefined;
  return undefined;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
