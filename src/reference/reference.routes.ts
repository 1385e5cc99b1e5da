import { z } from 'zod';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { errors } from '../http/schemas.js';

export function referenceRoutes(app: App, deps: AppDeps) {
  const tags = ['reference'];
  app.get('/provinces', { schema: { tags, summary: 'Provinsi', response: { 200: z.object({ provinces: z.array(z.object({ code: z.string(), name: z.string() })) }), ...errors } } }, async () => ({
    provinces: await deps.database.db.selectFrom('provinces').select(['code', 'name']).orderBy('code').execute(),
  }));
  app.get(
    '/provinces/:code/regencies',
    {
      schema: {
        tags,
        summary: 'Kabupaten/kota dalam satu provinsi',
        params: z.object({ code: z.string().regex(/^\d{2}$/) }),
        response: { 200: z.object({ regencies: z.array(z.object({ code: z.string(), name: z.string() })) }), ...errors },
      },
    },
    async (req) => {
      const province = await deps.database.db.selectFrom('provinces').select('code').where('code', '=', req.params.code).executeTakeFirst();
      if (!province) throw new AppError('NOT_FOUND');
      return { regencies: await deps.database.db.selectFrom('regencies').select(['code', 'name']).where('province_code', '=', req.params.code).orderBy('code').execute() };
    },
  );
}
