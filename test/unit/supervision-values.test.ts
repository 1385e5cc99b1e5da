import { describe, expect, it } from 'vitest';
import { checkAnswerValue, pick } from '../../src/supervision/answer-values.js';
import { hariTanggal, rentang, rupiah, tanggal } from '../../src/supervision/format.js';

describe('Indonesian formatting in the supervision report', () => {
  it('writes dates, day names, ranges and Rupiah the Indonesian way', () => {
    expect(tanggal('2024-06-27')).toBe('27 Juni 2024');
    expect(hariTanggal('2024-06-27')).toBe('Kamis, 27 Juni 2024');
    expect(hariTanggal('2024-06-28')).toBe("Jum'at, 28 Juni 2024");
    expect(rentang('2024-06-27', '2024-06-28')).toBe('27 s.d. 28 Juni 2024');
    expect(rentang('2024-06-30', '2024-07-01')).toBe('30 Juni s.d. 1 Juli 2024');
    expect(rentang('2024-12-31', '2025-01-01')).toBe('31 Desember 2024 s.d. 1 Januari 2025');
    expect(rupiah(1_250_000)).toBe('Rp 1.250.000');
    expect(rupiah(0)).toBe('Rp 0');
  });
});

describe('answer values by question type', () => {
  const scale = { type: 'scale' as const, options: ['Kurang', 'Cukup', 'Baik', 'Sangat baik'], label: 'Manfaat bagi unit' };
  it('accepts ratings 1–4 only, naming the question when it refuses', () => {
    expect(checkAnswerValue(scale, 4)).toEqual({ value: 4 });
    for (const bad of [0, 5, 2.5, '3', true]) expect(checkAnswerValue(scale, bad)).toMatchObject({ code: 'RATING_OUT_OF_SCALE' });
    const refused = checkAnswerValue(scale, 5) as { message: string };
    expect(pick(refused.message, 'id')).toBe('Nilai "Manfaat bagi unit" harus bilangan bulat 1 sampai 4.');
    expect(pick(refused.message, 'en')).toBe('The rating "Manfaat bagi unit" must be a whole number from 1 to 4.');
  });
  it('checks the other types and lets null clear an answer', () => {
    expect(checkAnswerValue({ type: 'rupiah', options: [], label: 'x' }, 12_500_000)).toEqual({ value: 12_500_000 });
    expect(checkAnswerValue({ type: 'rupiah', options: [], label: 'x' }, -1)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checkAnswerValue({ type: 'rupiah', options: [], label: 'x' }, 10.5)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checkAnswerValue({ type: 'choice', options: ['Ya', 'Sebagian'], label: 'x' }, 'Sebagian')).toEqual({ value: 'Sebagian' });
    expect(checkAnswerValue({ type: 'choice', options: ['Ya', 'Sebagian'], label: 'x' }, 'Mungkin')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checkAnswerValue({ type: 'yes_no', options: [], label: 'x' }, 'ya')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checkAnswerValue({ type: 'text', options: [], label: 'x' }, '  Kendala  ')).toEqual({ value: 'Kendala' });
    expect(checkAnswerValue({ type: 'text', options: [], label: 'x' }, '   ')).toEqual({ value: null });
    expect(checkAnswerValue({ type: 'number', options: [], label: 'x' }, null)).toEqual({ value: null });
    expect(checkAnswerValue({ type: 'number', options: [], label: 'x' }, undefined)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
