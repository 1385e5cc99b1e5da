import { presentListItem } from '../agreements/agreement.presenter.js';
import { MARK_END, MARK_START } from './search.repository.js';
import type { QuickSuggestions } from './quick.service.js';
import type { SearchResult } from './search.service.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A fragment of document text as HTML a browser may insert as is: every character of the text escaped, and
 * the only tags those that mark hits, always balanced.
 */
export function snippetHtml(headline: string): string {
  let open = false;
  let out = '';
  for (const ch of headline.replace(/\s+/g, ' ').trim()) {
    if (ch === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (ch === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else out += ESCAPES[ch] ?? ch;
  }
  return open ? `${out}</mark>` : out;
}

export function presentSearch(r: SearchResult, page: number, pageSize: number) {
  return {
    results: r.results.map((x) => ({
      agreement: presentListItem(x.row),
      score: Math.round(x.score * 10_000) / 10_000,
      snippets: x.snippets.map((s) => ({ documentId: s.document_id, page: s.page, html: snippetHtml(s.headline) })),
    })),
    total: r.total,
    totalIsLowerBound: r.totalCapped,
    page,
    pageSize,
  };
}

export function presentQuick(r: QuickSuggestions) {
  return {
    agreements: r.agreements.map((a) => ({ id: a.id, title: a.title, numberFirst: a.number_first, numberSecond: a.number_second, unitName: a.unit_name })),
    partners: r.partners.map((p) => ({ id: p.id, name: p.name, categoryName: p.category_name, agreementCount: Number(p.agreements) })),
  };
}
