import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { verifyAuditChain } from '../audit/audit.repository.js';
import { listBackupFiles } from '../backup/backup-files.js';
import { lastRun } from '../backup/backup-run.repository.js';
import { executedMigrations } from '../backup/catalog.repository.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { BlobMissingError, formatBytes, type BlobStore } from '../storage/blob-store.js';
import { sampleBlobs } from './doctor.repository.js';

export type Status = 'ok' | 'warn' | 'fail' | 'skip';
export interface Check {
  area: string;
  status: Status;
  message: string;
  /** What to do about it, in words an operator can follow. */
  fix?: string;
}

export interface DoctorContext {
  config: Config;
  database: Database | null;
  /** Why the database could not be opened (or why it was not tried), when `database` is null. */
  databaseProblem: { status: 'fail' | 'skip'; message: string; fix: string } | null;
  storage: BlobStore | null;
  storageProblem: string | null;
  now: Date;
  /** The PATH the OCR tools are looked up in (tests take a tool away by narrowing it). */
  path: string;
}

const KNOWN = Object.keys(migrations).sort();
const GIB = 1024 ** 3;
const SAMPLE = 20;

export function configCheck(c: Config): Check {
  const where = c.database.kind === 'pglite' ? `PGlite di ${c.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const summary = `NODE_ENV=${c.env}, basis data ${where}, penyimpanan ${c.storage.driver === 's3' ? `S3 bucket ${c.storage.s3?.bucket}` : c.storage.dir}`;
  if (c.production && c.publicUrl.startsWith('http://')) {
    return { area: 'Konfigurasi', status: 'warn', message: `${summary}; PUBLIC_URL ${c.publicUrl} bukan https`, fix: 'Pasang TLS di nginx dan isi PUBLIC_URL=https://… (lihat docs/deploy.md).' };
  }
  return { area: 'Konfigurasi', status: 'ok', message: summary };
}

export async function databaseCheck(ctx: DoctorContext): Promise<Check> {
  if (!ctx.database) return { area: 'Basis data', ...ctx.databaseProblem! };
  const applied = await executedMigrations(ctx.database.db);
  const version = applied.at(-1);
  const latest = KNOWN.at(-1)!;
  if (!version) return { area: 'Basis data', status: 'fail', message: 'terhubung, tetapi belum ada skema', fix: 'Jalankan "npx p2ma migrate", atau pulihkan cadangan dengan "npx p2ma restore BERKAS".' };
  if (!KNOWN.includes(version)) return { area: 'Basis data', status: 'fail', message: `skema ${version} lebih baru daripada program ini (${latest})`, fix: 'Pasang versi P2MA yang sesuai dengan basis data ini.' };
  if (version !== latest) return { area: 'Basis data', status: 'fail', message: `skema ${version}, program membutuhkan ${latest}`, fix: 'Jalankan "npx p2ma migrate" (atau mulai server: migrasi berjalan otomatis).' };
  return { area: 'Basis data', status: 'ok', message: `${ctx.database.kind} terhubung, skema ${version}` };
}

export function storageCheck(ctx: DoctorContext): Check {
  if (!ctx.storage) return { area: 'Penyimpanan berkas', status: 'fail', message: ctx.storageProblem ?? 'tidak dapat dibuka', fix: 'Periksa STORAGE_DRIVER dan pengaturannya (STORAGE_DIR atau S3_*); server tidak akan mulai tanpa penyimpanan ini.' };
  return { area: 'Penyimpanan berkas', status: 'ok', message: `${ctx.storage.description} dapat dipakai` };
}

/** Free space where data, files and backups live (each file system once). */
export async function diskChecks(c: Config): Promise<Check[]> {
  const dirs = [c.database.kind === 'pglite' ? c.dataDir : null, c.storage.driver === 'local' ? c.storage.dir : null, c.backup.dir].filter((d): d is string => d !== null);
  const seen = new Set<string>();
  const out: Check[] = [];
  for (const dir of dirs) {
    const existing = nearestExisting(dir);
    const s = await fs.promises.statfs(existing).catch(() => null);
    if (!s) continue;
    const key = `${s.type}:${s.blocks}:${s.bfree}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const free = s.bavail * s.bsize;
    const share = s.blocks > 0 ? s.bavail / s.blocks : 1;
    const message = `${dir}: sisa ${formatBytes(free)} (${Math.round(share * 100)}%)`;
    if (free < GIB || share < 0.05) out.push({ area: 'Ruang disk', status: 'fail', message, fix: 'Kosongkan ruang atau perbesar disk; cadangan dan unggahan akan gagal bila disk penuh.' });
    else if (share < 0.1) out.push({ area: 'Ruang disk', status: 'warn', message, fix: 'Ruang disk hampir habis; rencanakan penambahan.' });
    else out.push({ area: 'Ruang disk', status: 'ok', message });
  }
  return out;
}

