import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { invalid } from '../http/errors.js';
import { validationMessage } from '../http/i18n.js';
import { errorBody, errors, idParam } from '../http/schemas.js';
import { presentImport, presentRow } from './import.presenter.js';
import { importDto, previewBody, previewResponse, runBody, runResponse, uploadFields, uploadForm, uploadResponse } from './import.schemas.js';
import { stopAllJobs } from './import.runner.js';
import * as imports from './import.service.js';

export function importRoutes(app: App, deps: AppDeps) {
  const tags = ['imports'];

  // A background import must not outlive the database it writes to: stop it (it records where it stopped).
  app.addHook('onClose', async () => stopAllJobs(deps));

  // Multipart only for the upload route, in its own scope (see documents).
  app.register(async (scope) => {
    await scope.register(multipart, {
      // One byte more than allowed, so the store (which deletes its temporary file) is the one that says 413.
      limits: { fileSize: imports.IMPORT_MAX_BYTES + 1, files: 1, fields: 2, fieldSize: 200, parts: 3, headerPairs: 50 },
    });
    (scope as App).post(
      '/imports',
      {
        // The streamed body never becomes `req.body`: the form schema is for the OpenAPI document only (see documents).
        validatorCompiler: () => () => ({ value: undefined }),
        schema: {
          tags,
          summary: 'Unggah register (XLSX atau CSV) untuk diimpor: field unitId lalu file; menjawab judul kolom, contoh baris dan usulan pemetaan',
          consumes: ['multipart/form-data'],
          body: uploadForm,
          response: { 201: uploadResponse, ...errors, 413: errorBody, 415: errorBody },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw invalid([{ path: 'file', message: req.locale === 'id' ? 'Kirim berkas sebagai multipart/form-data.' : 'Send the file as multipart/form-data.' }]);
        const part = await req.file();
        if (!part) throw invalid([{ path: 'file', message: req.locale === 'id' ? 'Berkas wajib dikirim.' : 'A file is required.' }]);
        try {
          const given = uploadFields.safeParse({ unitId: fieldValue(part.fields.unitId) }, { reportInput: true });
          if (!given.success) throw invalid(given.error.issues.map((i) => ({ path: i.path.join('.'), message: validationMessage(i as never, req.locale) })));
          const r = await imports.upload(deps, sourceOf(req), { unitId: given.data.unitId, filename: part.filename, stream: part.file, truncated: () => part.file.truncated });
          return reply.status(201).send({ import: { ...presentImport(r.import), suggestedMapping: r.suggestedMapping, mappingSource: r.mappingSource } });
        } catch (err) {
          // Refused before the file was read: let the rest of the upload flow past so the answer can be sent.
          part.file.resume();
          throw err;
        }
      },
    );
  });

  app.get('/imports/:id', { schema: { tags, summary: 'Status dan kemajuan impor (untuk bilah kemajuan)', params: idParam, response: { 200: z.object({ import: importDto }), ...errors } } }, async (req) => ({
    import: presentImport(await imports.getVisibleImport(deps, req.actor!, req.params.id)),
  }));

  app.post(
    '/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'Pratinjau (uji coba tanpa menyimpan): setiap baris dengan masalahnya dan mitranya; pemetaan diingat untuk berkas berjudul kolom sama',
        params: idParam,
        body: previewBody,
        response: { 200: previewResponse, ...errors },
      },
    },
    async (req) => {
      const r = await imports.preview(deps, sourceOf(req), req.params.id, req.body);
      return { import: presentImport(r.import), counts: r.counts, rows: r.rows.map(presentRow), page: req.body.page, pageSize: req.body.pageSize, matchingRows: r.matchingRows };
    },
  );

  app.post(
    '/imports/:id/run',
    {
      schema: {
        tags,
        summary: `Jalankan impor. 409 IMPORT_INVALID_ROWS bila ada baris tidak valid dan skipInvalid=false (tidak ada yang disimpan). Lebih dari ${imports.BACKGROUND_ABOVE_ROWS} naskah: 202, lanjut di latar belakang (pantau GET /imports/:id)`,
        params: idParam,
        body: runBody,
        response: { 200: runResponse, 202: runResponse, ...errors },
      },
    },
    async (req, reply) => {
      const r = await imports.run(deps, sourceOf(req), req.params.id, req.body, { log: (err) => req.log.error({ err, importId: req.params.id }, 'import run failed') });
      return reply.status(r.background ? 202 : 200).send({ import: presentImport(r.import) });
    },
  );
}

function fieldValue(field: unknown): string | undefined {
  const f = Array.isArray(field) ? field[0] : field;
  if (f && typeof f === 'object' && 'value' in f && typeof (f as { value: unknown }).value === 'string') return (f as { value: string }).value || undefined;
  return undefined;
}
