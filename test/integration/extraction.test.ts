import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { anonymous, startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { agreementLines } from '../helpers/agreement-text.js';
import { DATABASES } from '../helpers/databases.js';
import { insertAgreement, uploadDocument } from '../helpers/fixtures.js';
import { makeEncryptedPdf, makePdf } from '../helpers/pdf.js';
import { deflateBombPdf, hasPoppler, noise, png, renderGray, scannedPdf } from '../helpers/scan.js';
import { makeDocx } from '../helpers/zip.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OCR = hasPoppler();
// Small limits so the hostile files hit them quickly; 200 dpi keeps OCR of the test pages short.
const ENV = { OCR_DPI: '200', EXTRACT_MAX_PAGES: '50', EXTRACT_MEMORY_MB: '128', EXTRACT_PAGE_TIMEOUT_SECONDS: '20' };

function runJobs(t: TestApp) {
  return new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 30_000, pollMs: 50 }).drain();
}

async function upload(t: TestApp, s: Session, agreementId: string, filename: string, content: Buffer, role = 'lampiran'): Promise<string> {
  const res = await uploadDocument(t, s, agreementId, { role }, { filename, content });
  expect(res.status).toBe(201);
  return res.body.document.id;
}

async function extraction(s: Session, agreementId: string, documentId: string) {
  const res = await s.req('GET', `/api/v1/agreements/${agreementId}/documents`);
  return res.body.documents.find((d: { id: string }) => d.id === documentId).extraction;
}

async function pages(t: TestApp, documentId: string) {
  return t.deps.database.db.selectFrom('document_pages').select(['page', 'method', 'text', 'words', 'searchable']).where('document_id', '=', documentId).orderBy('page').execute();
}

