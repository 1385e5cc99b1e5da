import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csvStream } from '../exports/csv-writer.js';
import { xlsxStream } from '../exports/xlsx-writer.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../http/i18n.js';
import { atomFeed, dcatCatalog, jdihnStream, publicColumns } from './feeds.js';
import { publicOpenApi, type PublicOperation } from './openapi.js';
import { presentDetail, presentList, presentStatistics } from './publication.presenter.js';
import { parseQuery, publicDetailDto, publicListDto, publicListQuery, statisticsDto } from './publication.schemas.js';
import * as service from './publication.service.js';
import { splitIdSlug } from './slug.js';
import { cachedAnswer, matches, weakEtag, type Answer } from './page-cache.js';
import { todayIn } from '../shared/dates.js';

const SAFE = 'GET, HEAD, OPTIONS';
const JSON_TYPE = 'application/json; charset=utf-8';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pub = { config: { auth: 'public' as const }, schema: { hide: true } };
const langQuery = z.strictObject({ lang: z.enum(['id', 'en']).optional() });
const exportQuery = z.strictObject({});

function localeOf(req: FastifyRequest): Locale {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  return lang === 'en' || lang === 'id' ? lang : req.locale;
}

/** A weak validator from the body (or `validatorSource`): 304 when the client already holds these bytes. */
function answer(type: string, body: string, maxAge = 60, validatorSource = body): Answer {
  return { status: 200, type, body: Buffer.from(body), etag: weakEtag(validatorSource), cacheControl: `public, max-age=${maxAge}`, vary: 'Accept-Language' };
}
function sendAnswer(req: FastifyRequest, reply: FastifyReply, a: Answer) {
  reply.header('etag', a.etag).header('cache-control', a.cacheControl).header('vary', a.vary);
  if (a.etag && matches(req.headers['if-none-match'], a.etag)) return reply.status(304).send();
  return reply.type(a.type).send(a.body);
}
const sendCached = (req: FastifyRequest, reply: FastifyReply, type: string, body: string, maxAge = 60) => sendAnswer(req, reply, answer(type, body, maxAge));

/**
 * The open-data API under /api/public/v1, in its own encapsulated context: its own rate limit, CORS for
 * everyone, GET only, and its own OpenAPI document.
 */
