import { z } from 'zod';
import { authorize } from '../access/access.js';
import { STATUS_LABELS, STATUSES } from '../agreements/status.js';
import { recordAudit } from '../audit/audit.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';

const LISTS = { 'partner-categories': 'partner_categories', 'agreement-kinds': 'agreement_kinds', scopes: 'scopes', 'benefit-kinds': 'benefit_kinds' } as const;
const item = z.object({ code: z.string(), name: z.string(), active: z.boolean() });

/** The managed lists (categories, kinds, scopes, benefits): everyone reads them, admins maintain them. */
export function listRoutes(app: App, deps: AppDeps) {
  const tags = ['lists'];
  app.get(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Daftar isian terkelola: kategori mitra, jenis naskah, ruang lingkup, jenis manfaat, status',
        response: {
          200: z.object({ partnerCategories: z.array(item), agreementKinds: z.array(item.extend({ abbreviation: z.string() })), scopes: z.array(item), benefitKinds: z.array(item), statuses: z.array(z.object({ code: z.string(), name: z.string() })) }),
          ...errors,
        },
      },
    },
    async () => {
      const { db } = deps.database;
      const [partnerCategories, agreementKinds, scopes, benefitKinds] = await Promise.all([
        db.selectFrom('partner_categories').select(['code', 'name', 'active']).orderBy('sort').execute(),
        db.selectFrom('agreement_kinds').select(['code', 'name', 'active', 'abbreviation']).orderBy('sort').execute(),
        db.selectFrom('scopes').select(['code', 'name', 'active']).orderBy('sort').execute(),
        db.selectFrom('benefit_kinds').select(['code', 'name', 'active']).orderBy('sort').execute(),
      ]);
      return { partnerCategories, agreementKinds, scopes, benefitKinds, statuses: STATUSES.map((code) => ({ code, name: STATUS_LABELS[code] })) };
    },
  );

  app.put(
    '/lists/:list/:code',
    {
      schema: {
        tags,
        summary: 'Tambah atau ubah satu isian (admin); kode tidak pernah berubah, isian lama dinonaktifkan',
        params: z.object({ list: z.enum(Object.keys(LISTS) as [keyof typeof LISTS]), code: z.string().regex(/^[a-z0-9_]{2,40}$/) }),
        body: z.object({ name: z.string().trim().min(2).max(200), active: z.boolean().default(true), sort: z.number().int().min(0).max(1000).optional(), abbreviation: z.string().trim().min(1).max(20).optional() }),
        response: { 200: z.object({ item }), ...errors },
      },
    },
    async (req) => {
      const src = sourceOf(req);
      authorize(src.actor, 'list.manage');
      const table = LISTS[req.params.list];
      const { name, active, sort } = req.body;
      const abbreviation = req.body.abbreviation ?? name.slice(0, 20);
      const now = deps.now();
      await deps.database.db.transaction().execute(async (tx) => {
        const values = { code: req.params.code, name, active, sort: sort ?? 999, ...(table === 'agreement_kinds' ? { abbreviation } : {}) };
        await tx
          .insertInto(table)
          .values(values as never)
          .onConflict((oc) => oc.column('code').doUpdateSet({ name, active, ...(sort !== undefined ? { sort } : {}) } as never))
          .execute();
        await recordAudit(tx, src, { action: 'list.update', entityType: 'list', entityId: `${table}:${req.params.code}`, unitId: null, changes: { name: { from: null, to: name }, active: { from: null, to: active } } }, now);
      });
      return { item: { code: req.params.code, name, active } };
    },
  );
}