describe.each(DATABASES)('text extraction on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let agreementId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, ENV);
    kra = await t.login('upt.karanganyar');
    agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA', title: 'PKS pelatihan las dengan BLK Cilacap' });
  });
  afterAll(async () => t?.close());

  it('queues reading with every upload and reads a text PDF page by page, with progress on the job and the document', async () => {
    const pdf = writeTextPdf([...agreementLines(), ...Array.from({ length: 60 }, (_, i) => ({ text: `Baris lampiran ${i + 1}: jadwal pelatihan pengelasan.` }))]);
    const id = await upload(t, kra, agreementId, 'pks.pdf', pdf, 'naskah_ttd');
    const queued = await extraction(kra, agreementId, id);
    expect(queued).toEqual({ state: 'queued', pagesDone: 0, pagesTotal: null, method: null, error: null, characters: null });
    const job = (await kra.req('GET', `/api/v1/jobs?documentId=${id}`)).body.jobs[0];
    expect(job).toMatchObject({ kind: 'document.extract', state: 'queued', documentId: id });

    await runJobs(t);
    const n = (await t.deps.database.db.selectFrom('documents').select('page_count').where('id', '=', id).executeTakeFirstOrThrow()).page_count!;
    expect(n).toBeGreaterThan(1);
    expect(await extraction(kra, agreementId, id)).toEqual({ state: 'done', pagesDone: n, pagesTotal: n, method: 'text', error: null, characters: expect.any(Number) });
    expect((await kra.req('GET', `/api/v1/jobs/${job.id}`)).body.job).toMatchObject({ state: 'done', attempts: 1, progress: { done: n, total: n } });
    const stored = await pages(t, id);
    expect(stored.map((p) => [p.page, p.method, p.searchable])).toEqual(Array.from({ length: n }, (_, i) => [i + 1, 'text', true]));
    expect(stored[0]!.text).toContain('PERJANJIAN KERJA SAMA');
    expect(stored[0]!.text).toContain('Pada hari ini Kamis tanggal dua puluh tujuh bulan Juni');
    expect(stored[0]!.words).toBeNull();
  });

  it('reads a Word file with mammoth, and copies the text of identical content instead of reading it twice', async () => {
    const docx = makeDocx('Perjanjian Kerja Sama tentang Pemasaran Produk Warga Binaan');
    const id = await upload(t, kra, agreementId, 'draf.docx', docx);
    await runJobs(t);
    expect(await extraction(kra, agreementId, id)).toMatchObject({ state: 'done', method: 'docx', pagesDone: 1, pagesTotal: 1 });
    expect((await pages(t, id))[0]!.text).toBe('Perjanjian Kerja Sama tentang Pemasaran Produk Warga Binaan');

    const other = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const twin = await upload(t, kra, other, 'salinan.docx', docx);
    await runJobs(t);
    expect(await extraction(kra, other, twin)).toMatchObject({ state: 'done', method: 'docx' });
    expect((await pages(t, twin))[0]!.text).toBe('Perjanjian Kerja Sama tentang Pemasaran Produk Warga Binaan');
  });

  it('ends hostile and broken files as failed with an Indonesian reason, within limits, without holding up the others', async () => {
    const good = await upload(t, kra, agreementId, 'baik.pdf', writeTextPdf([{ text: 'Laporan pelaksanaan pelatihan pengelasan angkatan pertama.' }]));
    const encrypted = await upload(t, kra, agreementId, 'terkunci.pdf', makeEncryptedPdf());
    const whole = writeTextPdf(agreementLines());
    const truncated = await upload(t, kra, agreementId, 'terpotong.pdf', whole.subarray(0, Math.floor(whole.length * 0.4)));
    const tooMany = await upload(t, kra, agreementId, 'ribuan.pdf', makePdf({ pages: 400 }));
    const bomb = await upload(t, kra, agreementId, 'bom.pdf', await deflateBombPdf(700));
    const bigPng = await upload(t, kra, agreementId, 'raksasa.png', png(noise(8, 8), { width: 40_000, height: 40_000 }));
    const started = Date.now();
    await runJobs(t);
    expect(Date.now() - started).toBeLessThan(45_000);

    expect(await extraction(kra, agreementId, good)).toMatchObject({ state: 'done', method: 'text' });
    expect(await extraction(kra, agreementId, encrypted)).toMatchObject({ state: 'failed', error: 'Tidak dapat dibaca: PDF dilindungi kata sandi' });
    expect(await extraction(kra, agreementId, truncated)).toMatchObject({ state: 'failed', error: 'Tidak dapat dibaca: struktur PDF rusak atau tidak lengkap' });
    expect(await extraction(kra, agreementId, tooMany)).toMatchObject({ state: 'failed', error: 'Terlalu banyak halaman (400; batas 50)' });
    expect(await extraction(kra, agreementId, bomb)).toMatchObject({ state: 'failed', error: 'PDF terlalu rumit: pembacaan teks melampaui batas memori' });
    expect(await extraction(kra, agreementId, bigPng)).toMatchObject({ state: 'failed', error: 'Gambar terlalu besar (40000×40000 piksel; batas 60 megapiksel)' });
  });

  it.skipIf(!OCR)('recognises scanned pages with tesseract (word boxes kept), photos of text, and calls an image of noise empty', async () => {
    const scan = scannedPdf(agreementLines(), { pages: 1 });
    const scanned = await upload(t, kra, agreementId, 'pindaian.pdf', scan, 'naskah_ttd');
    const photo = png(renderGray(writeTextPdf([{ text: 'DAFTAR HADIR PELATIHAN PENGELASAN WARGA BINAAN', size: 16 }]), 150));
    const photoId = await upload(t, kra, agreementId, 'daftar-hadir.png', photo);
    const noiseId = await upload(t, kra, agreementId, 'bintik.png', png(noise()));
    await runJobs(t);

    expect(await extraction(kra, agreementId, scanned)).toEqual({ state: 'done', pagesDone: 1, pagesTotal: 1, method: 'ocr', error: null, characters: expect.any(Number) });
    const [page] = await pages(t, scanned);
    expect(page!.method).toBe('ocr');
    expect(page!.text).toMatch(/PERJANJIAN KERJA SAMA/);
    expect(page!.text).toMatch(/pelatihan|PELATIHAN/);
    const words = page!.words as { dpi: number; width: number; words: [number, number, number, number, number, string][] };
    expect(words.dpi).toBe(200);
    expect(words.width).toBeGreaterThan(1500);
    expect(words.words.some((w) => w[5] === 'PERJANJIAN' && w[4] > 50)).toBe(true);

    expect(await extraction(kra, agreementId, photoId)).toMatchObject({ state: 'done', method: 'ocr' });
    expect((await pages(t, photoId))[0]!.text).toMatch(/DAFTAR HADIR/);
    expect(await extraction(kra, agreementId, noiseId)).toMatchObject({ state: 'empty', error: expect.stringMatching(/^Tidak ada teks yang terbaca/) });
  });

  it('a superseded version and a deleted document leave search; the previous version comes back', async () => {
    const a = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const v1 = await upload(t, kra, a, 'v1.pdf', writeTextPdf([{ text: 'Versi pertama naskah kerja sama pemasaran produk.' }]), 'naskah_ttd');
    await runJobs(t);
    const v2 = await upload(t, kra, a, 'v2.pdf', writeTextPdf([{ text: 'Versi kedua naskah kerja sama pemasaran produk.' }]), 'naskah_ttd');
    await runJobs(t);
    expect((await pages(t, v1))[0]!.searchable).toBe(false);
    expect((await pages(t, v2))[0]!.searchable).toBe(true);
    expect((await kra.req('DELETE', `/api/v1/documents/${v2}`)).status).toBe(204);
    expect((await pages(t, v2))[0]!.searchable).toBe(false);
    expect((await pages(t, v1))[0]!.searchable).toBe(true);
  });
});

