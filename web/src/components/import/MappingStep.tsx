/** Step 2: each spreadsheet column → a field (prefilled from the server's suggestion), with sample values. */
import { useI18n } from '../../i18n.js';
import { Badge } from '../Feedback.js';
import { IMPORT_FIELDS, REQUIRED_FIELDS } from './types.js';
import type { ImportField, Mapping, UploadedImport } from './types.js';

export function MappingStep({
  job,
  mapping,
  onChange,
  onPreview,
  onBack,
  busy,
}: {
  job: UploadedImport;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
  onPreview: () => void;
  onBack: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const used = Object.values(mapping);
  const missing = REQUIRED_FIELDS.filter((f) => !used.includes(f));
  const twice = IMPORT_FIELDS.filter((f) => used.filter((u) => u === f).length > 1);
  const samples = job.sampleRows.slice(0, 3);

  function set(header: string, field: string) {
    const next = { ...mapping };
    if (field) next[header] = field as ImportField;
    else delete next[header];
    onChange(next);
  }

  return (
    <section className="card" aria-labelledby="import-mapping-title" data-testid="import-mapping">
      <h2 id="import-mapping-title">{t('import.mappingTitle')}</h2>
      <p className="muted">{job.mappingSource === 'remembered' ? t('import.mappingRemembered') : t('import.mappingGuessed')}</p>
      <p className="small">{t('import.fileInfo', { name: job.filename, rows: job.totalRows, unit: job.unit.name })}</p>
      <div className="table-wrap">
        <table className="table mapping-table">
          <caption className="sr-only">{t('import.mappingTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.samples')}</th>
              <th scope="col">{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {job.headers.map((h, i) => {
              const id = `map-${i}`;
              const field = mapping[h] ?? '';
              return (
                <tr key={`${h}-${i}`} className={field ? undefined : 'row-ignored'}>
                  <th scope="row">
                    <label htmlFor={id}>{h || t('import.untitled', { n: i + 1 })}</label>
                  </th>
                  <td className="wrap small">
                    {samples.map((r, j) => (
                      <span key={j} className="sample">
                        {r[i] || '—'}
                      </span>
                    ))}
                  </td>
                  <td>
                    <select id={id} value={field} onChange={(e) => set(h, e.target.value)} aria-invalid={field && twice.includes(field as ImportField) ? true : undefined}>
                      <option value="">{t('import.ignore')}</option>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {t(`importField.${f}`)}
                          {REQUIRED_FIELDS.includes(f) ? ' *' : ''}
                        </option>
                      ))}
                    </select>
                    {field && twice.includes(field as ImportField) && <Badge tone="warn">{t('import.usedTwice')}</Badge>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div role="status">
        {missing.length > 0 && <p className="alert alert-warn">{t('import.missing', { fields: missing.map((f) => t(`importField.${f}`)).join(', ') })}</p>}
        {twice.length > 0 && <p className="alert alert-warn">{t('import.twice', { fields: twice.map((f) => t(`importField.${f}`)).join(', ') })}</p>}
      </div>
      <p className="muted small">{t('import.requiredNote')}</p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy || missing.length > 0 || twice.length > 0} onClick={onPreview} data-testid="import-preview">
          {busy ? t('common.loading') : t('import.toPreview')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onBack}>
          {t('import.otherFile')}
        </button>
      </div>
    </section>
  );
}
