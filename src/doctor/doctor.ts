import fs from 'node:fs';
import type { Config } from '../config/config.js';
import { acquireDataDirLock } from '../db/data-dir-lock.js';
import { openDatabase, type Database } from '../db/database.js';
import { openBlobStore } from '../storage/index.js';
import type { BlobStore } from '../storage/blob-store.js';
import { auditCheck, backupCheck, configCheck, databaseCheck, diskChecks, mailCheck, ocrChecks, sampleCheck, storageCheck, type Check, type DoctorContext } from './checks.js';

/**
 * Every check, in the order an operator fixes things: configuration, database, storage, disk, tools, mail,
 * audit chain, stored files, backups. A check that throws is itself reported; the doctor never stops halfway.
 */
export async function diagnose(ctx: DoctorContext): Promise<Check[]> {
  const checks: Check[] = [configCheck(ctx.config)];
  const steps: [string, () => Promise<Check | Check[]>][] = [
    ['Basis data', () => databaseCheck(ctx)],
    ['Penyimpanan berkas', async () => storageCheck(ctx)],
    ['Ruang disk', () => diskChecks(ctx.config)],
    ['OCR', () => ocrChecks(ctx.path)],
    ['Surel', () => mailCheck(ctx.config)],
    ['Jejak audit', () => auditCheck(ctx)],
    ['Contoh berkas', () => sampleCheck(ctx)],
    ['Cadangan', () => backupCheck(ctx)],
  ];
  for (const [area, step] of steps) {
    try {
      const r = await step();
      checks.push(...(Array.isArray(r) ? r : [r]));
    } catch (err) {
      checks.push({ area, status: 'fail', message: `pemeriksaan gagal: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return checks;
}

const LABEL: Record<Check['status'], string> = { ok: '[ OK ]    ', warn: '[PERHATIAN]', fail: '[PERBAIKI]', skip: '[DILEWATI]' };

export function formatReport(checks: Check[]): string {
  const lines = checks.map((c) => `${LABEL[c.status].padEnd(11)} ${c.area}: ${c.message}${c.fix ? `\n            → ${c.fix}` : ''}`);
  const failing = checks.filter((c) => c.status === 'fail');
  lines.push('');
  lines.push(failing.length === 0 ? 'Semua pemeriksaan penting lulus.' : `${failing.length} hal perlu diperbaiki (lihat tanda [PERBAIKI] di atas).`);
  return lines.join('\n');
}

/** Exit code: 0 when nothing needs fixing, 1 otherwise. */
export function exitCode(checks: Check[]): number {
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}

/**
 * `p2ma doctor`: opens what it can by itself (never through the normal start, which would stop at the first
 * problem), runs every check and prints what to fix. With the embedded database owned by a running server,
 * the database checks are skipped and say so.
 */
export async function runDoctor(config: Config, out: (s: string) => void = console.log): Promise<number> {
  let database: Database | null = null;
  let databaseProblem: DoctorContext['databaseProblem'] = null;
  let release = () => {};
  try {
    if (config.database.kind === 'pglite') {
      // Opening a directory that holds no database would create one: an empty database is not a finding.
      if (!fs.existsSync(config.database.dataDir)) throw new Error(`Belum ada basis data di ${config.database.dataDir} (server belum pernah dijalankan, atau DATA_DIR salah)`);
      release = acquireDataDirLock(config.dataDir);
    }
    database = await openDatabase(config.database);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    databaseProblem = /sedang dipakai/.test(message)
      ? { status: 'skip', message: `dilewati: ${message}`, fix: 'Hentikan server untuk pemeriksaan lengkap, atau jalankan pemeriksaan ini di server PostgreSQL.' }
      : { status: 'fail', message, fix: config.database.kind === 'postgres' ? 'Pastikan PostgreSQL berjalan dan DATABASE_URL benar (host, port, nama basis data, pengguna, sandi).' : 'Periksa DATA_DIR dan hak tulisnya.' };
  }
  let storage: BlobStore | null = null;
  let storageProblem: string | null = null;
  try {
    storage = await openBlobStore(config.storage);
  } catch (err) {
    storageProblem = err instanceof Error ? err.message : String(err);
  }
  try {
    const checks = await diagnose({ config, database, databaseProblem, storage, storageProblem, now: new Date(), path: process.env.PATH ?? '' });
    out(formatReport(checks));
    return exitCode(checks);
  } finally {
    await database?.close();
    release();
  }
}
