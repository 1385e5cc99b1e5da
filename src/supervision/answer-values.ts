import type { ErrorCode } from '../http/errors.js';
import type { QuestionType } from './supervision.schemas.js';

export interface ValueProblem {
  code: ErrorCode;
  message: string;
}

/**
 * Checks an answer against its question's type and returns the value to store (`null` clears). The same rules
 * the offline form applies before it queues an op, so a refusal here means a stale or broken client.
 */
export function checkAnswerValue(q: { type: QuestionType; options: string[]; label: string }, value: unknown): { value: unknown } | ValueProblem {
  if (value === undefined) return bad('Nilai wajib dikirim (null untuk mengosongkan). || A value is required (null clears it).');
  if (value === null) return { value: null };
  switch (q.type) {
    case 'text':
      if (typeof value !== 'string') return bad('Jawaban harus berupa teks. || The answer must be text.');
      if (value.length > 5000) return bad('Jawaban paling banyak 5000 karakter. || The answer has at most 5000 characters.');
      return { value: value.trim() === '' ? null : value.trim() };
    case 'yes_no':
      if (typeof value !== 'boolean') return bad('Jawaban harus ya atau tidak. || The answer must be yes or no.');
      return { value };
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 4) {
        return { code: 'RATING_OUT_OF_SCALE', message: `Nilai "${q.label}" harus bilangan bulat 1 sampai 4. || The rating "${q.label}" must be a whole number from 1 to 4.` };
      }
      return { value };
    case 'choice':
      if (typeof value !== 'string' || !q.options.includes(value)) return bad(`Pilih salah satu: ${q.options.join(', ')}. || Choose one of: ${q.options.join(', ')}.`);
      return { value };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 1e12) return bad('Jawaban harus berupa angka. || The answer must be a number.');
      return { value };
    case 'rupiah':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1e15) return bad('Jumlah rupiah harus bilangan bulat 0 atau lebih. || A rupiah amount must be a whole number, 0 or more.');
      return { value };
  }
}

function bad(message: string): ValueProblem {
  return { code: 'VALIDATION_FAILED', message };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Our messages carry both languages as "Bahasa Indonesia || English"; the caller gets theirs. */
export function pick(message: string, locale: 'id' | 'en'): string {
  const [idText = message, enText] = message.split(' || ');
  return locale === 'en' && enText ? enText : idText;
}
