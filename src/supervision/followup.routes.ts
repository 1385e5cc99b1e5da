import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errorBody, errors, idParam } from '../http/schemas.js';
import * as followups from './followup.service.js';
import { agreementHistory, supervisionFigures } from './history.service.js';
import {
  agreementSupervisionDto, figuresQuery, followupDto, followupPatch, followupQuery, followupResponse, newTemplateInput, supervisionFiguresDto, templateDto, templateInput,
  templateSummaryDto,
} from './supervision.schemas.js';
import { fileForm, multipartScope, sendStored, skipBodyValidation, uploadedFile } from './supervision.routes.js';
import * as templates from './template.service.js';

/** Follow-ups (answered by the unit and its Kanwil), questionnaire templates, and supervision in monitoring. */
export function followupRoutes(app: App, deps: AppDeps) {
  const tags = ['supervision'];
  const one = z.object({ followup: followupDto });

  app.get('/followups', { schema: { tags, summary: 'Tindak lanjut supervisi yang terlihat (unit sendiri dan di bawahnya, atau tim)', querystring: followupQuery, response: { 200: z.object({ followups: z.array(followupDto) }), ...errors } } }, async (req) => ({
    followups: await followups.list(deps, req.actor!, req.query),
  }));
  app.get('/followups/:id', { schema: { tags, summary: 'Satu tindak lanjut', params: idParam, response: { 200: one, ...errors } } }, async (req) => ({ followup: await followups.get(deps, req.actor!, req.params.id) }));
  app.patch('/followups/:id', { schema: { tags, summary: 'Tim: ubah uraian, tenggat atau status', params: idParam, body: followupPatch, response: { 200: one, ...errors } } }, async (req) => ({
    followup: await followups.editFollowup(deps, sourceOf(req), req.params.id, req.body),
  }));
  app.post('/followups/:id/response', { schema: { tags, summary: 'Unit/Kanwil: tanggapan dan status (in_progress, done)', params: idParam, body: followupResponse, response: { 200: one, ...errors } } }, async (req) => ({
    followup: await followups.respond(deps, sourceOf(req), req.params.id, req.body),
  }));
  multipartScope(app, deps, (scope) => {
    scope.post(
      '/followups/:id/evidence',
      {
        validatorCompiler: skipBodyValidation,
        schema: { tags, summary: 'Unggah bukti tindak lanjut (multipart: file; PDF, DOCX, JPEG, PNG)', consumes: ['multipart/form-data'], params: idParam, body: fileForm, response: { 201: one, ...errors, 413: errorBody, 415: errorBody } },
      },
      async (req, reply) => reply.status(201).send({ followup: await followups.addEvidence(deps, sourceOf(req), req.params.id, await uploadedFile(req)) }),
    );
  });
  app.get(
    '/followups/:id/evidence/:evidenceId/content',
    { schema: { tags, summary: 'Unduh bukti tindak lanjut', params: z.object({ id: z.uuid(), evidenceId: z.uuid() }), response: { 200: z.unknown(), ...errors } } },
    async (req, reply) => {
      const { file, open } = await followups.evidenceContent(deps, req.actor!, req.params.id, req.params.evidenceId);
      return sendStored(reply, file, open);
    },
  );

  app.get('/supervision-templates', { schema: { tags, summary: 'Templat kuesioner supervisi, semua versi', response: { 200: z.object({ templates: z.array(templateSummaryDto) }), ...errors } } }, async (req) => ({
    templates: await templates.list(deps, req.actor!),
  }));
  app.get('/supervision-templates/:id', { schema: { tags, summary: 'Satu versi templat dengan pertanyaannya', params: idParam, response: { 200: z.object({ template: templateDto }), ...errors } } }, async (req) => ({
    template: await templates.get(deps, req.actor!, req.params.id),
  }));
  app.post('/supervision-templates', { schema: { tags, summary: 'Admin: templat baru (versi 1)', body: newTemplateInput, response: { 201: z.object({ template: templateDto }), ...errors } } }, async (req, reply) => {
    const id = await templates.create(deps, sourceOf(req), req.body);
    return reply.status(201).send({ template: await templates.get(deps, req.actor!, id) });
  });
  app.post(
    '/supervision-templates/:id/versions',
    { schema: { tags, summary: 'Admin: ubah templat = simpan versi berikutnya (kunjungan lama tetap memakai versinya)', params: idParam, body: templateInput, response: { 201: z.object({ template: templateDto }), ...errors } } },
    async (req, reply) => {
      const id = await templates.newVersion(deps, sourceOf(req), req.params.id, req.body);
      return reply.status(201).send({ template: await templates.get(deps, req.actor!, id) });
    },
  );

  app.get('/agreements/:id/supervisions', { schema: { tags: ['agreements', ...tags], summary: 'Riwayat supervisi sebuah naskah: rencana, tanggal, penilaian, rekomendasi', params: idParam, response: { 200: z.object({ supervisions: z.array(agreementSupervisionDto) }), ...errors } } }, async (req) => ({
    supervisions: await agreementHistory(deps, req.actor!, req.params.id),
  }));
  app.get('/monitoring/supervision', { schema: { tags: ['monitoring', ...tags], summary: 'Pemantauan supervisi untuk satu unit dan unit di bawahnya, per tahun', querystring: figuresQuery, response: { 200: supervisionFiguresDto, ...errors } } }, async (req) =>
    supervisionFigures(deps, req.actor!, req.query),
  );
}
