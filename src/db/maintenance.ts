import { sql } from 'kysely';
import type { AppDeps } from '../http/context.js';
import type { Database } from './database.js';

/**
 * Planner statistics and the visibility map. PostgreSQL's autovacuum keeps both current. PGlite has no
 * autovacuum (and no activity statistics to tell what changed): without this, the planner keeps the
 * estimates it made for near-empty tables (after an import of 100,000 agreements it still plans for a
 * hundred), and the index-only scans of the register and the overview (migration 0008) read the table
 * after all, because no page is ever marked all-visible.
 */
export async function vacuumAnalyze(database: Database): Promise<void> {
  await sql`vacuum (analyze)`.execute(database.db);
}

/** How often the server refreshes them on PGlite; the first run waits until the start-up work is done. */
const EVERY_MS = 24 * 60 * 60 * 1000;
const FIRST_AFTER_MS = 10 * 60 * 1000;

let startedAt: number | null = null;
let lastRun: number | null = null;

/**
 * Scheduler step: on PGlite, VACUUM (ANALYZE) ten minutes after start and then daily. It holds PGlite's one
 * connection for a few seconds at 100,000 agreements; requests wait meanwhile (the dialect's queue).
 * A no-op on PostgreSQL, where autovacuum does this without blocking anyone.
 */
export async function refreshStatistics(deps: Pick<AppDeps, 'database'>, now = Date.now()): Promise<void> {
  if (deps.database.kind !== 'pglite') return;
  startedAt ??= now;
  const due = lastRun === null ? now - startedAt >= FIRST_AFTER_MS : now - lastRun >= EVERY_MS;
  if (!due) return;
  lastRun = now;
  await vacuumAnalyze(deps.database);
}
