import crypto from 'node:crypto';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Migrator, sql, type Kysely } from 'kysely';
import { verifyAuditChain } from '../audit/audit.repository.js';
import { recordAudit } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { BlobStore } from '../storage/blob-store.js';
import { readArchive } from './archive.js';
import { readManifest } from './backup.js';
import * as catalog from './catalog.repository.js';
import { fileMember, type Manifest, type TableEntry } from './manifest.js';
import { orderChain, verifyArchive } from './verify-archive.js';

export interface RestoreTarget {
  database: Database;
  storage: BlobStore;
  now: () => Date;
}

export interface RestoreResult {
  manifest: Manifest;
  chain: string[];
  rows: number;
  files: number;
  /** Migrations run after the rows were loaded, to bring an older backup to this program's schema. */
  migrated: string[];
  audit: { checked: number; brokenAt: number | null };
}

const KNOWN = Object.keys(migrations).sort();
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Restores a backup (a full archive, or a full archive plus its incremental ones) into an empty database and an
 * empty file store. Nothing is written until every archive has been read and every checksum matched. The
 * database is then rebuilt inside ONE transaction: schema migrated to the backup's version, rows loaded with
 * their own ids, sequences moved past them, foreign keys checked, the remaining migrations run. Any failure
 * rolls all of it back and removes the files this restore stored, so the target is empty again.
 */
export async function restoreBackup(target: RestoreTarget, files: string[], log: (line: string) => void = () => {}): Promise<RestoreResult> {
  const given = [];
  for (const f of files) given.push({ file: path.resolve(f), manifest: await readManifest(path.resolve(f)) });
  const chain = orderChain(given);
  const head = chain[chain.length - 1]!.manifest;
  checkSchemaKnown(head);

  for (const item of chain) {
    log(`Memeriksa checksum ${path.basename(item.file)} …`);
    item.manifest = await verifyArchive(item.file);
  }
  const available = new Set(chain.flatMap((c) => c.manifest.files.map(([sha]) => sha)));
  const lacking = head.referencedFiles.filter((sha) => !available.has(sha));
  if (lacking.length > 0) throw new AppError('BACKUP_CHAIN_INCOMPLETE', { reason: `${lacking.length} berkas tersimpan tidak ada di rantai ini, antara lain ${lacking[0]}` });

  await ensureEmpty(target, head);

  const created: string[] = [];
  let rows = 0;
  let migrated: string[] = [];
  try {
    await target.database.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        await migrateWithin(conn, head.schemaVersion);
        const fks = await catalog.listForeignKeys(conn);
        await catalog.deferForeignKeys(conn, fks);
        const triggers = await catalog.disableUserTriggers(conn);
        const present = new Map((await catalog.listTables(conn)).map((t) => [t.name, new Set(t.columns)]));
        await catalog.truncateTables(conn, head.tables.map((t) => t.name).filter((name) => present.has(name)));
        const wanted = new Set(head.referencedFiles);
        // Newest first: the head holds the database; older archives only the files the head still needs.
        for (const [i, item] of [...chain].reverse().entries()) {
          log(`Memulihkan dari ${path.basename(item.file)} …`);
          await readArchive(item.file, async (e) => {
            const table = i === 0 ? item.manifest.tables.find((t) => t.path === e.name) : undefined;
            if (table) {
              rows += await loadTable(conn, table, present, e.stream, path.basename(item.file));
              return;
            }
            const sha = /^files\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(e.name)?.[1];
            if (!sha || !wanted.has(sha) || e.name !== fileMember(sha)) return;
            const put = await target.storage.put(e.stream, { maxBytes: Number.MAX_SAFE_INTEGER });
            if (put.created) created.push(put.sha256);
            if (put.sha256 !== sha) throw new AppError('BACKUP_DAMAGED', { file: path.basename(item.file), member: e.name });
            wanted.delete(sha);
          });
        }
        if (wanted.size > 0) throw new AppError('BACKUP_CHAIN_INCOMPLETE', { reason: `${wanted.size} berkas tersimpan tidak terbaca dari rantai` });
        await catalog.resetSequences(conn);
        await catalog.restoreForeignKeys(conn, fks);
        await catalog.enableTriggers(conn, triggers);
        migrated = await migrateWithin(conn, KNOWN.at(-1)!);
        await recordAudit(
          conn as Kysely<DB>,
          { actor: null, ip: null, label: 'pemulihan cadangan' },
          { action: 'system.restore', entityType: 'system', entityId: head.id, unitId: null, changes: { backup: path.basename(chain.at(-1)!.file), createdAt: head.createdAt, schemaVersion: head.schemaVersion, chain: chain.length, migrated } },
          target.now(),
        );
        await sql`commit`.execute(conn);
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw err;
      }
    });
  } catch (err) {
    for (const sha of created) await target.storage.delete(sha).catch(() => {});
    throw err;
  }
  const audit = await verifyAuditChain(target.database.db);
  return { manifest: head, chain: chain.map((c) => c.file), rows, files: head.referencedFiles.length, migrated, audit };
}

