import type { Locale } from '../../http/i18n.js';
import { html } from '../html.js';
import { formatNumber, t } from '../portal.i18n.js';
import type { PublicAgreement, PublicStatistics } from '../publication.presenter.js';
import { barChart } from './charts.js';
import { resultList } from './parts.js';

export function homeBody(s: PublicStatistics, newest: PublicAgreement[], locale: Locale) {
  return html`<h1>${t(locale, 'homeTitle')}</h1>
<p class="lead">${t(locale, 'homeLead')}</p>
<form class="search big" action="/kerja-sama" method="get" role="search">
  <label for="q-home">${t(locale, 'searchLabel')}</label>
  <div class="row"><input id="q-home" name="q" type="search" maxlength="200" aria-describedby="q-home-hint"><button type="submit">${t(locale, 'navSearch')}</button></div>
  <p id="q-home-hint" class="hint">${t(locale, 'searchHint')}</p>
</form>
<section aria-labelledby="figures"><h2 id="figures" class="sr">${t(locale, 'published')}</h2>
<dl class="figures">
  <div><dt>${t(locale, 'published')}</dt><dd>${formatNumber(locale, s.published)}</dd></div>
  <div><dt>${t(locale, 'inForce')}</dt><dd>${formatNumber(locale, s.inForce)}</dd></div>
</dl></section>
<section aria-labelledby="newest"><h2 id="newest">${t(locale, 'newest')}</h2>
${resultList(newest, s.published, locale)}
<p><a href="/kerja-sama">${t(locale, 'seeAll')} →</a></p></section>
<section aria-labelledby="charts"><h2 id="charts">${t(locale, 'inForce')}</h2>
<div class="charts">
${barChart('c-kanwil', t(locale, 'byKanwil'), s.inForceByKanwil.map((x) => ({ label: x.label, value: x.count })), locale)}
${barChart('c-kind', t(locale, 'byKind'), s.inForceByKind.map((x) => ({ label: x.label, value: x.count })), locale)}
${barChart('c-category', t(locale, 'byCategory'), s.inForceByPartnerCategory.map((x) => ({ label: x.label, value: x.count })), locale)}
${barChart('c-year', t(locale, 'byYear'), s.publishedBySigningYear.map((x) => ({ label: String(x.year), value: x.count })), locale, t(locale, 'year'))}
</div></section>`;
}
