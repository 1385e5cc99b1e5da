/** Para pihak: the initiating unit, the partners (suggest-as-you-type, or a new one), and the signatories. */
import { useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Lists, Partner, PartnerRef } from '../../registry.js';
import type { Unit } from '../../types.js';
import { Field } from '../Field.js';
import { SearchPicker } from '../form/SearchPicker.js';
import { UnitSelect } from '../form/UnitSelect.js';
import type { SectionProps } from './IdentitySection.js';
import { NewPartnerForm } from './NewPartnerForm.js';
import { SignatoriesEditor } from './SignatoriesEditor.js';

export function PartiesSection({ form, set, fieldError, units, lists }: SectionProps & { units: readonly Unit[]; lists: Lists | undefined }) {
  const { t, number } = useI18n();
  const [adding, setAdding] = useState(false);
  const [typed, setTyped] = useState('');

  function addPartner(p: PartnerRef) {
    if (!form.partners.some((x) => x.id === p.id)) set({ partners: [...form.partners, { id: p.id, name: p.name, categoryCode: p.categoryCode, categoryName: p.categoryName }] });
  }

  return (
    <fieldset className="form-section">
      <legend>{t('form.parties')}</legend>
      <Field label={t('form.unit')} id="af-unit" error={fieldError('unitId')} hint={t('form.unitHint')}>
        {(p) => <UnitSelect control={p} units={units} value={form.unitId} onChange={(unitId) => set({ unitId })} emptyLabel={t('common.choose')} required />}
      </Field>

      <Field label={t('agreement.partners')} id="af-partner" error={fieldError('partnerIds')} hint={t('form.partnerHint')}>
        {(p) => (
          <SearchPicker<Partner>
            control={p}
            testId="partner-picker"
            search={(q, signal) => api.get<{ partners: Partner[] }>('/partners/suggest', { q, limit: 8 }, signal).then((r) => r.partners.filter((x) => !form.partners.some((s) => s.id === x.id)))}
            optionKey={(x) => x.id}
            renderOption={(x) => (
              <span className="option-partner">
                <span className="option-main">{x.name}</span>
                <span className="option-sub">
                  {x.categoryName}
                  {x.agreementCount !== undefined ? ` · ${t('partner.agreementCount', { n: number(x.agreementCount) })}` : ''}
                </span>
              </span>
            )}
            onPick={addPartner}
            onText={setTyped}
          />
        )}
      </Field>
      {form.partners.length > 0 && (
        <ul className="chips" aria-label={t('form.chosenPartners')} data-testid="chosen-partners">
          {form.partners.map((p) => (
            <li key={p.id} className="chip">
              <span>
                {p.name} <span className="muted small">· {p.categoryName}</span>
              </span>
              <button type="button" className="chip-remove" aria-label={t('form.removePartner', { name: p.name })} onClick={() => set({ partners: form.partners.filter((x) => x.id !== p.id) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <NewPartnerForm
          initialName={typed}
          categories={lists?.partnerCategories ?? []}
          onCancel={() => setAdding(false)}
          onCreated={(p) => {
            addPartner(p);
            setAdding(false);
          }}
        />
      ) : (
        <p>
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)} data-testid="add-new-partner">
            {t('form.addNewPartner')}
          </button>
        </p>
      )}

      <SignatoriesEditor form={form} set={set} fieldError={fieldError} />
    </fieldset>
  );
}
