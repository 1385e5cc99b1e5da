import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam, pagination } from '../http/schemas.js';
import * as partners from './partner.service.js';
import type { PartnerRow } from './partner.repository.js';

const contact = z.object({
  name: z.string().trim().min(2).max(120),
  position: z.string().trim().max(120).optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.email().max(200).optional(),
});
const partnerDto = z.object({
  id: z.string(),
  name: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  address: z.string().nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  website: z.string().nullable(),
  contacts: z.array(contact.partial().extend({ name: z.string() })),
  agreementCount: z.number().optional(),
  score: z.number().optional(),
});
const partnerBody = z.object({
  name: z.string().trim().min(3).max(250),
  categoryCode: z.string().min(1).max(40),
  address: z.string().trim().max(500).nullish(),
  provinceCode: z.string().regex(/^\d{2}$/).nullish(),
  regencyCode: z.string().regex(/^\d{2}\.\d{2}$/).nullish(),
  website: z.url().max(300).nullish(),
  contacts: z.array(contact).max(20).optional(),
});

export function presentPartner(p: PartnerRow & { agreement_count?: number | string | null; score?: number }) {
  return {
    id: p.id,
    name: p.name,
    categoryCode: p.category_code,
    categoryName: p.category_name,
    address: p.address,
    provinceCode: p.province_code,
    regencyCode: p.regency_code,
    website: p.website,
    contacts: (p.contacts ?? []) as z.infer<typeof contact>[],
    ...(p.agreement_count !== undefined ? { agreementCount: Number(p.agreement_count ?? 0) } : {}),
    ...(p.score !== undefined ? { score: Math.round(Number(p.score) * 100) / 100 } : {}),
  };
}

export function partnerRoutes(app: App, deps: AppDeps) {
  const tags = ['partners'];

  app.get(
    '/partners',
    {
      schema: {
        tags,
        summary: 'Daftar mitra',
        querystring: z.object({ q: z.string().trim().max(200).optional(), category: z.string().max(40).optional(), ...pagination }),
        response: { 200: z.object({ partners: z.array(partnerDto), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      const { rows, total } = await partners.list(deps, req.actor!, f, page, pageSize);
      return { partners: rows.map(presentPartner), total };
    },
  );

  app.get(
    '/partners/suggest',
    {
      schema: {
        tags,
        summary: 'Saran mitra yang mirip (toleran salah ketik), untuk isian nama mitra',
        querystring: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(20).default(8) }),
        response: { 200: z.object({ partners: z.array(partnerDto) }), ...errors },
      },
    },
    async (req) => ({ partners: (await partners.suggest(deps, req.actor!, req.query.q, req.query.limit)).map(presentPartner) }),
  );

  app.get('/partners/:id', { schema: { tags, summary: 'Satu mitra', params: idParam, response: { 200: z.object({ partner: partnerDto }), ...errors } } }, async (req) => ({
    partner: presentPartner(await partners.get(deps, req.actor!, req.params.id)),
  }));

  app.post(
    '/partners',
    {
      schema: {
        tags,
        summary: 'Tambah mitra; 409 PARTNER_SIMILAR bila ada yang mirip (kirim ulang dengan force=true untuk tetap menyimpan)',
        body: partnerBody.extend({ force: z.boolean().optional() }),
        response: { 201: z.object({ partner: partnerDto }), ...errors },
      },
    },
    async (req, reply) => {
      const { force, ...input } = req.body;
      return reply.status(201).send({ partner: presentPartner(await partners.create(deps, sourceOf(req), input, force === true)) });
    },
  );

  app.patch(
    '/partners/:id',
    { schema: { tags, summary: 'Ubah mitra', params: idParam, body: partnerBody.partial(), response: { 200: z.object({ partner: partnerDto }), ...errors } } },
    async (req) => ({ partner: presentPartner(await partners.update(deps, sourceOf(req), req.params.id, req.body)) }),
  );

  app.post(
    '/partners/:id/merge',
    {
      schema: {
        tags,
        summary: 'Gabungkan mitra duplikat ke mitra lain (admin); naskahnya ikut pindah',
        params: idParam,
        body: z.object({ intoId: z.uuid() }),
        response: { 200: z.object({ partner: partnerDto, movedAgreements: z.number() }), ...errors },
      },
    },
    async (req) => {
      const r = await partners.merge(deps, sourceOf(req), req.params.id, req.body.intoId);
      return { partner: presentPartner(r.partner), movedAgreements: r.movedAgreements };
    },
  );
}
