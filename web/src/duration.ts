/**
 * The server's reading of a duration ("3 tahun", "18 bulan", "3 (tiga) tahun", "2 tahun 6 bulan", "90 hari"),
 * repeated here for the form's live preview: end = start + duration − 1 day (3 years from 1 January 2024
 * end on 31 December 2026). Keep in step with src/agreements/duration.ts.
 */
export interface Duration {
  years: number;
  months: number;
  days: number;
}

const UNIT = /(\d+)\s*(?:\([a-z\s]+\)\s*)?(tahun|thn|th|bulan|bln|hari|minggu|years?|months?|days?|weeks?)\b/gi;

export function parseDuration(text: string): Duration | null {
  const d: Duration = { years: 0, months: 0, days: 0 };
  let found = false;
  let rest = text.toLowerCase();
  for (const m of text.toLowerCase().matchAll(UNIT)) {
    const n = Number(m[1]);
    const unit = m[2] ?? '';
    found = true;
    if (/^(tahun|thn|th|year)/.test(unit)) d.years += n;
    else if (/^(bulan|bln|month)/.test(unit)) d.months += n;
    else if (/^(minggu|week)/.test(unit)) d.days += 7 * n;
    else d.days += n;
    rest = rest.replace(m[0], ' ');
  }
  if (!found || rest.replace(/\b(dan|and|selama|masa|jangka|waktu)\b/g, '').replace(/[\s,.;]/g, '') !== '') return null;
  if (d.years + d.months + d.days === 0 || d.years > 100) return null;
  return d;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function endDateFrom(start: string, d: Duration): string | null {
  if (!ISO.test(start)) return null;
  const [y, m, day] = start.split('-').map(Number) as [number, number, number];
  const totalMonths = m - 1 + d.months + d.years * 12;
  const targetYear = y + Math.floor(totalMonths / 12);
  const targetMonth = totalMonths % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  // Same rule as the server (src/agreements/duration.ts): the day before the anniversary, or the last
  // day of the month when the anniversary does not exist.
  const date = day > lastDay ? new Date(Date.UTC(targetYear, targetMonth, lastDay)) : new Date(Date.UTC(targetYear, targetMonth, day - 1));
  date.setUTCDate(date.getUTCDate() + d.days);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** The end date a duration text gives from a start date, or null when either is missing or unreadable. */
export function computeEnd(start: string | null | undefined, text: string): string | null {
  if (!start || !text.trim()) return null;
  const d = parseDuration(text);
  return d ? endDateFrom(start, d) : null;
}
