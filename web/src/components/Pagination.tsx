import { useI18n } from '../i18n.js';
import type { MessageKey } from '../i18n.js';

export function Pagination({
  page,
  pageSize,
  total,
  onPage,
  summaryKey = 'pagination.summary',
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** A message with {from}, {to} and {total}, e.g. "1–25 dari 312 naskah". */
  summaryKey?: MessageKey;
}) {
  const { t, number } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="pagination-summary">
        {t(summaryKey, { from: number(from), to: number(to), total: number(total) })}
      </p>
      <div className="pagination-buttons">
        <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('pagination.previous')}
        </button>
        <span className="pagination-page">{t('pagination.page', { page: number(page), pages: number(pages) })}</span>
        <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('pagination.next')}
        </button>
      </div>
    </nav>
  );
}
