import { STATUSES } from '../../agreements/status.js';
import type { FieldProblem } from '../../http/errors.js';
import type { Locale } from '../../http/i18n.js';
import { html, type Html } from '../html.js';
import { statusLabel, t } from '../portal.i18n.js';
import type { PublicAgreement } from '../publication.presenter.js';
import { MAX_PAGE } from '../publication.schemas.js';
import { pagination, resultList } from './parts.js';

export interface FormLists {
  kinds: { code: string; name: string }[];
  categories: { code: string; name: string }[];
  scopes: { code: string; name: string }[];
  regions: { id: string; name: string }[];
  selected: { id: string; name: string } | null;
}

/** What the reader typed, as strings, so a form with an error still shows their input. */
export type FormValues = Partial<Record<'q' | 'unit' | 'kind' | 'status' | 'category' | 'scope' | 'year', string>>;

function select(name: string, id: string, label: string, value: string | undefined, options: { value: string; label: string }[], locale: Locale): Html {
  return html`<div class="field"><label for="${id}">${label}</label>
<select id="${id}" name="${name}"><option value="">${t(locale, 'all')}</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`,
  )}</select></div>`;
}

export function filterForm(v: FormValues, lists: FormLists, locale: Locale, action = '/kerja-sama'): Html {
  const regions = lists.regions.map((r) => ({ value: r.id, label: r.name }));
  if (lists.selected && !regions.some((r) => r.value === lists.selected!.id)) regions.unshift({ value: lists.selected.id, label: lists.selected.name });
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: thisYear - 2014 }, (_, i) => String(thisYear + 1 - i)).map((y) => ({ value: y, label: y }));
  return html`<form class="search" action="${action}" method="get" role="search" aria-labelledby="filters-h">
<h2 id="filters-h" class="sr">${t(locale, 'filters')}</h2>
<div class="field wide"><label for="q">${t(locale, 'searchLabel')}</label>
<input id="q" name="q" type="search" maxlength="200" value="${v.q ?? ''}" aria-describedby="q-hint"><p id="q-hint" class="hint">${t(locale, 'searchHint')}</p></div>
<div class="grid">
${select('unit', 'f-unit', t(locale, 'region'), v.unit, regions, locale)}
${select('kind', 'f-kind', t(locale, 'kind'), v.kind, lists.kinds.map((k) => ({ value: k.code, label: k.name })), locale)}
${select('status', 'f-status', t(locale, 'status'), v.status, STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: statusLabel(locale, s) })), locale)}
${select('category', 'f-category', t(locale, 'category'), v.category, lists.categories.map((k) => ({ value: k.code, label: k.name })), locale)}
${select('scope', 'f-scope', t(locale, 'scope'), v.scope, lists.scopes.map((k) => ({ value: k.code, label: k.name })), locale)}
${select('year', 'f-year', t(locale, 'signingYear'), v.year, years, locale)}
</div>
${locale === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<div class="actions"><button type="submit">${t(locale, 'apply')}</button> <a href="${action}">${t(locale, 'reset')}</a></div>
</form>`;
}

export function searchBody(
  v: FormValues,
  lists: FormLists,
  result: { items: (PublicAgreement & { snippets?: string[] })[]; total: number; totalIsLowerBound: boolean; page: number; pageSize: number } | null,
  problems: FieldProblem[] | null,
  current: string,
  locale: Locale,
): Html {
  return html`<h1>${t(locale, 'searchTitle')}</h1>
${problems ? html`<div class="error" role="alert"><h2>${t(locale, 'badRequest')}</h2><ul>${problems.map((p) => html`<li>${p.path ? html`<strong>${p.path}</strong>: ` : ''}${p.message}</li>`)}</ul></div>` : ''}
${filterForm(v, lists, locale)}
<section aria-labelledby="results-h"><h2 id="results-h" class="sr">${t(locale, 'resultsHeading')}</h2>
${result ? html`${resultList(result.items, result.total, locale, result.totalIsLowerBound)}${pagination(current, result.page, result.pageSize, result.total, locale, MAX_PAGE)}` : ''}
</section>`;
}
