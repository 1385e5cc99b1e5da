/**
 * Reads a duration as operators and agreements write it — "3 tahun", "18 bulan", "3 (tiga) tahun",
 * "2 tahun 6 bulan", "90 hari" — and computes the end date the way agreements count it: a term of
 * 3 years from 1 January 2024 ends on 31 December 2026.
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
    const unit = m[2]!;
    found = true;
    if (/^(tahun|thn|th|year)/.test(unit)) d.years += n;
    else if (/^(bulan|bln|month)/.test(unit)) d.months += n;
    else if (/^(minggu|week)/.test(unit)) d.days += 7 * n;
    else d.days += n;
    rest = rest.replace(m[0], ' ');
  }
  // Anything left but filler words means we did not understand the text: better to say so than guess.
  if (!found || rest.replace(/\b(dan|and|selama|masa|jangka|waktu)\b/g, '').replace(/[\s,.;]/g, '') !== '') return null;
  if (d.years + d.months + d.days === 0 || d.years > 100) return null;
  return d;
}

export function endDateFrom(start: string, d: Duration): string {
  const [y, m, day] = start.split('-').map(Number) as [number, number, number];
  const totalMonths = (m - 1) + d.months + d.years * 12;
  const targetYear = y + Math.floor(totalMonths / 12);
  const targetMonth = totalMonths % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  // The term ends the day before its anniversary; when the anniversary does not exist (29 February,
  // 31st of a short month) it ends on the last day of that month.
  const date = day > lastDay ? new Date(Date.UTC(targetYear, targetMonth, lastDay)) : new Date(Date.UTC(targetYear, targetMonth, day - 1));
  date.setUTCDate(date.getUTCDate() + d.days);
  return date.toISOString().slice(0, 10);
}

export function formatDuration(d: Duration): string {
  const parts: string[] = [];
  if (d.years) parts.push(`${d.years} tahun`);
  if (d.months) parts.push(`${d.months} bulan`);
  if (d.days) parts.push(`${d.days} hari`);
  return parts.join(' ');
}
