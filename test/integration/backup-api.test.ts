import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES, freshDatabase } from '../helpers/databases.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function p2ma(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = execFile(process.execPath, [path.join(ROOT, 'bin/p2ma.mjs'), ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

describe.each(DATABASES)('backups of the running server on %s', (kind) => {
  let t: TestApp;
  let backupDir: string;

  beforeAll(async () => {
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-api-backups-'));
    t = await startTestApp(kind, { BACKUP_DIR: backupDir });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('lets an admin start a backup, see it listed with size and age, and download it; every step audited', async () => {
    const admin = await t.login('admin');
    const started = await admin.req('POST', '/api/v1/admin/backups');
    expect(started.status).toBe(202);
    expect(started.body.backup).toMatchObject({ kind: 'manual', status: 'running', file: expect.stringMatching(/^p2ma-\d{8}T\d{6}Z-manual-[0-9a-f]{8}\.tar$/) });

    let list = await admin.req('GET', '/api/v1/admin/backups');
    for (let i = 0; i < 100 && list.body.runs[0]?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      list = await admin.req('GET', '/api/v1/admin/backups');
    }
    expect(list.body.runs[0]).toMatchObject({ id: started.body.backup.id, status: 'done', error: null });
    const file = list.body.files[0];
    expect(file).toMatchObject({ name: started.body.backup.file, kind: 'manual', ageHours: expect.any(Number) });
    expect(file.size).toBe(fs.statSync(path.join(backupDir, file.name)).size);

    const download = await t.app.inject({ method: 'GET', url: `/api/v1/admin/backups/${file.name}/content`, headers: { cookie: admin.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/x-tar');
    expect(download.rawPayload.equals(fs.readFileSync(path.join(backupDir, file.name)))).toBe(true);

    const audit = await t.deps.database.db.selectFrom('audit_events').select(['action', 'changes']).where('entity_type', '=', 'backup').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['backup.create', 'backup.download']);
  });

  it('refuses other roles, and names outside the backups directory', async () => {
    const verifier = await t.login('kanwil.jateng');
    expect((await verifier.req('POST', '/api/v1/admin/backups')).status).toBe(403);
    expect((await verifier.req('GET', '/api/v1/admin/backups')).status).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.req('GET', `/api/v1/admin/backups/${encodeURIComponent('../p2ma.lock')}/content`)).status).toBe(404);
    expect((await admin.req('GET', '/api/v1/admin/backups/tidak-ada.tar.gz/content')).status).toBe(404);
  });
});

describe('the backup and restore commands', () => {
  let t: TestApp;
  let work: string;
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-cli-backup-'));
    t = await startTestApp('postgres', {}, { demoRegister: true });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('backs up a PostgreSQL deployment and restores it into an empty embedded data directory; a damaged archive is refused', async () => {
    const source = { DATABASE_URL: t.config.database.kind === 'postgres' ? t.config.database.url : '', STORAGE_DIR: t.config.storage.dir, DATA_DIR: path.join(work, 'src') };
    const archive = path.join(work, 'cadangan.tar.gz');
    const backup = await p2ma(source, ['backup', '--out', archive]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Cadangan dibuat: .*cadangan\.tar\.gz/);

    const target = { DATA_DIR: path.join(work, 'baru') };
    const restore = await p2ma(target, ['restore', archive]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Pemulihan selesai .* baris, \d+ berkas/);
    expect(restore.stdout).toMatch(/Rantai jejak audit utuh: \d+ entri/);


    const pg = await freshDatabase('postgres');
    try {
      const bad = path.join(work, 'rusak.tar.gz');
      fs.writeFileSync(bad, fs.readFileSync(archive).subarray(0, 2000));
      const refused = await p2ma({ DATABASE_URL: pg.config.kind === 'postgres' ? pg.config.url : '', DATA_DIR: path.join(work, 'pg') }, ['restore', bad]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Gagal: Berkas cadangan rusak\.tar\.gz terpotong atau tidak lengkap/);
    } finally {
      await pg.drop();
    }
  });
});
