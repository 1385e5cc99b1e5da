/**
 * Backup and restore benchmark (operations issue): N agreements and M MB of stored documents, then
 *   full backup (time, archive size) → restore into an empty target (time) → 100 new documents → incremental backup.
 *
 *   node --import tsx bench/backup.ts [--agreements N] [--mb M] [--db pglite|postgres] [--gzip]
 *   defaults: 2,000 agreements, 20 MB (quick). The sizes: --agreements 100000 --mb 10240.
 *   BENCH_DATABASE_URL=postgres://… picks the server for --db postgres.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createBackup } from '../src/backup/backup.js';
import { restoreBackup } from '../src/backup/restore.js';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { formatBytes } from '../src/storage/blob-store.js';
import { LocalBlobStore } from '../src/storage/local-store.js';
import type { AppDeps } from '../src/http/context.js';
import { seedRegistry } from './seed-registry.js';

const { values } = parseArgs({ options: { agreements: { type: 'string', default: '2000' }, mb: { type: 'string', default: '20' }, db: { type: 'string', default: 'pglite' }, gzip: { type: 'boolean', default: false } } });
const N = Number(values.agreements);
const MB = Number(values.mb);
const kind = values.db === 'postgres' ? 'postgres' : 'pglite';
const ext = values.gzip ? 'tar.gz' : 'tar';
const FILE_MB = 2;

async function freshPg(name: string): Promise<string> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A stored "scan": a PDF header and incompressible bytes, like a real scanned, already-compressed document. */
async function addDocument(deps: AppDeps, agreementId: string, size: number, uploader: string): Promise<void> {
  const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(size - 9)]);
  const put = await deps.storage.put(Readable.from([body]), { maxBytes: size + 1 });
  await deps.database.db.transaction().execute(async (tx) => {
    await tx.insertInto('blobs').values({ sha256: put.sha256, size: put.size, mime: 'application/pdf' }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    await tx.insertInto('documents').values({ agreement_id: agreementId, role: 'lampiran', filename: 'pindaian.pdf', sha256: put.sha256, size: put.size, mime: 'application/pdf', uploaded_by: uploader }).execute();
  });
}

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function main() {
  const work = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'p2ma-bench-backup-'));
  const env: Record<string, string> = { DATA_DIR: path.join(work, 'source'), LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1' };
  if (kind === 'postgres') env.DATABASE_URL = await freshPg('p2ma_bench_backup_src');
  const { deps } = await prepare(loadConfig(env), { demoRegister: false });
  console.log(`[${kind}] ${N} agreements, ${MB} MB of documents in ${FILE_MB} MB files, archive .${ext}; work dir ${work}`);

  let t0 = performance.now();
  await seedRegistry(deps.database.db, N);
  const agreements = (await deps.database.db.selectFrom('agreements').select('id').limit(5000).execute()).map((r) => r.id);
  const admin = (await deps.database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  const files = Math.max(1, Math.round(MB / FILE_MB));
  for (let i = 0; i < files; i++) await addDocument(deps, agreements[i % agreements.length]!, FILE_MB * 1024 * 1024, admin);
  console.log(`seeded in ${seconds(t0)}`);

  t0 = performance.now();
  const full = await createBackup(deps, { out: path.join(work, `full.${ext}`) });
  const rows = full.manifest.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`full backup: ${seconds(t0)}, archive ${formatBytes(full.size)} (${rows} rows, ${full.manifest.files.length} files)`);

  for (let i = 0; i < 100; i++) await addDocument(deps, agreements[(i * 7) % agreements.length]!, 100 * 1024, admin);
  t0 = performance.now();
  const inc = await createBackup(deps, { out: path.join(work, `inc.${ext}`), incrementalFrom: full.file });
  console.log(`incremental backup after 100 new documents: ${seconds(t0)}, archive ${formatBytes(inc.size)} (${inc.manifest.files.length} files)`);
  await deps.database.close();

  const target = kind === 'postgres' ? { kind: 'postgres' as const, url: await freshPg('p2ma_bench_backup_dst') } : { kind: 'pglite' as const, dataDir: path.join(work, 'target', 'pglite') };
  const database = await openDatabase(target);
  const storage = await LocalBlobStore.open(path.join(work, 'target', 'files'));
  t0 = performance.now();
  const restored = await restoreBackup({ database, storage, now: () => new Date() }, [full.file, inc.file]);
  console.log(`restore (full + incremental chain, checksums verified first): ${seconds(t0)}, ${restored.rows} rows, ${restored.files} files, audit chain ${restored.audit.brokenAt === null ? 'intact' : 'BROKEN'}`);
  await database.close();
  if (!process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
