import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { agreementLines } from '../helpers/agreement-text.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { agreement, partner } from '../helpers/registry.js';

describe.each(DATABASES)('metadata suggestions from a document on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let psp: Session;
  let blk: string;
  let mou: string;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    const jateng = await t.login('kanwil.jateng');
    blk = await partner(kra, 'Balai Latihan Kerja Kabupaten Cilacap', 'sekolah_pelatihan');
    const pemprov = await partner(jateng, 'Pemerintah Provinsi Jawa Tengah', 'pemda');
    const m = await agreement(t, jateng, 'KW-33', [pemprov], { kindCode: 'mou', title: 'Nota Kesepahaman tentang Pembinaan Warga Binaan Pemasyarakatan', numberFirst: 'M.HH-05.HM.05.02 TAHUN 2023', scopeCodes: ['kepribadian'] });
    mou = m.body.agreement.id;
    const draft = await agreement(t, kra, 'UPT-33-LPSK-KRA', [blk], { title: 'Draf PKS dari berkas', signingDate: null, duration: null });
    const up = await uploadDocument(t, kra, draft.body.agreement.id, { role: 'naskah_ttd' }, { filename: 'pks.pdf', content: writeTextPdf(agreementLines()) });
    documentId = up.body.document.id;
  });
  afterAll(async () => t?.close());

  it('asks to wait while the text is being read', async () => {
    const res = await kra.req('GET', `/api/v1/documents/${documentId}/suggestions`);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'EXTRACTION_PENDING', message: 'Teks berkas ini belum selesai dibaca. Coba lagi sebentar lagi.' });
  });

  it('suggests the form fields with their passages, the umbrella MoU by its number and the known partner', async () => {
    await new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 30_000, pollMs: 50 }).drain();
    const res = await kra.req('GET', `/api/v1/documents/${documentId}/suggestions`);
    expect(res.status).toBe(200);
    const by = (field: string) => res.body.suggestions.filter((s: { field: string }) => s.field === field);
    expect(by('title')[0].value).toBe('Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan bagi Warga Binaan Pemasyarakatan');
    expect(by('signingDate')[0]).toEqual({ field: 'signingDate', value: '2024-06-27', snippet: { page: 1, text: expect.stringContaining('Kamis tanggal dua puluh tujuh bulan Juni') } });
    expect(by('duration')[0].value).toBe('3 tahun');
    expect(by('parentId')).toEqual([{ field: 'parentId', value: mou, extra: { title: 'Nota Kesepahaman tentang Pembinaan Warga Binaan Pemasyarakatan', number: 'M.HH-05.HM.05.02 Tahun 2023' }, snippet: expect.any(Object) }]);
    expect(by('partnerId')).toEqual([{ field: 'partnerId', value: blk, extra: { name: 'Balai Latihan Kerja Kabupaten Cilacap', party: 'kedua' }, snippet: expect.any(Object) }]);
    expect(by('signatory').map((s: { value: string }) => s.value)).toEqual(['Budi Santoso', 'Siti Rahmawati']);
  });

  it('is not found for a document outside the caller\'s scope', async () => {
    expect((await psp.req('GET', `/api/v1/documents/${documentId}/suggestions`)).status).toBe(404);
  });
});
