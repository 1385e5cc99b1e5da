/**
 * Foundation benchmarks (issue 2): cold start, idle memory, sign-in time, and requests per second for an
 * authenticated GET /api/v1/me against a bare Fastify handler in the same run. Prints its figures.
 *   npm run bench            (or: node --import tsx bench/foundation.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { percentile, rssMiB, startServer, stop } from './lib.js';

const DEMO_PASSWORD = 'demo-P2MA-2026';
const PORT = 3900;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-'));
const env = { PORT: String(PORT), DATA_DIR: dataDir, HOST: '127.0.0.1' };

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

const first = await startServer(env);
console.log(`cold start, empty data dir (initdb + migrations + reference + demo data): ${first.ms.toFixed(0)} ms`);
await stop(first.child);

const warm = await startServer(env);
console.log(`cold start, existing data dir (process start → first answered request): ${warm.ms.toFixed(0)} ms`);
await new Promise((r) => setTimeout(r, 5000));
console.log(`resident memory at idle (5 s after start): ${rssMiB(warm.child.pid!).toFixed(1)} MiB`);

const base = `http://127.0.0.1:${PORT}`;
const times: number[] = [];
let cookie = '';
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kanwil.jateng', password: DEMO_PASSWORD }) });
  times.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
times.sort((a, b) => a - b);
console.log(`sign-in (argon2id m=19 MiB, t=2, p=1), 20 sequential: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const me = await cannon({ url: `${base}/api/v1/me`, headers: { cookie }, connections: 10, duration });
if (me.non2xx > 0) throw new Error(`GET /me answered ${me.non2xx} non-2xx`);

const bare = Fastify();
const sample = await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).text();
bare.get('/me', async (_req, reply) => reply.type('application/json').send(sample));
await bare.listen({ port: PORT + 1, host: '127.0.0.1' });
const bareRes = await cannon({ url: `http://127.0.0.1:${PORT + 1}/me`, connections: 10, duration });
await bare.close();

console.log(`GET /api/v1/me (session lookup + user, PGlite), 10 connections ${duration} s: ${me.requests.average.toFixed(0)} req/s, p50 ${me.latency.p50} ms, p99 ${me.latency.p99} ms`);
console.log(`bare Fastify handler, same body, same run: ${bareRes.requests.average.toFixed(0)} req/s`);
console.log(`ratio P2MA / bare: ${(me.requests.average / bareRes.requests.average).toFixed(3)}`);

await stop(warm.child);
fs.rmSync(dataDir, { recursive: true, force: true });
