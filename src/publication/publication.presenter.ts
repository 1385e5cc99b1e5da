import type { Locale } from '../http/i18n.js';
import { snippetHtml } from '../search/search.presenter.js';
import { statusLabel } from './portal.i18n.js';
import { fromJson, type PublicRow } from './publication.repository.js';
import type { PublishedDetail, Statistics } from './publication.service.js';
import { agreementPath, copyPath, partnerPath, unitPath } from './slug.js';

/**
 * What leaves the server about a published agreement, field by field. Rows only carry public columns already
 * (publication.repository.ts), and this list names each field again: adding a column never publishes it.
 */
export function presentRow(r: PublicRow, base: string, locale: Locale) {
  return {
    id: r.id,
    url: base + agreementPath(r),
    kind: { code: r.kind_code, name: r.kind_name },
    title: r.title,
    numberFirst: r.number_first,
    numberSecond: r.number_second,
    unit: { id: r.unit_id, name: r.unit_name, url: base + unitPath({ id: r.unit_id, name: r.unit_name }) },
    partners: fromJson(r.partners).map((p) => ({ id: p.id, name: p.name, url: base + partnerPath(p) })),
    partnerCategories: fromJson(r.partner_categories),
    scopes: fromJson(r.scope_names),
    signingDate: r.signing_date,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    statusLabel: statusLabel(locale, r.status),
    publishedAt: (r.published_at as Date).toISOString(),
  };
}
export type PublicAgreement = ReturnType<typeof presentRow>;

export function presentList(r: { rows: PublicRow[]; total: number; totalIsLowerBound: boolean; snippets: Map<string, string[]> }, page: number, pageSize: number, base: string, locale: Locale) {
  return {
    items: r.rows.map((row) => ({ ...presentRow(row, base, locale), snippets: (r.snippets.get(row.id) ?? []).map(snippetHtml) })),
    total: r.total,
    totalIsLowerBound: r.totalIsLowerBound,
    page,
    pageSize,
  };
}

type Relative = PublishedDetail['relatives'][number];
const rel = (r: Relative, base: string) => ({ id: r.id, url: base + agreementPath(r), kind: r.kind_name, title: r.title, numberFirst: r.number_first, status: r.status });

export function presentDetail(d: PublishedDetail, base: string, locale: Locale) {
  const { row } = d;
  const one = (id: string | null) => {
    const r = id ? d.relatives.find((x) => x.id === id) : undefined;
    return r ? rel(r, base) : null;
  };
  return {
    ...presentRow(row, base, locale),
    signatories: d.signatories.map((s) => ({ party: s.party, name: s.name, position: s.position })),
    scopeOther: row.scope_other,
    purpose: row.purpose,
    durationText: row.duration_text,
    relations: {
      parent: one(row.parent_id),
      children: d.relatives.filter((r) => r.parent_id === row.id).map((r) => rel(r, base)),
      amends: one(row.amends_id),
      amendedBy: d.relatives.filter((r) => r.amends_id === row.id).map((r) => rel(r, base)),
      renews: one(row.renews_id),
      renewedBy: d.relatives.filter((r) => r.renews_id === row.id).map((r) => rel(r, base)),
    },
    publicCopy: d.copy
      ? { url: base + copyPath(row.id), downloadUrl: `${base}${copyPath(row.id)}?unduh=1`, mime: d.copy.mime, size: d.copy.size, pages: d.copy.page_count, sha256: d.copy.sha256 }
      : null,
  };
}
export type PublicDetail = ReturnType<typeof presentDetail>;

export function presentStatistics(s: Statistics, locale: Locale) {
  const centre = locale === 'id' ? 'Pusat' : 'Centre';
  return {
    published: s.total,
    inForce: s.inForce,
    inForceByKanwil: s.byKanwil.map((x) => ({ key: x.key, label: x.label ?? centre, count: Number(x.n) })),
    inForceByKind: s.byKind.map((x) => ({ key: x.key, label: x.label ?? centre, count: Number(x.n) })),
    inForceByPartnerCategory: s.byCategory.map((x) => ({ key: x.key, label: x.label ?? centre, count: Number(x.n) })),
    publishedBySigningYear: s.byYear.map((x) => ({ year: x.year, count: x.n })),
    generatedAt: s.generatedAt.toISOString(),
  };
}
export type PublicStatistics = ReturnType<typeof presentStatistics>;
