/** Search hits: title, numbers, unit, partner, status, and passages of the document text with the hits marked. */
import { useI18n } from '../../i18n.js';
import { snippetParts } from '../../intelligence.js';
import type { SearchHit } from '../../intelligence.js';
import { Link } from '../../router.js';
import { StatusBadge } from '../StatusBadge.js';
import { WorkflowBadge } from '../workflow/WorkflowBadge.js';

/** A passage as text nodes and <mark> elements (never inserted as HTML). */
export function Snippet({ html }: { html: string }) {
  return (
    <>
      {snippetParts(html).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export function SearchResults({ hits }: { hits: readonly SearchHit[] }) {
  const { t, date } = useI18n();
  return (
    <ol className="search-results" aria-label={t('search.results')} data-testid="search-results">
      {hits.map(({ agreement: a, snippets }) => (
        <li key={a.id} className="search-hit" data-testid="search-hit">
          <h2 className="search-hit-title">
            <Link to={`/kerja-sama/${a.id}`}>{a.title}</Link>
          </h2>
          <p className="search-hit-meta small">
            <span>{a.kindName}</span>
            {(a.numberFirst || a.numberSecond) && (
              <span className="cell-number">
                {t('search.numbers')}: {[a.numberFirst, a.numberSecond].filter(Boolean).join(' · ')}
              </span>
            )}
            <span>{a.unit.name}</span>
            {a.partnerNames && (
              <span>
                {t('search.partner')}: {a.partnerNames}
              </span>
            )}
            {a.signingDate && <span>{date(a.signingDate)}</span>}
            <StatusBadge status={a.status} />
            {a.workflowState && <WorkflowBadge state={a.workflowState} />}
          </p>
          {snippets.length > 0 && (
            <ul className="search-snippets" aria-label={t('search.snippetFrom')}>
              {snippets.map((s) => (
                <li key={`${s.documentId}-${s.page}`} data-testid="search-snippet">
                  <span className="search-snippet-page muted">{t('search.page', { n: s.page })}</span> <Snippet html={s.html} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
