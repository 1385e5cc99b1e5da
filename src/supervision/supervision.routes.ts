import multipart from '@fastify/multipart';
import type { FastifyReply, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z, type ZodType } from 'zod';
import { contentDisposition } from '../documents/document.presenter.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { AppError, invalid } from '../http/errors.js';
import { errorBody, errors, idParam, noContent } from '../http/schemas.js';
import * as followups from './followup.service.js';
import { reportDocx, reportPdf } from './report.service.js';
import {
  followupDto, followupInput, listQuery, planDetailDto, planInput, planPatch, planSummaryDto, recommendationDto, recommendationInput, recommendationPatch,
  statusInput, syncInput, syncResultDto, teamCandidateDto, worksheetDto,
} from './supervision.schemas.js';
import * as plans from './supervision.service.js';
import { sync } from './sync.service.js';
import { worksheet } from './worksheet.service.js';

const tags = ['supervision'];
export const fileForm = z.object({ file: z.string().meta({ format: 'binary' }).describe('PDF, DOCX, JPEG atau PNG') });
type RouteSchemaDef<S> = Parameters<FastifySchemaCompiler<S>>[0];
/** A streamed multipart body never becomes `req.body`: the form schema is for the OpenAPI document only. */
export function skipBodyValidation<S>(route: RouteSchemaDef<S>) {
  return route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route as unknown as RouteSchemaDef<ZodType>);
}

/** Reads the one file of a multipart upload, or says clearly what is wrong. */
export async function uploadedFile(req: { isMultipart(): boolean; file(): Promise<{ filename: string; file: Readable & { truncated: boolean } } | undefined>; locale: 'id' | 'en' }) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const part = await req.file();
  if (!part) throw invalid([{ path: 'file', message: req.locale === 'id' ? 'Berkas wajib dikirim.' : 'A file is required.' }]);
  return { stream: part.file, filename: part.filename, truncated: () => part.file.truncated };
}

export async function sendStored(reply: FastifyReply, file: { filename: string; mime: string; size: number; sha256: string }, open: () => Promise<Readable>) {
  const content = await open();
  return reply
    .headers({ etag: `"${file.sha256}"`, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' })
    .type(file.mime)
    .header('content-length', file.size)
    .header('content-disposition', contentDisposition('attachment', file.filename))
    .send(content);
}

export function multipartScope(app: App, deps: AppDeps, routes: (scope: App) => void) {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.config.uploadMaxBytes + 1, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 50 } });
    routes(scope as App);
  });
}

