/**
 * Document vault benchmark: 50 MB PDFs uploaded through the real HTTP server must stream to storage, so the
 * server's resident memory does not grow with the file (target: growth under 20 MB). Measures the first and
 * a later large upload, an identical re-upload (recognised, nothing written), a 200 MB upload (four times the
 * size: the growth must not follow), the download, and as the floor a bare Fastify + multipart server and a
 * bare node:http server receiving the same bytes. Prints its figures.
 *
 * Why the first large body of a process costs ~30 MiB everywhere, P2MA or not: each 64 KiB socket read is a
 * new off-heap buffer, freed only when V8 collects its small JavaScript handle; a fast upload allocates them
 * faster than the young generation fills, so ~30 MiB of read buffers are garbage before the first collection.
 * The allocator keeps those pages afterwards and reuses them, so later uploads of any size add nothing. The
 * figure that grows with the file would be buffering; it is the later uploads that show it does not.
 *   node --import tsx bench/upload.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { makePdf, pdfChunks } from '../test/helpers/pdf.js';
import { ROOT, rssMiB, startServer, stop, waitFor } from './lib.js';

const DEMO_PASSWORD = 'demo-P2MA-2026';
const PORT = 3910;
const SIZE = 50 * 1024 * 1024 - 4096; // just under the default 50 MiB limit
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-upload-'));
const HUGE = 200 * 1024 * 1024;
// The limit is raised for this benchmark only, to upload a file four times the default limit.
const env = { PORT: String(PORT), DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', UPLOAD_MAX_BYTES: String(HUGE + 1024 * 1024) };
const base = `http://127.0.0.1:${PORT}`;

// The agreement is written before the server starts: the embedded database admits one process at a time.
const { deps } = await prepare(loadConfig(env));
const unit = await deps.database.db.selectFrom('units').select('id').where('code', '=', 'UPT-33-LPSK-KRA').executeTakeFirstOrThrow();
const { id: agreementId } = await deps.database.db
  .insertInto('agreements')
  .values({ unit_id: unit.id, kind_code: 'pks', title: 'PKS uji unggah berkas besar' })
  .returning('id')
  .executeTakeFirstOrThrow();
await deps.database.close();

const bigFile = path.join(dataDir, 'naskah-besar.pdf');
await pipeline(pdfChunks({ pages: 12, fillerBytes: SIZE - 1200, note: 'bench' }), fs.createWriteStream(bigFile));
const bigSize = fs.statSync(bigFile).size;

const server = await startServer(env);
let pid = server.child.pid!;
const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'upt.karanganyar', password: DEMO_PASSWORD }) });
if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const { csrfToken } = (await login.json()) as { csrfToken: string };

/** Samples the server's VmRSS every 50 ms while `work` runs. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; before: number; peak: number }> {
  const before = rssMiB(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 50);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - t0, before, peak: Math.max(peak, rssMiB(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** Streams a file from disk as a multipart upload: the benchmark holds no more of it in memory than the server. */
