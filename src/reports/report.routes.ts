import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam, isoDate, noContent } from '../http/schemas.js';
import * as reports from './report.service.js';

const reportBody = z.object({
  periodStart: isoDate,
  periodEnd: isoDate,
  activities: z.string().trim().min(5).max(10_000),
  beneficiaries: z.number().int().min(0).max(1_000_000).default(0),
  /** Rupiah, whole numbers (PNBP is deposited in whole Rupiah). */
  pnbpAmount: z.number().int().min(0).max(1_000_000_000_000).default(0),
  benefitCodes: z.array(z.string().max(40)).max(20).default([]),
  benefitNotes: z.string().trim().max(5000).nullish(),
  obstacles: z.string().trim().max(5000).nullish(),
  suggestions: z.string().trim().max(5000).nullish(),
  internal: z.boolean().default(false),
});
const reportDto = z.object({
  id: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  activities: z.string(),
  beneficiaries: z.number(),
  pnbpAmount: z.number(),
  benefits: z.array(z.object({ code: z.string(), name: z.string() })),
  benefitNotes: z.string().nullable(),
  obstacles: z.string().nullable(),
  suggestions: z.string().nullable(),
  internal: z.boolean(),
  author: z.string().nullable(),
  createdAt: z.string(),
});
const listDto = z.object({ reports: z.array(reportDto), totals: z.object({ reports: z.number(), beneficiaries: z.number(), pnbpAmount: z.number() }) });

export function reportRoutes(app: App, deps: AppDeps) {
  const tags = ['reports'];
  const listing = async (actor: NonNullable<Parameters<typeof reports.listForAgreement>[1]>, agreementId: string) => {
    const { rows, benefits, totals } = await reports.listForAgreement(deps, actor, agreementId);
    return {
      totals,
      reports: rows.map((r) => ({
        id: r.id,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        activities: r.activities,
        beneficiaries: r.beneficiaries,
        pnbpAmount: r.pnbp_amount,
        benefits: benefits.filter((b) => b.report_id === r.id).map((b) => ({ code: b.code, name: b.name })),
        benefitNotes: r.benefit_notes,
        obstacles: r.obstacles,
        suggestions: r.suggestions,
        internal: r.internal,
        author: r.author,
        createdAt: r.created_at.toISOString(),
      })),
    };
  };

  app.get('/agreements/:id/reports', { schema: { tags, summary: 'Laporan pelaksanaan dan manfaat satu naskah, dengan totalnya', params: idParam, response: { 200: listDto, ...errors } } }, async (req) =>
    listing(req.actor!, req.params.id),
  );

  app.post(
    '/agreements/:id/reports',
    { schema: { tags, summary: 'Tambah laporan pelaksanaan (periode, kegiatan, penerima manfaat, PNBP, manfaat non-uang, kendala, saran)', params: idParam, body: reportBody, response: { 201: listDto, ...errors } } },
    async (req, reply) => {
      await reports.create(deps, sourceOf(req), req.params.id, req.body);
      return reply.status(201).send(await listing(req.actor!, req.params.id));
    },
  );

  app.put('/reports/:id', { schema: { tags, summary: 'Ubah laporan', params: idParam, body: reportBody, response: { 200: listDto, ...errors } } }, async (req) => {
    const agreementId = await reports.update(deps, sourceOf(req), req.params.id, req.body);
    return listing(req.actor!, agreementId);
  });

  app.delete('/reports/:id', { schema: { tags, summary: 'Hapus laporan', params: idParam, response: { 204: noContent, ...errors } } }, async (req, reply) => {
    await reports.remove(deps, sourceOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
