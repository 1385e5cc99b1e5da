/**
 * Registry benchmarks (issue 3): with N agreements (default 100,000) on PGlite and on PostgreSQL,
 * the register list with two filters + count (p50/p95), and the whole-country monitoring overview.
 *   node --import tsx bench/registry.ts [N]      BENCH_DATABASE_URL=postgres://… for the server run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { list } from '../src/agreements/agreement.service.js';
import { listQuery } from '../src/agreements/agreement.schemas.js';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { overview } from '../src/monitoring/monitoring.service.js';
import type { Actor } from '../src/access/access.js';
import { percentile } from './lib.js';
import { seedRegistry } from './seed-registry.js';

const N = Number(process.argv[2] ?? 100_000);

async function freshPg(): Promise<string> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query('drop database if exists p2ma_bench with (force)');
  await c.query('create database p2ma_bench');
  await c.end();
  const u = new URL(base);
  u.pathname = '/p2ma_bench';
  return u.toString();
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-reg-'));
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1' };
  if (kind === 'postgres') env.DATABASE_URL = await freshPg();
  const { deps } = await prepare(loadConfig(env));
  const t0 = Date.now();
  await seedRegistry(deps.database.db, N, (s) => console.log(`  [${kind}] ${s}`));
  console.log(`[${kind}] seeded ${N} agreements in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const admin = await deps.database.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.unit_id', 'units.path']).where('users.username', '=', 'admin').executeTakeFirstOrThrow();
  const kanwil = await deps.database.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.unit_id', 'units.path']).where('users.username', '=', 'kanwil.jateng').executeTakeFirstOrThrow();
  const actor = (u: typeof admin, role: Actor['role']): Actor => ({ userId: u.id, username: 'bench', displayName: 'bench', role, unitId: u.unit_id, unitPath: u.path, mustChangePassword: false, locale: 'id' });
  const queries = [
    { who: actor(admin, 'admin'), q: { kind: 'pks', status: 'berlaku' } },
    { who: actor(admin, 'admin'), q: { status: 'akan_berakhir', partnerCategory: 'pemda' } },
    { who: actor(admin, 'admin'), q: { signingYear: '2024', scope: 'kesehatan' } },
    { who: actor(kanwil, 'verifikator'), q: { kind: 'pks', status: 'berakhir' } },
    { who: actor(admin, 'admin'), q: { endsWithinDays: '90', kind: 'pks' } },
  ];
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const { who, q } = queries[i % queries.length]!;
    const t = performance.now();
    await list(deps, who, listQuery.parse({ ...q, page: String(1 + (i % 3)) }));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`[${kind}] register list, two filters + count, 100 runs: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);

  const ot: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await overview(deps, actor(admin, 'admin'));
    ot.push(performance.now() - t);
  }
  ot.sort((a, b) => a - b);
  console.log(`[${kind}] monitoring overview, whole country, 10 runs: p50 ${percentile(ot, 50).toFixed(0)} ms, max ${ot.at(-1)!.toFixed(0)} ms`);
  await deps.database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

for (const kind of (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[]) await run(kind);
