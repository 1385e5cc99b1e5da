import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Db } from '../db/database.js';
import * as catalog from './catalog.repository.js';
import type { TableEntry } from './manifest.js';

const FETCH = 2000;

export interface Snapshot {
  schemaVersion: string;
  migrations: string[];
  /** In foreign-key order; `path` is the archive member, spooled under the snapshot directory. */
  tables: TableEntry[];
  blobs: { sha256: string; size: number }[];
}

/**
 * A consistent copy of every application table, taken while the application keeps writing: one
 * repeatable-read, read-only transaction sees all tables at one instant (on PostgreSQL without blocking
 * writers). Rows are spooled to `<dir>/db/NN-<table>.jsonl` so the archive can be written after the
 * transaction ends. On PGlite, the single connection is held for the duration of the dump (seconds per
 * 100,000 agreements); the files are copied afterwards, outside it.
 */
export async function takeSnapshot(db: Db, dir: string): Promise<Snapshot> {
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const migrations = await catalog.executedMigrations(tx);
      const tables = sortByForeignKeys(await catalog.listTables(tx), await catalog.listForeignKeys(tx));
      const entries: TableEntry[] = [];
      for (const [i, table] of tables.entries()) {
        const member = `db/${String(i + 1).padStart(2, '0')}-${table.name}.jsonl.gz`;
        entries.push({ name: table.name, columns: table.columns, ...(await dumpTable(tx, table, path.join(dir, member))), path: member });
      }
      return { schemaVersion: migrations.at(-1) ?? 'none', migrations, tables: entries, blobs: await catalog.referencedBlobs(tx) };
    });
}

/**
 * Each table's rows are gzip-compressed on their own (JSON shrinks ~10×), while stored files go into the archive
 * as they are: they are mostly PDFs and scans that do not compress, and compressing them would make the
 * backup CPU-bound. The manifest's SHA-256 is of the member as stored (compressed).
 */
async function dumpTable(tx: Db, table: catalog.TableInfo, file: string): Promise<{ rows: number; sha256: string; size: number }> {
  // Level 1: on PGlite the dump holds the only connection, so speed matters more than the last few percent.
  const gzip = zlib.createGzip({ level: 1 });
  const hash = crypto.createHash('sha256');
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  const written = pipeline(gzip, hashing, fs.createWriteStream(file, { mode: 0o600 }));
  let rows = 0;
  try {
    await catalog.openRowCursor(tx, table);
    for (;;) {
      const batch = await catalog.fetchRows(tx, FETCH);
      if (batch.length === 0) break;
      rows += batch.length;
      if (!gzip.write(Buffer.from(batch.join('\n') + '\n', 'utf8'))) await once(gzip, 'drain');
    }
    await catalog.closeRowCursor(tx);
  } finally {
    gzip.end();
    await written;
  }
  return { rows, sha256: hash.digest('hex'), size };
}

/**
 * Referenced tables before the tables that point at them, so a plain load in this order never meets a missing
 * parent. Self-references and cycles cannot be ordered by table; the restore defers constraint checks for those.
 */
export function sortByForeignKeys<T extends { name: string }>(tables: T[], fks: { table: string; references: string }[]): T[] {
  const names = new Set(tables.map((t) => t.name));
  const needs = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const fk of fks) {
    if (fk.table !== fk.references && names.has(fk.table) && names.has(fk.references)) needs.get(fk.table)!.add(fk.references);
  }
  const done = new Set<string>();
  const out: T[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const dep of [...needs.get(name)!].sort()) visit(dep);
    visiting.delete(name);
    done.add(name);
    out.push(byName.get(name)!);
  };
  for (const name of [...names].sort()) visit(name);
  return out;
}
