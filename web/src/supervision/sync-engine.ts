/**
 * Sends the offline queue to the server: when a change is made, when the browser says it is back online, and
 * after a failed send on a backoff (1 s, 2 s, 4 s … up to a minute, with jitter so a team's tablets coming back
 * together do not hit the server in step). Nothing here decides a conflict; it only reports them.
 */
import type { Conflict, Json, OfflineQueue, OpResult, OutgoingOp, Rejected } from './offline-queue.js';

/** Sends one batch; throws when the server could not be reached or refused the whole batch. */
export type Transport = (ops: OutgoingOp[]) => Promise<OpResult[]>;

/** The browser bits the engine uses (window + navigator in the app, a fake in the unit test). */
export interface SyncEnvironment {
  isOnline(): boolean;
  onConnectivity(listener: (online: boolean) => void): () => void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export type SyncState = 'offline' | 'pending' | 'syncing' | 'synced' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Answers waiting to be sent (one per question). */
  pending: number;
  conflicts: Conflict[];
  rejected: Rejected[];
  /** Failed sends in a row (resets after a success). */
  failures: number;
  /** When the next automatic try happens (ms since epoch), while one is scheduled. */
  nextRetryAt: number | null;
  lastError: unknown;
}

export interface SyncOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

export function browserEnvironment(): SyncEnvironment {
  return {
    isOnline: () => navigator.onLine,
    onConnectivity(listener) {
      const on = () => listener(true);
      const off = () => listener(false);
      window.addEventListener('online', on);
      window.addEventListener('offline', off);
      return () => {
        window.removeEventListener('online', on);
        window.removeEventListener('offline', off);
      };
    },
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    random: Math.random,
  };
}

/** The delay before retry number `failures` (1-based): exponential, capped, with up to 30 % jitter. */
export function backoffDelay(failures: number, random: number, baseMs = 1000, maxMs = 60_000): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (0.7 + 0.3 * random));
}

export class SyncEngine {
  private listeners = new Set<(s: SyncStatus) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private failures = 0;
  private nextRetryAt: number | null = null;
  private lastError: unknown = null;
  private lastSendFailed = false;
  private detach: (() => void) | null = null;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor(
    readonly queue: OfflineQueue,
    private readonly transport: Transport,
    private readonly env: SyncEnvironment,
    options: SyncOptions = {},
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.detach) return;
    this.detach = this.env.onConnectivity((online) => {
      if (online) {
        // Back online: try now, and start the backoff over.
        this.failures = 0;
        void this.flush();
      } else {
        this.notify();
      }
    });
    void this.flush();
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    this.cancelTimer();
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps the change on the device at once, then tries to send it. */
  change(key: string, value: Json): void {
    this.queue.change(key, value);
    this.notify();
    void this.flush();
  }

  resolve(key: string, keep: 'mine' | 'theirs'): void {
    this.queue.resolve(key, keep);
    this.notify();
    void this.flush();
  }

  dismissRejected(key: string): void {
    this.queue.dismissRejected(key);
    this.notify();
  }

  status(): SyncStatus {
    const s = this.queue.read();
    const pending = new Set(s.pending.map((p) => p.key)).size;
    let state: SyncState;
    if (!this.env.isOnline() || (this.lastSendFailed && isNetworkError(this.lastError))) state = 'offline';
    else if (this.running) state = 'syncing';
    else if (this.lastSendFailed) state = 'error';
    else if (pending > 0) state = 'pending';
    else state = 'synced';
    return { state, pending, conflicts: s.conflicts, rejected: s.rejected, failures: this.failures, nextRetryAt: this.nextRetryAt, lastError: this.lastError };
  }

  /** Sends everything that is ready; resolves when the queue is empty or a send failed (a retry is scheduled). */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => this.running ?? undefined);
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      const again = this.again;
      this.again = false;
      // After a failure the scheduled retry, not the extra request, decides when to try again.
      if (again && this.timer === null) void this.flush();
      this.notify();
    });
    this.notify();
    return this.running;
  }

  private async drain(): Promise<void> {
    this.cancelTimer();
    if (!this.env.isOnline()) return;
    for (;;) {
      const batch = this.queue.takeBatch();
      if (batch.length === 0) {
        this.lastSendFailed = false;
        return;
      }
      let results: OpResult[];
      try {
        results = await this.transport(batch);
      } catch (err) {
        this.failures += 1;
        this.lastError = err;
        this.lastSendFailed = true;
        this.schedule(backoffDelay(this.failures, this.env.random(), this.baseDelayMs, this.maxDelayMs));
        return;
      }
      this.failures = 0;
      this.lastError = null;
      this.lastSendFailed = false;
      this.queue.acknowledge(results);
      this.notify();
      // A server that answers for none of the batch would make this loop spin; stop and retry later instead.
      if (!results.some((r) => batch.some((b) => b.opId === r.opId))) {
        this.failures += 1;
        this.schedule(backoffDelay(this.failures, this.env.random(), this.baseDelayMs, this.maxDelayMs));
        return;
      }
    }
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.nextRetryAt = this.now() + ms;
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      this.nextRetryAt = null;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.nextRetryAt = null;
  }

  private notify(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }
}

/** The api module's code for "the server could not be reached" (fetch threw). */
function isNetworkError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'NETWORK_ERROR';
}
