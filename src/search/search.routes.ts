import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';
import { presentSearch } from './search.presenter.js';
import { searchQuery, searchResponse } from './search.schemas.js';
import { search } from './search.service.js';

export function searchRoutes(app: App, deps: AppDeps) {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Cari naskah kerja sama: judul, nomor, mitra, ruang lingkup, isi berkas; dengan filter daftar naskah',
        querystring: searchQuery,
        response: { 200: searchResponse, ...errors },
      },
    },
    async (req) => presentSearch(await search(deps, req.actor!, req.query), req.query.page, req.query.pageSize),
  );
}