export async function ocrChecks(searchPath: string): Promise<Check[]> {
  const out: Check[] = [];
  const version = await tool('tesseract', ['--version'], searchPath);
  if (!version.ok) {
    out.push({ area: 'OCR', status: 'fail', message: `tesseract tidak ditemukan (${version.error})`, fix: 'Pasang: apt-get install tesseract-ocr tesseract-ocr-ind' });
  } else {
    out.push({ area: 'OCR', status: 'ok', message: version.output.split('\n')[0]!.trim() });
    const langs = await tool('tesseract', ['--list-langs'], searchPath);
    const list = langs.output.split('\n').map((l) => l.trim());
    if (!langs.ok || !list.includes('ind')) out.push({ area: 'OCR', status: 'fail', message: 'data bahasa Indonesia (ind) untuk tesseract belum terpasang', fix: 'Pasang: apt-get install tesseract-ocr-ind' });
    else out.push({ area: 'OCR', status: 'ok', message: 'tesseract mengenal bahasa ind' });
  }
  const pdftoppm = await tool('pdftoppm', ['-v'], searchPath);
  if (!pdftoppm.ok) out.push({ area: 'OCR', status: 'fail', message: `pdftoppm tidak ditemukan (${pdftoppm.error})`, fix: 'Pasang: apt-get install poppler-utils' });
  else out.push({ area: 'OCR', status: 'ok', message: pdftoppm.output.split('\n')[0]!.trim() });
  return out;
}

