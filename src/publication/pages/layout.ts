import type { Locale } from '../../http/i18n.js';
import { html, type Html } from '../html.js';
import { t } from '../portal.i18n.js';

export interface PageMeta {
  title: string;
  description: string;
  /** The canonical path (no language parameter). */
  path: string;
  /** The current address with its query, for the language switch. */
  current: string;
  locale: Locale;
  base: string;
  ogType?: 'website' | 'article';
  noindex?: boolean;
}

/** The same address in the other language (the choice is remembered in a cookie too). */
export function languageLink(current: string, to: Locale): string {
  const url = new URL(current, 'http://x');
  url.searchParams.set('lang', to);
  return url.pathname + url.search;
}

export function layout(meta: PageMeta, body: Html): string {
  const { locale } = meta;
  const other: Locale = locale === 'id' ? 'en' : 'id';
  const canonical = meta.base + meta.path;
  const title = meta.path === '/' ? t(locale, 'siteName') : `${meta.title} — ${t(locale, 'siteName')}`;
  return `<!doctype html>\n${html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description}">
${meta.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="canonical" href="${canonical}">
<link rel="alternate" hreflang="id" href="${canonical}">
<link rel="alternate" hreflang="en" href="${meta.base}${languageLink(meta.path, 'en')}">
<link rel="alternate" type="application/atom+xml" title="${t(locale, 'newest')}" href="/api/public/v1/feed.atom">
<meta property="og:site_name" content="${t(locale, 'siteName')}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:locale" content="${locale === 'id' ? 'id_ID' : 'en_GB'}">
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<a class="skip" href="#konten">${t(locale, 'skip')}</a>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/">${t(locale, 'siteName')}<span>${t(locale, 'siteOwner')}</span></a>
    <nav aria-label="${t(locale, 'mainNav')}">
      <ul>
        <li><a href="/">${t(locale, 'navHome')}</a></li>
        <li><a href="/kerja-sama">${t(locale, 'navSearch')}</a></li>
        <li><a href="/data-terbuka">${t(locale, 'navData')}</a></li>
        <li><a href="${languageLink(meta.current, other)}" lang="${other}" hreflang="${other}">${t(locale, 'otherLanguage')}</a></li>
        <li><a class="staff" href="/app/">${t(locale, 'navStaff')}</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="konten" tabindex="-1">
<div class="wrap">
${body}
</div>
</main>
<footer class="site"><div class="wrap"><p>${t(locale, 'footer')}</p><p><a href="/data-terbuka">${t(locale, 'navData')}</a> · <a href="/api/public/v1/feed.atom">Atom</a> · <a href="/sitemap.xml">Sitemap</a></p></div></footer>
</body>
</html>
`}`;
}
