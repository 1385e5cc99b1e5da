import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';

describe.each(DATABASES)('the demo register on %s', (kind) => {
  let t: TestApp;
  let jateng: Session;
  beforeAll(async () => {
    t = await startTestApp(kind, {}, { demoRegister: true });
    jateng = await t.login('kanwil.jateng');
  });
  afterAll(async () => t?.close());

  it('shows a living register: every status, families, signed copies that can be downloaded, and reports with PNBP', async () => {
    const list = await jateng.req('GET', '/api/v1/agreements?pageSize=200');
    expect(list.body.total).toBeGreaterThanOrEqual(15);
    const statuses = new Set((list.body.agreements as { status: string }[]).map((a) => a.status));
    for (const s of ['draft', 'berlaku', 'akan_berakhir', 'berakhir', 'diperpanjang', 'diakhiri']) expect(statuses).toContain(s);
    const kinds = new Set((list.body.agreements as { kindCode: string }[]).map((a) => a.kindCode));
    expect([...kinds].sort()).toEqual(['adendum', 'mou', 'pks']);

    const withDoc = (list.body.agreements as { id: string; hasSignedDocument: boolean; title: string }[]).find((a) => a.hasSignedDocument && a.title.includes('Menjahit'))!;
    const detail = (await jateng.req('GET', `/api/v1/agreements/${withDoc.id}`)).body.agreement;
    expect(detail.family.parent.kind).toBe('Nota Kesepahaman');
    const docs = await jateng.req('GET', `/api/v1/agreements/${withDoc.id}/documents`);
    const doc = docs.body.documents[0];
    expect(doc).toMatchObject({ role: 'naskah_ttd', readable: true, pageCount: 1 });
    const content = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${doc.id}/content`, headers: { cookie: jateng.cookie } });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const reports = await jateng.req('GET', `/api/v1/agreements/${withDoc.id}/reports`);
    expect(reports.body.totals).toMatchObject({ reports: 2, beneficiaries: 75, pnbpAmount: 19_750_000 });
    const states = new Set((list.body.agreements as { workflowState: string }[]).map((a) => a.workflowState));
    for (const s of ['draft', 'diajukan', 'dikembalikan', 'diverifikasi', 'diterbitkan', 'ditetapkan_internal', 'ditarik']) expect(states).toContain(s);
    const queue = await jateng.req('GET', '/api/v1/workflow/queue');
    expect(queue.body.items.length).toBeGreaterThanOrEqual(3);
    const bell = await (await t.login('upt.karanganyar')).req('GET', '/api/v1/notifications');
    expect(bell.body.unread).toBeGreaterThan(0);
    const overview = (await jateng.req('GET', '/api/v1/monitoring/overview')).body;
    expect(overview.benefitsByYear.reduce((s: number, b: { pnbpAmount: number }) => s + b.pnbpAmount, 0)).toBeGreaterThan(20_000_000);
  });
});
