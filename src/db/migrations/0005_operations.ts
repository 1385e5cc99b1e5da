import { sql, type Kysely } from 'kysely';

/**
 * Operations: one row per backup run. The unique `slot` is how several app instances sharing one PostgreSQL
 * agree that a scheduled backup runs once: the first to insert the slot's row runs it, the others see the
 * conflict and skip. The rows also answer "when did the last backup succeed?" for `p2ma doctor`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table backup_runs (
      id uuid primary key default gen_random_uuid(),
      -- 'daily:2026-05-01T02:00' for a scheduled run, 'manual:<id>' for one asked for by an administrator
      slot text not null unique,
      kind text not null check (kind in ('scheduled','manual')),
      status text not null check (status in ('running','done','failed')),
      file text,
      size bigint,
      -- which process ran it (host:pid), so a run that never finished can be traced to its instance
      instance text not null,
      error text,
      requested_by uuid references users(id),
      started_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index backup_runs_started_idx on backup_runs(started_at desc);
  `.execute(db);
}
