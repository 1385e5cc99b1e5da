/**
 * The signed-in user's unread notification count, shared by the bell and the notifications page: read from
 * GET /notifications (unreadOnly, one row) every 60 seconds while the tab is visible, on every navigation, and
 * after anything that reads notifications. Marking read goes through here so the count follows at once.
 */
import { useSyncExternalStore } from 'react';
import { api } from './api.js';
import type { NotificationPage } from './workflow.js';

export const POLL_MS = 60_000;

let unread = 0;
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;

function set(n: number) {
  if (n === unread) return;
  unread = n;
  for (const l of listeners) l();
}

export function useUnreadCount(): number {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => unread,
    () => unread,
  );
}

/** Re-reads the count (requests made while one is running share it). Errors keep the last count. */
export function refreshUnread(): Promise<void> {
  if (!inFlight) {
    inFlight = api
      .get<NotificationPage>('/notifications', { unreadOnly: 'true', pageSize: 1 })
      .then((r) => set(r.unread))
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}

/** Takes a page's answer as the latest count (it carries `unread` too). */
export function noteUnread(n: number): void {
  set(n);
}

export async function markRead(id: string): Promise<void> {
  await api.post(`/notifications/${encodeURIComponent(id)}/read`);
  await refreshUnread();
}

export async function markAllRead(): Promise<void> {
  await api.post('/notifications/read-all');
  set(0);
  await refreshUnread();
}
