/**
 * Registry benchmarks (issue 3): with N agreements (default 100,000) on PGlite and on PostgreSQL,
 * the register list with two filters + count (p50/p95), and the whole-country monitoring overview: computed
 * from scratch (first view of the day), from stored unit figures, and after one agreement changed.
 *   node --import tsx bench/registry.ts [N]      BENCH_DATABASE_URL=postgres://… for the server run
 *   BENCH_REUSE=1 keeps the seeded databases for the next run; BENCH_DATABASES=pglite|postgres picks one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { list } from '../src/agreements/agreement.service.js';
import { listQuery } from '../src/agreements/agreement.schemas.js';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { vacuumAnalyze } from '../src/db/maintenance.js';
import { overview } from '../src/monitoring/monitoring.service.js';
import type { Actor } from '../src/access/access.js';
import { percentile } from './lib.js';
import { seedRegistry } from './seed-registry.js';

const N = Number(process.argv[2] ?? 100_000);

/** BENCH_REUSE=1 keeps the seeded databases (PostgreSQL database, PGlite directory) for the next run. */
const REUSE = process.env.BENCH_REUSE === '1';
const PGLITE_DIR = path.join(os.tmpdir(), 'p2ma-bench-registry-pglite');

async function freshPg(): Promise<string> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  const exists = (await c.query(`select 1 from pg_database where datname = 'p2ma_bench'`)).rowCount === 1;
  if (!REUSE || !exists) {
    await c.query('drop database if exists p2ma_bench with (force)');
    await c.query('create database p2ma_bench');
  }
  await c.end();
  const u = new URL(base);
  u.pathname = '/p2ma_bench';
  return u.toString();
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = REUSE && kind === 'pglite' ? PGLITE_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-reg-'));
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1' };
  if (kind === 'postgres') env.DATABASE_URL = await freshPg();
  const { deps } = await prepare(loadConfig(env));
  const have = Number((await deps.database.db.selectFrom('agreements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (have >= N) console.log(`[${kind}] reusing ${have} seeded agreements`);
  else {
    const t0 = Date.now();
    await seedRegistry(deps.database.db, N - have, (s) => console.log(`  [${kind}] ${s}`));
    console.log(`[${kind}] seeded ${N - have} agreements in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // What autovacuum does on a PostgreSQL server (the test server runs without it) and p2ma's scheduler does
  // on PGlite: fresh statistics and a visibility map, so the covering indexes answer without the table.
  const tv = Date.now();
  await vacuumAnalyze(deps.database);
  console.log(`[${kind}] vacuum (analyze) ${((Date.now() - tv) / 1000).toFixed(1)} s`);

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
  const { db } = deps.database;
  const times: number[] = [];
  const perQuery = queries.map(() => [] as number[]);
  for (let i = 0; i < 100; i++) {
    const { who, q } = queries[i % queries.length]!;
    const t = performance.now();
    await list(deps, who, listQuery.parse({ ...q, page: String(1 + (i % 3)) }));
    const ms = performance.now() - t;
    times.push(ms);
    perQuery[i % queries.length]!.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(`[${kind}] register list, two filters + count, 100 runs: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
  queries.forEach(({ q }, i) => {
    const t = perQuery[i]!.sort((a, b) => a - b);
    console.log(`  [${kind}] ${JSON.stringify(q).padEnd(52)} p50 ${percentile(t, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(t, 95).toFixed(1).padStart(6)} ms`);
  });

  const admin1 = actor(admin, 'admin');
  const timed = async (runs: number, before: () => Promise<unknown> = async () => {}) => {
    const ts: number[] = [];
    for (let i = 0; i < runs; i++) {
      await before();
      const t = performance.now();
      await overview(deps, admin1);
      ts.push(performance.now() - t);
    }
    return ts.sort((a, b) => a - b);
  };
  const fmt = (ts: number[]) => `p50 ${percentile(ts, 50).toFixed(0)} ms, p95 ${percentile(ts, 95).toFixed(0)} ms, max ${ts.at(-1)!.toFixed(0)} ms`;
  // From scratch: no stored unit figures (the first view of a day, or after a restore).
  const cold = await timed(5, () => sql`delete from monitoring_unit_figures`.execute(db));
  console.log(`[${kind}] monitoring overview, whole country, computed from scratch, 5 runs: ${fmt(cold)}`);
  const warm = await timed(20);
  console.log(`[${kind}] monitoring overview, whole country, stored unit figures, 20 runs: ${fmt(warm)}`);
  // An agreement edited between two views: its unit's figures are recomputed, the others reused.
  const some = await db.selectFrom('agreements').select('id').where('deleted_at', 'is', null).orderBy('id').limit(10).execute();
  let k = 0;
  const edited = await timed(10, () => db.updateTable('agreements').set({ updated_at: new Date() }).where('id', '=', some[k++ % some.length]!.id).execute());
  console.log(`[${kind}] monitoring overview, whole country, after one agreement changed, 10 runs: ${fmt(edited)}`);
  await deps.database.close();
  if (!REUSE) fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.availableParallelism()} cores)`);
for (const kind of (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[]) await run(kind);
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
