import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

export interface NewRun {
  slot: string;
  kind: 'scheduled' | 'manual';
  instance: string;
  requestedBy: string | null;
  file: string;
  startedAt: Date;
}

/** Serialises "is a backup already running? then start one" between requests and instances. */
export async function lockRunStart(tx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(727274005)`.execute(tx);
}

/** Inserts the run unless its slot is taken; answers the new id, or null when another process claimed it. */
export async function claimRun(db: Executor, run: NewRun): Promise<string | null> {
  const row = await db
    .insertInto('backup_runs')
    .values({ slot: run.slot, kind: run.kind, status: 'running', instance: run.instance, requested_by: run.requestedBy, file: run.file, started_at: run.startedAt })
    .onConflict((oc) => oc.column('slot').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function finishRun(db: Executor, id: string, outcome: { status: 'done' | 'failed'; size: number | null; error: string | null; finishedAt: Date }): Promise<void> {
  await db.updateTable('backup_runs').set({ status: outcome.status, size: outcome.size, error: outcome.error, finished_at: outcome.finishedAt }).where('id', '=', id).execute();
}

/** A run still marked running that started after `since` (older ones died with their process). */
export async function activeRun(db: Executor, since: Date) {
  return db.selectFrom('backup_runs').selectAll().where('status', '=', 'running').where('started_at', '>', since).orderBy('started_at', 'desc').executeTakeFirst();
}

export async function recentRuns(db: Executor, limit: number) {
  return db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}

export async function lastRun(db: Executor, status?: 'done' | 'failed') {
  let q = db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(1);
  if (status) q = q.where('status', '=', status);
  return q.executeTakeFirst();
}
