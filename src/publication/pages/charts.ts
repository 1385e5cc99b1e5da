import type { Locale } from '../../http/i18n.js';
import { html, type Html } from '../html.js';
import { formatNumber, t } from '../portal.i18n.js';

export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 640;
const LABEL_W = 250;
const ROW_H = 26;
const BAR_H = 18;

/**
 * A horizontal bar chart drawn on the server as SVG (no script): labelled by its title and description for
 * screen readers, and followed by the same figures as a table for everyone who cannot read the picture.
 */
export function barChart(id: string, title: string, bars: Bar[], locale: Locale, labelHeader = t(locale, 'label')): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(ROW_H, bars.length * ROW_H) + 8;
  const span = WIDTH - LABEL_W - 60;
  const desc = bars.map((b) => `${b.label}: ${formatNumber(locale, b.value)}`).join('; ');
  return html`<figure class="chart">
<figcaption id="${id}-t">${title}</figcaption>
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${desc || '–'}</desc>
${bars.map((b, i) => {
  const y = 4 + i * ROW_H;
  const w = Math.max(2, Math.round((b.value / max) * span));
  return html`<g><text x="${LABEL_W - 8}" y="${y + 14}" text-anchor="end" class="lbl">${truncate(b.label, 38)}</text><rect x="${LABEL_W}" y="${y}" width="${w}" height="${BAR_H}" class="bar"></rect><text x="${LABEL_W + w + 6}" y="${y + 14}" class="val">${formatNumber(locale, b.value)}</text></g>`;
})}
</svg>
<details><summary>${t(locale, 'chartTable')}: ${title}</summary>
<table><caption class="sr">${title}</caption><thead><tr><th scope="col">${labelHeader}</th><th scope="col" class="num">${t(locale, 'count')}</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td class="num">${formatNumber(locale, b.value)}</td></tr>`)}</tbody></table>
</details>
</figure>`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
