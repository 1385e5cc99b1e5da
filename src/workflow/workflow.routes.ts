import { z } from 'zod';
import { presentDetail, presentListItem } from '../agreements/agreement.presenter.js';
import { detailDto, listItemDto } from '../agreements/agreement.schemas.js';
import * as agreements from '../agreements/agreement.service.js';
import { listAgreementRows } from '../agreements/agreement.query.js';
import { scopePrefix } from '../access/access.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam } from '../http/schemas.js';
import { todayIn } from '../shared/dates.js';
import { TRANSITIONS, type TransitionName } from './state-machine.js';
import * as workflow from './workflow.service.js';
import { complianceLines } from './compliance.js';

const PATHS: Record<TransitionName, string> = { submit: 'submit', return: 'return', verify: 'verify', publish: 'publish', keep_internal: 'keep-internal', withdraw: 'withdraw' };
const SUMMARIES: Record<TransitionName, string> = {
  submit: 'Ajukan naskah ke Kanwil',
  return: 'Kembalikan pengajuan dengan alasan (per isian atau dokumen)',
  verify: 'Verifikasi naskah',
  publish: 'Terbitkan ke portal publik (memerlukan salinan publik)',
  keep_internal: 'Tetapkan sebagai informasi internal dengan alasan pengecualian (UU 14/2008 Pasal 17)',
  withdraw: 'Tarik naskah dari publikasi dengan alasan',
};

export function workflowRoutes(app: App, deps: AppDeps) {
  const tags = ['workflow'];
  app.get(
    '/compliance',
    {
      schema: {
        tags,
        summary: 'Daftar kepatuhan: naskah tanpa salinan bertanda tangan, pengajuan terlalu lama, akan berakhir tanpa keputusan, belum ada laporan tahun ini',
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: {
          200: z.object({ lines: z.array(z.object({ type: z.enum(['no_signed_copy', 'waiting_too_long', 'ending_no_decision', 'no_report_this_year']), unit: z.object({ id: z.string(), name: z.string() }), agreement: z.object({ id: z.string(), title: z.string() }).nullable(), endDate: z.string().nullable(), ageDays: z.number().nullable() })) }),
          ...errors,
        },
      },
    },
    async (req) => ({ lines: await complianceLines(deps, req.actor!, req.query.unitId) }),
  );
  for (const name of Object.keys(TRANSITIONS) as TransitionName[]) {
    app.post(
      `/agreements/:id/${PATHS[name]}`,
      {
        schema: {
          tags,
          summary: SUMMARIES[name],
          params: idParam,
          body: z
            .object({
              reason: z.string().trim().max(5000).optional(),
              details: z.array(z.object({ field: z.string().max(60).optional(), documentId: z.uuid().optional(), message: z.string().trim().min(3).max(2000) })).max(50).optional(),
            })
            .default({}),
          response: { 200: z.object({ agreement: detailDto }), ...errors },
        },
      },
      async (req) => {
        await workflow.transition(deps, sourceOf(req), req.params.id, name, req.body ?? {});
        const d = await agreements.detail(deps, req.actor!, req.params.id);
        return { agreement: presentDetail(d, await workflow.workflowInfo(deps, req.actor!, d.row)) };
      },
    );
  }

  app.get(
    '/agreements/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Linimasa status naskah',
        params: idParam,
        response: {
          200: z.object({ events: z.array(z.object({ id: z.number(), action: z.string(), fromState: z.string(), toState: z.string(), actorName: z.string().nullable(), reason: z.string().nullable(), details: z.array(z.object({ field: z.string().optional(), documentId: z.string().optional(), message: z.string() })), occurredAt: z.string() })) }),
          ...errors,
        },
      },
    },
    async (req) => ({
      events: (await workflow.timeline(deps, req.actor!, req.params.id)).map((e) => ({
        id: e.id, action: e.action, fromState: e.from_state, toState: e.to_state, actorName: e.actor_name, reason: e.reason,
        details: (e.details ?? []) as { field?: string; documentId?: string; message: string }[], occurredAt: e.occurred_at.toISOString(),
      })),
    }),
  );

  const commentList = z.object({ comments: z.array(z.object({ id: z.string(), authorName: z.string(), body: z.string(), createdAt: z.string() })) });
  const presentComments = async (actor: Parameters<typeof workflow.listComments>[1], id: string) => ({
    comments: (await workflow.listComments(deps, actor, id)).map((c) => ({ id: c.id, authorName: c.author_name, body: c.body, createdAt: c.created_at.toISOString() })),
  });
  app.get('/agreements/:id/comments', { schema: { tags, summary: 'Utas komentar pengajuan', params: idParam, response: { 200: commentList, ...errors } } }, async (req) => presentComments(req.actor!, req.params.id));
  app.post(
    '/agreements/:id/comments',
    { schema: { tags, summary: 'Tambah komentar', params: idParam, body: z.object({ body: z.string().trim().min(1).max(5000) }), response: { 201: commentList, ...errors } } },
    async (req, reply) => {
      await workflow.addComment(deps, sourceOf(req), req.params.id, req.body.body);
      return reply.status(201).send(await presentComments(req.actor!, req.params.id));
    },
  );

  app.post('/agreements/:id/renew', { schema: { tags, summary: 'Perpanjang: buat draf naskah baru yang tertaut dan terisi dari naskah ini', params: idParam, response: { 201: z.object({ agreement: detailDto }), ...errors } } }, async (req, reply) => {
    const id = await workflow.renew(deps, sourceOf(req), req.params.id);
    const d = await agreements.detail(deps, req.actor!, id);
    return reply.status(201).send({ agreement: presentDetail(d, await workflow.workflowInfo(deps, req.actor!, d.row)) });
  });

  app.get(
    '/workflow/queue',
    {
      schema: {
        tags,
        summary: 'Antrean verifikasi: pengajuan menunggu, terlama lebih dulu, dengan daftar periksa',
        response: {
          200: z.object({
            items: z.array(z.object({ agreement: listItemDto, submittedAt: z.string().nullable(), ageDays: z.number(), checklist: z.object({ signedCopy: z.boolean(), signedCopyReadable: z.boolean(), bothNumbers: z.boolean(), datesConsistent: z.boolean(), publicCopy: z.boolean() }) })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const items = await workflow.queue(deps, req.actor!);
      const rows = items.length
        ? await listAgreementRows(deps.database.db, { scopePrefix: scopePrefix(req.actor!), workflowState: 'diajukan' }, todayIn(deps.now()), deps.config.expiryWindowDays, { sort: 'createdAt', dir: 'asc', limit: 500, offset: 0 })
        : [];
      const byId = new Map(rows.map((r) => [r.id, presentListItem(r)]));
      return { items: items.filter((i) => byId.has(i.id)).map((i) => ({ agreement: byId.get(i.id)!, submittedAt: i.submittedAt?.toISOString() ?? null, ageDays: i.ageDays, checklist: i.checklist })) };
    },
  );
}
