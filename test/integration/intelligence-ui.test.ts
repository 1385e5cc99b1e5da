import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { agreementLines } from '../helpers/agreement-text.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { agreement, partner } from '../helpers/registry.js';

/** The endpoints the staff app's search, extraction and "upload the signed document first" screens use. */
describe.each(DATABASES)('staff app intelligence endpoints on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let psp: Session;
  let pimpinan: Session;
  let blk: string;
  let kraUnit: string;
  let kraAgreement: string;

  const drain = () => new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 30_000, pollMs: 50 }).drain();

  beforeAll(async () => {
    t = await startTestApp(kind);
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    pimpinan = await t.login('pimpinan');
    kraUnit = await unitIdByCode(t, 'UPT-33-LPSK-KRA');
    blk = await partner(kra, 'Balai Latihan Kerja Kabupaten Cilacap', 'sekolah_pelatihan');
    const res = await agreement(t, kra, 'UPT-33-LPSK-KRA', [blk], { numberFirst: 'W13.PAS.KRA-HM.05.02-7781', numberSecond: '415.4/881/2025' });
    kraAgreement = res.body.agreement.id;
  });
  afterAll(async () => t?.close());

  describe('GET /search/suggest', () => {
    it('offers agreement numbers and partners with agreements in the caller\'s scope', async () => {
      const byNumber = await kra.req('GET', '/api/v1/search/suggest?q=KRA-HM.05');
      expect(byNumber.status).toBe(200);
      expect(byNumber.body.agreements).toEqual([
        { id: kraAgreement, title: 'Perjanjian Kerja Sama tentang Pelatihan Kemandirian Warga Binaan', numberFirst: 'W13.PAS.KRA-HM.05.02-7781', numberSecond: '415.4/881/2025', unitName: expect.stringContaining('Karanganyar') },
      ]);
      expect((await kra.req('GET', '/api/v1/search/suggest?q=881%2F2025')).body.agreements.map((a: { id: string }) => a.id)).toEqual([kraAgreement]);
      const byName = await kra.req('GET', '/api/v1/search/suggest?q=latihan%20kerja%20cilac');
      expect(byName.body.partners).toEqual([{ id: blk, name: 'Balai Latihan Kerja Kabupaten Cilacap', categoryName: expect.any(String), agreementCount: 1 }]);
      // A typo still finds the partner (trigram word similarity).
      expect((await kra.req('GET', '/api/v1/search/suggest?q=balai%20latihan%20kerja%20cilacab')).body.partners.map((p: { id: string }) => p.id)).toEqual([blk]);
    });

    it('shows nothing of another unit\'s agreements', async () => {
      const res = await psp.req('GET', '/api/v1/search/suggest?q=KRA-HM.05');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ agreements: [], partners: [] });
      expect((await psp.req('GET', '/api/v1/search/suggest?q=latihan%20kerja%20cilacap')).body.partners).toEqual([]);
    });

    it('refuses a query shorter than two characters, in the caller\'s language', async () => {
      const res = await kra.req('GET', '/api/v1/search/suggest?q=W', undefined, { 'accept-language': 'en' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /agreements/drafts and the signed document first', () => {
    let draftId = '';
    let documentId = '';

    it('creates a draft with a working title and no partner, then reads the uploaded document into suggestions', async () => {
      const res = await kra.req('POST', '/api/v1/agreements/drafts', { unitId: kraUnit, filename: 'pks-blk-cilacap.pdf' });
      expect(res.status).toBe(201);
      expect(res.body.agreement).toMatchObject({ title: 'Konsep dari berkas pks-blk-cilacap.pdf', kindCode: 'pks', partners: [], workflowState: 'draft', status: 'draft' });
      draftId = res.body.agreement.id;
      const history = await kra.req('GET', `/api/v1/agreements/${draftId}/history`);
      expect(history.body.events.map((e: { action: string }) => e.action)).toContain('agreement.create');

      const up = await uploadDocument(t, kra, draftId, { role: 'naskah_ttd' }, { filename: 'pks-blk-cilacap.pdf', content: writeTextPdf(agreementLines()) });
      expect(up.status).toBe(201);
      documentId = up.body.document.id;
      expect(up.body.document.extraction).toMatchObject({ state: 'queued' });
      await drain();
      const s = await kra.req('GET', `/api/v1/documents/${documentId}/suggestions`);
      expect(s.status).toBe(200);
      const fields = s.body.suggestions.map((x: { field: string; value: string }) => `${x.field}=${x.value}`);
      expect(fields).toEqual(expect.arrayContaining(['kindCode=pks', 'numberFirst=W13.PAS.PAS.6-HM.05.02-1234', `partnerId=${blk}`, 'scopeCode=kemandirian']));
      expect(s.body.suggestions.find((x: { field: string }) => x.field === 'scopeCode').snippet.text).toContain('pelatihan pengelasan');
    });

    it('is completed by the ordinary edit, which still requires a partner', async () => {
      const missing = await kra.req('PATCH', `/api/v1/agreements/${draftId}`, { title: 'Perjanjian Kerja Sama tentang Pelatihan Pengelasan', partnerIds: [] });
      expect(missing.status).toBe(400);
      const done = await kra.req('PATCH', `/api/v1/agreements/${draftId}`, { title: 'Perjanjian Kerja Sama tentang Pelatihan Pengelasan', partnerIds: [blk], scopeCodes: ['kemandirian'] });
      expect(done.status).toBe(200);
      expect(done.body.agreement.partners.map((p: { id: string }) => p.id)).toEqual([blk]);
    });

    it('refuses a unit outside the caller\'s scope, an unknown kind, and a role that may not write', async () => {
      const outside = await psp.req('POST', '/api/v1/agreements/drafts', { unitId: kraUnit, filename: 'x.pdf' });
      expect(outside.status).toBe(400);
      expect(outside.body.error.fields).toEqual([{ path: 'unitId', message: 'Unit pemrakarsa tidak ditemukan atau di luar cakupan Anda.' }]);
      expect((await kra.req('POST', '/api/v1/agreements/drafts', { unitId: kraUnit, filename: 'x.pdf', kindCode: 'nope' })).status).toBe(400);
      expect((await pimpinan.req('POST', '/api/v1/agreements/drafts', { unitId: kraUnit, filename: 'x.pdf' })).status).toBe(403);
      expect((await kra.req('POST', '/api/v1/agreements/drafts', { unitId: kraUnit, filename: '' })).status).toBe(400);
    });

    describe('POST /documents/{id}/extract', () => {
      it('reads a document again and is refused while a reading waits', async () => {
        const res = await kra.req('POST', `/api/v1/documents/${documentId}/extract`, {});
        expect(res.status).toBe(202);
        const job = await kra.req('GET', `/api/v1/jobs/${res.body.jobId}`);
        expect(job.body.job).toMatchObject({ kind: 'document.extract', state: 'queued', documentId });
        const docs = await kra.req('GET', `/api/v1/agreements/${draftId}/documents`);
        expect(docs.body.documents[0].extraction.state).toBe('queued');
        const again = await kra.req('POST', `/api/v1/documents/${documentId}/extract`, {});
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('EXTRACTION_PENDING');
        await drain();
        const after = await kra.req('GET', `/api/v1/agreements/${draftId}/documents`);
        expect(after.body.documents[0].extraction).toMatchObject({ state: 'done', method: 'text' });
        const history = await kra.req('GET', `/api/v1/agreements/${draftId}/history`);
        expect(history.body.events.map((e: { action: string }) => e.action)).toContain('document.reextract');
      });

      it('is not found outside the caller\'s scope and forbidden to a reading role', async () => {
        expect((await psp.req('POST', `/api/v1/documents/${documentId}/extract`, {})).status).toBe(404);
        expect((await pimpinan.req('POST', `/api/v1/documents/${documentId}/extract`, {})).status).toBe(403);
        expect((await kra.req('POST', '/api/v1/documents/00000000-0000-4000-8000-000000000000/extract', {})).status).toBe(404);
      });
    });
  });
});