export async function mailCheck(c: Config): Promise<Check> {
  const mail = (c as { mail?: { host: string | null; port: number } }).mail;
  if (!mail?.host) return { area: 'Surel', status: 'warn', message: 'belum dikonfigurasi (SMTP_HOST kosong): pemberitahuan tidak terkirim lewat surel', fix: 'Isi SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD dan MAIL_FROM.' };
  const reachable = await new Promise<string | null>((resolve) => {
    const socket = net.connect({ host: mail.host!, port: mail.port, timeout: 5000 });
    socket.once('connect', () => (socket.destroy(), resolve(null)));
    socket.once('timeout', () => (socket.destroy(), resolve('waktu habis')));
    socket.once('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message));
  });
  if (reachable) return { area: 'Surel', status: 'fail', message: `server SMTP ${mail.host}:${mail.port} tidak dapat dihubungi (${reachable})`, fix: 'Periksa SMTP_HOST/SMTP_PORT dan firewall.' };
  return { area: 'Surel', status: 'ok', message: `server SMTP ${mail.host}:${mail.port} dapat dihubungi` };
}

export async function auditCheck(ctx: DoctorContext): Promise<Check> {
  if (!ctx.database) return { area: 'Jejak audit', status: 'skip', message: 'dilewati (basis data tidak dapat dibuka)' };
  const r = await verifyAuditChain(ctx.database.db);
  if (r.brokenAt === null) return { area: 'Jejak audit', status: 'ok', message: `rantai utuh (${r.checked} entri)` };
  return {
    area: 'Jejak audit',
    status: 'fail',
    message: `rantai RUSAK pada entri #${r.brokenAt} (${r.reason}); ${r.checked} entri sebelumnya utuh`,
    fix: 'Jejak audit telah diubah di luar aplikasi. Amankan basis data, periksa siapa yang mengubahnya, dan bandingkan dengan cadangan terakhir yang utuh.',
  };
}

/** Re-hashes a random sample of stored files: a cheap daily look at whether the store still holds what it should. */
export async function sampleCheck(ctx: DoctorContext): Promise<Check> {
  if (!ctx.database || !ctx.storage) return { area: 'Contoh berkas', status: 'skip', message: 'dilewati (basis data atau penyimpanan tidak dapat dibuka)' };
  const rows = await sampleBlobs(ctx.database.db, SAMPLE);
  const bad: string[] = [];
  for (const row of rows) {
    const hash = crypto.createHash('sha256');
    try {
      for await (const chunk of await ctx.storage.get(row.sha256)) hash.update(chunk as Buffer);
      if (hash.digest('hex') !== row.sha256) bad.push(`${row.sha256.slice(0, 12)}… berubah`);
    } catch (err) {
      bad.push(`${row.sha256.slice(0, 12)}… ${err instanceof BlobMissingError ? 'hilang' : 'tidak terbaca'}`);
    }
  }
  if (bad.length > 0) return { area: 'Contoh berkas', status: 'fail', message: `${bad.length} dari ${rows.length} berkas contoh rusak: ${bad.slice(0, 3).join(', ')}`, fix: 'Jalankan "npx p2ma storage verify" untuk daftar lengkap, lalu pulihkan berkasnya dari cadangan.' };
  return { area: 'Contoh berkas', status: 'ok', message: `${rows.length} berkas acak diperiksa, semuanya cocok dengan SHA-256-nya` };
}

export async function backupCheck(ctx: DoctorContext): Promise<Check[]> {
  const { backup } = ctx.config;
  const out: Check[] = [];
  if (!backup.schedule) out.push({ area: 'Cadangan', status: 'warn', message: 'jadwal cadangan belum diatur (BACKUP_SCHEDULE=off)', fix: 'Isi BACKUP_SCHEDULE=daily@02:00 dan salin DATA_DIR/backups ke mesin lain (docs/deploy.md).' });
  const files = await listBackupFiles(backup.dir);
  const run = ctx.database ? await lastRun(ctx.database.db, 'done') : undefined;
  const failed = ctx.database ? await lastRun(ctx.database.db) : undefined;
  const times = [files[0]?.createdAt, run?.finished_at ?? undefined].filter((d): d is Date => d instanceof Date);
  const newest = times.sort((a, b) => b.getTime() - a.getTime())[0];
  const limitHours = backup.schedule ? 26 : 7 * 24;
  if (failed?.status === 'failed' && (!newest || failed.started_at > newest)) {
    out.push({ area: 'Cadangan', status: 'fail', message: `pencadangan terakhir (${failed.started_at.toISOString()}) GAGAL: ${failed.error ?? 'tanpa keterangan'}`, fix: 'Perbaiki penyebabnya, lalu buat cadangan: POST /api/v1/admin/backups atau "npx p2ma backup".' });
  }
  if (!newest) {
    out.push({ area: 'Cadangan', status: 'fail', message: `belum ada cadangan di ${backup.dir}`, fix: 'Buat cadangan sekarang ("npx p2ma backup" saat server berhenti, atau POST /api/v1/admin/backups) dan atur BACKUP_SCHEDULE.' });
    return out;
  }
  const hours = (ctx.now.getTime() - newest.getTime()) / 3_600_000;
  const age = hours < 48 ? `${Math.round(hours)} jam` : `${Math.round(hours / 24)} hari`;
  if (hours > limitHours) out.push({ area: 'Cadangan', status: 'fail', message: `cadangan terakhir ${age} yang lalu (${newest.toISOString()})`, fix: 'Buat cadangan baru dan periksa jadwalnya.' });
  else out.push({ area: 'Cadangan', status: 'ok', message: `cadangan terakhir ${age} yang lalu` });
  return out;
}

function tool(cmd: string, args: string[], searchPath: string): Promise<{ ok: boolean; output: string; error: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 10_000, env: { ...process.env, PATH: searchPath } }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (err) resolve({ ok: false, output, error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'tidak ada di PATH' : err.message.split('\n')[0]! });
      else resolve({ ok: true, output, error: '' });
    });
  });
}

function nearestExisting(dir: string): string {
  let d = path.resolve(dir);
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}
