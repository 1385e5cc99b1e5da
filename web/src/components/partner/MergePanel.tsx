/** Admin: merge this (duplicate) partner into another; its agreements follow. A confirm step says exactly that. */
import { useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Partner } from '../../registry.js';
import { Dialog } from '../Dialog.js';
import { Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';
import { SearchPicker } from '../form/SearchPicker.js';

export function MergePanel({ partner, onMerged }: { partner: Partner; onMerged: (into: Partner, moved: number) => void }) {
  const { t, number } = useI18n();
  const [target, setTarget] = useState<Partner | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function merge() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ partner: Partner; movedAgreements: number }>(`/partners/${encodeURIComponent(partner.id)}/merge`, { intoId: target.id });
      onMerged(res.partner, res.movedAgreements);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="merge-title" data-testid="merge-panel">
      <h2 id="merge-title">{t('merge.title')}</h2>
      <p className="muted">{t('merge.intro')}</p>
      <Field label={t('merge.target')} hint={t('merge.targetHint')}>
        {(p) => (
          <SearchPicker<Partner>
            control={p}
            search={(q, signal) => api.get<{ partners: Partner[] }>('/partners/suggest', { q, limit: 8 }, signal).then((r) => r.partners.filter((x) => x.id !== partner.id))}
            optionKey={(x) => x.id}
            renderOption={(x) => (
              <span className="option-partner">
                <span className="option-main">{x.name}</span>
                <span className="option-sub">{x.categoryName}</span>
              </span>
            )}
            onPick={setTarget}
          />
        )}
      </Field>
      {target && (
        <Dialog title={t('merge.confirmTitle')} onClose={() => setTarget(null)}>
          <p>{t('merge.confirm', { from: partner.name, into: target.name, n: number(partner.agreementCount ?? 0) })}</p>
          <p className="muted small">{t('merge.irreversible', { from: partner.name })}</p>
          <ErrorAlert error={error} />
          <div className="form-actions">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void merge()}>
              {t('merge.yes', { into: target.name })}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setTarget(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
