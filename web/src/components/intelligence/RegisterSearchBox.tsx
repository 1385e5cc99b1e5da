/**
 * The register's search box with search as you type (ARIA 1.2 combobox, listbox popup): while the text
 * filters the register as before, matching agreement numbers (open the agreement) and partners (narrow the
 * register to that partner) are offered, plus a full-text search of the documents. Arrows, Enter, Escape.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { api } from '../../api.js';
import { useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { navigate } from '../../router.js';
import type { ControlProps } from '../Field.js';

interface Quick {
  agreements: { id: string; title: string; numberFirst: string | null; numberSecond: string | null; unitName: string }[];
  partners: { id: string; name: string; categoryName: string; agreementCount: number }[];
}

type Option = { kind: 'agreement'; item: Quick['agreements'][number] } | { kind: 'partner'; item: Quick['partners'][number] } | { kind: 'fulltext'; q: string };

const MIN_CHARS = 2;

export function RegisterSearchBox({ control, text, onText, onPartner }: { control: ControlProps; text: string; onText: (text: string) => void; onPartner: (id: string) => void }) {
  const { t, number } = useI18n();
  const listId = useId();
  const [found, setFound] = useState<Quick>({ agreements: [], partners: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const query = useDebounced(text.trim(), 250);
  const blurTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    setActive(-1);
    if (query.length < MIN_CHARS) {
      setFound({ agreements: [], partners: [] });
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Quick>('/search/suggest', { q: query, limit: 6 }, ctrl.signal).then(
      (r) => {
        if (ctrl.signal.aborted) return;
        setFound(r);
        setLoading(false);
      },
      () => {
        if (ctrl.signal.aborted) return;
        setFound({ agreements: [], partners: [] });
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [query]);
  useEffect(() => () => window.clearTimeout(blurTimer.current), []);

  const options: Option[] =
    query.length >= MIN_CHARS
      ? [...found.agreements.map((item) => ({ kind: 'agreement' as const, item })), ...found.partners.map((item) => ({ kind: 'partner' as const, item })), { kind: 'fulltext', q: query }]
      : [];
  const showList = open && options.length > 0 && text.trim().length >= MIN_CHARS;
  const optionId = (i: number) => `${listId}-opt-${i}`;

  function pick(o: Option) {
    setOpen(false);
    setActive(-1);
    if (o.kind === 'agreement') navigate(`/kerja-sama/${o.item.id}`);
    else if (o.kind === 'partner') {
      onText('');
      onPartner(o.item.id);
    } else navigate(`/cari?q=${encodeURIComponent(o.q)}`);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = options.length;
      if (!n) return;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter' && showList && active >= 0 && options[active]) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  const render = (o: Option) =>
    o.kind === 'agreement' ? (
      <span className="option-partner">
        <span className="option-main">{[o.item.numberFirst, o.item.numberSecond].filter(Boolean).join(' · ')}</span>
        <span className="option-sub">
          {o.item.title} · {o.item.unitName}
        </span>
      </span>
    ) : o.kind === 'partner' ? (
      <span className="option-partner">
        <span className="option-main">{o.item.name}</span>
        <span className="option-sub">
          {o.item.categoryName} · {t('quick.partnerCount', { n: number(o.item.agreementCount) })}
        </span>
      </span>
    ) : (
      <span className="option-main">{t('quick.fullText', { q: o.q })}</span>
    );

  const groupStart = (i: number) => {
    const o = options[i]!;
    const prev = i > 0 ? options[i - 1]!.kind : null;
    if (o.kind === prev || o.kind === 'fulltext') return null;
    return o.kind === 'agreement' ? t('quick.agreements') : t('quick.partners');
  };
  const count = found.agreements.length + found.partners.length;
  const status = loading ? t('common.loading') : count ? t('quick.count', { n: number(count) }) : t('quick.none');

  return (
    <div className="picker" data-testid="register-quick">
      <input
        {...control}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          blurTimer.current = window.setTimeout(() => setOpen(false), 150);
        }}
        data-testid="register-search"
      />
      <p className="sr-only" aria-live="polite">
        {showList ? status : ''}
      </p>
      <div className={`picker-popup${showList ? ' open' : ''}`}>
        <ul id={listId} role="listbox" className="picker-list" aria-label={t('register.search')}>
          {showList &&
            options.map((o, i) => {
              const heading = groupStart(i);
              return (
                <li
                  key={o.kind === 'fulltext' ? 'fulltext' : `${o.kind}-${o.item.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`${i === active ? 'active' : ''}${heading ? ' quick-group-start' : ''}`}
                  data-group={heading ?? undefined}
                  data-testid={`quick-${o.kind}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => pick(o)}
                >
                  {heading && <span className="quick-group small muted" aria-hidden="true">{heading}</span>}
                  {render(o)}
                </li>
              );
            })}
        </ul>
      </div>
    </div>
  );
}
