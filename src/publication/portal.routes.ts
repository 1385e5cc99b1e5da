import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, isPreviewable } from '../documents/document.presenter.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../http/i18n.js';
import { FILE_KINDS } from '../storage/sniff.js';
import { cachedAnswer, matches, strongEtag, type Answer } from './page-cache.js';
import type { Html } from './html.js';
import { agreementBody } from './pages/agreement.js';
import { homeBody } from './pages/home.js';
import { layout, type PageMeta } from './pages/layout.js';
import { dataBody, errorBody, notFoundBody, ownerBody } from './pages/other.js';
import { searchBody, type FormValues } from './pages/search.js';
import { t } from './portal.i18n.js';
import { presentDetail, presentList, presentRow, presentStatistics } from './publication.presenter.js';
import { pageQuery, parseQuery, publicListQuery } from './publication.schemas.js';
import * as service from './publication.service.js';
import { agreementPath, partnerPath, splitIdSlug, unitPath } from './slug.js';
import { sitemapRoutes } from './sitemap.routes.js';

const LANG_COOKIE = 'p2ma_lang';
const CSS = fs.readFileSync(path.join(import.meta.dirname, 'static/portal.css'));
const CSS_ETAG = `"${crypto.createHash('sha256').update(CSS).digest('hex').slice(0, 32)}"`;
const PAGE_SIZE = 20;
const pub = { config: { auth: 'public' as const }, schema: { hide: true } };

/** The reader's language: ?lang= (remembered in a cookie), else the cookie, else Bahasa Indonesia. */
export function portalLocale(req: FastifyRequest, reply?: FastifyReply): Locale {
  const asked = (req.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'id' || asked === 'en') {
    reply?.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 86400, httpOnly: true });
    return asked;
  }
  const saved = req.cookies?.[LANG_COOKIE];
  return saved === 'en' ? 'en' : 'id';
}

/** A page as an answer: kept in the page cache (200 and 301 only) and sent by `send`. */
function page(status: number, meta: PageMeta, body: Html): Answer {
  const html = Buffer.from(layout(meta, body));
  return { status, type: 'text/html; charset=utf-8', body: html, etag: status === 200 ? strongEtag(html) : null, cacheControl: status === 200 ? 'public, max-age=60' : 'no-cache', vary: 'Cookie' };
}
const redirect = (location: string): Answer => ({ status: 301, type: 'text/plain; charset=utf-8', body: Buffer.alloc(0), etag: null, location, cacheControl: 'public, max-age=60', vary: 'Cookie' });

function send(req: FastifyRequest, reply: FastifyReply, a: Answer) {
  reply.status(a.status).header('cache-control', a.cacheControl).header('vary', a.vary);
  if (a.location) return reply.redirect(a.location, 301);
  if (a.etag) {
    reply.header('etag', a.etag);
    if (matches(req.headers['if-none-match'], a.etag)) return reply.status(304).send();
  }
  return reply.type(a.type).send(a.body);
}

/** Answers from the page cache; the key holds the language (cookie or ?lang=) and the whole address. */
const cached = (deps: AppDeps, req: FastifyRequest, reply: FastifyReply, locale: Locale, render: () => Promise<Answer>) =>
  cachedAnswer(deps, `page ${locale} ${req.url}`, render).then((a) => send(req, reply, a));

function metaFor(req: FastifyRequest, deps: AppDeps, locale: Locale, m: { title: string; description?: string; path: string; ogType?: 'website' | 'article'; noindex?: boolean }): PageMeta {
  return { description: t(locale, 'siteDescription'), ...m, current: req.url, locale, base: deps.config.publicUrl };
}

/** The portal's "not found" page (also for unknown addresses outside /api and /app, see http/app.ts). */
export function portalNotFound(deps: AppDeps, req: FastifyRequest, reply: FastifyReply) {
  return send(req, reply, notFound(deps, req, portalLocale(req)));
}
const notFound = (deps: AppDeps, req: FastifyRequest, locale: Locale) =>
  page(404, metaFor(req, deps, locale, { title: t(locale, 'notFoundTitle'), path: req.url.split('?')[0] ?? '/', noindex: true }), notFoundBody(locale));

function badRequest(deps: AppDeps, req: FastifyRequest, locale: Locale, err: AppError) {
  const messages = err.fields?.length ? err.fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)) : [err.messageFor(locale)];
  return page(400, metaFor(req, deps, locale, { title: t(locale, 'badRequest'), path: req.url.split('?')[0] ?? '/', noindex: true }), errorBody(locale, messages));
}

/** Validates the page's query; a malformed one answers the page's own 400, never a crash. */
function pageNumber(deps: AppDeps, req: FastifyRequest, locale: Locale): number | Answer {
  try {
    return parseQuery(pageQuery, req.query, locale).page;
  } catch (err) {
    if (err instanceof AppError) return badRequest(deps, req, locale, err);
    throw err;
  }
}