export function publicApi(deps: AppDeps) {
  return async (api: App) => {
    const base = deps.config.publicUrl;
    await api.register(rateLimit, { max: deps.config.publicApiRateLimit, timeWindow: '1 minute' });

    api.addHook('onRequest', async (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'ETag, Content-Disposition, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining');
    });
    // Anything but reading is refused before a body is even parsed.
    api.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/*',
      ...pub,
      onRequest: async (_req, reply) => {
        reply.header('allow', SAFE);
        throw new AppError('METHOD_NOT_ALLOWED');
      },
      handler: async () => undefined,
    });
    api.options('/*', pub, async (_req, reply) =>
      reply
        .status(204)
        .header('allow', SAFE)
        .header('access-control-allow-methods', SAFE)
        .header('access-control-allow-headers', 'Accept, Accept-Language, If-None-Match, Content-Type')
        .header('access-control-max-age', '86400')
        .send(),
    );

    const ops: PublicOperation[] = [
      { path: '/agreements', summary: 'Daftar naskah terbit dengan filter, pencarian teks dan halaman', query: publicListQuery, response: publicListDto },
      { path: '/agreements/:id', summary: 'Satu naskah terbit', pathParams: z.object({ id: z.uuid() }), query: langQuery, response: publicDetailDto },
      { path: '/statistics', summary: 'Angka register: naskah berlaku menurut Kanwil, jenis, kategori mitra; naskah terbit menurut tahun', query: langQuery, response: statisticsDto },
      { path: '/agreements.csv', summary: 'Seluruh register terbit sebagai CSV (UTF-8 dengan BOM, pemisah titik koma), dialirkan', response: { mediaType: 'text/csv', description: 'CSV' } },
      { path: '/agreements.xlsx', summary: 'Seluruh register terbit sebagai XLSX, dialirkan', response: { mediaType: XLSX_MIME, description: 'XLSX' } },
      { path: '/feed.atom', summary: 'Umpan Atom 50 naskah yang terakhir diterbitkan', response: { mediaType: 'application/atom+xml', description: 'Atom' } },
      { path: '/jdihn.json', summary: 'Umpan JDIHN: seluruh register terbit sebagai larik JSON (pemetaan: docs/public.md)', response: { mediaType: 'application/json', description: 'Larik JSON sesuai src/publication/jdihn.schema.json' } },
      { path: '/catalog.jsonld', summary: 'Katalog DCAT (JSON-LD) dataset ini', response: { mediaType: 'application/ld+json', description: 'JSON-LD' } },
      { path: '/openapi.json', summary: 'Dokumen ini', response: { mediaType: 'application/json', description: 'OpenAPI 3.1' } },
    ];
    const openapi = JSON.stringify(publicOpenApi(ops, { version: deps.version, serverUrl: base }));

    api.get('/openapi.json', pub, async (req, reply) => sendCached(req, reply, 'application/json; charset=utf-8', openapi, 3600));

    api.get('/agreements', pub, async (req, reply) => {
      const locale = localeOf(req);
      const q = parseQuery(publicListQuery, req.query, locale);
      const a = await cachedAnswer(deps, `api ${locale} ${req.url}`, async () => answer(JSON_TYPE, JSON.stringify(publicListDto.parse(presentList(await service.listPublished(deps, q), q.page, q.pageSize, base, locale)))));
      return sendAnswer(req, reply, a);
    });

    api.get<{ Params: { id: string } }>('/agreements/:id', pub, async (req, reply) => {
      const locale = localeOf(req);
      parseQuery(langQuery, req.query, locale);
      const ref = splitIdSlug(req.params.id);
      const a = await cachedAnswer(deps, `api ${locale} ${req.url}`, async () => {
        const found = ref && !ref.slug ? await service.publishedDetail(deps, ref.id) : null;
        if (!found) throw new AppError('NOT_FOUND');
        return answer(JSON_TYPE, JSON.stringify(publicDetailDto.parse(presentDetail(found, base, locale))));
      });
      return sendAnswer(req, reply, a);
    });

    api.get('/statistics', pub, async (req, reply) => {
      const locale = localeOf(req);
      parseQuery(langQuery, req.query, locale);
      const a = await cachedAnswer(deps, `api ${locale} ${req.url}`, async () => {
        const body = statisticsDto.parse(presentStatistics(await service.statistics(deps), locale));
        // generatedAt is when the figures were counted; the validator covers the figures only.
        const { generatedAt: _at, ...figures } = body;
        void _at;
        return answer(JSON_TYPE, JSON.stringify(body), 60, JSON.stringify(figures));
      });
      return sendAnswer(req, reply, a);
    });

    const download = (reply: FastifyReply, name: string, type: string) =>
      reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'public, max-age=300')
        .type(type);
    const basename = () => `register-kerja-sama-terbit-${todayIn(deps.now())}`;

    api.get('/agreements.csv', pub, async (req, reply) => {
      parseQuery(exportQuery, req.query, localeOf(req));
      return download(reply, `${basename()}.csv`, 'text/csv; charset=utf-8').send(csvStream(service.publishedBatches(deps), publicColumns(base)));
    });

    api.get('/agreements.xlsx', pub, async (req, reply) => {
      parseQuery(exportQuery, req.query, localeOf(req));
      return download(reply, `${basename()}.xlsx`, XLSX_MIME).send(xlsxStream(service.publishedBatches(deps), { created: deps.now(), columns: publicColumns(base), sheetName: 'Register Terbit' }));
    });

    api.get('/jdihn.json', pub, async (req, reply) => {
      parseQuery(exportQuery, req.query, localeOf(req));
      return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(jdihnStream(service.publishedBatches(deps), base));
    });

    api.get('/feed.atom', pub, async (req, reply) => {
      parseQuery(exportQuery, req.query, localeOf(req));
      const a = await cachedAnswer(deps, 'api feed.atom', async () => answer('application/atom+xml; charset=utf-8', atomFeed(await service.newestPublished(deps, 50), base, deps.now()), 300));
      return sendAnswer(req, reply, a);
    });

    api.get('/catalog.jsonld', pub, async (req, reply) => {
      parseQuery(exportQuery, req.query, localeOf(req));
      const a = await cachedAnswer(deps, 'api catalog.jsonld', async () => {
        const newest = await service.newestPublished(deps, 1);
        const catalog = dcatCatalog(base, newest[0]?.published_at ?? null, await service.publishedCount(deps));
        return answer('application/ld+json; charset=utf-8', JSON.stringify(catalog), 3600);
      });
      return sendAnswer(req, reply, a);
    });
  };
}
