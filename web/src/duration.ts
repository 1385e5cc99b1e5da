/**
 * The form's live preview of the end date uses the server's own reading of a duration, so the two can
 * never disagree ("3 tahun" from 1 January 2024 ends on 31 December 2026).
 */
import { endDateFrom, parseDuration } from '../../src/agreements/duration.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The end date a duration text gives from a start date, or null when either is missing or unreadable. */
export function computeEnd(start: string | null | undefined, text: string): string | null {
  if (!start || !ISO.test(start) || !text.trim()) return null;
  const d = parseDuration(text);
  return d ? endDateFrom(start, d) : null;
}
