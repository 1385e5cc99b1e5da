import { z } from 'zod';
import { UNIT_KINDS } from '../db/schema.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors, idParam, isoDate } from '../http/schemas.js';
import { todayIn } from '../shared/dates.js';
import { presentUnit } from './unit.presenter.js';
import * as units from './unit.service.js';

const unitDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
const code = z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9.\-_/]+$/, { message: 'Kode hanya boleh huruf, angka, titik, garis miring, tanda hubung. || Code may only hold letters, digits, dot, slash, hyphen.' });
const provinceCode = z.string().regex(/^\d{2}$/).nullable();
const regencyCode = z.string().regex(/^\d{2}\.\d{2}$/).nullable();

export function unitRoutes(app: App, deps: AppDeps) {
  const tags = ['units'];
  const today = () => todayIn(deps.now());

  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: 'Pohon unit dalam cakupan pemanggil (daftar datar dengan parentId)',
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ units: z.array(unitDto) }), ...errors },
      },
    },
    async (req) => {
      const rows = await units.listUnits(deps, req.actor!, req.query.includeInactive === 'true');
      const t = today();
      return { units: rows.map((u) => presentUnit(u, t)) };
    },
  );

  app.get(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'Satu unit, riwayat nama/induknya, dan jalurnya di pohon',
        params: idParam,
        response: {
          200: z.object({
            unit: unitDto,
            history: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS), parentId: z.string().nullable(), parentName: z.string().nullable(), validFrom: z.string(), validTo: z.string() })),
            path: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const d = await units.getUnitDetail(deps, req.actor!, req.params.id);
      return {
        unit: presentUnit(d.unit, today()),
        history: d.history.map((h) => ({ code: h.code, name: h.name, kind: h.kind, parentId: h.parent_id, parentName: h.parent_name, validFrom: h.valid_from, validTo: h.valid_to })),
        path: d.path,
      };
    },
  );

  app.post(
    '/units',
    {
      schema: {
        tags,
        summary: 'Tambah unit (admin)',
        body: z.object({
          code,
          name: z.string().trim().min(3).max(200),
          kind: z.enum(UNIT_KINDS),
          parentId: z.uuid().nullable(),
          provinceCode: provinceCode.optional(),
          regencyCode: regencyCode.optional(),
          validFrom: isoDate.optional(),
        }),
        response: { 201: z.object({ unit: unitDto }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send({ unit: presentUnit(await units.createUnit(deps, sourceOf(req), req.body), today()) }),
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        summary: 'Ganti nama/kode, pindahkan, atau ubah wilayah unit (admin); identitas lama disimpan dalam riwayat',
        params: idParam,
        body: z.object({
          code: code.optional(),
          name: z.string().trim().min(3).max(200).optional(),
          kind: z.enum(UNIT_KINDS).optional(),
          parentId: z.uuid().optional(),
          provinceCode: provinceCode.optional(),
          regencyCode: regencyCode.optional(),
          effectiveDate: isoDate.optional(),
        }),
        response: { 200: z.object({ unit: unitDto }), ...errors },
      },
    },
    async (req) => ({ unit: presentUnit(await units.updateUnit(deps, sourceOf(req), req.params.id, req.body), today()) }),
  );

  app.post(
    '/units/:id/close',
    { schema: { tags, summary: 'Tutup unit (admin)', params: idParam, body: z.object({ validTo: isoDate }), response: { 200: z.object({ unit: unitDto }), ...errors } } },
    async (req) => ({ unit: presentUnit(await units.closeUnit(deps, sourceOf(req), req.params.id, req.body.validTo), today()) }),
  );
}
