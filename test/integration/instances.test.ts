import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledBackup } from '../../src/backup/backup.service.js';
import { listBackupFiles } from '../../src/backup/backup-files.js';
import { prepare } from '../../src/bootstrap.js';
import { buildApp, type App } from '../../src/http/app.js';
import type { AppDeps } from '../../src/http/context.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../helpers/app.js';
import { insertAgreement, multipartBody } from '../helpers/fixtures.js';
import { makePdf } from '../helpers/pdf.js';

/** Two app instances on one PostgreSQL database and one storage directory, as behind a load balancer. */
describe('two instances sharing PostgreSQL and storage', () => {
  let a: TestApp;
  let b: { app: App; deps: AppDeps };
  let backupDir: string;

  beforeAll(async () => {
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-shared-backups-'));
    a = await startTestApp('postgres', { BACKUP_SCHEDULE: 'daily@02:00', BACKUP_DIR: backupDir, LOGIN_MAX_ATTEMPTS: '5' });
    const { deps } = await prepare(a.config, { now: a.clock.now, demoRegister: false });
    b = { deps, app: await buildApp(deps) };
    await b.app.ready();
  });
  afterAll(async () => {
    await b?.app.close();
    await b?.deps.database.close();
    await a?.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  const login = (app: App, username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('accepts on B a session created on A', async () => {
    const res = await login(a.app, 'kanwil.jateng', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = `p2ma_session=${res.cookies.find((c) => c.name === 'p2ma_session')!.value}`;
    const me = await b.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('kanwil.jateng');
  });

  it('counts failed sign-ins on both instances towards one lockout', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login(i % 2 === 0 ? a.app : b.app, 'kanwil.jabar', 'salah-sekali');
      expect(res.statusCode).toBe(401);
    }
    // Three failures on A and two on B: neither alone reached the limit of five, together they did.
    const right = await login(b.app, 'kanwil.jabar', DEMO_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('downloads on B a document uploaded on A', async () => {
    const s = await a.login('upt.karanganyar');
    const agreementId = await insertAgreement(a, { unitCode: 'UPT-33-LPSK-KRA' });
    const pdf = makePdf({ pages: 2, note: 'diunggah di instans A' });
    const { body, contentType } = multipartBody({ role: 'naskah_ttd' }, { filename: 'pks.pdf', content: pdf });
    const up = await a.app.inject({ method: 'POST', url: `/api/v1/agreements/${agreementId}/documents`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: body });
    expect(up.statusCode).toBe(201);
    const down = await b.app.inject({ method: 'GET', url: `/api/v1/documents/${up.json().document.id}/content`, headers: { cookie: s.cookie } });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
  });

  it('runs the scheduled backup once across both instances', async () => {
    const at = new Date('2026-05-01T19:30:00Z'); // 02:30 WIB, half an hour after daily@02:00
    const [ra, rb] = await Promise.all([runScheduledBackup(a.deps, at), runScheduledBackup(b.deps, at)]);
    expect([ra.ran, rb.ran].filter(Boolean)).toHaveLength(1);
    const runs = await a.deps.database.db.selectFrom('backup_runs').selectAll().execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ slot: 'daily:2026-05-02T02:00', kind: 'scheduled', status: 'done', error: null });
    const files = await listBackupFiles(backupDir);
    expect(files.map((f) => f.kind)).toEqual(['auto']);

    // Later the same day nothing new; the next day's slot runs again (on whichever instance asks first).
    expect((await runScheduledBackup(b.deps, new Date('2026-05-02T10:00:00Z'))).ran).toBe(false);
    expect((await runScheduledBackup(b.deps, new Date('2026-05-02T19:01:00Z'))).ran).toBe(true);
    expect(await a.deps.database.db.selectFrom('backup_runs').select('slot').orderBy('slot').execute()).toEqual([{ slot: 'daily:2026-05-02T02:00' }, { slot: 'daily:2026-05-03T02:00' }]);
  });
});
