/**
 * Rupiah typed as digits and shown grouped while typing ("12.500.000"); the value is a whole number.
 * The caret stays after the same digit when the grouping dots move.
 */
import { useLayoutEffect, useRef } from 'react';
import { useI18n } from '../../i18n.js';
import type { ControlProps } from '../Field.js';

export function MoneyInput({ control, value, onChange, testId }: { control: ControlProps; value: number | null; onChange: (value: number | null) => void; testId?: string }) {
  const { locale } = useI18n();
  const ref = useRef<HTMLInputElement>(null);
  const caretDigits = useRef<number | null>(null);
  const grouped = value === null ? '' : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 0 }).format(value);

  useLayoutEffect(() => {
    const el = ref.current;
    const n = caretDigits.current;
    if (!el || n === null || document.activeElement !== el) return;
    caretDigits.current = null;
    let pos = 0;
    let seen = 0;
    while (pos < el.value.length && seen < n) {
      if (/\d/.test(el.value[pos] ?? '')) seen++;
      pos++;
    }
    el.setSelectionRange(pos, pos);
  }, [grouped]);

  return (
    <div className="money">
      <span className="money-prefix" aria-hidden="true">
        Rp
      </span>
      <input
        {...control}
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={grouped}
        data-testid={testId}
        onChange={(e) => {
          const raw = e.target.value;
          const caret = e.target.selectionStart ?? raw.length;
          caretDigits.current = raw.slice(0, caret).replace(/\D/g, '').length;
          const digits = raw.replace(/\D/g, '').replace(/^0+(?=\d)/, '').slice(0, 13);
          onChange(digits ? Number(digits) : null);
        }}
      />
    </div>
  );
}
