/**
 * Document vault benchmark: a 50 MB PDF uploaded through the real HTTP server must stream to storage, so the
 * server's resident memory barely moves (target: growth under 20 MB). Also measures the download of the same
 * file and a second, identical upload (recognised, nothing written). Prints its figures.
 *   node --import tsx bench/upload.ts
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { makePdf, pdfChunks } from '../test/helpers/pdf.js';
import { rssMiB, startServer, stop } from './lib.js';

const DEMO_PASSWORD = 'demo-P2MA-2026';
const PORT = 3910;
const SIZE = 50 * 1024 * 1024 - 4096; // just under the default 50 MiB limit
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-upload-'));
const env = { PORT: String(PORT), DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
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
const pid = server.child.pid!;
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
const warmed = rssMiB(pid);
console.log(`server RSS idle ${idle.toFixed(1)} MiB; after a first small upload (multipart + pdf.js loaded) ${warmed.toFixed(1)} MiB`);

const big = await measured(() => upload({ path: bigFile, name: 'naskah-besar.pdf' }));
if (big.result.status !== 201) throw new Error(`upload failed: ${big.result.status} ${JSON.stringify(big.result.body)}`);
const doc = big.result.body.document;
console.log(
  `upload ${(bigSize / 1024 / 1024).toFixed(1)} MiB PDF (${doc.pageCount} pages counted, stored ${(big.result.body.storedBytes / 1024 / 1024).toFixed(1)} MiB): ` +
    `${big.ms.toFixed(0)} ms (${(bigSize / 1024 / 1024 / (big.ms / 1000)).toFixed(0)} MiB/s), RSS ${big.before.toFixed(1)} → peak ${big.peak.toFixed(1)} MiB, growth ${(big.peak - big.before).toFixed(1)} MiB`,
);

const again = await measured(() => upload({ path: bigFile, name: 'naskah-besar-lagi.pdf' }));
console.log(
  `same file again (recognised: duplicateOf ${again.result.body.duplicateOf ? 'set' : 'missing'}, stored ${again.result.body.storedBytes} bytes): ` +
    `${again.ms.toFixed(0)} ms, RSS growth ${(again.peak - again.before).toFixed(1)} MiB`,
);

const down = await measured(async () => {
  const res = await fetch(`${base}${doc.contentUrl}`, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
});
console.log(`download ${(down.result / 1024 / 1024).toFixed(1)} MiB: ${down.ms.toFixed(0)} ms, RSS growth ${(down.peak - down.before).toFixed(1)} MiB`);

const growth = big.peak - big.before;
console.log(growth < 20 ? `OK: upload memory growth ${growth.toFixed(1)} MiB < 20 MiB` : `OVER TARGET: upload memory growth ${growth.toFixed(1)} MiB ≥ 20 MiB`);

await stop(server.child);
fs.rmSync(dataDir, { recursive: true, force: true });