export function supervisionRoutes(app: App, deps: AppDeps) {
  const planParams = z.object({ id: z.uuid() });
  const detail = async (req: { actor: Parameters<typeof plans.detail>[1] | null }, id: string) => ({ supervision: await plans.detail(deps, req.actor!, id) });

  app.get('/supervisions', { schema: { tags, summary: 'Rencana supervisi yang terlihat oleh pengguna', querystring: listQuery, response: { 200: z.object({ supervisions: z.array(planSummaryDto) }), ...errors } } }, async (req) => ({
    supervisions: await plans.list(deps, req.actor!, req.query),
  }));

  app.get(
    '/supervisions/team-candidates',
    { schema: { tags, summary: 'Calon anggota tim supervisi (pokja dan lainnya)', querystring: z.object({ q: z.string().trim().max(100).optional() }), response: { 200: z.object({ users: z.array(teamCandidateDto) }), ...errors } } },
    async (req) => ({ users: await plans.teamCandidates(deps, req.actor!, req.query.q) }),
  );

  app.post('/supervisions', { schema: { tags, summary: 'Buat rencana supervisi (tim, unit yang dikunjungi beserta tanggal)', body: planInput, response: { 201: z.object({ supervision: planDetailDto }), ...errors } } }, async (req, reply) => {
    const id = await plans.create(deps, sourceOf(req), req.body);
    return reply.status(201).send(await detail(req, id));
  });

  app.get('/supervisions/:id', { schema: { tags, summary: 'Satu rencana supervisi dengan kunjungan, rekomendasi dan tindak lanjut', params: idParam, response: { 200: z.object({ supervision: planDetailDto }), ...errors } } }, async (req) =>
    detail(req, req.params.id),
  );

  app.patch('/supervisions/:id', { schema: { tags, summary: 'Ubah rencana (team dan units mengganti seluruh daftar)', params: idParam, body: planPatch, response: { 200: z.object({ supervision: planDetailDto }), ...errors } } }, async (req) => {
    await plans.update(deps, sourceOf(req), req.params.id, req.body);
    return detail(req, req.params.id);
  });

  app.post('/supervisions/:id/status', { schema: { tags, summary: 'Ubah status: direncanakan → berjalan → dilaporkan → ditutup', params: idParam, body: statusInput, response: { 200: z.object({ supervision: planDetailDto }), ...errors } } }, async (req) => {
    await plans.changeStatus(deps, sourceOf(req), req.params.id, req.body.status);
    return detail(req, req.params.id);
  });

  multipartScope(app, deps, (scope) => {
    scope.put(
      '/supervisions/:id/assignment-letter',
      { validatorCompiler: skipBodyValidation, schema: { tags, summary: 'Unggah surat tugas / dasar supervisi (multipart: file)', consumes: ['multipart/form-data'], params: idParam, body: fileForm, response: { 200: z.object({ supervision: planDetailDto }), ...errors, 413: errorBody, 415: errorBody } } },
      async (req) => {
        await followups.uploadLetter(deps, sourceOf(req), req.params.id, await uploadedFile(req));
        return detail(req, req.params.id);
      },
    );
  });

  app.get('/supervisions/:id/assignment-letter/content', { schema: { tags, summary: 'Unduh surat tugas', params: idParam, response: { 200: z.unknown(), ...errors } } }, async (req, reply) => {
    const { file, open } = await followups.letterContent(deps, req.actor!, req.params.id);
    return sendStored(reply, file, open);
  });

  app.get(
    '/supervisions/:id/visits/:visitId',
    { schema: { tags, summary: 'Lembar kerja satu unit: kuesioner, naskah yang berlaku, jawaban dan penilaian beserta revisinya', params: planParams.extend({ visitId: z.uuid() }), response: { 200: z.object({ visit: worksheetDto }), ...errors } } },
    async (req) => ({ visit: await worksheet(deps, req.actor!, req.params.id, req.params.visitId) }),
  );

  app.post(
    '/supervisions/:id/sync',
    {
      schema: {
        tags,
        summary: 'Sinkronisasi formulir luring: tiap op diterapkan sekali (opId); revisi basis yang usang dari anggota lain → conflict',
        params: idParam,
        body: syncInput,
        response: { 200: syncResultDto, ...errors },
      },
    },
    async (req) => ({ results: await sync(deps, sourceOf(req), req.params.id, req.body.ops) }),
  );

  app.post('/supervisions/:id/recommendations', { schema: { tags, summary: 'Tambah rekomendasi (unitId null: untuk semua unit)', params: idParam, body: recommendationInput, response: { 201: z.object({ recommendation: recommendationDto }), ...errors } } }, async (req, reply) =>
    reply.status(201).send({ recommendation: await followups.addRecommendation(deps, sourceOf(req), req.params.id, req.body) }),
  );
  const recParams = planParams.extend({ recId: z.uuid() });
  app.patch('/supervisions/:id/recommendations/:recId', { schema: { tags, summary: 'Ubah rekomendasi', params: recParams, body: recommendationPatch, response: { 200: z.object({ recommendation: recommendationDto }), ...errors } } }, async (req) => ({
    recommendation: await followups.editRecommendation(deps, sourceOf(req), req.params.id, req.params.recId, req.body),
  }));
  app.delete('/supervisions/:id/recommendations/:recId', { schema: { tags, summary: 'Hapus rekomendasi', params: recParams, response: { 204: noContent, ...errors } } }, async (req, reply) => {
    await followups.removeRecommendation(deps, sourceOf(req), req.params.id, req.params.recId);
    return reply.status(204).send(null);
  });

  app.post('/supervisions/:id/followups', { schema: { tags, summary: 'Tambah tindak lanjut untuk unit yang dikunjungi', params: idParam, body: followupInput, response: { 201: z.object({ followup: followupDto }), ...errors } } }, async (req, reply) =>
    reply.status(201).send({ followup: await followups.createFollowup(deps, sourceOf(req), req.params.id, req.body) }),
  );

  app.get('/supervisions/:id/report.docx', { schema: { tags, summary: 'Laporan Hasil Supervisi (DOCX, dapat disunting)', params: idParam, response: { 200: z.unknown(), ...errors } } }, async (req, reply) => {
    const { buffer, filename } = await reportDocx(deps, req.actor!, req.params.id);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', contentDisposition('attachment', filename)).header('cache-control', 'private, no-store').send(buffer);
  });
  app.get('/supervisions/:id/report.pdf', { schema: { tags, summary: 'Laporan Hasil Supervisi (PDF)', params: idParam, response: { 200: z.unknown(), ...errors } } }, async (req, reply) => {
    const { buffer, filename } = await reportPdf(deps, req.actor!, req.params.id);
    return reply.type('application/pdf').header('content-disposition', contentDisposition('attachment', filename)).header('cache-control', 'private, no-store').send(buffer);
  });
}
