import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { readPdfText } from '../../src/documents/text-reader.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { insertAgreement, uploadDocument } from '../helpers/fixtures.js';
import { agreementWithPii, SAMPLE_PII } from '../helpers/pii-fixtures.js';
import { renderGray, scannedPdf } from '../helpers/scan.js';

const limits = { pageTimeoutMs: 30_000, memoryMb: 512, maxPages: 100 };
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Mean grey value (0 black … 255 white) of a rectangle given in points, on a page rendered at `dpi`. */
function meanGray(pdf: Buffer, r: { x: number; y: number; width: number; height: number }, dpi = 72): number {
  const img = renderGray(pdf, dpi);
  const k = dpi / 72;
  let sum = 0;
  let n = 0;
  // the inside of the rectangle: its edges may be anti-aliased
  for (let y = Math.ceil((r.y + 1) * k); y < Math.floor((r.y + r.height - 1) * k); y++) {
    for (let x = Math.ceil((r.x + 1) * k); x < Math.floor((r.x + r.width - 1) * k); x++) {
      sum += img.data[y * img.width + x]!;
      n++;
    }
  }
  return n ? sum / n : NaN;
}

describe.each(DATABASES)('personal-data redaction and the public copy on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let psp: Session;
  let agreementId: string;
  let documentId: string;
  const original = writeTextPdf(agreementWithPii(SAMPLE_PII));
  const drain = () => new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 60_000, pollMs: 50 }).drain();

  beforeAll(async () => {
    t = await startTestApp(kind);
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const up = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'pks-bertanda-tangan.pdf', content: original });
    documentId = up.body.document.id;
  }, 60_000);
  afterAll(async () => t?.close());

  it('asks to wait until the text is read, then finds the NIK, phone and personal e-mail with their places, and never the officials', async () => {
    expect((await kra.req('GET', `/api/v1/documents/${documentId}/pii`)).body.error.code).toBe('EXTRACTION_PENDING');
    await drain();
    const res = await kra.req('GET', `/api/v1/documents/${documentId}/pii`);
    expect(res.status).toBe(200);
    const byKind = Object.fromEntries(res.body.findings.map((f: { kind: string; text: string }) => [f.kind, f.text]));
    expect(byKind).toEqual({ nik: SAMPLE_PII.nik, phone: SAMPLE_PII.phone, email: SAMPLE_PII.email });
    for (const f of res.body.findings) {
      expect(f).toMatchObject({ page: 1, located: true, redact: true });
      expect(f.boxes.length).toBeGreaterThan(0);
      expect(f.snippet.text).toBe(f.text);
    }
    // the official e-mail and the NIP stay
    expect(JSON.stringify(res.body.findings)).not.toMatch(/kemenkumham|19800101/);
    expect(res.body.publicCopy).toBeNull();
  });

  it('is not found for another UPT, and refuses ids that are not current findings', async () => {
    expect((await psp.req('GET', `/api/v1/documents/${documentId}/pii`)).status).toBe(404);
    expect((await psp.req('POST', `/api/v1/documents/${documentId}/public-copy`, { findingIds: [] })).status).toBe(404);
    const stale = await kra.req('POST', `/api/v1/documents/${documentId}/public-copy`, { findingIds: ['1:0-16:nik'] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PII_FINDINGS_CHANGED');
    const page = await kra.req('POST', `/api/v1/documents/${documentId}/public-copy`, { findingIds: [], rectangles: [{ page: 9, x: 1, y: 1, width: 5, height: 5 }] });
    expect(page.status).toBe(400);
  });

  it('makes an image-only public copy with the PII blacked out and the officials readable; the original stays as it was', async () => {
    const { body } = await kra.req('GET', `/api/v1/documents/${documentId}/pii`);
    const ids = body.findings.map((f: { id: string }) => f.id);
    const res = await kra.req('POST', `/api/v1/documents/${documentId}/public-copy`, { findingIds: ids, rectangles: [{ page: 1, x: 500, y: 20, width: 60, height: 30 }] });
    expect(res.status).toBe(202);
    expect(res.body.publicCopy).toMatchObject({ state: 'queued', findings: 3, resultDocument: null });
    await drain();
    const status = (await kra.req('GET', `/api/v1/documents/${documentId}/public-copy`)).body.publicCopy;
    expect(status).toMatchObject({ state: 'done', progress: { done: 1, total: 1 } });
    const copyId = status.resultDocument.id;

    const docs = (await kra.req('GET', `/api/v1/agreements/${agreementId}/documents`)).body.documents;
    const copy = docs.find((d: { id: string }) => d.id === copyId);
    expect(copy).toMatchObject({ role: 'salinan_publik', version: 1, current: true, mime: 'application/pdf', pageCount: 1 });
    const source = docs.find((d: { id: string }) => d.id === documentId);
    expect(source).toMatchObject({ role: 'naskah_ttd', sha256: sha(original) });
    const originalBack = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${documentId}/content`, headers: { cookie: kra.cookie } });
    expect(sha(originalBack.rawPayload)).toBe(sha(original));

    const pdf = (await t.app.inject({ method: 'GET', url: `/api/v1/documents/${copyId}/content`, headers: { cookie: kra.cookie } })).rawPayload;
    // no text layer at all: nothing under the black boxes can be copied out
    const layer = await readPdfText({ size: pdf.length, read: async (s, e) => pdf.subarray(s, e) }, limits);
    expect(layer.ok && layer.pages.join('').trim()).toBe('');
    for (const f of body.findings) for (const box of f.boxes) expect(meanGray(pdf, box, 100)).toBeLessThan(20);
    expect(meanGray(pdf, { x: 500, y: 20, width: 60, height: 30 }, 100)).toBeLessThan(20);

    // the copy's text as OCR reads it: officials and their positions readable, the PII gone
    const text = (await t.deps.database.db.selectFrom('document_pages').select('text').where('document_id', '=', copyId).execute()).map((p) => p.text).join('\n');
    expect(text).toMatch(/Budi Santoso/);
    expect(text).toMatch(/Siti Rahmawati/);
    expect(text).toMatch(/Kepala Balai Latihan Kerja/);
    expect(text.replace(/\D/g, '')).not.toContain(SAMPLE_PII.nik);
    expect(text).not.toMatch(/3456|gmail|wijaya@/i);

    const audit = await t.deps.database.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', 'in', ['document.public_copy_request', 'document.redact']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'document.public_copy_request', entity_id: documentId },
      { action: 'document.redact', entity_id: copyId },
    ]);
  }, 180_000);

  it('finds and blacks out a NIK on a scanned page through the OCR word boxes', async () => {
    const lines = agreementWithPii(SAMPLE_PII);
    const scan = scannedPdf([...lines.slice(10, 13), lines.find((l) => l.text.includes('Narahubung'))!], { dpi: 150 });
    const up = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'pindaian.pdf', content: scan });
    await drain();
    const res = await kra.req('GET', `/api/v1/documents/${up.body.document.id}/pii`);
    expect(res.status).toBe(200);
    const nik = res.body.findings.find((f: { kind: string }) => f.kind === 'nik');
    expect(nik).toMatchObject({ text: SAMPLE_PII.nik, located: true });
    expect(res.body.findings.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(['nik', 'phone', 'email']));
    const post = await kra.req('POST', `/api/v1/documents/${up.body.document.id}/public-copy`, { findingIds: res.body.findings.map((f: { id: string }) => f.id) });
    expect(post.status).toBe(202);
    await drain();
    const status = (await kra.req('GET', `/api/v1/documents/${up.body.document.id}/public-copy`)).body.publicCopy;
    expect(status.state).toBe('done');
    const pdf = (await t.app.inject({ method: 'GET', url: `/api/v1/documents/${status.resultDocument.id}/content`, headers: { cookie: kra.cookie } })).rawPayload;
    for (const box of nik.boxes) expect(meanGray(pdf, box, 100)).toBeLessThan(20);
  }, 240_000);
});
