/** Step 3: a dry run — counts, every row with its problems (highlighted) and what happens to its partners. */
import { useI18n } from '../../i18n.js';
import { href } from '../../router.js';
import { Badge } from '../Feedback.js';
import { Pagination } from '../Pagination.js';
import type { Preview, ShowFilter } from './types.js';

const TONE = { valid: 'ok', invalid: 'warn', duplicate: 'muted' } as const;

export function PreviewStep({ preview, show, onShow, onPage }: { preview: Preview; show: ShowFilter; onShow: (s: ShowFilter) => void; onPage: (page: number) => void }) {
  const { t, number, date } = useI18n();
  const c = preview.counts;
  return (
    <section className="card" aria-labelledby="import-preview-title" data-testid="import-preview-step">
      <h2 id="import-preview-title">{t('import.previewTitle')}</h2>
      <ul className="stats stats-small">
        <li className="stat">
          <div className="stat-link">
            <span className="stat-value">{number(c.total)}</span>
            <span className="stat-label">{t('import.countTotal')}</span>
          </div>
        </li>
        <li className="stat stat-ok">
          <div className="stat-link">
            <span className="stat-value" data-testid="import-valid">{number(c.valid)}</span>
            <span className="stat-label">{t('import.countValid')}</span>
          </div>
        </li>
        <li className="stat stat-danger">
          <div className="stat-link">
            <span className="stat-value" data-testid="import-invalid">{number(c.invalid)}</span>
            <span className="stat-label">{t('import.countInvalid')}</span>
          </div>
        </li>
        <li className="stat stat-muted">
          <div className="stat-link">
            <span className="stat-value">{number(c.duplicates)}</span>
            <span className="stat-label">{t('import.countDuplicates')}</span>
          </div>
        </li>
        <li className="stat">
          <div className="stat-link">
            <span className="stat-value">{number(c.newPartners)}</span>
            <span className="stat-label">{t('import.countNewPartners')}</span>
          </div>
        </li>
      </ul>
      <fieldset className="choice">
        <legend>{t('import.show')}</legend>
        <div className="radio-row">
          {(['all', 'invalid', 'duplicate', 'valid'] as const).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="import-show" checked={show === s} onChange={() => onShow(s)} />
              {t(`import.show.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {preview.rows.length === 0 ? (
        <p className="empty">{t('import.noRows')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact preview-table cards-on-phone">
            <caption className="sr-only">{t('import.previewTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('agreement.title')}</th>
                <th scope="col">{t('agreement.partners')}</th>
                <th scope="col">{t('import.details')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row} className={`preview-${r.status}`} data-testid="import-row">
                  <td data-label={t('import.row')}>{number(r.row)}</td>
                  <td data-label={t('common.status')}>
                    <Badge tone={TONE[r.status]}>{t(`import.status.${r.status}`)}</Badge>
                  </td>
                  <td data-label={t('agreement.title')} className="wrap">
                    {r.agreement.title || '—'}
                    <span className="block small muted">
                      {[r.agreement.numberFirst, r.agreement.unit?.name, r.agreement.signingDate ? date(r.agreement.signingDate) : null].filter(Boolean).join(' · ')}
                    </span>
                  </td>
                  <td data-label={t('agreement.partners')}>
                    <ul className="plain-list small">
                      {r.partners.map((p, i) => (
                        <li key={i}>
                          {p.action === 'matched' ? t('import.partnerMatched', { name: p.name, match: p.matchedName ?? p.name }) : t('import.partnerCreate', { name: p.name })}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={t('import.details')} className="wrap small">
                    {r.problems.length > 0 && (
                      <ul className="problems">
                        {r.problems.map((p, i) => (
                          <li key={i}>{p.message}</li>
                        ))}
                      </ul>
                    )}
                    {r.duplicateOf &&
                      (r.duplicateOf.inTrash ? (
                        <span>{t('import.duplicateInTrash')}</span>
                      ) : r.duplicateOf.agreementId ? (
                        <a href={href(`/kerja-sama/${r.duplicateOf.agreementId}`)} target="_blank" rel="noopener">
                          {t('import.duplicateOf')}
                        </a>
                      ) : r.duplicateOf.row ? (
                        <span>{t('import.duplicateRow', { n: r.duplicateOf.row })}</span>
                      ) : null)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.matchingRows > preview.pageSize && <Pagination page={preview.page} pageSize={preview.pageSize} total={preview.matchingRows} onPage={onPage} />}
    </section>
  );
}
