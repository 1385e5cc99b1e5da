import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import type { BlobStore } from '../storage/blob-store.js';
import { ArchiveWriter, hashStream, readArchive } from './archive.js';
import { fileMember, FORMAT, FORMAT_VERSION, MANIFEST_MEMBER, manifestSchema, TRAILER_MEMBER, type Manifest } from './manifest.js';
import { takeSnapshot } from './snapshot.js';

/** What a backup reads from: the application's database and file store. */
export interface BackupSource {
  database: Database;
  storage: BlobStore;
  version: string;
  now: () => Date;
}

export interface BackupOptions {
  /** The archive to write; `.tar.gz`/`.tgz` is gzip-compressed, `.tar` is not. */
  out: string;
  /** A previous backup (its archive or its manifest.json): stored files it already holds are left out. */
  incrementalFrom?: string | null | undefined;
}

export interface BackupResult {
  file: string;
  size: number;
  manifest: Manifest;
}

/**
 * One archive holding a consistent snapshot of the database and every stored file it refers to (or, for an
 * incremental backup, those its base chain does not hold), with a manifest of SHA-256 sums.
 * The database is read first, in one transaction; stored files never change once written (their name is their
 * hash), so copying them afterwards still matches the snapshot. A stored file whose bytes no longer match its
 * name stops the backup with its name: a backup must not carry damage forward silently.
 */
export async function createBackup(src: BackupSource, opts: BackupOptions): Promise<BackupResult> {
  const out = path.resolve(opts.out);
  if (fs.existsSync(out)) throw new Error(`Berkas ${out} sudah ada; pilih nama lain (cadangan tidak pernah ditimpa).`);
  const base = opts.incrementalFrom ? await readManifest(path.resolve(opts.incrementalFrom)) : null;
  await fsp.mkdir(path.dirname(out), { recursive: true });
  // Spooled next to the archive, not in /tmp: the database dump can be large, and that disk is the one sized for backups.
  const spool = await fsp.mkdtemp(path.join(path.dirname(out), '.p2ma-backup-'));
  let writer: ArchiveWriter | null = null;
  try {
    const snap = await takeSnapshot(src.database.db, spool);
    if (snap.migrations.length === 0) throw new Error('Basis data ini kosong (belum pernah dimigrasi): tidak ada yang dicadangkan. Periksa DATA_DIR atau DATABASE_URL.');
    const inBase = new Set(base?.referencedFiles ?? []);
    const files = snap.blobs.filter((b) => !inBase.has(b.sha256));
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      id: crypto.randomUUID(),
      createdAt: src.now().toISOString(),
      appVersion: src.version,
      schemaVersion: snap.schemaVersion,
      migrations: snap.migrations,
      database: { kind: src.database.kind },
      tables: snap.tables,
      files: files.map((b) => [b.sha256, b.size]),
      referencedFiles: snap.blobs.map((b) => b.sha256),
      base: base ? { id: base.id, createdAt: base.createdAt, file: path.basename(opts.incrementalFrom!) } : null,
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 1), 'utf8');

    writer = await ArchiveWriter.create(out);
    await writer.addBuffer(MANIFEST_MEMBER, manifestBytes);
    for (const t of snap.tables) await writer.addStream(t.path, t.size, fs.createReadStream(path.join(spool, t.path)));
    for (const b of files) {
      const got = await writer.addStream(fileMember(b.sha256), b.size, await openStored(src.storage, b.sha256, b.size));
      if (got.sha256 !== b.sha256) {
        throw new Error(`Berkas tersimpan ${b.sha256} rusak: isinya kini ${got.sha256}. Jalankan "npx p2ma storage verify" dan pulihkan berkas itu dulu.`);
      }
    }
    await writer.addBuffer(TRAILER_MEMBER, Buffer.from(`${sha256(manifestBytes)}  ${MANIFEST_MEMBER}\n`, 'utf8'));
    const size = await writer.finish();
    writer = null;
    return { file: out, size, manifest };
  } finally {
    await writer?.abort();
    await fsp.rm(spool, { recursive: true, force: true });
  }
}

/** A stored file's bytes, refused up front when its size already says it is not what the database recorded. */
async function openStored(storage: BlobStore, sha: string, size: number) {
  const stat = await storage.stat(sha);
  if (!stat) throw new Error(`Berkas tersimpan ${sha} hilang dari penyimpanan (${storage.description}). Jalankan "npx p2ma storage verify".`);
  if (stat.size !== size) throw new Error(`Berkas tersimpan ${sha} berukuran ${stat.size} byte, seharusnya ${size}. Jalankan "npx p2ma storage verify".`);
  return storage.get(sha);
}

/** The manifest of a backup, from its archive (first member) or from a manifest.json saved beside it. */
export async function readManifest(file: string): Promise<Manifest> {
  const label = path.basename(file);
  let raw: string | null = null;
  if (!fs.existsSync(file)) throw new AppError('BACKUP_INVALID', { file: label, reason: 'berkas tidak ditemukan' });
  const first = Buffer.alloc(1);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, first, 0, 1, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (first.toString('latin1') === '{') {
    raw = await fsp.readFile(file, 'utf8');
  } else {
    await readArchive(file, async (e) => {
      if (e.name !== MANIFEST_MEMBER) throw new AppError('BACKUP_INVALID', { file: label, reason: `anggota pertama "${e.name}", seharusnya ${MANIFEST_MEMBER}` });
      const chunks: Buffer[] = [];
      for await (const c of e.stream) chunks.push(c as Buffer);
      raw = Buffer.concat(chunks).toString('utf8');
      return 'stop';
    });
  }
  if (raw === null) throw new AppError('BACKUP_INVALID', { file: label, reason: 'arsip kosong' });
  return parseManifest(raw, label);
}

export function parseManifest(raw: string, label: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('BACKUP_INVALID', { file: label, reason: 'manifes bukan JSON yang sah' });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('BACKUP_INVALID', { file: label, reason: `manifes tidak sah (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})` });
  }
  if (parsed.data.formatVersion > FORMAT_VERSION) {
    throw new AppError('BACKUP_INVALID', { file: label, reason: `format cadangan versi ${parsed.data.formatVersion} lebih baru daripada yang dikenal (${FORMAT_VERSION}); perbarui P2MA` });
  }
  return parsed.data;
}

export function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

export { hashStream };
