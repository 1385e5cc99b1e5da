import type { Locale } from '../../http/i18n.js';
import { html, raw, type Html } from '../html.js';
import { formatDate, formatNumber, t } from '../portal.i18n.js';
import type { PublicAgreement } from '../publication.presenter.js';

/** Paths of our own pages from the absolute URLs the presenter gives (pages link relatively). */
export const local = (url: string) => new URL(url).pathname;

export function statusBadge(a: { status: string; statusLabel: string }): Html {
  return html`<span class="badge s-${a.status}">${a.statusLabel}</span>`;
}

/** One result: title as a link, then what identifies it; snippets are safe HTML made by snippetHtml. */
export function resultItem(a: PublicAgreement & { snippets?: string[] }, locale: Locale): Html {
  const numbers = [a.numberFirst, a.numberSecond].filter(Boolean).join(' · ');
  return html`<li><article class="result">
<h3><a href="${local(a.url)}">${a.title}</a></h3>
<p class="meta"><span>${a.kind.name}</span>${numbers ? html` · <span class="nums">${numbers}</span>` : ''}</p>
<p class="meta">${statusBadge(a)} <span>${t(locale, 'signingDate')}: ${formatDate(locale, a.signingDate)}</span></p>
<p class="meta"><span>${t(locale, 'unit')}: <a href="${local(a.unit.url)}">${a.unit.name}</a></span>${
    a.partners.length ? html` · <span>${t(locale, 'partners')}: ${a.partners.map((p, i) => html`${i ? ', ' : ''}<a href="${local(p.url)}">${p.name}</a>`)}</span>` : ''
  }</p>
${(a.snippets ?? []).map((s) => html`<p class="snippet">${raw(s)}</p>`)}
</article></li>`;
}

export function resultList(items: (PublicAgreement & { snippets?: string[] })[], total: number, locale: Locale, more = false): Html {
  if (items.length === 0) return html`<p class="empty" role="status">${t(locale, 'noResults')}</p>`;
  return html`<p class="count" role="status">${t(locale, more ? 'resultsMore' : 'results', { n: formatNumber(locale, total) })}</p>
<ol class="results">${items.map((a) => resultItem(a, locale))}</ol>`;
}

/** Previous / next and the position; links keep every filter. */
export function pagination(current: string, page: number, pageSize: number, total: number, locale: Locale, maxPage: number): Html {
  const pages = Math.min(maxPage, Math.max(1, Math.ceil(total / pageSize)));
  if (pages <= 1) return html``;
  const link = (p: number) => {
    const url = new URL(current, 'http://x');
    url.searchParams.set('page', String(p));
    return url.pathname + url.search;
  };
  return html`<nav class="pager" aria-label="${t(locale, 'pagination')}">
${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">← ${t(locale, 'prev')}</a>` : ''}
<span aria-current="page">${t(locale, 'page', { page: formatNumber(locale, page), pages: formatNumber(locale, pages) })}</span>
${page < pages ? html`<a rel="next" href="${link(page + 1)}">${t(locale, 'next')} →</a>` : ''}
</nav>`;
}

export function breadcrumb(locale: Locale, items: { href?: string; label: string }[]): Html {
  return html`<nav class="crumbs" aria-label="${t(locale, 'breadcrumb')}"><ol>${items.map((i) =>
    i.href ? html`<li><a href="${i.href}">${i.label}</a></li>` : html`<li aria-current="page">${i.label}</li>`,
  )}</ol></nav>`;
}