export function portalRoutes(app: App, deps: AppDeps) {
  const base = deps.config.publicUrl;

  app.get('/', pub, async (req, reply) => {
    const locale = portalLocale(req, reply);
    return cached(deps, req, reply, locale, async () => {
      const s = await service.statistics(deps);
      const newest = s.newest.map((r) => presentRow(r, base, locale));
      return page(200, metaFor(req, deps, locale, { title: t(locale, 'siteName'), path: '/' }), homeBody(presentStatistics(s, locale), newest, locale));
    });
  });

  app.get('/kerja-sama', pub, async (req, reply) => {
    const locale = portalLocale(req, reply);
    return cached(deps, req, reply, locale, async () => {
      const values = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as FormValues;
      const lists = await service.formLists(deps, typeof values.unit === 'string' && /^[0-9a-f-]{36}$/i.test(values.unit) ? values.unit : undefined);
      const meta = metaFor(req, deps, locale, { title: t(locale, 'searchTitle'), path: '/kerja-sama', noindex: Object.keys(values).some((k) => k !== 'lang') });
      let q;
      try {
        q = parseQuery(publicListQuery, req.query, locale);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return page(400, { ...meta, noindex: true }, searchBody(values, lists, null, err.fields ?? [{ path: '', message: err.messageFor(locale) }], req.url, locale));
      }
      const query = { ...q, pageSize: PAGE_SIZE };
      const result = presentList(await service.listPublished(deps, query), query.page, PAGE_SIZE, base, locale);
      return page(200, meta, searchBody(values, lists, result, null, req.url, locale));
    });
  });

  app.get<{ Params: { ref: string } }>('/kerja-sama/:ref', pub, async (req, reply) => {
    const locale = portalLocale(req, reply);
    return cached(deps, req, reply, locale, async () => {
      const ref = splitIdSlug(req.params.ref);
      const found = ref ? await service.publishedDetail(deps, ref.id) : null;
      if (!found) return notFound(deps, req, locale);
      const canonical = agreementPath(found.row);
      if (`/kerja-sama/${req.params.ref}` !== canonical) return redirect(canonical + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''));
      const a = presentDetail(found, base, locale);
      const description = [a.kind.name, a.partners.map((p) => p.name).join(', '), a.purpose ?? ''].filter(Boolean).join(' — ').slice(0, 300);
      return page(200, metaFor(req, deps, locale, { title: a.title, description, path: canonical, ogType: 'article' }), agreementBody(a, locale));
    });
  });

  app.get<{ Params: { id: string } }>('/kerja-sama/:id/salinan-publik', pub, async (req, reply) => {
    const ref = splitIdSlug(req.params.id);
    const found = ref && !ref.slug ? await service.publicCopyContent(deps, ref.id) : null;
    if (!found) return portalNotFound(deps, req, reply);
    const { copy, open } = found;
    const etag = `"${copy.sha256}"`;
    // "no-cache": caches keep the file but ask first, so a withdrawn agreement's copy stops being served at once.
    const validators = { etag, 'cache-control': 'public, no-cache', 'x-content-type-options': 'nosniff' };
    if (matches(req.headers['if-none-match'], etag)) return reply.status(304).headers(validators).send();
    const content = await open();
    const download = (req.query as Record<string, unknown>).unduh !== undefined || !isPreviewable(copy.mime);
    const ext = Object.values(FILE_KINDS).find((k) => k.mime === copy.mime)?.extensions[0] ?? '';
    // A name of our own: the uploaded file's name is staff data and may itself carry personal details.
    const filename = `salinan-publik-${ref!.id.slice(0, 8)}${ext}`;
    return reply.headers(validators).type(copy.mime).header('content-length', copy.size).header('content-disposition', contentDisposition(download ? 'attachment' : 'inline', filename)).send(content);
  });

  app.get<{ Params: { ref: string } }>('/unit/:ref', pub, async (req, reply) => {
    const locale = portalLocale(req, reply);
    return cached(deps, req, reply, locale, async () => {
      const ref = splitIdSlug(req.params.ref);
      const found = ref ? await service.publicUnit(deps, ref.id) : null;
      if (!found) return notFound(deps, req, locale);
      const canonical = unitPath(found.unit);
      if (`/unit/${req.params.ref}` !== canonical) return redirect(canonical);
      const n = pageNumber(deps, req, locale);
      if (typeof n !== 'number') return n;
      const list = presentList(await service.listPublished(deps, { unit: found.unit.id, page: n, pageSize: PAGE_SIZE }), n, PAGE_SIZE, base, locale);
      const heading = t(locale, 'unitTitle', { name: found.unit.name });
      const body = ownerBody({ heading, sub: found.kanwil ? t(locale, 'unitUnder', { name: found.kanwil.name }) : '', searchHref: `/kerja-sama?unit=${found.unit.id}`, ...list, current: req.url, locale });
      return page(200, metaFor(req, deps, locale, { title: heading, path: canonical }), body);
    });
  });

  app.get<{ Params: { ref: string } }>('/mitra/:ref', pub, async (req, reply) => {
    const locale = portalLocale(req, reply);
    return cached(deps, req, reply, locale, async () => {
      const ref = splitIdSlug(req.params.ref);
      const partner = ref ? await service.publicPartner(deps, ref.id) : null;
      if (!partner) return notFound(deps, req, locale);
      const canonical = partnerPath(partner);
      if (`/mitra/${req.params.ref}` !== canonical) return redirect(canonical);
      const n = pageNumber(deps, req, locale);
      if (typeof n !== 'number') return n;
      const list = presentList(await service.listPublished(deps, { page: n, pageSize: PAGE_SIZE }, { partnerId: partner.id }), n, PAGE_SIZE, base, locale);
      const heading = t(locale, 'partnerTitle', { name: partner.name });
      const body = ownerBody({ heading, sub: partner.category_name, searchHref: null, ...list, current: req.url, locale });
      return page(200, metaFor(req, deps, locale, { title: heading, path: canonical }), body);
    });
  });

  app.get('/data-terbuka', pub, async (req, reply) => {
    const locale = portalLocale(req, reply);
    return cached(deps, req, reply, locale, async () => page(200, metaFor(req, deps, locale, { title: t(locale, 'dataTitle'), path: '/data-terbuka' }), dataBody(locale, await service.publishedCount(deps))));
  });

  app.get('/assets/portal.css', pub, async (req, reply) => {
    reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });

  sitemapRoutes(app, deps);
}
