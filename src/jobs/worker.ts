import crypto from 'node:crypto';
import os from 'node:os';
import type { Db, Tx } from '../db/database.js';
import { jobSignals } from './job.queue.js';
import * as repo from './job.repository.js';

export interface RunningJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  documentId: string | null;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export interface JobContext {
  job: RunningJob;
  /** Aborted when the worker loses the job (lease taken over), stops for good, or the handler's time is up. */
  signal: AbortSignal;
  /** Records progress on the job (written at most a few times a second; the last call always lands). */
  progress(done: number, total?: number | null): Promise<void>;
  /**
   * Runs `fn` in a transaction that first checks (and locks) that this worker still holds the job, so the
   * results of a worker that lost its lease are never written next to those of the worker that took over.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface JobHandler {
  run(ctx: JobContext): Promise<void>;
  /** Called once when the job has failed for the last time, to leave the work it was about in a clear state. */
  onFailed?(job: RunningJob, error: string, db: Db): Promise<void>;
  /** Longest a run may take before it counts as failed (default 30 minutes). */
  timeoutMs?: number;
}

/** An error that retrying cannot fix (bad payload, missing record): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor() {
    super('Pekerjaan ini sudah diambil alih pekerja lain (masa sewa habis).');
  }
}

export interface WorkerOptions {
  handlers: Record<string, JobHandler>;
  /** Jobs this process runs at once. */
  concurrency: number;
  leaseMs: number;
  /** How often an idle worker looks for due jobs (other instances' jobs, retries coming due). */
  pollMs: number;
  /** Backoff after a failed attempt: base · 2^(attempt−1), capped, ±jitter. */
  backoff?: { baseMs: number; maxMs: number; jitter: number };
  id?: string;
}

