/**
 * Suggest-as-you-type (ARIA 1.2 combobox with a listbox popup): type, see matches from the server, pick with
 * the mouse or with arrows + Enter; Escape closes. The text box empties after a pick (multi-select use).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { ControlProps } from '../Field.js';

interface SearchPickerProps<T> {
  control: ControlProps;
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  optionKey: (item: T) => string;
  renderOption: (item: T) => ReactNode;
  onPick: (item: T) => void;
  minChars?: number;
  placeholder?: string;
  /** Reports the typed text (to prefill a "new" form). */
  onText?: (text: string) => void;
  testId?: string;
}

export function SearchPicker<T>({ control, search, optionKey, renderOption, onPick, minChars = 2, placeholder, onText, testId }: SearchPickerProps<T>) {
  const { t, number } = useI18n();
  const listId = useId();
  const [text, setText] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [searched, setSearched] = useState('');
  const query = useDebounced(text.trim(), 250);
  const searchRef = useRef(search);
  searchRef.current = search;
  const blurTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (query.length < minChars) {
      setItems([]);
      setSearched('');
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    searchRef.current(query, ctrl.signal).then(
      (found) => {
        if (ctrl.signal.aborted) return;
        setItems(found);
        setActive(-1);
        setSearched(query);
        setLoading(false);
      },
      () => {
        if (ctrl.signal.aborted) return;
        setItems([]);
        setSearched(query);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [query, minChars]);

  useEffect(() => () => window.clearTimeout(blurTimer.current), []);

  function pick(item: T) {
    onPick(item);
    setText('');
    onText?.('');
    setItems([]);
    setSearched('');
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (items.length ? (a + 1) % items.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (items.length ? (a <= 0 ? items.length - 1 : a - 1) : -1));
    } else if (e.key === 'Enter') {
      const item = open && active >= 0 ? items[active] : undefined;
      if (item !== undefined) {
        e.preventDefault();
        pick(item);
      } else if (open) e.preventDefault();
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    }
  }

  const showList = open && text.trim().length >= minChars;
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const status = loading ? t('common.loading') : searched && searched === text.trim() ? (items.length ? t('picker.count', { n: number(items.length) }) : t('picker.none')) : '';

  return (
    <div className="picker" data-testid={testId}>
      <input
        {...control}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onText?.(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          blurTimer.current = window.setTimeout(() => setOpen(false), 150);
        }}
      />
      <p className="sr-only" aria-live="polite">
        {showList ? status : ''}
      </p>
      <div className={`picker-popup${showList ? ' open' : ''}`}>
        <ul id={listId} role="listbox" className="picker-list">
          {showList &&
            items.map((item, i) => (
              <li
                key={optionKey(item)}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(item)}
              >
                {renderOption(item)}
              </li>
            ))}
        </ul>
        {showList && status && <p className="picker-status small muted">{status}</p>}
      </div>
    </div>
  );
}
