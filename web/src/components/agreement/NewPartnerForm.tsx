/**
 * "Tambah mitra baru" inside another form (so a group, not a nested <form>). When the server finds similar
 * names (409 PARTNER_SIMILAR) it offers them to pick instead, or to save anyway (force).
 */
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { ListItem, Partner } from '../../registry.js';
import { Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';

export function NewPartnerForm({
  initialName,
  categories,
  onCreated,
  onCancel,
}: {
  initialName: string;
  categories: readonly ListItem[];
  onCreated: (partner: Partner) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initialName);
  const [categoryCode, setCategoryCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [similar, setSimilar] = useState<Partner[] | null>(null);
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  async function save(force: boolean) {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ partner: Partner }>('/partners', { name: name.trim(), categoryCode, ...(force ? { force: true } : {}) });
      onCreated(res.partner);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PARTNER_SIMILAR') {
        // The error names the similar partners but not their ids: ask the suggester for them.
        const found = await api.get<{ partners: Partner[] }>('/partners/suggest', { q: name.trim(), limit: 5 }).catch(() => ({ partners: [] }));
        setSimilar(found.partners);
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function onEnter(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save(false);
    }
  }

  return (
    <div className="subcard" role="group" aria-labelledby="new-partner-title" data-testid="new-partner">
      <h3 id="new-partner-title">{t('partner.newTitle')}</h3>
      <ErrorAlert error={error} shownFields={['name', 'categoryCode']} />
      {similar && similar.length > 0 && (
        <div className="similar">
          <p>{t('partner.similarIntro')}</p>
          <ul className="plain-list">
            {similar.map((p) => (
              <li key={p.id}>
                <span>
                  {p.name} <span className="muted small">· {p.categoryName}</span>
                </span>
                <button type="button" className="btn btn-small" onClick={() => onCreated(p)}>
                  {t('partner.pickExisting')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-grid">
        <Field label={t('partner.name')} error={fieldError('name')} className="span-2">
          {(p) => <input {...p} required value={name} onKeyDown={onEnter} onChange={(e) => setName(e.target.value)} data-testid="new-partner-name" />}
        </Field>
        <Field label={t('partner.category')} error={fieldError('categoryCode')}>
          {(p) => (
            <select {...p} required value={categoryCode} onChange={(e) => setCategoryCode(e.target.value)} data-testid="new-partner-category">
              <option value="">{t('common.choose')}</option>
              {categories
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save(false)} data-testid="new-partner-save">
          {busy ? t('common.saving') : t('partner.add')}
        </button>
        {similar && (
          <button type="button" className="btn" disabled={busy} onClick={() => void save(true)} data-testid="new-partner-force">
            {t('partner.saveAnyway')}
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
