/**
 * Import benchmark (registry issue): builds a 5,000-row Kanwil register as XLSX, then times upload, preview
 * and run through the HTTP API (in-process `inject`) on an embedded PGlite database, and the XLSX/CSV export
 * of the result. Target: upload + preview + run under 60 s. Prints its figures.
 *   node --import tsx bench/import.ts        (ROWS=… to change the size)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { prepare } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { DEMO_PASSWORD, DEMO_UPTS } from '../src/demo/demo-units.js';
import { buildApp } from '../src/http/app.js';

const ROWS = Number(process.env.ROWS ?? 5000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-import-'));
const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

async function buildRegister(rows: number): Promise<Buffer> {
  const units = DEMO_UPTS['33']!.map((u) => u.code);
  const partnerNames = Array.from({ length: 300 }, (_, i) => [`Pemerintah Desa Sumber Rejeki ${i + 1}`, `CV Karya Mandiri ${i + 1}`, `Yayasan Peduli Sesama ${i + 1}`][i % 3]!);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Register');
  ws.addRow(['No', 'Jenis', 'Nomor PKS', 'Judul', 'Mitra', 'Kategori Mitra', 'Kode Unit', 'Tanggal TTD', 'Jangka Waktu', 'Ruang Lingkup']);
  for (let i = 0; i < rows; i++) {
    const y = 2019 + (i % 7);
    const m = (i % 12) + 1;
    const d = (i % 28) + 1;
    const date = i % 3 === 0 ? new Date(Date.UTC(y, m - 1, d)) : i % 3 === 1 ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}` : `${d} ${['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][m - 1]} ${y}`;
    const row = ws.addRow([i + 1, i % 10 === 0 ? 'MoU' : 'PKS', `W13.PAS.PAS.6-HM.05.02-${10000 + i}`, `Perjanjian Kerja Sama tentang Pembinaan Kemandirian Warga Binaan angkatan ${i + 1}`, partnerNames[i % partnerNames.length], '', units[i % units.length], date, `${1 + (i % 5)} tahun`, 'Kemandirian; Layanan kesehatan']);
    if (date instanceof Date) row.getCell(8).numFmt = 'dd/mm/yyyy';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, filename: string, content: Buffer) {
  const boundary = `----bench${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dataDir, DEMO: 'true' });
const { deps } = await prepare(config);
const app = await buildApp(deps);
await app.ready();
try {
  let t0 = performance.now();
  const xlsx = await buildRegister(ROWS);
  console.log(`register: ${ROWS} rows, ${(xlsx.length / 1024).toFixed(0)} KB XLSX (built in ${ms(t0)})`);

  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'kanwil.jateng', password: DEMO_PASSWORD } });
  const cookie = `p2ma_session=${login.cookies.find((c) => c.name === 'p2ma_session')!.value}`;
  const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
  const unit = await deps.database.db.selectFrom('units').select('id').where('code', '=', 'KW-33').executeTakeFirstOrThrow();
  const total = performance.now();

  t0 = performance.now();
  const { body, contentType } = multipart({ unitId: unit.id }, 'register.xlsx', xlsx);
  const up = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, 'content-type': contentType }, payload: body });
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const imp = up.json().import as { id: string; suggestedMapping: Record<string, string> };
  console.log(`upload (store, sniff, read all rows, suggest mapping): ${ms(t0)}`);

  t0 = performance.now();
  const pv = await app.inject({ method: 'POST', url: `/api/v1/imports/${imp.id}/preview`, headers, payload: { mapping: imp.suggestedMapping, pageSize: 100 } });
  if (pv.statusCode !== 200) throw new Error(`preview: ${pv.statusCode} ${pv.body}`);
  console.log(`preview (dry run of every row, partner matching, duplicate check): ${ms(t0)}  counts ${JSON.stringify(pv.json().counts)}`);

  t0 = performance.now();
  const run = await app.inject({ method: 'POST', url: `/api/v1/imports/${imp.id}/run`, headers, payload: { skipInvalid: true } });
  if (run.statusCode !== 202 && run.statusCode !== 200) throw new Error(`run: ${run.statusCode} ${run.body}`);
  console.log(`run answered ${run.statusCode} after ${ms(t0)}`);
  let state = run.json().import as { status: string; processedRows: number; createdRows: number; skippedRows: number; invalidRows: number };
  let polls = 0;
  while (state.status === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    state = (await app.inject({ method: 'GET', url: `/api/v1/imports/${imp.id}`, headers: { cookie } })).json().import;
    polls++;
  }
  const runSeconds = (performance.now() - t0) / 1000;
  console.log(`run (background, ${polls} progress polls): ${runSeconds.toFixed(2)} s — ${state.status}, created ${state.createdRows}, already present ${state.skippedRows}, invalid ${state.invalidRows}; ${(state.createdRows / runSeconds).toFixed(0)} agreements/s`);
  console.log(`upload + preview + run: ${ms(total)} (target < 60 s)`);

  for (const ext of ['xlsx', 'csv'] as const) {
    t0 = performance.now();
    const before = process.memoryUsage().rss;
    const res = await app.inject({ method: 'GET', url: `/api/v1/agreements/export.${ext}`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`export ${ext}: ${res.statusCode}`);
    console.log(`export ${ext} of ${state.createdRows} agreements: ${ms(t0)}, ${(res.rawPayload.length / 1024).toFixed(0)} KB, RSS change ${((process.memoryUsage().rss - before) / 1024 / 1024).toFixed(1)} MiB (inject buffers the whole answer)`);
  }
} finally {
  await app.close();
  await deps.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
