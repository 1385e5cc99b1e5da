/** Relasi: the parent MoU, the agreement this one amends, the one it renews — each picked by searching the register. */
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { AgreementList, AgreementListItem } from '../../registry.js';
import { Field } from '../Field.js';
import { SearchPicker } from '../form/SearchPicker.js';
import { StatusBadge } from '../StatusBadge.js';
import type { FormState, RelationRef } from './form-state.js';
import type { SectionProps } from './IdentitySection.js';

type RelationKey = 'parent' | 'amends' | 'renews';
const API_FIELD: Record<RelationKey, string> = { parent: 'parentId', amends: 'amendsId', renews: 'renewsId' };

export function RelationsSection({ form, set, fieldError, selfId }: SectionProps & { selfId?: string }) {
  const { t } = useI18n();
  const rows: { key: RelationKey; label: string; hint: string; kind?: string }[] = [
    { key: 'parent', label: t('form.parent'), hint: t('form.parentHint'), kind: 'mou' },
    { key: 'amends', label: t('form.amends'), hint: t('form.amendsHint') },
    { key: 'renews', label: t('form.renews'), hint: t('form.renewsHint') },
  ];
  return (
    <fieldset className="form-section">
      <legend>{t('form.relations')}</legend>
      {rows.map((r) => (
        <RelationField key={r.key} field={r.key} label={r.label} hint={r.hint} kind={r.kind} value={form[r.key]} error={fieldError(API_FIELD[r.key])} selfId={selfId} onChange={(v) => set({ [r.key]: v } as Partial<FormState>)} />
      ))}
    </fieldset>
  );
}

function RelationField({
  field,
  label,
  hint,
  kind,
  value,
  error,
  selfId,
  onChange,
}: {
  field: RelationKey;
  label: string;
  hint: string;
  kind?: string;
  value: RelationRef | null;
  error?: string;
  selfId?: string;
  onChange: (v: RelationRef | null) => void;
}) {
  const { t, date } = useI18n();
  return (
    <div className="relation">
      <Field label={label} id={`af-${field}`} error={error} hint={hint}>
        {(p) =>
          value ? (
            <div className="relation-chosen" id={p.id} tabIndex={-1} aria-describedby={p['aria-describedby']}>
              <span>
                <strong>{value.title}</strong>
                <span className="block small muted">
                  {value.numberFirst ?? t('detail.noNumber')} · {value.unitName}
                </span>
              </span>
              <button type="button" className="btn btn-small" onClick={() => onChange(null)} aria-label={t('form.removeRelation', { label })}>
                {t('form.remove')}
              </button>
            </div>
          ) : (
            <SearchPicker<AgreementListItem>
              control={p}
              testId={`relation-${field}`}
              placeholder={t('form.relationPlaceholder')}
              search={(q, signal) =>
                api.get<AgreementList>('/agreements', { q, kind, pageSize: 8, sort: 'signingDate', dir: 'desc' }, signal).then((r) => r.agreements.filter((a) => a.id !== selfId))
              }
              optionKey={(a) => a.id}
              renderOption={(a) => (
                <span className="option-partner">
                  <span className="option-main">{a.title}</span>
                  <span className="option-sub">
                    {a.kindName} · {a.numberFirst ?? t('detail.noNumber')} · {a.unit.name}
                    {a.signingDate ? ` · ${date(a.signingDate)}` : ''} <StatusBadge status={a.status} />
                  </span>
                </span>
              )}
              onPick={(a) => onChange({ id: a.id, title: a.title, numberFirst: a.numberFirst, unitName: a.unit.name })}
            />
          )
        }
      </Field>
    </div>
  );
}