describe.each(DATABASES)('without OCR tools on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { ...ENV, OCR_TESSERACT: '/tidak/ada/tesseract', OCR_PDFTOPPM: '/tidak/ada/pdftoppm' });
  });
  afterAll(async () => t?.close());

  it('says so on the health endpoint, ends scans as "OCR tidak tersedia di server" and still reads text PDFs', async () => {
    const health = await anonymous(t, 'GET', '/api/v1/health');
    expect(health.body.ocr).toEqual({ tesseract: false, pdftoppm: false, languages: [], missingLanguages: ['ind', 'eng'], available: false });
    const kra = await t.login('upt.karanganyar');
    const agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const scan = await upload(t, kra, agreementId, 'pindaian.pdf', makePdf({ pages: 2 }));
    const photo = await upload(t, kra, agreementId, 'foto.png', png(noise(50, 50)));
    const text = await upload(t, kra, agreementId, 'naskah.pdf', writeTextPdf(agreementLines()), 'naskah_ttd');
    await runJobs(t);
    expect(await extraction(kra, agreementId, scan)).toEqual({ state: 'failed', pagesDone: 2, pagesTotal: 2, method: null, error: 'OCR tidak tersedia di server', characters: null });
    expect(await extraction(kra, agreementId, photo)).toMatchObject({ state: 'failed', error: 'OCR tidak tersedia di server' });
    expect(await extraction(kra, agreementId, text)).toMatchObject({ state: 'done', method: 'text' });
  });
});

describe('p2ma extract', () => {
  it('re-queues one document or all, and with --run reads them in the command itself', async () => {
    const t = await startTestApp('postgres');
    try {
      const kra = await t.login('upt.karanganyar');
      const agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
      const id = await upload(t, kra, agreementId, 'naskah.pdf', writeTextPdf(agreementLines()), 'naskah_ttd');
      const env = { DATABASE_URL: (t.config.database as { url: string }).url, STORAGE_DIR: t.config.storage.dir };
      const one = await p2ma(env, ['extract', '--document', id, '--run']);
      expect(one.stderr).toBe('');
      expect(one.stdout).toContain('1 berkas diantrekan untuk dibaca ulang.');
      expect(one.stdout).toContain('Selesai: 1 terbaca, 0 tanpa teks, 0 gagal.');
      expect(await extraction(kra, agreementId, id)).toMatchObject({ state: 'done', method: 'text' });

      const all = await p2ma(env, ['extract', '--all']);
      expect(all.stdout).toContain('1 berkas diantrekan untuk dibaca ulang.');
      expect(await extraction(kra, agreementId, id)).toMatchObject({ state: 'queued' });
      const again = await p2ma(env, ['extract', '--all']);
      // The job still waiting is reused, not doubled.
      expect((await t.deps.database.db.selectFrom('jobs').select('id').where('document_id', '=', id).where('state', '=', 'queued').execute()).length).toBe(1);
      expect(again.code).toBe(0);

      const bad = await p2ma(env, ['extract', '--document', '00000000-0000-0000-0000-000000000001']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Data tidak ditemukan.');
      const neither = await p2ma(env, ['extract']);
      expect(neither.stderr).toContain('Pilih salah satu: --document ID atau --all.');
    } finally {
      await t.close();
    }
  });
});

async function p2ma(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = execFile(process.execPath, [path.join(ROOT, 'bin/p2ma.mjs'), ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}
