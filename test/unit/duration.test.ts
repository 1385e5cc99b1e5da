import { describe, expect, it } from 'vitest';
import { endDateFrom, parseDuration } from '../../src/agreements/duration.js';

describe('agreement durations', () => {
  it('reads the ways operators and agreements write a term', () => {
    expect(parseDuration('3 tahun')).toEqual({ years: 3, months: 0, days: 0 });
    expect(parseDuration('3 (tiga) tahun')).toEqual({ years: 3, months: 0, days: 0 });
    expect(parseDuration('18 bulan')).toEqual({ years: 0, months: 18, days: 0 });
    expect(parseDuration('2 tahun 6 bulan')).toEqual({ years: 2, months: 6, days: 0 });
    expect(parseDuration('selama 90 hari')).toEqual({ years: 0, months: 0, days: 90 });
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(parseDuration('tiga tahun')).toBeNull();
    expect(parseDuration('sampai selesai')).toBeNull();
    expect(parseDuration('3 tahun atau lebih')).toBeNull();
    expect(parseDuration('0 bulan')).toBeNull();
  });

  it('counts the term inclusively from the start date', () => {
    expect(endDateFrom('2024-01-01', { years: 3, months: 0, days: 0 })).toBe('2026-12-31');
    expect(endDateFrom('2024-06-27', { years: 3, months: 0, days: 0 })).toBe('2027-06-26');
    expect(endDateFrom('2024-01-31', { years: 0, months: 1, days: 0 })).toBe('2024-02-29');
    expect(endDateFrom('2024-02-29', { years: 1, months: 0, days: 0 })).toBe('2025-02-28');
    expect(endDateFrom('2025-03-01', { years: 0, months: 18, days: 0 })).toBe('2026-08-31');
    expect(endDateFrom('2025-01-01', { years: 0, months: 0, days: 90 })).toBe('2025-03-31');
  });
});
