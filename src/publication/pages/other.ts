import type { Locale } from '../../http/i18n.js';
import { html, type Html } from '../html.js';
import { formatNumber, t } from '../portal.i18n.js';
import type { PublicAgreement } from '../publication.presenter.js';
import { MAX_PAGE } from '../publication.schemas.js';
import { breadcrumb, pagination, resultList } from './parts.js';

/** A unit's or a partner's published agreements, with a way into the search narrowed to them. */
export function ownerBody(opts: {
  heading: string;
  sub: Html | string;
  searchHref: string | null;
  items: PublicAgreement[];
  total: number;
  totalIsLowerBound: boolean;
  page: number;
  pageSize: number;
  current: string;
  locale: Locale;
}): Html {
  const { locale } = opts;
  return html`${breadcrumb(locale, [{ href: '/', label: t(locale, 'navHome') }, { href: '/kerja-sama', label: t(locale, 'navSearch') }, { label: opts.heading }])}
<h1>${opts.heading}</h1>
${opts.sub ? html`<p class="lead">${opts.sub}</p>` : ''}
${opts.searchHref ? html`<p><a href="${opts.searchHref}">${t(locale, 'searchWithin')} →</a></p>` : ''}
${resultList(opts.items, opts.total, locale, opts.totalIsLowerBound)}
${pagination(opts.current, opts.page, opts.pageSize, opts.total, locale, MAX_PAGE)}`;
}

export function notFoundBody(locale: Locale): Html {
  return html`<h1>${t(locale, 'notFoundTitle')}</h1><p>${t(locale, 'notFoundBody')}</p>
<p><a href="/">${t(locale, 'backHome')}</a> · <a href="/kerja-sama">${t(locale, 'navSearch')}</a></p>`;
}

export function errorBody(locale: Locale, messages: string[]): Html {
  return html`<h1>${t(locale, 'badRequest')}</h1><div class="error" role="alert"><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>
<p><a href="/">${t(locale, 'backHome')}</a></p>`;
}

const DATASETS = [
  { href: '/api/public/v1/agreements.csv', id: 'Register naskah terbit (CSV, UTF-8, pemisah titik koma)', en: 'Register of published agreements (CSV, UTF-8, semicolon-separated)' },
  { href: '/api/public/v1/agreements.xlsx', id: 'Register naskah terbit (XLSX)', en: 'Register of published agreements (XLSX)' },
  { href: '/api/public/v1/agreements', id: 'API JSON: daftar, satu naskah, statistik', en: 'JSON API: list, one agreement, statistics' },
  { href: '/api/public/v1/openapi.json', id: 'Dokumen OpenAPI API publik', en: 'OpenAPI document of the public API' },
  { href: '/api/public/v1/feed.atom', id: 'Umpan Atom naskah yang baru diterbitkan', en: 'Atom feed of newly published agreements' },
  { href: '/api/public/v1/jdihn.json', id: 'Umpan JDIHN (JSON)', en: 'JDIHN feed (JSON)' },
  { href: '/api/public/v1/catalog.jsonld', id: 'Katalog DCAT (JSON-LD)', en: 'DCAT catalogue (JSON-LD)' },
];

export function dataBody(locale: Locale, total: number): Html {
  return html`<h1>${t(locale, 'dataTitle')}</h1><p class="lead">${t(locale, 'dataLead')}</p>
<p>${t(locale, 'published')}: <strong>${formatNumber(locale, total)}</strong></p>
<ul class="datasets">${DATASETS.map((d) => html`<li><a href="${d.href}">${locale === 'id' ? d.id : d.en}</a> <code>${d.href}</code></li>`)}</ul>`;
}
