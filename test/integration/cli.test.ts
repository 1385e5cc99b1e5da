import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, freshDatabase } from '../helpers/databases.js';
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrate.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/p2ma.mjs');

async function p2ma(env: Record<string, string>, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1', ...env }, cwd: ROOT });
  child.stdin?.end(stdin ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

// Each command is a process that opens the database (and, on first use, loads reference data): slow on a busy machine.
describe.each(DATABASES)('the p2ma command on %s', { timeout: 180_000 }, (kind) => {
  const env: Record<string, string> = {};
  let drop = async () => {};
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-cli-'));
    env.DATA_DIR = dir;
    // Reference data is enough here; the demo register would only slow every command down.
    env.DEMO = 'false';
    if (kind === 'postgres') {
      const db = await freshDatabase('postgres');
      env.DATABASE_URL = db.config.kind === 'postgres' ? db.config.url : '';
      drop = db.drop;
    }
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, creates an account with the password from standard input, issues a token and verifies the audit chain', async () => {
    const migrate = await p2ma(env, ['migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain(LATEST_SCHEMA_VERSION);

    const created = await p2ma(env, ['user', 'create', '--username', 'op.baru', '--role', 'operator', '--unit', 'KW-33', '--name', 'Operator Baru'], 'sandi-yang-panjang-1\n');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Akun op.baru (operator, Kantor Wilayah Jawa Tengah) dibuat.');

    const badRole = await p2ma(env, ['user', 'create', '--username', 'x.y', '--role', 'raja', '--unit', 'KW-33'], 'sandi-yang-panjang-1\n');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('Peran tidak dikenal: raja');

    const token = await p2ma(env, ['token', 'create', '--username', 'op.baru']);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^p2ma_[A-Za-z0-9_-]{40,}$/);

    const reset = await p2ma(env, ['user', 'reset-password', '--username', 'op.baru'], '');
    expect(reset.stdout).toMatch(/Kata sandi sementara untuk op.baru: [a-z2-9-]{19}/);

    const verify = await p2ma(env, ['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Rantai jejak audit utuh: \d+ entri diperiksa/);
  });
});

describe('starting the server', { timeout: 180_000 }, () => {
  async function start(env: Record<string, string>) {
    try {
      await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env }, timeout: 30_000 });
      return { code: 0, stderr: '' };
    } catch (err) {
      const e = err as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  }

  it('refuses to start with an invalid configuration and lists what is wrong', async () => {
    const res = await start({ PORT: 'abc', SESSION_IDLE_MINUTES: '1' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Konfigurasi tidak valid');
    expect(res.stderr).toContain('PORT');
    expect(res.stderr).toContain('SESSION_IDLE_MINUTES');
  });

  it('refuses to start when PostgreSQL cannot be reached, and says so', async () => {
    const res = await start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('PostgreSQL tidak dapat dihubungi');
  });

  it('refuses to start in production while a demo account keeps the published demo password', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-prod-'));
    try {
      // Demo mode seeds the demo accounts (the CLI prepares the database the same way the server does).
      expect((await p2ma({ DATA_DIR: dir }, ['audit', 'verify'])).code).toBe(0);
      const res = await start({ DATA_DIR: dir, NODE_ENV: 'production' });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Akun demo dengan kata sandi bawaan ditemukan');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start when the data directory cannot be written', async () => {
    const res = await start({ DATA_DIR: '/etc/hostname/p2ma' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Direktori data /etc/hostname/p2ma tidak dapat ditulis');
  });
});
