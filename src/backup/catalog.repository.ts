import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * The SQL a backup and a restore need, written against the PostgreSQL catalog rather than a list of tables in
 * code: a table a later migration adds is backed up without anyone remembering to add it here.
 * Only the current schema's ordinary tables count; Kysely's migration bookkeeping is left out (the manifest
 * records the schema version instead, and a restore rebuilds the schema by running the migrations).
 */

export interface TableInfo {
  name: string;
  /** Columns a restore can write: generated columns are recomputed by the database. */
  columns: string[];
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
  deferrable: boolean;
  deferred: boolean;
}

export async function listTables(db: Executor): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string; columns: string[] | string }>`
    select c.relname as name,
      (select coalesce(json_agg(a.attname order by a.attnum), '[]'::json) from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and not c.relispartition and c.relname not like 'kysely\\_migration%'
    order by c.relname`.execute(db);
  return rows.map((r) => ({ name: r.name, columns: typeof r.columns === 'string' ? (JSON.parse(r.columns) as string[]) : r.columns }));
}

export async function listForeignKeys(db: Executor): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select con.conname as name, c.relname as "table", f.relname as "references", con.condeferrable as deferrable, con.condeferred as deferred
    from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_class f on f.oid = con.confrelid
      join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()
    order by c.relname, con.conname`.execute(db);
  return rows;
}

/** Migrations applied to this database, oldest first; empty when it has never been migrated. */
export async function executedMigrations(db: Executor): Promise<string[]> {
  const { rows: exists } = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!exists[0]?.t) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Application tables holding at least one row: what makes a restore target "not empty". */
export async function tablesWithRows(db: Executor, tables: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(t)} limit 1`.execute(db);
    if (rows.length > 0) out.push(t);
  }
  return out;
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Rows are read through a server-side cursor inside the snapshot's transaction: constant memory, and every
 * table seen at the same instant. Each row leaves the database as PostgreSQL's own JSON rendering of it
 * (timestamps with microseconds and offset, numerics exact, jsonb as JSON), so it goes back in unchanged.
 */
export async function openRowCursor(tx: Executor, table: TableInfo): Promise<void> {
  const cols = sql.join(table.columns.map((c) => sql.id(c)));
  await sql`declare p2ma_backup_rows no scroll cursor for select row_to_json(x)::text as j from (select ${cols} from ${sql.table(table.name)}) x`.execute(tx);
}

export async function fetchRows(tx: Executor, count: number): Promise<string[]> {
  const { rows } = await sql<{ j: string }>`fetch forward ${sql.raw(String(Math.trunc(count)))} from p2ma_backup_rows`.execute(tx);
  return rows.map((r) => r.j);
}

export async function closeRowCursor(tx: Executor): Promise<void> {
  await sql`close p2ma_backup_rows`.execute(tx);
}

/** Stored files the snapshot's rows refer to. */
export async function referencedBlobs(tx: Executor): Promise<{ sha256: string; size: number }[]> {
  const rows = await tx.selectFrom('blobs').select(['sha256', 'size']).orderBy('sha256').execute();
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
}

/**
 * Inserts dumped rows as they are. `overriding system value` keeps identity values (audit_events.id and the
 * chain that hangs on it); jsonb_populate_recordset turns each JSON object back into the table's own types.
 */
/**
 * Empties the tables a backup is about to fill. A restore first migrates the target to the backup's schema, and
 * a migration may seed rows of its own (a counter, a default list); the backup holds those rows as they were, so
 * they are removed first rather than colliding with the archived copy.
 */
export async function truncateTables(tx: Executor, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await sql`truncate ${sql.join(tables.map((t) => sql.id(t)))}`.execute(tx);
}

export async function insertRows(tx: Executor, table: TableInfo, jsonArray: string): Promise<void> {
  const cols = sql.join(table.columns.map((c) => sql.id(c)));
  await sql`insert into ${sql.table(table.name)} (${cols}) overriding system value
    select ${cols} from jsonb_populate_recordset(null::${sql.table(table.name)}, ${jsonArray}::jsonb)`.execute(tx);
}

/**
 * Rows of a table may point at each other (units.parent_id, agreements.parent_id) in any dump order, so
 * foreign keys are checked at the end of the load instead of per row. Only for the restore's own transaction;
 * `restoreForeignKeys` puts every constraint back as it was before that transaction commits.
 */
export async function deferForeignKeys(tx: Executor, fks: ForeignKey[]): Promise<void> {
  for (const fk of fks) {
    if (!fk.deferrable) await sql`alter table ${sql.table(fk.table)} alter constraint ${sql.id(fk.name)} deferrable`.execute(tx);
  }
  await sql`set constraints all deferred`.execute(tx);
}

export async function restoreForeignKeys(tx: Executor, fks: ForeignKey[]): Promise<void> {
  // Checks every deferred row now: a dangling reference fails the restore here, inside its transaction.
  await sql`set constraints all immediate`.execute(tx);
  for (const fk of fks) {
    if (!fk.deferrable) await sql`alter table ${sql.table(fk.table)} alter constraint ${sql.id(fk.name)} not deferrable`.execute(tx);
  }
}

/** After rows were inserted with their own ids, every identity/serial sequence continues after the highest one. */
export async function resetSequences(tx: Executor): Promise<number> {
  const { rows } = await sql<{ table: string; column: string; seq: string }>`
    select c.relname as "table", a.attname as "column", pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = current_schema() and c.relkind = 'r' and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`.execute(tx);
  for (const r of rows) {
    await sql`select setval(${r.seq}::regclass, coalesce((select max(${sql.id(r.column)}) from ${sql.table(r.table)}), 0) + 1, false)`.execute(tx);
  }
  return rows.length;
}

/**
 * Triggers that derive rows (a search table kept by a trigger on agreements, say) would write those rows a
 * second time while the dump already holds them, and triggers that stamp times would change what was saved.
 * So the load runs with the tables' own enabled triggers off; foreign-key checks are not affected (they are
 * the system's triggers, not these). Returns what was disabled, for `enableTriggers`.
 */
export async function disableUserTriggers(tx: Executor): Promise<{ table: string; name: string }[]> {
  const { rows } = await sql<{ table: string; name: string }>`
    select c.relname as "table", t.tgname as name
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and not t.tgisinternal and t.tgenabled <> 'D'
    order by c.relname, t.tgname`.execute(tx);
  for (const r of rows) await sql`alter table ${sql.table(r.table)} disable trigger ${sql.id(r.name)}`.execute(tx);
  return rows;
}

export async function enableTriggers(tx: Executor, triggers: { table: string; name: string }[]): Promise<void> {
  for (const r of triggers) await sql`alter table ${sql.table(r.table)} enable trigger ${sql.id(r.name)}`.execute(tx);
}
