import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';
import { quickSuggest } from './quick.service.js';
import { presentQuick, presentSearch } from './search.presenter.js';
import { quickQuery, quickResponse, searchQuery, searchResponse } from './search.schemas.js';
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

  app.get(
    '/search/suggest',
    {
      schema: {
        tags: ['search'],
        summary: 'Saran saat mengetik di daftar naskah: nomor naskah dan nama mitra dalam cakupan pemanggil',
        querystring: quickQuery,
        response: { 200: quickResponse, ...errors },
      },
    },
    async (req) => presentQuick(await quickSuggest(deps, req.actor!, req.query.q, req.query.limit)),
  );
}
