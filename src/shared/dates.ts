/** The ministry works in WIB; "today" and date arithmetic use Asia/Jakarta, not the server's zone. */
export const TIME_ZONE = 'Asia/Jakarta';

export function todayIn(now: Date, timeZone = TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
