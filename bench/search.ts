/**
 * Search benchmark (document intelligence, part 3): N agreements (default 100,000) from seedRegistry, each
 * with one signed copy of PAGES pages of synthetic Indonesian agreement text, on PGlite and PostgreSQL; then
 * a mix of searches (common and rare words, phrases, typos in partner names and numbers, filters, a Kanwil's
 * scope): p50/p95 per engine and per query.
 *   node --import tsx bench/search.ts [N] [PAGES]     BENCH_DATABASES=pglite,postgres  BENCH_DATABASE_URL=…
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../src/access/access.js';
import { prepare } from '../src/bootstrap.js';
import { vacuumAnalyze } from '../src/db/maintenance.js';
import { loadConfig } from '../src/config/config.js';
import type { Db } from '../src/db/database.js';
import { searchQuery } from '../src/search/search.schemas.js';
import { search } from '../src/search/search.service.js';
import { percentile } from './lib.js';
import { seedRegistry } from './seed-registry.js';

const N = Number(process.argv[2] ?? 100_000);
const PAGES = Number(process.argv[3] ?? 1);
const RUNS = 200;

const WORDS = (
  'pihak pertama kedua sepakat melaksanakan kerja sama pembinaan warga binaan pemasyarakatan pelatihan keterampilan kemandirian ' +
  'pendidikan kesehatan layanan rehabilitasi narkotika sertifikasi kompetensi pemasaran produk hasil karya lembaga balai latihan kerja ' +
  'hak kewajiban pembiayaan anggaran pendapatan belanja negara daerah jangka waktu berlaku tahun terhitung sejak tanggal ditandatangani ' +
  'evaluasi pelaporan penyelesaian perselisihan musyawarah mufakat keadaan kahar perubahan adendum penutup rangkap bermeterai kekuatan ' +
  'hukum sama ruang lingkup maksud tujuan meningkatkan kualitas sumber daya manusia petugas instruktur bahan baku sarana prasarana'
).split(' ');
const RARE = ['budidaya', 'lele', 'hidroponik', 'barista', 'batik', 'pertukangan', 'otomotif', 'menjahit', 'roti', 'kerajinan', 'bambu', 'anyaman'];

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function pageText(): string {
  const out: string[] = [];
  for (let s = 0; s < 12; s++) {
    const n = 10 + Math.floor(rnd() * 10);
    const sentence = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
    if (rnd() < 0.15) sentence.splice(Math.floor(rnd() * n), 0, RARE[Math.floor(rnd() * RARE.length)]!);
    out.push(sentence.join(' ') + '.');
  }
  return out.join(' ');
}

/** One signed copy per agreement with PAGES pages of text, its pages searchable (as extraction leaves them). */
async function seedPages(db: Db, log: (s: string) => void): Promise<void> {
  const sha = crypto.createHash('sha256').update('bench').digest('hex');
  await db.insertInto('blobs').values({ sha256: sha, size: 1000, mime: 'application/pdf' }).onConflict((oc) => oc.doNothing()).execute();
  const t0 = Date.now();
  let last: string | null = null;
  let done = 0;
  for (;;) {
    // Agreements without a document yet, so an interrupted seeding resumes where it stopped.
    let q = db.selectFrom('agreements as a').select('a.id').where((eb) => eb.not(eb.exists(eb.selectFrom('documents as d').select('d.id').whereRef('d.agreement_id', '=', 'a.id')))).orderBy('a.id').limit(1000);
    if (last) q = q.where('a.id', '>', last);
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length === 0) break;
    last = ids.at(-1)!;
    await db.transaction().execute(async (tx) => {
      const docs = await tx
        .insertInto('documents')
        .values(ids.map((agreement_id) => ({ agreement_id, role: 'naskah_ttd' as const, filename: 'naskah.pdf', sha256: sha, size: 1000, mime: 'application/pdf', page_count: PAGES })))
        .returning(['id', 'agreement_id'])
        .execute();
      const rows = docs.flatMap((d) => Array.from({ length: PAGES }, (_, i) => ({ document_id: d.id, agreement_id: d.agreement_id, page: i + 1, text: pageText() })));
      await sql`
        insert into document_pages (document_id, agreement_id, page, searchable, method, text, tsv)
        select d, a, p, true, 'text', t, to_tsvector('p2ma_id', t)
        from unnest(${rows.map((r) => r.document_id)}::uuid[], ${rows.map((r) => r.agreement_id)}::uuid[], ${rows.map((r) => r.page)}::int[], ${rows.map((r) => r.text)}::text[]) as x(d, a, p, t)
      `.execute(tx);
      // What saveExtraction does per document (p2ma_refresh_document_search), for the whole batch at once.
      await sql`
        insert into agreement_texts (agreement_id, doc_tsv)
        select agreement_id, p2ma_tsvector_agg(tsv order by document_id, page) from document_pages where agreement_id = any(${ids}::uuid[]) group by agreement_id
      `.execute(tx);
    });
    done += ids.length;
    if (done % 10_000 === 0) {
      log(`pages: ${done * PAGES} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      // PGlite has no autovacuum: without fresh statistics the planner keeps the plans it made for empty tables.
      await sql`analyze documents, document_pages, agreement_texts`.execute(db);
    }
  }
  await sql`analyze`.execute(db);
}

/** BENCH_REUSE=1 keeps the seeded databases (PostgreSQL database, PGlite directory) for the next run. */
const REUSE = process.env.BENCH_REUSE === '1';
const PGLITE_DIR = path.join(os.tmpdir(), 'p2ma-bench-search-pglite');

async function freshPg(): Promise<string> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  const exists = (await c.query(`select 1 from pg_database where datname = 'p2ma_bench_search'`)).rowCount === 1;
  if (!REUSE || !exists) {
    await c.query('drop database if exists p2ma_bench_search with (force)');
    await c.query('create database p2ma_bench_search');
  }
  await c.end();
  const u = new URL(base);
  u.pathname = '/p2ma_bench_search';
  return u.toString();
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = REUSE && kind === 'pglite' ? PGLITE_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-search-'));
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1' };
  if (kind === 'postgres') env.DATABASE_URL = await freshPg();
  const { deps } = await prepare(loadConfig(env));
  const { db } = deps.database;
  const count = async (table: 'agreements' | 'agreement_texts') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if ((await count('agreement_texts')) >= N) console.log(`[${kind}] reusing ${N} seeded agreements with text`);
  else {
    const t0 = Date.now();
    if ((await count('agreements')) < N) await seedRegistry(db, N, (s) => console.log(`  [${kind}] ${s}`));
    const seeded = (Date.now() - t0) / 1000;
    const t1 = Date.now();
    await seedPages(db, (s) => console.log(`  [${kind}] ${s}`));
    console.log(`[${kind}] ${N} agreements in ${seeded.toFixed(0)} s (search vectors kept by triggers), ${N * PAGES} pages of text in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  }
  // What autovacuum does on a PostgreSQL server (the test server runs without it) and p2ma's scheduler does on
  // PGlite: statistics, and the visibility map the covering indexes need.
  const tv = Date.now();
  await vacuumAnalyze(deps.database);
  console.log(`[${kind}] vacuum (analyze) ${((Date.now() - tv) / 1000).toFixed(1)} s`);

  const user = async (username: string) => db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.unit_id', 'units.path']).where('users.username', '=', username).executeTakeFirstOrThrow();
  const [admin, kanwil] = [await user('admin'), await user('kanwil.jateng')];
  const actor = (u: typeof admin, role: Actor['role']): Actor => ({ userId: u.id, username: 'bench', displayName: 'bench', role, unitId: u.unit_id, unitPath: u.path, mustChangePassword: false, locale: 'id' });
  const sample = await db.selectFrom('agreements').select('number_first').where('number_first', 'is not', null).orderBy('id').offset(777).limit(1).executeTakeFirstOrThrow();
  const typoNumber = sample.number_first!.replace(/(\d)(\d)$/, '$2$1');
  const queries: { name: string; who: Actor; q: Record<string, string> }[] = [
    { name: 'common word', who: actor(admin, 'admin'), q: { q: 'pelatihan' } },
    { name: 'two words', who: actor(admin, 'admin'), q: { q: 'rehabilitasi narkotika' } },
    { name: 'phrase', who: actor(admin, 'admin'), q: { q: '"warga binaan"' } },
    { name: 'rare word (text)', who: actor(admin, 'admin'), q: { q: 'hidroponik' } },
    { name: 'partner typo', who: actor(admin, 'admin'), q: { q: 'Balai Latihn Kerja Cilacap' } },
    { name: 'number typo', who: actor(admin, 'admin'), q: { q: typoNumber } },
    { name: 'word + filters', who: actor(admin, 'admin'), q: { q: 'kesehatan', kind: 'pks', signingYear: '2024' } },
    { name: 'kanwil scope', who: actor(kanwil, 'verifikator'), q: { q: 'pelatihan keterampilan' } },
  ];
  const all: number[] = [];
  const per = new Map<string, number[]>();
  for (let i = 0; i < RUNS; i++) {
    const { name, who, q } = queries[i % queries.length]!;
    const t = performance.now();
    const r = await search(deps, who, searchQuery.parse({ ...q, page: String(1 + (i % 2)) }));
    const ms = performance.now() - t;
    if (i < queries.length) console.log(`  [${kind}] ${name}: ${r.total} hits, first: ${r.results[0]?.row.title.slice(0, 60) ?? '-'}`);
    all.push(ms);
    per.set(name, [...(per.get(name) ?? []), ms]);
  }
  all.sort((a, b) => a - b);
  console.log(`[${kind}] search over ${N} agreements + ${N * PAGES} pages, ${RUNS} runs: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms`);
  for (const [name, times] of per) {
    times.sort((a, b) => a - b);
    console.log(`  [${kind}] ${name.padEnd(18)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms`);
  }
  await deps.database.close();
  if (!REUSE) fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.availableParallelism()} cores)`);
for (const kind of (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[]) await run(kind);
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
