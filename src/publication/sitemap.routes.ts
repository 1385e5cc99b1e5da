import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { escapeHtml as x } from './html.js';
import * as service from './publication.service.js';
import { agreementPath, partnerPath, unitPath } from './slug.js';

const pub = { config: { auth: 'public' as const }, schema: { hide: true } };
const XML = 'application/xml; charset=utf-8';

/** robots.txt and the sitemaps: only published agreements and the units and partners that have some. */
export function sitemapRoutes(app: App, deps: AppDeps) {
  const base = deps.config.publicUrl;

  app.get('/robots.txt', pub, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`User-agent: *\nDisallow: /app/\nDisallow: /api/v1/\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`),
  );

  app.get('/sitemap.xml', pub, async (_req, reply) => {
    const files = await service.sitemapIndex(deps);
    const entries = ['halaman', ...Array.from({ length: files }, (_, i) => `kerja-sama-${i + 1}`)];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries
      .map((e) => `<sitemap><loc>${x(`${base}/sitemaps/${e}.xml`)}</loc></sitemap>`)
      .join('\n')}\n</sitemapindex>\n`;
    return reply.type(XML).header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get<{ Params: { name: string } }>('/sitemaps/:name', pub, async (req, reply) => {
    const m = /^(?:halaman|kerja-sama-([1-9]\d{0,4}))\.xml$/.exec(req.params.name);
    if (!m) return reply.callNotFound();
    let urls: { loc: string; lastmod?: string }[];
    if (!m[1]) {
      const { units, partners } = await service.sitemapPages(deps);
      urls = [{ loc: '/' }, { loc: '/kerja-sama' }, { loc: '/data-terbuka' }, ...units.map((u) => ({ loc: unitPath(u) })), ...partners.map((p) => ({ loc: partnerPath(p) }))];
    } else {
      const rows = await service.sitemapSlice(deps, Number(m[1]) - 1);
      if (rows.length === 0 && m[1] !== '1') return reply.callNotFound();
      urls = rows.map((r) => ({ loc: agreementPath(r), lastmod: (r.published_at as Date).toISOString().slice(0, 10) }));
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((u) => `<url><loc>${x(base + u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`)
      .join('\n')}\n</urlset>\n`;
    return reply.type(XML).header('cache-control', 'public, max-age=3600').send(body);
  });
}
