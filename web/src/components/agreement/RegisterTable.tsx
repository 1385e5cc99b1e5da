/**
 * The register table: sortable headers (aria-sort), status and workflow-stage pills, a marker for agreements
 * without a signed copy.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n.js';
import type { AgreementListItem, Sort } from '../../registry.js';
import { Link } from '../../router.js';
import { Badge } from '../Feedback.js';
import { StatusBadge } from '../StatusBadge.js';
import { WorkflowBadge } from '../workflow/WorkflowBadge.js';

const DEFAULT_DIR: Record<Sort, 'asc' | 'desc'> = { title: 'asc', number: 'asc', signingDate: 'desc', endDate: 'asc', createdAt: 'desc' };

export function RegisterTable({
  rows,
  sort,
  dir,
  onSort,
  abbreviations,
}: {
  rows: readonly AgreementListItem[];
  /** kind code → short name (PKS, MoU) to keep the column narrow. */
  abbreviations: ReadonlyMap<string, string>;
  sort: Sort;
  dir: 'asc' | 'desc';
  onSort: (sort: Sort, dir: 'asc' | 'desc') => void;
}) {
  const { t, date } = useI18n();

  function header(key: Sort, label: string): ReactNode {
    const current = sort === key;
    const ariaSort = current ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
    const next = current ? (dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[key];
    return (
      <th scope="col" aria-sort={ariaSort}>
        <button type="button" className={`sort-button${current ? ` sorted-${dir}` : ''}`} onClick={() => onSort(key, next)} data-testid={`sort-${key}`}>
          {label}
          <span className="sort-icon" aria-hidden="true" />
        </button>
      </th>
    );
  }

  return (
    <div className="table-wrap">
      <table className="table register-table" data-testid="register-table">
        <caption className="sr-only">{t('register.caption')}</caption>
        <thead>
          <tr>
            {header('title', t('agreement.title'))}
            <th scope="col">{t('agreement.kind')}</th>
            {header('number', t('register.number'))}
            <th scope="col">{t('agreement.unit')}</th>
            <th scope="col">{t('agreement.partners')}</th>
            {header('signingDate', t('register.signingDate'))}
            {header('endDate', t('register.endDate'))}
            <th scope="col">{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-testid="register-row">
              <td data-label={t('agreement.title')} className="cell-title">
                <Link to={`/kerja-sama/${a.id}`} className="row-link">
                  {a.title}
                </Link>
                <span className="row-markers">
                  {!a.hasSignedDocument && a.status !== 'draft' && (
                    <span className="marker-missing" data-testid="marker-no-signed">
                      {t('register.noSignedMarker')}
                    </span>
                  )}
                  {a.confidentiality === 'internal' && <Badge tone="muted">{t('agreement.internal')}</Badge>}
                </span>
              </td>
              <td data-label={t('agreement.kind')}>
                {abbreviations.has(a.kindCode) ? <abbr title={a.kindName}>{abbreviations.get(a.kindCode)}</abbr> : a.kindName}
              </td>
              <td data-label={t('register.number')} className="cell-number">
                {a.numberFirst ?? '—'}
                {a.numberSecond && <span className="block small muted">{a.numberSecond}</span>}
              </td>
              <td data-label={t('agreement.unit')} className="cell-unit">
                {a.unit.name}
              </td>
              <td data-label={t('agreement.partners')} className="cell-partners">
                {a.partnerNames ?? '—'}
              </td>
              <td data-label={t('register.signingDate')} className="cell-date">
                {a.signingDate ? date(a.signingDate) : '—'}
              </td>
              <td data-label={t('register.endDate')} className="cell-date">
                {a.endDate ? date(a.endDate) : '—'}
              </td>
              <td data-label={t('register.statusAndStage')}>
                <span className="status-stack">
                  <StatusBadge status={a.status} />
                  {a.workflowState && <WorkflowBadge state={a.workflowState} />}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
