import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam, isoDate, noContent } from '../http/schemas.js';
import { presentDetail, presentListItem } from './agreement.presenter.js';
import { agreementBody, agreementPatch, detailDto, listItemDto, listQuery } from './agreement.schemas.js';
import * as agreements from './agreement.service.js';
import { workflowInfo } from '../workflow/workflow.service.js';

export function agreementRoutes(app: App, deps: AppDeps) {
  const tags = ['agreements'];
  const show = async (actor: Parameters<typeof agreements.detail>[1], id: string) => {
    const d = await agreements.detail(deps, actor, id);
    return { agreement: presentDetail(d, await workflowInfo(deps, actor, d.row)) };
  };

  app.get(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'Daftar naskah kerja sama dengan filter, urutan, halaman dan jumlah',
        querystring: listQuery,
        response: { 200: z.object({ agreements: z.array(listItemDto), total: z.number(), page: z.number(), pageSize: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { rows, total } = await agreements.list(deps, req.actor!, req.query);
      return { agreements: rows.map(presentListItem), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/agreements/check-number',
    {
      schema: {
        tags,
        summary: 'Periksa apakah nomor naskah sudah dipakai di unit yang sama (sebelum menyimpan)',
        querystring: z.object({ unitId: z.uuid(), number: z.string().trim().min(1).max(150), exceptId: z.uuid().optional() }),
        response: { 200: z.object({ duplicate: z.object({ id: z.string(), title: z.string() }).nullable() }), ...errors },
      },
    },
    async (req) => {
      const same = await agreements.checkNumber(deps, req.actor!, req.query.unitId, req.query.number, req.query.exceptId);
      return { duplicate: same ? { id: same.id, title: same.title } : null };
    },
  );

  app.get(
    '/agreements/relation-candidates',
    {
      schema: {
        tags,
        summary: 'Naskah yang dapat menjadi induk/yang diubah/yang diperpanjang bagi naskah unit ini (termasuk milik unit atasannya)',
        querystring: z.object({ unitId: z.uuid(), q: z.string().trim().max(200).optional(), kind: z.string().max(40).optional() }),
        response: { 200: z.object({ agreements: z.array(z.object({ id: z.string(), title: z.string(), numberFirst: z.string().nullable(), kindCode: z.string(), kindName: z.string(), unitName: z.string(), signingDate: z.string().nullable(), status: z.string() })) }), ...errors },
      },
    },
    async (req) => ({
      agreements: (await agreements.relationCandidates(deps, req.actor!, req.query.unitId, req.query.q, req.query.kind)).map((r) => ({
        id: r.id, title: r.title, numberFirst: r.number_first, kindCode: r.kind_code, kindName: r.kind_name, unitName: r.unit_name, signingDate: r.signing_date, status: r.status,
      })),
    }),
  );

  app.get('/agreements/:id', { schema: { tags, summary: 'Satu naskah dengan para pihak, ruang lingkup dan keluarganya', params: idParam, response: { 200: z.object({ agreement: detailDto }), ...errors } } }, async (req) =>
    show(req.actor!, req.params.id),
  );

  app.post(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'Catat naskah kerja sama; 409 DUPLICATE_NUMBER bila nomornya sudah ada di unit (kirim confirmDuplicateNumber=true untuk tetap menyimpan)',
        body: agreementBody,
        response: { 201: z.object({ agreement: detailDto }), ...errors },
      },
    },
    async (req, reply) => {
      const id = await agreements.create(deps, sourceOf(req), req.body);
      return reply.status(201).send(await show(req.actor!, id));
    },
  );

  app.patch('/agreements/:id', { schema: { tags, summary: 'Ubah naskah', params: idParam, body: agreementPatch, response: { 200: z.object({ agreement: detailDto }), ...errors } } }, async (req) => {
    await agreements.update(deps, sourceOf(req), req.params.id, req.body);
    return show(req.actor!, req.params.id);
  });

  app.delete('/agreements/:id', { schema: { tags, summary: 'Pindahkan naskah ke tempat sampah', params: idParam, response: { 204: noContent, ...errors } } }, async (req, reply) => {
    await agreements.remove(deps, sourceOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/agreements/:id/restore', { schema: { tags, summary: 'Pulihkan naskah dari tempat sampah', params: idParam, response: { 200: z.object({ agreement: detailDto }), ...errors } } }, async (req) => {
    await agreements.restore(deps, sourceOf(req), req.params.id);
    return show(req.actor!, req.params.id);
  });

  app.post(
    '/agreements/:id/terminate',
    {
      schema: {
        tags,
        summary: 'Akhiri lebih awal (tanggal dan alasan)',
        params: idParam,
        body: z.object({ terminatedOn: isoDate, reason: z.string().trim().min(5).max(2000) }),
        response: { 200: z.object({ agreement: detailDto }), ...errors },
      },
    },
    async (req) => {
      await agreements.terminate(deps, sourceOf(req), req.params.id, req.body.terminatedOn, req.body.reason);
      return show(req.actor!, req.params.id);
    },
  );

  app.get(
    '/agreements/:id/history',
    {
      schema: {
        tags,
        summary: 'Riwayat perubahan naskah dari jejak audit',
        params: idParam,
        response: { 200: z.object({ events: z.array(z.object({ id: z.number(), occurredAt: z.string(), actorLabel: z.string(), action: z.string(), entityType: z.string(), changes: z.record(z.string(), z.unknown()) })) }), ...errors },
      },
    },
    async (req) => {
      const rows = await agreements.history(deps, req.actor!, req.params.id);
      return { events: rows.map((r) => ({ id: r.id, occurredAt: r.occurred_at.toISOString(), actorLabel: r.actor_label, action: r.action, entityType: r.entity_type, changes: (r.changes ?? {}) as Record<string, unknown> })) };
    },
  );

  app.get(
    '/trash',
    {
      schema: {
        tags,
        summary: 'Tempat sampah: naskah yang dihapus (admin, verifikator)',
        response: { 200: z.object({ agreements: z.array(z.object({ id: z.string(), title: z.string(), numberFirst: z.string().nullable(), unitName: z.string(), deletedAt: z.string(), deletedBy: z.string().nullable() })) }), ...errors },
      },
    },
    async (req) => ({
      agreements: (await agreements.listTrash(deps, req.actor!)).map((r) => ({ id: r.id, title: r.title, numberFirst: r.number_first, unitName: r.unit_name, deletedAt: r.deleted_at!.toISOString(), deletedBy: r.deleted_by_name })),
    }),
  );

  app.delete('/trash', { schema: { tags, summary: 'Kosongkan tempat sampah (admin)', response: { 200: z.object({ purged: z.number() }), ...errors } } }, async (req) => ({
    purged: await agreements.emptyTrash(deps, sourceOf(req)),
  }));
}
