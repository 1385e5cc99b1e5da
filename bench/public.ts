/**
 * Public portal benchmark (issue 6): N published agreements (default 100,000), the real server, autocannon at
 * 50 connections on an agreement page, the search page's first page, a full-text search and — as the yardstick
 * of the same server in the same run — a static file; then the full CSV export's time and the server's RSS growth.
 *   node --import tsx bench/public.ts [N] [pglite|postgres|both]      BENCH_DATABASE_URL=postgres://… for PostgreSQL
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { percentile, rssMiB, startServer, stop } from './lib.js';
import { seedRegistry } from './seed-registry.js';

const N = Number(process.argv[2] ?? 100_000);
const KINDS = (process.argv[3] ?? 'both') === 'both' ? (['pglite', 'postgres'] as const) : [process.argv[3] as 'pglite' | 'postgres'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

async function freshPg(): Promise<string> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  const exists = (await c.query(`select 1 from pg_database where datname = 'p2ma_bench_public'`)).rowCount === 1;
  // BENCH_REUSE=1 keeps an already seeded database (seeding 100,000 takes minutes).
  if (process.env.BENCH_REUSE !== '1' || !exists) {
    await c.query('drop database if exists p2ma_bench_public with (force)');
    await c.query('create database p2ma_bench_public');
  }
  await c.end();
  const u = new URL(base);
  u.pathname = '/p2ma_bench_public';
  return u.toString();
}

/** Seeds the register, then publishes every signed agreement (public copy rows are not needed for pages). */
async function seed(env: Record<string, string>, kind: string) {
  const { deps } = await prepare(loadConfig(env));
  const have = Number((await deps.database.db.selectFrom('agreements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (have >= N) {
    console.log(`[${kind}] reusing ${have} seeded agreements`);
    return deps.database.close();
  }
  const t0 = Date.now();
  await seedRegistry(deps.database.db, N, (s) => console.log(`  [${kind}] ${s}`));
  await sql`update agreements set workflow_state = 'diterbitkan', confidentiality = 'public',
    published_at = now() - (random() * 700)::int * interval '1 day' where signing_date is not null`.execute(deps.database.db);
  await sql`analyze`.execute(deps.database.db);
  console.log(`[${kind}] seeded and published ${N} agreements in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await deps.database.close();
}

/** One address, or many in turn (`paths`: each request takes the next one, so most miss the page cache). */
async function load(url: string, paths?: string[]): Promise<{ rps: number; p50: number; p95: number; errors: number; requests: number }> {
  const times: number[] = [];
  let i = 0;
  const requests = paths ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[i++ % paths.length]! }) }] : undefined;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...(requests ? { requests } : {}) } as autocannon.Options, (err, res) => (err ? reject(err) : resolve(res)));
    // Every response's time, for a true p95 (autocannon's histogram reports p90 and p97.5).
    instance.on('response', (_c, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return { rps: r.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), errors: r.non2xx + r.errors, requests: times.length };
}

async function exportCsv(base: string, pid: number) {
  const before = rssMiB(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/public/v1/agreements.csv`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { ms, bytes, rssGrowth: peak - before };
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-public-'));
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1', PORT: kind === 'pglite' ? '3961' : '3962' };
  if (kind === 'postgres') env.DATABASE_URL = await freshPg();
  await seed(env, kind);
  // The open-data API's per-address limit would answer most of the load with 429.
  const { child, port } = await startServer({ ...env, PUBLIC_URL: `http://127.0.0.1:${env.PORT}`, PUBLIC_API_RATE_LIMIT: '1000000' });
  const base = `http://127.0.0.1:${port}`;
  try {
    const one = (await (await fetch(`${base}/api/public/v1/agreements?pageSize=1`)).json()) as { items: { url: string }[]; total: number; totalIsLowerBound: boolean };
    const agreementUrl = new URL(one.items[0]!.url).pathname;
    console.log(`[${kind}] ${one.totalIsLowerBound ? "more than " : ""}${one.total} published; agreement page ${agreementUrl}`);
    const targets = [
      ['static file (/assets/portal.css)', '/assets/portal.css'],
      ['agreement page', agreementUrl],
      ['list, first page (/kerja-sama)', '/kerja-sama'],
      ['search (/kerja-sama?q=pelatihan+menjahit)', '/kerja-sama?q=pelatihan+menjahit'],
      ['open-data list (/api/public/v1/agreements)', '/api/public/v1/agreements'],
    ] as const;
    // Uncached: every agreement of the first sitemap file in turn; searches over topic words × years × kinds.
    const sitemap = await (await fetch(`${base}/sitemaps/kerja-sama-1.xml`)).text();
    const pages = [...sitemap.matchAll(/<loc>[^<]*?(\/kerja-sama\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
    const words = ['menjahit', 'kesehatan', 'narkotika', 'kesetaraan', 'kerohanian', 'pemasaran', 'lele', 'pengelasan', 'hukum', 'pertanian', 'barista', 'sampah'];
    const places = ['Cilacap', 'Semarang', 'Surakarta', 'Magelang', 'Pekalongan', 'Tegal', 'Kudus', 'Pati', 'Bandung', 'Bogor', 'Garut', 'Medan'];
    const searches = words.flatMap((w) => ['', '&kind=mou', '&kind=pks'].flatMap((k) => [1, 2].flatMap((p) => [
      ...places.map((x) => `/kerja-sama?q=${w}+${x}${k}&page=${p}`),
      ...[2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => `/kerja-sama?q=${w}${k}&year=${y}&page=${p}`),
    ])));
    const cold = [
      [`agreement pages, ${pages.length} in turn (cache misses)`, agreementUrl, pages],
      [`searches, ${searches.length} in turn (cache misses)`, '/kerja-sama', searches],
    ] as const;
    const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
    for (const [name, url] of targets) {
      await fetch(base + url); // warm
      results[name] = await load(base + url);
    }
    for (const [name, url, paths] of cold) results[name] = await load(base + url, [...paths]);
    const staticRps = results[targets[0][0]]!.rps;
    console.log(`\n[${kind}] ${CONNECTIONS} connections, ${SECONDS} s each`);
    console.log('| target | req/s | p50 ms | p95 ms | non-2xx | vs static |');
    console.log('|---|---|---|---|---|---|');
    for (const name of [...targets.map((x) => x[0]), ...cold.map((x) => x[0])]) {
      const r = results[name]!;
      console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.errors} | ${(r.rps / staticRps).toFixed(2)} |`);
    }
    // Past one round of its addresses a "cache misses" target starts hitting the cache: say how far it got.
    for (const [name, , paths] of cold) console.log(`${name}: ${results[name]!.requests} requests over ${paths.length} addresses`);
    const csv = await exportCsv(base, child.pid!);
    console.log(`\n[${kind}] full CSV export: ${(csv.ms / 1000).toFixed(1)} s, ${(csv.bytes / 1024 / 1024).toFixed(1)} MiB, server peak RSS growth ${csv.rssGrowth.toFixed(0)} MiB`);
  } finally {
    await stop(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const kind of KINDS) await run(kind);