function upload(file: { path?: string; buffer?: Buffer; name: string }): Promise<{ status: number; body: any }> {
  const boundary = '----p2maBenchBoundary7d1f';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="role"\r\n\r\nnaskah_ttd\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = file.path ? fs.statSync(file.path).size : file.buffer!.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/v1/agreements/${agreementId}/documents`,
      { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.write(head);
    if (file.buffer) {
      req.end(Buffer.concat([file.buffer, tail]));
      return;
    }
    const body = fs.createReadStream(file.path!);
    body.pipe(req, { end: false });
    body.on('end', () => req.end(tail));
    body.on('error', reject);
  });
}

const idle = rssMiB(pid);
const warm = await upload({ buffer: makePdf({ pages: 2, note: 'pemanasan' }), name: 'kecil.pdf' });
if (warm.status !== 201) throw new Error(`warm-up upload failed: ${warm.status} ${JSON.stringify(warm.body)}`);
await new Promise((r) => setTimeout(r, 1000));
console.log(`server RSS idle ${idle.toFixed(1)} MiB; after a first small upload (PDF checker thread started) ${rssMiB(pid).toFixed(1)} MiB`);

const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
async function bigUpload(label: string, file: string) {
  const run = await measured(() => upload({ path: file, name: path.basename(file) }));
  if (run.result.status !== 201) throw new Error(`upload failed: ${run.result.status} ${JSON.stringify(run.result.body)}`);
  const size = fs.statSync(file).size;
  const b = run.result.body;
  console.log(
    `${label}: ${mib(size)} MiB in ${run.ms.toFixed(0)} ms (${(size / 1024 / 1024 / (run.ms / 1000)).toFixed(0)} MiB/s), ${b.document.pageCount} pages counted, ` +
      `stored ${mib(b.storedBytes)} MiB${b.duplicateOf ? ' (recognised as a duplicate)' : ''}; RSS ${run.before.toFixed(1)} → peak ${run.peak.toFixed(1)} MiB, growth ${(run.peak - run.before).toFixed(1)} MiB`,
  );
  return { growth: run.peak - run.before, doc: b.document as { contentUrl: string } };
}

const first = await bigUpload('upload #1 (first large upload of this process)', bigFile);
const secondFile = path.join(dataDir, 'naskah-besar-2.pdf');
await pipeline(pdfChunks({ pages: 20, fillerBytes: SIZE - 1600, note: 'bench kedua' }), fs.createWriteStream(secondFile));
const second = await bigUpload('upload #2 (different 50 MB file)', secondFile);
const dup = await bigUpload('upload #3 (same bytes as #1)', bigFile);
const hugeFile = path.join(dataDir, 'naskah-200mb.pdf');
await pipeline(pdfChunks({ pages: 8, fillerBytes: HUGE - 1200, note: 'bench besar' }), fs.createWriteStream(hugeFile));
const huge = await bigUpload('upload #4 (200 MB, four times the size)', hugeFile);

const down = await measured(async () => {
  const res = await fetch(`${base}${first.doc.contentUrl}`, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
});
console.log(`download ${mib(down.result)} MiB: ${down.ms.toFixed(0)} ms, RSS growth ${(down.peak - down.before).toFixed(1)} MiB`);
await stop(server.child);

// Floors: the same bytes into a server that only drains them, in a fresh process each: what receiving a large
// body costs Node (and busboy) by themselves, before any P2MA code runs.
const BARE_FASTIFY = `
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
const app = Fastify();
await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024 } });
app.post('/api/v1/agreements/:id/documents', async (req) => { const part = await req.file(); for await (const _ of part.file); return { document: { pageCount: null }, storedBytes: 0 }; });
app.get('/api/v1/health', async () => 'ok');
await app.listen({ port: ${PORT}, host: '127.0.0.1' });`;
const BARE_HTTP = `
import http from 'node:http';
http.createServer(async (req, res) => {
  if (req.method === 'POST') for await (const _ of req);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ document: { pageCount: null }, storedBytes: 0 }));
}).listen(${PORT}, '127.0.0.1');`;
async function bare(label: string, code: string, file: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`${base}/api/v1/health`);
  pid = child.pid!;
  const run = await measured(() => upload({ path: file, name: 'bare.pdf' }));
  await stop(child);
  const growth = run.peak - run.before;
  console.log(`${label}, ${mib(fs.statSync(file).size)} MiB, first body of the process: ${run.ms.toFixed(0)} ms, RSS growth ${growth.toFixed(1)} MiB`);
  return growth;
}
const bareFastify = await bare('bare Fastify + multipart', BARE_FASTIFY, bigFile);
const bareHttp = await bare('bare node:http', BARE_HTTP, bigFile);
const bareHttpHuge = await bare('bare node:http', BARE_HTTP, hugeFile);

const verdict = (g: number) => (g < 20 ? 'under' : 'OVER');
console.log(
  `target 20 MiB: upload #2 (50 MB) ${second.growth.toFixed(1)} MiB (${verdict(second.growth)}), duplicate ${dup.growth.toFixed(1)} MiB (${verdict(dup.growth)}), ` +
    `200 MB ${huge.growth.toFixed(1)} MiB (${verdict(huge.growth)}); the process's first large body ${first.growth.toFixed(1)} MiB ` +
    `(bare Fastify ${bareFastify.toFixed(1)}, bare node:http ${bareHttp.toFixed(1)} for 50 MB and ${bareHttpHuge.toFixed(1)} for 200 MB: a one-time cost of Node, not of the file's size)`,
);
fs.rmSync(dataDir, { recursive: true, force: true });
