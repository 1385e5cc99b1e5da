/** The register's filter bar. Every change goes straight to the URL (the page reads its view from there). */
import { useEffect, useRef, useState } from 'react';
import { useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { Filters, Lists } from '../../registry.js';
import { STATUSES } from '../../registry.js';
import type { Unit } from '../../types.js';
import { WORKFLOW_STATES } from '../../workflow.js';
import { useStateLabel } from '../workflow/WorkflowBadge.js';
import { Checkbox, Field } from '../Field.js';
import { UnitSelect } from '../form/UnitSelect.js';
import { RegisterSearchBox } from '../intelligence/RegisterSearchBox.js';

const ENDS_WITHIN = ['30', '60', '90', '180', '365'];

function years(): string[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - 1999 + 1 }, (_, i) => String(now + 1 - i));
}

export function RegisterFilters({
  filters,
  units,
  lists,
  partnerName,
  onChange,
  onReset,
}: {
  filters: Filters;
  units: readonly Unit[];
  lists: Lists | undefined;
  /** Name of the partner when the view is narrowed to one (partnerId). */
  partnerName: string | null;
  onChange: (patch: Filters, options?: { replace?: boolean }) => void;
  onReset: () => void;
}) {
  const { t, statusLabel } = useI18n();
  const stateLabel = useStateLabel();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(filters.q ?? '');
  const settled = useDebounced(text.trim(), 300);
  const pushed = useRef(filters.q ?? '');

  // Typing: send the settled text to the URL (replacing, so Back does not replay every keystroke).
  useEffect(() => {
    if (settled === (filters.q ?? '')) return;
    pushed.current = settled;
    onChange({ q: settled || undefined }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  // The URL changed from elsewhere (Back, a link, "reset"): show its text.
  useEffect(() => {
    const q = filters.q ?? '';
    if (q === pushed.current) return;
    pushed.current = q;
    setText(q);
  }, [filters.q]);

  const set = (key: keyof Filters) => (value: string) => onChange({ [key]: value || undefined });
  const ends = filters.endsWithinDays && !ENDS_WITHIN.includes(filters.endsWithinDays) ? [filters.endsWithinDays, ...ENDS_WITHIN] : ENDS_WITHIN;
  const kinds = lists?.agreementKinds ?? [];
  const categories = lists?.partnerCategories ?? [];
  const scopes = lists?.scopes ?? [];

  const active = Object.keys(filters).filter((k) => k !== 'q').length;
  return (
    <>
      <button type="button" className="btn btn-small filters-toggle" aria-expanded={open} aria-controls="register-filters" onClick={() => setOpen((o) => !o)}>
        {open ? t('register.hideFilters') : t('register.showFilters', { n: active })}
      </button>
      <form id="register-filters" className={`filters register-filters${open ? ' open' : ''}`} role="search" aria-label={t('register.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('register.search')} hint={t('register.searchHint')} className="filter-search" id="register-q">
          {(p) => <RegisterSearchBox control={p} text={text} onText={setText} onPartner={(partnerId) => onChange({ partnerId, q: undefined })} />}
        </Field>
        <Field label={t('register.unit')} hint={t('register.unitHint')} className="filter-unit">
          {(p) => <UnitSelect control={p} units={units} value={filters.unitId ?? ''} onChange={set('unitId')} emptyLabel={t('register.allUnits')} testId="filter-unit" />}
        </Field>
        <Field label={t('agreement.kind')}>
          {(p) => (
            <select {...p} value={filters.kind ?? ''} onChange={(e) => set('kind')(e.target.value)} data-testid="filter-kind">
              <option value="">{t('register.all')}</option>
              {kinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.status')}>
          {(p) => (
            <select {...p} value={filters.status ?? ''} onChange={(e) => set('status')(e.target.value)} data-testid="filter-status">
              <option value="">{t('register.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('register.workflowState')}>
          {(p) => (
            <select {...p} value={filters.workflowState ?? ''} onChange={(e) => set('workflowState')(e.target.value)} data-testid="filter-workflow-state">
              <option value="">{t('register.allStates')}</option>
              {WORKFLOW_STATES.map((s) => (
                <option key={s} value={s}>
                  {stateLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('register.partnerCategory')}>
          {(p) => (
            <select {...p} value={filters.partnerCategory ?? ''} onChange={(e) => set('partnerCategory')(e.target.value)}>
              <option value="">{t('register.all')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('agreement.scopes')}>
          {(p) => (
            <select {...p} value={filters.scope ?? ''} onChange={(e) => set('scope')(e.target.value)}>
              <option value="">{t('register.all')}</option>
              {scopes.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('register.signingYear')}>
          {(p) => (
            <select {...p} value={filters.signingYear ?? ''} onChange={(e) => set('signingYear')(e.target.value)}>
              <option value="">{t('register.all')}</option>
              {years().map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('register.endsWithin')}>
          {(p) => (
            <select {...p} value={filters.endsWithinDays ?? ''} onChange={(e) => set('endsWithinDays')(e.target.value)}>
              <option value="">{t('register.anyTime')}</option>
              {ends.map((d) => (
                <option key={d} value={d}>
                  {t('register.days', { n: d })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="filter-flags">
          <legend className="sr-only">{t('register.flags')}</legend>
          <Checkbox label={t('register.noSignedDocument')} checked={filters.noSignedDocument === '1'} onChange={(v) => onChange({ noSignedDocument: v ? '1' : undefined })} />
          <Checkbox label={t('register.noReportThisYear')} checked={filters.noReportThisYear === '1'} onChange={(v) => onChange({ noReportThisYear: v ? '1' : undefined })} />
        </fieldset>
        {filters.partnerId && (
          <p className="filter-chip">
            <span>{t('register.partnerFilter', { name: partnerName ?? '…' })}</span>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange({ partnerId: undefined })}>
              {t('register.removeFilter')}
            </button>
          </p>
        )}
        <div className="filters-actions">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              pushed.current = '';
              setText('');
              onReset();
            }}
          >
            {t('common.reset')}
          </button>
        </div>
      </form>
    </>
  );
}
