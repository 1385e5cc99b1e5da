/**
 * The search page's query box and filters (the register's: unit subtree, kind, status, partner category,
 * scope, signing year). The query is sent on submit; a filter applies at once. Both go to the URL.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n.js';
import type { Lists } from '../../registry.js';
import { STATUSES } from '../../registry.js';
import type { Unit } from '../../types.js';
import { Field } from '../Field.js';
import type { ControlProps } from '../Field.js';
import { UnitSelect } from '../form/UnitSelect.js';

export const SEARCH_FILTERS = ['unitId', 'kind', 'status', 'partnerCategory', 'scope', 'signingYear'] as const;
export type SearchFilters = Partial<Record<(typeof SEARCH_FILTERS)[number], string>>;

function years(): string[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - 1999 + 1 }, (_, i) => String(now + 1 - i));
}

export function SearchForm({
  q,
  filters,
  units,
  lists,
  onSearch,
  onFilter,
}: {
  q: string;
  filters: SearchFilters;
  units: readonly Unit[];
  lists: Lists | undefined;
  onSearch: (q: string) => void;
  onFilter: (patch: SearchFilters) => void;
}) {
  const { t, statusLabel } = useI18n();
  const [text, setText] = useState(q);
  // Back/forward or a shared link: the box shows the URL's query.
  useEffect(() => setText(q), [q]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch(text.trim());
  }
  const set = (key: keyof SearchFilters) => (value: string) => onFilter({ [key]: value || undefined });
  const choice = (key: keyof SearchFilters, items: readonly { code: string; name: string }[], testId?: string) =>
    function Choice(p: ControlProps) {
      return (
        <select {...p} value={filters[key] ?? ''} onChange={(e) => set(key)(e.target.value)} data-testid={testId}>
          <option value="">{t('register.all')}</option>
          {items.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </select>
      );
    };

  return (
    <form className="search-form" role="search" aria-label={t('search.title')} onSubmit={submit}>
      <div className="search-box">
        <Field label={t('search.query')} hint={t('search.queryHint')} id="search-q" className="search-query">
          {(p) => <input {...p} type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} data-testid="search-q" autoFocus={!q} />}
        </Field>
        <button type="submit" className="btn btn-primary" data-testid="search-submit">
          {t('search.submit')}
        </button>
      </div>
      <fieldset className="filters search-filters">
        <legend className="sr-only">{t('search.filters')}</legend>
        <Field label={t('register.unit')} hint={t('register.unitHint')}>
          {(p) => <UnitSelect control={p} units={units} value={filters.unitId ?? ''} onChange={set('unitId')} emptyLabel={t('register.allUnits')} testId="search-unit" />}
        </Field>
        <Field label={t('agreement.kind')}>{choice('kind', lists?.agreementKinds ?? [], 'search-kind')}</Field>
        <Field label={t('common.status')}>{choice('status', STATUSES.map((s) => ({ code: s, name: statusLabel(s) })), 'search-status')}</Field>
        <Field label={t('register.partnerCategory')}>{choice('partnerCategory', lists?.partnerCategories ?? [])}</Field>
        <Field label={t('agreement.scopes')}>{choice('scope', lists?.scopes ?? [])}</Field>
        <Field label={t('register.signingYear')}>{choice('signingYear', years().map((y) => ({ code: y, name: y })))}</Field>
      </fieldset>
    </form>
  );
}
