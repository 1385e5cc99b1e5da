/** Words for queue keys and values, so a conflict reads "Implementasi — PKS pelatihan las: Ya / Tidak". */
import type { I18n, MessageKey } from '../i18n.js';
import type { Json } from './offline-queue.js';
import type { Question, Worksheet } from './types.js';

export function describeKey(key: string, w: Worksheet, t: I18n['t']): string {
  const [kind, a, b] = key.split('|');
  const agreement = (id: string | undefined) => w.agreements.find((x) => x.id === id)?.title;
  switch (kind) {
    case 'answer': {
      const q = w.template.questions.find((x) => x.id === b);
      const on = a && a !== '-' ? agreement(a) : null;
      return [q?.label ?? b, on].filter(Boolean).join(' — ');
    }
    case 'assessment':
      return [t('sv.visit.assessment'), agreement(a)].filter(Boolean).join(' — ');
    case 'interviewees':
      return t('sv.visit.interviewees');
    case 'findings':
      return t('sv.visit.findings');
    case 'unregistered':
      return t('sv.visit.unregistered');
    default:
      return key;
  }
}

export function questionOf(key: string, w: Worksheet): Question | undefined {
  const [kind, , b] = key.split('|');
  return kind === 'answer' ? w.template.questions.find((x) => x.id === b) : undefined;
}

/** An answer as text, by question type (Rupiah and numbers in the UI language's format). */
export function formatAnswer(q: Question | undefined, value: Json | undefined, i18n: Pick<I18n, 't' | 'number' | 'money'>): string {
  const { t } = i18n;
  if (value === null || value === undefined || value === '') return t('sv.sync.empty');
  if (!q) return typeof value === 'string' ? value : JSON.stringify(value);
  switch (q.type) {
    case 'yes_no':
      return value === true ? t('sv.visit.yes') : value === false ? t('sv.visit.no') : String(value);
    case 'scale':
      return typeof value === 'number' ? t('sv.visit.scaleValue', { n: value, label: q.options[value - 1] ?? '' }) : String(value);
    case 'number':
      return typeof value === 'number' ? i18n.number(value) : String(value);
    case 'rupiah':
      return typeof value === 'number' ? i18n.money(value) : String(value);
    default:
      return String(value);
  }
}

/** Any queued value as text (answers by their question; assessments, interviewees and findings by shape). */
export function formatValue(key: string, value: Json | undefined, w: Worksheet, i18n: Pick<I18n, 't' | 'number' | 'money'>): string {
  const { t } = i18n;
  const kind = key.split('|')[0];
  if (kind === 'answer') return formatAnswer(questionOf(key, w), value, i18n);
  if (value === null || value === undefined) return t('sv.sync.empty');
  if (kind === 'assessment' && typeof value === 'object' && !Array.isArray(value)) {
    const yn = (v: Json | undefined) => (v === true ? t('sv.visit.yes') : v === false ? t('sv.visit.no') : '–');
    const rec = typeof value.recommendation === 'string' ? t(`sv.rec.${value.recommendation}` as MessageKey) : '–';
    return [
      `${t('sv.visit.benefitsUnit')} ${yn(value.benefitsUnit)}`,
      `${t('sv.visit.mutual')} ${yn(value.mutual)}`,
      `${t('sv.visit.recommendation')}: ${rec}`,
      typeof value.note === 'string' && value.note ? value.note : null,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (kind === 'interviewees' && Array.isArray(value)) {
    return value.map((p) => (p && typeof p === 'object' && !Array.isArray(p) ? `${String(p.name)} (${String(p.position)})` : String(p))).join('; ') || t('sv.sync.empty');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
