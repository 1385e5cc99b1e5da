import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { JobState } from '../db/schema-intelligence.js';

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  documentId?: string | null;
  /** At most one queued job per (kind, dedupeKey). */
  dedupeKey?: string | null;
  maxAttempts?: number;
  runAt: Date;
}

const JOB_COLUMNS = [
  'jobs.id', 'jobs.kind', 'jobs.payload', 'jobs.document_id', 'jobs.state', 'jobs.attempts', 'jobs.max_attempts', 'jobs.run_at',
  'jobs.locked_by', 'jobs.locked_until', 'jobs.progress_done', 'jobs.progress_total', 'jobs.last_error', 'jobs.created_at',
  'jobs.updated_at', 'jobs.finished_at',
] as const;

/**
 * Queues a job; returns its id. With a dedupe key, an identical job still waiting is reused instead (the
 * partial unique index decides, so two instances queueing the same work at once still make one job).
 */
export async function insertJob(db: Executor, job: NewJob): Promise<string> {
  const values = {
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    document_id: job.documentId ?? null,
    dedupe_key: job.dedupeKey ?? null,
    max_attempts: job.maxAttempts ?? 5,
    run_at: job.runAt,
    created_at: job.runAt,
    updated_at: job.runAt,
  };
  if (!job.dedupeKey) return (await db.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow()).id;
  const inserted = await db
    .insertInto('jobs')
    .values(values)
    .onConflict((oc) => oc.columns(['kind', 'dedupe_key']).where('state', '=', 'queued').where('dedupe_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db.selectFrom('jobs').select('id').where('kind', '=', job.kind).where('dedupe_key', '=', job.dedupeKey).where('state', '=', 'queued').executeTakeFirstOrThrow();
  return existing.id;
}

export type ClaimedJob = Awaited<ReturnType<typeof claimJobs>>[number];

/**
 * Takes up to `limit` due jobs of the given kinds for one worker, in one short transaction:
 * running jobs whose lease expired (their worker died) go back to the queue first, or fail when they have
 * used all their attempts; then due jobs are locked with SKIP LOCKED, so concurrent workers (other
 * instances) never take the same job, and marked running with a lease.
 */
export async function claimJobs(db: Executor, opts: { worker: string; kinds: string[]; limit: number; now: Date; leaseUntil: Date }) {
  const { worker, kinds, limit, now, leaseUntil } = opts;
  if (limit <= 0 || kinds.length === 0) return [];
  return db.transaction().execute(async (tx) => {
    const expired = tx.selectFrom('jobs').select('id').where('state', '=', 'running').where('locked_until', '<', now).where('kind', 'in', kinds).forUpdate().skipLocked();
    await tx
      .updateTable('jobs')
      .set((eb) => ({
        state: sql<JobState>`case when ${eb.ref('attempts')} >= ${eb.ref('max_attempts')} then 'failed' else 'queued' end`,
        last_error: sql<string>`'Pekerja ' || coalesce(${eb.ref('locked_by')}, '?') || ' berhenti sebelum selesai (masa sewa habis).'`,
        finished_at: sql<Date | null>`case when ${eb.ref('attempts')} >= ${eb.ref('max_attempts')} then ${now}::timestamptz else null end`,
        run_at: now,
        locked_until: null,
        updated_at: now,
      }))
      .where('id', 'in', expired)
      .execute();
    const due = tx
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'queued')
      .where('run_at', '<=', now)
      .where('kind', 'in', kinds)
      .orderBy('run_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return tx
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), locked_by: worker, locked_until: leaseUntil, updated_at: now }))
      .where('id', 'in', due)
      .returning(['id', 'kind', 'payload', 'document_id', 'attempts', 'max_attempts'])
      .execute();
  });
}

/** Extends the leases of the jobs this worker still holds; returns the ids it still holds. */
export async function renewLeases(db: Executor, worker: string, ids: string[], leaseUntil: Date, now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('jobs')
    .set({ locked_until: leaseUntil, updated_at: now })
    .where('id', 'in', ids)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Locks the job row for the rest of the transaction if this worker still holds it. */
export async function lockOwnJob(db: Executor, id: string, worker: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('id', '=', id).where('locked_by', '=', worker).where('state', '=', 'running').forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function setProgress(db: Executor, id: string, worker: string, done: number, total: number | null, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress_done: done, progress_total: total, updated_at: now })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .execute();
}

export async function markDone(db: Executor, id: string, worker: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ state: 'done', locked_until: null, last_error: null, finished_at: now, updated_at: now })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A failed attempt: back to the queue at `retryAt`, or failed for good when `retryAt` is null. */
export async function markFailed(db: Executor, id: string, worker: string, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({
      state: retryAt ? 'queued' : 'failed',
      run_at: retryAt ?? now,
      locked_until: null,
      last_error: error.slice(0, 2000),
      finished_at: retryAt ? null : now,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Hands jobs interrupted by a shutdown back to the queue at once; the interrupted attempt does not count. */
export async function releaseJobs(db: Executor, worker: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set((eb) => ({ state: 'queued', attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)`, run_at: now, locked_until: null, updated_at: now }))
    .where('id', 'in', ids)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .execute();
}

/** Finished jobs older than `before` are history nobody reads; the queue stays small. */
export async function deleteFinishedBefore(db: Executor, before: Date): Promise<number> {
  const res = await db.deleteFrom('jobs').where('state', 'in', ['done', 'failed']).where('finished_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export interface JobFilter {
  /** Unit-path prefix of the documents the caller may see; null: every job (administrators). */
  scopePrefix: string | null;
  state?: JobState | undefined;
  kind?: string | undefined;
  documentId?: string | undefined;
}

function jobsInScope(db: Executor, f: JobFilter) {
  let q = db.selectFrom('jobs');
  if (f.scopePrefix !== null) {
    const prefix = f.scopePrefix;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('documents as d')
          .innerJoin('agreements as a', 'a.id', 'd.agreement_id')
          .innerJoin('units as u', 'u.id', 'a.unit_id')
          .select(sql`1`.as('one'))
          .whereRef('d.id', '=', 'jobs.document_id')
          .where('d.deleted_at', 'is', null)
          .where('a.deleted_at', 'is', null)
          .where('u.path', 'like', `${prefix}%`),
      ),
    );
  }
  if (f.state) q = q.where('jobs.state', '=', f.state);
  if (f.kind) q = q.where('jobs.kind', '=', f.kind);
  if (f.documentId) q = q.where('jobs.document_id', '=', f.documentId);
  return q;
}

export async function listJobs(db: Executor, f: JobFilter, page: number, pageSize: number) {
  const q = jobsInScope(db, f);
  const [rows, count] = await Promise.all([
    q.select(JOB_COLUMNS).orderBy('jobs.created_at', 'desc').orderBy('jobs.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type JobRow = Awaited<ReturnType<typeof listJobs>>['rows'][number];

export function getJobInScope(db: Executor, id: string, scopePrefix: string | null) {
  return jobsInScope(db, { scopePrefix }).select(JOB_COLUMNS).where('jobs.id', '=', id).executeTakeFirst();
}

export function getJob(db: Executor, id: string) {
  return db.selectFrom('jobs').select(JOB_COLUMNS).where('jobs.id', '=', id).executeTakeFirst();
}