type Log = { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
const silent: Log = { info() {}, warn() {}, error() {} };

const DEFAULT_TIMEOUT_MS = 30 * 60_000;
const PROGRESS_EVERY_MS = 250;
const HISTORY_DAYS = 30;

interface Slot {
  job: RunningJob;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs queued jobs: claims due jobs up to the concurrency limit (SKIP LOCKED, so instances sharing a
 * PostgreSQL never take the same job), runs each outside any transaction under a lease it renews, and
 * records the outcome: done, retried later with exponential backoff, or failed. A job whose worker died
 * is taken again once its lease expires, so queued and running work survives a restart.
 */
export class JobWorker {
  readonly id: string;
  private readonly running = new Map<string, Slot>();
  private readonly kinds: string[];
  private timer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private lastCleanup = 0;
  private readonly onSignal = () => this.wake();

  constructor(
    private readonly deps: { db: Db; now: () => Date; log?: Log },
    private readonly opts: WorkerOptions,
  ) {
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.kinds = Object.keys(opts.handlers);
  }

  private get log(): Log {
    return this.deps.log ?? silent;
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    jobSignals.on('queued', this.onSignal);
    this.renewTimer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.opts.leaseMs / 3)));
    this.renewTimer.unref();
    this.wake();
    return this;
  }

  /** Looks for work now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  get activeJobs(): string[] {
    return [...this.running.keys()];
  }

  /**
   * Stops taking jobs, lets running ones finish for up to `graceMs`, then aborts the rest and hands them
   * back to the queue (their interrupted attempt does not count), so another instance or the next start
   * takes them at once instead of after the lease expires.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    jobSignals.off('queued', this.onSignal);
    clearTimeout(this.timer);
    const all = () => Promise.allSettled([...this.running.values()].map((s) => s.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all(), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    const left = [...this.running.values()];
    for (const s of left) s.controller.abort(new Error('Server berhenti.'));
    clearInterval(this.renewTimer);
    if (left.length) {
      await repo.releaseJobs(this.deps.db, this.id, left.map((s) => s.job.id), this.deps.now()).catch((err: unknown) => this.log.warn({ err }, 'could not release jobs'));
      this.log.info({ jobs: left.map((s) => s.job.id) }, 'jobs handed back to the queue');
    }
  }

  /** For the CLI and tests: runs due jobs until none is due or running. */
  async drain(): Promise<void> {
    const wasStopped = this.stopped;
    if (wasStopped) this.start();
    try {
      for (;;) {
        await this.tick();
        if (this.running.size === 0) return;
        await Promise.race([...this.running.values()].map((s) => s.done));
      }
    } finally {
      if (wasStopped) await this.stop(0);
    }
  }

  /** One look for work; a call while one is under way makes that one look again and waits for it. */
  private tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = this.claimWhileFree().finally(() => {
      this.ticking = null;
      if (!this.stopped) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.tick(), this.opts.pollMs);
        this.timer.unref();
      }
    });
    return this.ticking;
  }

  private async claimWhileFree(): Promise<void> {
    try {
      do {
        this.again = false;
        const free = this.opts.concurrency - this.running.size;
        if (free <= 0) break;
        const now = this.deps.now();
        const claimed = await repo.claimJobs(this.deps.db, { worker: this.id, kinds: this.kinds, limit: free, now, leaseUntil: new Date(now.getTime() + this.opts.leaseMs) });
        for (const row of claimed) this.launch(row);
        if (claimed.length === free) this.again = true;
      } while (this.again && !this.stopped);
      await this.cleanup();
    } catch (err) {
      this.log.warn({ err }, 'job queue: could not claim jobs');
    }
  }

  private launch(row: repo.ClaimedJob): void {
    const job: RunningJob = { id: row.id, kind: row.kind, payload: row.payload, documentId: row.document_id, attempt: row.attempts, maxAttempts: row.max_attempts };
    const handler = this.opts.handlers[job.kind]!;
    const controller = new AbortController();
    const slot: Slot = { job, controller, done: Promise.resolve() };
    this.running.set(job.id, slot);
    slot.done = this.execute(job, handler, controller).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
  }

  private async execute(job: RunningJob, handler: JobHandler, controller: AbortController): Promise<void> {
    const { db } = this.deps;
    const timeoutMs = handler.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new Error(`Melebihi batas waktu ${Math.round(timeoutMs / 1000)} detik.`);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
    timedOut.catch(() => {});
    aborted.catch(() => {});
    const ctx: JobContext = {
      job,
      signal: controller.signal,
      progress: this.progressWriter(job.id),
      transaction: (fn) =>
        db.transaction().execute(async (tx) => {
          if (!(await repo.lockOwnJob(tx, job.id, this.id))) throw new LeaseLostError();
          return fn(tx);
        }),
    };
    try {
      // A handler that ignores its signal still frees the slot when its time is up or its lease is lost.
      await Promise.race([handler.run(ctx), timedOut, aborted]);
      clearTimeout(timer);
      if (!(await repo.markDone(db, job.id, this.id, this.deps.now()))) this.log.warn({ job: job.id }, 'job finished after its lease was lost');
    } catch (err) {
      clearTimeout(timer);
      await this.recordFailure(job, handler, err);
    }
  }

  private async recordFailure(job: RunningJob, handler: JobHandler, err: unknown): Promise<void> {
    const { db } = this.deps;
    if (err instanceof LeaseLostError) {
      this.log.warn({ job: job.id }, 'job lease lost; another worker has it');
      return;
    }
    if (this.stopped) return; // handed back to the queue by stop()
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentJobError;
    const retryAt = !permanent && job.attempt < job.maxAttempts ? new Date(this.deps.now().getTime() + this.backoffMs(job.attempt)) : null;
    try {
      const recorded = await repo.markFailed(db, job.id, this.id, message, retryAt, this.deps.now());
      if (!recorded) return;
      this.log.warn({ job: job.id, kind: job.kind, attempt: job.attempt, err }, retryAt ? 'job failed; will retry' : 'job failed for good');
      if (!retryAt && handler.onFailed) await handler.onFailed(job, message, db);
    } catch (e) {
      this.log.error({ err: e, job: job.id }, 'could not record job failure');
    }
  }

  backoffMs(attempt: number): number {
    const { baseMs, maxMs, jitter } = this.opts.backoff ?? { baseMs: 5_000, maxMs: 30 * 60_000, jitter: 0.2 };
    const raw = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(raw * (1 - jitter + Math.random() * 2 * jitter));
  }

  /** Writes in order, one at a time, skipping intermediate values that arrive faster than the interval. */
  private progressWriter(id: string) {
    let last = 0;
    let total: number | null = null;
    let chain: Promise<void> = Promise.resolve();
    return (done: number, t?: number | null): Promise<void> => {
      if (t !== undefined) total = t;
      const final = total !== null && done >= total;
      if (!final && Date.now() - last < PROGRESS_EVERY_MS) return chain;
      last = Date.now();
      const values = { done, total };
      chain = chain.then(() => repo.setProgress(this.deps.db, id, this.id, values.done, values.total, this.deps.now())).catch((err: unknown) => this.log.warn({ err }, 'could not record progress'));
      return chain;
    };
  }

  private async renew(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    try {
      const now = this.deps.now();
      const held = await repo.renewLeases(this.deps.db, this.id, ids, new Date(now.getTime() + this.opts.leaseMs), now);
      for (const id of ids) {
        if (!held.has(id)) this.running.get(id)?.controller.abort(new LeaseLostError());
      }
    } catch (err) {
      this.log.warn({ err }, 'job queue: could not renew leases');
    }
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 3600_000) return;
    this.lastCleanup = Date.now();
    await repo.deleteFinishedBefore(this.deps.db, new Date(this.deps.now().getTime() - HISTORY_DAYS * 86400_000));
  }
}