function checkSchemaKnown(m: Manifest): void {
  const unknown = m.migrations.filter((name) => !KNOWN.includes(name));
  if (!KNOWN.includes(m.schemaVersion) || unknown.length > 0) {
    throw new AppError('BACKUP_SCHEMA_NEWER', { version: unknown[unknown.length - 1] ?? m.schemaVersion, known: KNOWN.at(-1)! });
  }
}

/** A restore never merges into existing data: the database must hold no application rows and the store no files. */
async function ensureEmpty(target: RestoreTarget, head: Manifest): Promise<void> {
  const { db } = target.database;
  const applied = await catalog.executedMigrations(db);
  const latestApplied = applied.at(-1);
  if (latestApplied && latestApplied > head.schemaVersion) {
    throw new AppError('RESTORE_TARGET_NOT_EMPTY', { what: `basis data sudah bermigrasi ke ${latestApplied}, lebih baru daripada cadangan (${head.schemaVersion})` });
  }
  const filled = await catalog.tablesWithRows(db, (await catalog.listTables(db)).map((t) => t.name));
  if (filled.length > 0) {
    throw new AppError('RESTORE_TARGET_NOT_EMPTY', { what: `basis data (${target.database.kind}) sudah berisi data di tabel ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}` });
  }
  for await (const sha of target.storage.list()) {
    throw new AppError('RESTORE_TARGET_NOT_EMPTY', { what: `penyimpanan berkas ${target.storage.description} sudah berisi berkas (mis. ${sha.slice(0, 12)}…)` });
  }
}

/** Runs migrations on the restore's connection, inside its transaction (Kysely's own transaction turned off). */
async function migrateWithin(conn: Kysely<DB>, to: string): Promise<string[]> {
  const migrator = new Migrator({ db: conn, provider: { getMigrations: async () => migrations }, disableTransactions: true });
  const { error, results } = await migrator.migrateTo(to);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migrasi ${failed?.migrationName ?? ''} gagal saat pemulihan: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Streams one table's JSON lines (gzip member) into the table in batches, re-checking the member's checksum on the way. */
async function loadTable(conn: Kysely<DB>, entry: TableEntry, present: Map<string, Set<string>>, stream: Readable, label: string): Promise<number> {
  const columns = present.get(entry.name);
  const missing = columns ? entry.columns.filter((c) => !columns.has(c)) : entry.columns;
  if (!columns || missing.length > 0) {
    throw new AppError('BACKUP_INVALID', { file: label, reason: columns ? `kolom ${entry.name}.${missing[0]} tidak ada pada skema ${entry.name}` : `tabel ${entry.name} tidak ada pada skema cadangan` });
  }
  const table = { name: entry.name, columns: entry.columns };
  let batch: string[] = [];
  let batchBytes = 0;
  let count = 0;
  let rest = Buffer.alloc(0);
  const flush = async () => {
    if (batch.length === 0) return;
    await catalog.insertRows(conn, table, `[${batch.join(',')}]`);
    count += batch.length;
    batch = [];
    batchBytes = 0;
  };
  const digest = crypto.createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      digest.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(stream, hashing, zlib.createGunzip(), async (lines: AsyncIterable<Buffer>) => {
    for await (const chunk of lines) {
      let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10)) {
        const line = data.subarray(0, nl).toString('utf8');
        data = data.subarray(nl + 1);
        if (line.length === 0) continue;
        batch.push(line);
        batchBytes += line.length;
        if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
      }
      rest = Buffer.from(data);
    }
  }).catch((err: unknown) => {
    if (err instanceof AppError || !(err instanceof Error) || !/incorrect header|unexpected end|invalid|Z_/i.test(`${err.message} ${(err as { code?: string }).code ?? ''}`)) throw err;
    throw new AppError('BACKUP_DAMAGED', { file: label, member: entry.path });
  });
  if (rest.length > 0) batch.push(rest.toString('utf8'));
  await flush();
  if (digest.digest('hex') !== entry.sha256) throw new AppError('BACKUP_DAMAGED', { file: label, member: entry.path });
  if (count !== entry.rows) throw new AppError('BACKUP_DAMAGED', { file: label, member: entry.path });
  return count;
}
