import type { Locale } from '../../http/i18n.js';
import { html, type Html } from '../html.js';
import { formatDate, formatInstant, statusLabel, t, type MessageKey } from '../portal.i18n.js';
import type { PublicDetail } from '../publication.presenter.js';
import { breadcrumb, local, statusBadge } from './parts.js';

type Rel = PublicDetail['relations']['children'][number];

function relList(key: MessageKey, items: Rel[], locale: Locale): Html {
  if (items.length === 0) return html``;
  return html`<div><dt>${t(locale, key)}</dt>${items.map(
    (r) => html`<dd><a href="${local(r.url)}">${r.title}</a> <span class="meta">(${r.kind}${r.numberFirst ? html`, ${r.numberFirst}` : ''}; ${statusLabel(locale, r.status)})</span></dd>`,
  )}</div>`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** Only the public fields of one published agreement, and its public copy. Nothing else. */
export function agreementBody(a: PublicDetail, locale: Locale): Html {
  const r = a.relations;
  const rels = [
    relList('relParent', r.parent ? [r.parent] : [], locale),
    relList('relChildren', r.children, locale),
    relList('relAmends', r.amends ? [r.amends] : [], locale),
    relList('relAmendedBy', r.amendedBy, locale),
    relList('relRenews', r.renews ? [r.renews] : [], locale),
    relList('relRenewedBy', r.renewedBy, locale),
  ].filter((h) => h.value !== '');
  const party = (p: 'pertama' | 'kedua') => a.signatories.filter((s) => s.party === p);
  return html`${breadcrumb(locale, [{ href: '/', label: t(locale, 'navHome') }, { href: '/kerja-sama', label: t(locale, 'navSearch') }, { label: a.kind.name }])}
<article class="agreement">
<p class="kind">${a.kind.name}</p>
<h1>${a.title}</h1>
<p>${statusBadge(a)}</p>
<dl class="facts">
  ${a.numberFirst ? html`<div><dt>${t(locale, 'numberFirst')}</dt><dd class="nums">${a.numberFirst}</dd></div>` : ''}
  ${a.numberSecond ? html`<div><dt>${t(locale, 'numberSecond')}</dt><dd class="nums">${a.numberSecond}</dd></div>` : ''}
  <div><dt>${t(locale, 'unit')}</dt><dd><a href="${local(a.unit.url)}">${a.unit.name}</a></dd></div>
  <div><dt>${t(locale, 'partners')}</dt>${a.partners.map((p) => html`<dd><a href="${local(p.url)}">${p.name}</a></dd>`)}${a.partners.length ? '' : html`<dd>–</dd>`}</div>
  <div><dt>${t(locale, 'signingDate')}</dt><dd>${formatDate(locale, a.signingDate)}</dd></div>
  <div><dt>${t(locale, 'duration')}</dt><dd>${a.durationText ?? '–'}${a.startDate || a.endDate ? html` (${formatDate(locale, a.startDate)} – ${formatDate(locale, a.endDate)})` : ''}</dd></div>
  <div><dt>${t(locale, 'publishedAt')}</dt><dd>${formatInstant(locale, new Date(a.publishedAt))}</dd></div>
</dl>
<h2>${t(locale, 'signatories')}</h2>
<ul class="signers">
${(['pertama', 'kedua'] as const).map((p) =>
  party(p).map((s) => html`<li><span class="party">${t(locale, p === 'pertama' ? 'partyFirst' : 'partySecond')}</span> <strong>${s.name}</strong>, ${s.position}</li>`),
)}
</ul>
<h2>${t(locale, 'scopes')}</h2>
<ul>${a.scopes.map((s) => html`<li>${s}</li>`)}${a.scopeOther ? html`<li>${a.scopeOther}</li>` : ''}</ul>
${a.purpose ? html`<h2>${t(locale, 'purpose')}</h2><p class="prose">${a.purpose}</p>` : ''}
${rels.length ? html`<h2>${t(locale, 'relations')}</h2><dl class="relations">${rels}</dl>` : ''}
<h2 id="salinan">${t(locale, 'copy')}</h2>
${
  a.publicCopy
    ? html`<p class="note">${t(locale, 'copyNote')}</p>
<p class="copy-links"><a class="button" href="${local(a.publicCopy.url)}">${t(locale, 'copyRead')}</a> <a class="button secondary" href="${local(a.publicCopy.downloadUrl)}?unduh=1" download>${t(locale, 'copyDownload')}</a>
<span class="meta">${a.publicCopy.mime === 'application/pdf' ? 'PDF' : a.publicCopy.mime}, ${formatBytes(a.publicCopy.size)}${a.publicCopy.pages ? html`, ${t(locale, 'pages', { n: a.publicCopy.pages })}` : ''}</span></p>
${a.publicCopy.mime === 'application/pdf' ? html`<iframe class="pdf" src="${local(a.publicCopy.url)}" title="${t(locale, 'copyFrame')}: ${a.title}" loading="lazy"></iframe>` : ''}`
    : html`<p>${t(locale, 'copyNone')}</p>`
}
</article>`;
}
