/**
 * Two dictionaries (Bahasa Indonesia, the default, and English), `t(key, params?)`, a React context and hook,
 * and the locale-aware formatters. Every visible string goes through t().
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { setApiLocale } from './api.js';
import { id } from './locales/id.js';
import { en } from './locales/en.js';
import type { Locale, Role, UnitKind } from './types.js';

export type MessageKey = keyof typeof id;
export type Params = Record<string, string | number>;

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { id, en };
export const LOCALES: readonly Locale[] = ['id', 'en'];
const STORAGE_KEY = 'p2ma.locale';

let current: Locale = initialLocale();
setApiLocale(current);

function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'id' || saved === 'en') return saved;
  } catch {
    /* storage blocked: fall back to the default */
  }
  return 'id';
}

export function isLocale(v: unknown): v is Locale {
  return v === 'id' || v === 'en';
}

/** Translate with the given locale; `{name}` placeholders are filled from params. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = dictionaries[locale][key] ?? dictionaries.id[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

/** Translate with the current locale (for code outside React components). */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

export function currentLocale(): Locale {
  return current;
}

// ---- formatting ---------------------------------------------------------------------------------------

/** Intl locale per UI language: Indonesian "29 November 2026" by default, the same day-month-year order in English. */
function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'id-ID';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function formatDate(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const dateOnly = DATE_ONLY.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

export function formatDateTime(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** Rupiah without decimals: "Rp12.500.000" (Indonesian writes no space after Rp), "IDR 12,500,000" in English. */
export function formatMoney(locale: Locale, n: number): string {
  const text = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(n);
  return locale === 'id' ? text.replace(/^Rp\s+/, 'Rp') : text;
}

/** File sizes in KB/MB with the locale's decimal separator ("1,2 MB"). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(v)} ${units[i]}`;
}

// ---- React ----------------------------------------------------------------------------------------------

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
  date: (value: string | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
  number: (n: number) => string;
  money: (n: number) => string;
  bytes: (n: number) => string;
  /** Agreement status label (draft, berlaku, …). */
  statusLabel: (status: string) => string;
  roleLabel: (role: string) => string;
  kindLabel: (kind: string) => string;
}

function make(locale: Locale, setLocale: (l: Locale) => void): I18n {
  const tr = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return key in dictionaries.id ? tr(key as MessageKey) : value;
  };
  return {
    locale,
    setLocale,
    t: tr,
    date: (v) => formatDate(locale, v),
    dateTime: (v) => formatDateTime(locale, v),
    number: (n) => formatNumber(locale, n),
    money: (n) => formatMoney(locale, n),
    bytes: (n) => formatBytes(locale, n),
    statusLabel: (status: string) => label('status', status),
    roleLabel: (role: Role | string) => label('role', role),
    kindLabel: (kind: UnitKind | string) => label('kind', kind),
  };
}

export const I18nContext = createContext<I18n>(make(current, () => {}));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(current);

  const setLocale = useCallback((next: Locale) => {
    current = next;
    setApiLocale(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => make(locale, setLocale), [locale, setLocale]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
