import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/backup.js';
import { diagnose, exitCode, formatReport } from '../../src/doctor/doctor.js';
import type { DoctorContext } from '../../src/doctor/checks.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrate.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A directory standing in for PATH: only the tools a test puts there exist. */
function toolDir(tools: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-path-'));
  for (const [name, script] of Object.entries(tools)) fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return dir;
}
const FAKE_TESSERACT = 'if [ "$1" = "--list-langs" ]; then printf "List of available languages (2):\\neng\\nosd\\n"; else echo "tesseract 5.3.0"; fi';

describe.each(DATABASES)('p2ma doctor on %s', (kind) => {
  let t: TestApp;
  let backupDir: string;
  const ctx = (p: string): DoctorContext => ({ config: t.config, database: t.deps.database, databaseProblem: null, storage: t.deps.storage, storageProblem: null, now: new Date(), path: p });

  beforeAll(async () => {
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-doctor-backups-'));
    t = await startTestApp(kind, { BACKUP_DIR: backupDir, BACKUP_SCHEDULE: 'daily@02:00' });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('passes (exit 0) on a sound installation with a fresh backup, and says mail is not configured yet', async () => {
    // A name the server did not give: its age comes from the file itself, just written.
    await createBackup(t.deps, { out: path.join(backupDir, 'cadangan-hari-ini.tar.gz') });
    const checks = await diagnose(ctx(process.env.PATH ?? ''));
    const report = formatReport(checks);
    expect(report).toMatch(new RegExp(`\\[ OK \\]\\s+Basis data: .* skema ${LATEST_SCHEMA_VERSION}`));
    expect(report).toMatch(/\[ OK \]\s+Jejak audit: rantai utuh/);
    expect(report).toMatch(/\[PERHATIAN\] Surel: belum dikonfigurasi/);
    expect(report).toMatch(/\[ OK \]\s+Cadangan: cadangan terakhir 0 jam yang lalu/);
    expect(report).toContain('Semua pemeriksaan penting lulus.');
    expect(exitCode(checks)).toBe(0);
  });

  it('names a missing OCR tool and a missing Indonesian language pack, with the package to install', async () => {
    const none = await diagnose(ctx(toolDir({})));
    expect(formatReport(none)).toMatch(/\[PERBAIKI\]\s+OCR: tesseract tidak ditemukan \(tidak ada di PATH\)\n\s+→ Pasang: apt-get install tesseract-ocr tesseract-ocr-ind/);
    expect(formatReport(none)).toMatch(/\[PERBAIKI\]\s+OCR: pdftoppm tidak ditemukan/);
    expect(exitCode(none)).toBe(1);

    const noInd = await diagnose(ctx(toolDir({ tesseract: FAKE_TESSERACT, pdftoppm: 'echo "pdftoppm version 22.12.0" >&2' })));
    const report = formatReport(noInd);
    expect(report).toMatch(/\[PERBAIKI\]\s+OCR: data bahasa Indonesia \(ind\) untuk tesseract belum terpasang/);
    expect(report).toMatch(/\[ OK \]\s+OCR: pdftoppm version 22\.12\.0/);
  });

  it('reports a broken audit chain with the first broken entry', async () => {
    const { db } = t.deps.database;
    for (let i = 0; i < 3; i++) await t.login('admin');
    const victim = await db.selectFrom('audit_events').select('id').orderBy('id', 'desc').offset(1).limit(1).executeTakeFirstOrThrow();
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(db);
    await sql`update audit_events set actor_label = 'orang lain' where id = ${victim.id}`.execute(db);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(db);
    const checks = await diagnose(ctx(process.env.PATH ?? ''));
    expect(formatReport(checks)).toContain(`[PERBAIKI]  Jejak audit: rantai RUSAK pada entri #${victim.id}`);
    expect(exitCode(checks)).toBe(1);
  });
});

describe('the doctor command', () => {
  it('prints what to fix and exits 1 when OCR tools are missing and the database cannot be reached', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-doctor-cli-'));
    const env = { ...process.env, PATH: toolDir({}), LOG_LEVEL: 'silent', DATA_DIR: dir, DATABASE_URL: 'postgres://p2ma@127.0.0.1:9/tidakada' };
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, 'bin/p2ma.mjs'), 'doctor'], { env, cwd: ROOT }, (err, out) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: out }));
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stdout).toMatch(/\[PERBAIKI\]\s+Basis data: PostgreSQL tidak dapat dihubungi/);
    expect(stdout).toMatch(/→ Pastikan PostgreSQL berjalan dan DATABASE_URL benar/);
    expect(stdout).toMatch(/\[PERBAIKI\]\s+OCR: tesseract tidak ditemukan/);
    expect(stdout).toMatch(/\[DILEWATI\]\s+Jejak audit/);
    expect(stdout).toMatch(/\[PERBAIKI\]\s+Cadangan: belum ada cadangan/);
    expect(stdout).toMatch(/\d+ hal perlu diperbaiki/);
  });
});
