/**
 * The last worksheet of each visit, kept on the device so the interview form still opens when the connection is
 * gone (the team opens the plan at the office, then drives to the unit). The plan page fetches the worksheets of
 * all its visits for team members who record; the form falls back to the kept copy only when the network fails.
 */
import { api, ApiError } from '../api.js';
import type { PlanDetail, Worksheet } from './types.js';

const PREFIX = 'p2ma.supervision.worksheet.';
const keyOf = (planId: string, visitId: string) => `${PREFIX}${planId}.${visitId}`;

function keep(planId: string, visitId: string, w: Worksheet): void {
  try {
    window.localStorage.setItem(keyOf(planId, visitId), JSON.stringify(w));
  } catch {
    // Storage full or blocked: the form still works online; answers have their own (small) queue entry.
  }
}

function kept(planId: string, visitId: string): Worksheet | null {
  try {
    const raw = window.localStorage.getItem(keyOf(planId, visitId));
    return raw ? (JSON.parse(raw) as Worksheet) : null;
  } catch {
    return null;
  }
}

export async function loadWorksheet(planId: string, visitId: string, signal?: AbortSignal): Promise<{ worksheet: Worksheet; fromDevice: boolean }> {
  try {
    const r = await api.get<{ visit: Worksheet }>(`/supervisions/${encodeURIComponent(planId)}/visits/${encodeURIComponent(visitId)}`, undefined, signal);
    keep(planId, visitId, r.visit);
    return { worksheet: r.visit, fromDevice: false };
  } catch (err) {
    const copy = err instanceof ApiError && err.code === 'NETWORK_ERROR' ? kept(planId, visitId) : null;
    if (copy) return { worksheet: copy, fromDevice: true };
    throw err;
  }
}

/** Fetches and keeps every visit's worksheet of a plan the caller records for (quietly: this is a convenience). */
export async function prefetchWorksheets(plan: PlanDetail): Promise<void> {
  if (!plan.permissions.record || (plan.status !== 'direncanakan' && plan.status !== 'berjalan')) return;
  for (const v of plan.visits) {
    try {
      await loadWorksheet(plan.id, v.id);
    } catch {
      return;
    }
  }
}
