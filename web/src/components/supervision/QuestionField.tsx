/**
 * One question of the interview form, by type: big touch-friendly choices for yes/no, the 1–4 scale and
 * options; text, number and Rupiah fields keep typing local and hand the value over after a pause or on leaving
 * the field (every keystroke would be a change to queue and send).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { Json } from '../../supervision/offline-queue.js';
import type { Question } from '../../supervision/types.js';
import { MoneyInput } from '../form/MoneyInput.js';

const PAUSE_MS = 700;

/** A local copy of a typed value, committed after a pause or on blur; follows outside changes when idle. */
export function useDraft<T>(value: T, commit: (v: T) => void): { draft: T; set: (v: T) => void; flush: () => void; focus: () => void } {
  const [draft, setDraft] = useState(value);
  const dirty = useRef(false);
  const focused = useRef(false);
  const timer = useRef<number | null>(null);
  const latest = useRef(draft);
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    if (!dirty.current && !focused.current) {
      setDraft(value);
      latest.current = value;
    }
  }, [value]);

  const flush = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    focused.current = false;
    if (dirty.current) {
      dirty.current = false;
      commitRef.current(latest.current);
    }
  };
  useEffect(() => () => {
    // Leaving the page mid-sentence still keeps what was typed.
    if (timer.current !== null) window.clearTimeout(timer.current);
    if (dirty.current) commitRef.current(latest.current);
  }, []);

  return {
    draft,
    set: (v) => {
      setDraft(v);
      latest.current = v;
      dirty.current = true;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        timer.current = null;
        if (dirty.current) {
          dirty.current = false;
          commitRef.current(latest.current);
        }
      }, PAUSE_MS);
    },
    flush,
    focus: () => {
      focused.current = true;
    },
  };
}

/** Radio buttons drawn as big buttons (the native input stays for keyboard and screen readers). */
export function ChoiceButtons<T extends string | number | boolean>({
  legend,
  options,
  value,
  onChange,
  disabled,
  testId,
  hint,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T | null | undefined;
  onChange: (v: T) => void;
  disabled?: boolean;
  testId?: string;
  hint?: string | null;
}) {
  const name = useId();
  return (
    <fieldset className="choice-buttons" data-testid={testId} disabled={disabled}>
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="choice-row">
        {options.map((o) => (
          <label key={String(o.value)} className={`choice${value === o.value ? ' choice-on' : ''}`}>
            <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function QuestionField({ question: q, value, onChange, disabled }: { question: Question; value: Json | undefined; onChange: (v: Json) => void; disabled: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const label = q.required ? `${q.label} (${t('sv.visit.required')})` : q.label;
  const current = value === undefined ? null : value;

  if (q.type === 'yes_no' || q.type === 'scale' || q.type === 'choice') {
    const options =
      q.type === 'yes_no'
        ? [
            { value: true as Json, label: t('sv.visit.yes') },
            { value: false as Json, label: t('sv.visit.no') },
          ]
        : q.type === 'scale'
          ? [1, 2, 3, 4].map((n) => ({ value: n as Json, label: t('sv.visit.scaleValue', { n, label: q.options[n - 1] ?? '' }) }))
          : q.options.map((o) => ({ value: o as Json, label: o }));
    return (
      <div className="question" data-testid="question" data-code={q.code} data-type={q.type}>
        <ChoiceButtons
          legend={label}
          hint={q.help}
          options={options as { value: string | number | boolean; label: string }[]}
          value={current as string | number | boolean | null}
          onChange={onChange}
          disabled={disabled}
        />
        {current !== null && !disabled && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(null)}>
            {t('sv.visit.clear')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="question field" data-testid="question" data-code={q.code} data-type={q.type}>
      <label htmlFor={id}>{label}</label>
      {q.help && <p className="field-hint">{q.help}</p>}
      <TypedInput id={id} type={q.type} value={current} onChange={onChange} disabled={disabled} />
    </div>
  );
}

function TypedInput({ id, type, value, onChange, disabled }: { id: string; type: Question['type']; value: Json; onChange: (v: Json) => void; disabled: boolean }) {
  const d = useDraft<Json>(value, onChange);
  if (type === 'rupiah') {
    return (
      <fieldset className="bare" disabled={disabled} onFocus={d.focus} onBlur={d.flush}>
        <MoneyInput control={{ id }} value={typeof d.draft === 'number' ? d.draft : null} onChange={(v) => d.set(v)} />
      </fieldset>
    );
  }
  if (type === 'number') {
    return (
      <input
        id={id}
        type="number"
        inputMode="decimal"
        disabled={disabled}
        value={typeof d.draft === 'number' ? String(d.draft) : ''}
        onFocus={d.focus}
        onBlur={d.flush}
        onChange={(e) => d.set(e.target.value === '' || !Number.isFinite(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
      />
    );
  }
  return (
    <textarea
      id={id}
      rows={3}
      disabled={disabled}
      value={typeof d.draft === 'string' ? d.draft : ''}
      onFocus={d.focus}
      onBlur={d.flush}
      onChange={(e) => d.set(e.target.value === '' ? null : e.target.value)}
    />
  );
}
