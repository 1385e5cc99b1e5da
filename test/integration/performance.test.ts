import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { makePdf } from '../helpers/pdf.js';
import { agreement, partner } from '../helpers/registry.js';

/**
 * The overview is served from each unit's stored figures (migration 0008). These tests change the register
 * in every way the figures depend on, through the API and straight in the database, and expect the very
 * next overview to show it: stored figures must never be stale.
 */
describe.each(DATABASES)('overview figures and register pages stay exact on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let jateng: Session;
  let jabar: Session;
  let admin: Session;
  let dinas = '';
  let pksId = '';
  const overview = async (s: Session) => (await s.req('GET', '/api/v1/monitoring/overview')).body;

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    [kra, jateng, jabar, admin] = [await t.login('upt.karanganyar'), await t.login('kanwil.jateng'), await t.login('kanwil.jabar'), await t.login('admin')];
    dinas = await partner(kra, 'Dinas Kesehatan Kabupaten Cilacap', 'pemda');
    pksId = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [dinas], { signingDate: '2025-01-06', duration: '3 tahun' })).body.agreement.id;
  });
  afterAll(async () => t?.close());

  it('shows every change to the register in the next overview, and only within scope', async () => {
    const before = await overview(admin);
    expect(before.totals).toMatchObject({ total: 1, berlaku: 1 });
    expect(before.withoutSignedDocument).toBe(1);
    expect(before.byPartnerCategory.find((c: { code: string }) => c.code === 'pemda').count).toBe(1);
    expect((await overview(admin)).totals).toEqual(before.totals);

    // A signed copy arrives.
    const up = await uploadDocument(t, kra, pksId, { role: 'naskah_ttd' }, { filename: 'naskah.pdf', content: makePdf({ pages: 1 }) });
    expect(up.status).toBe(201);
    expect((await overview(admin)).withoutSignedDocument).toBe(0);

    // A report with PNBP.
    const report = await kra.req('POST', `/api/v1/agreements/${pksId}/reports`, { periodStart: '2026-01-01', periodEnd: '2026-06-30', activities: 'Layanan kesehatan', beneficiaries: 12, pnbpAmount: 3_000_000 });
    expect(report.status).toBe(201);
    expect((await overview(admin)).benefitsByYear).toEqual([{ year: 2026, pnbpAmount: 3_000_000, beneficiaries: 12, reports: 1 }]);

    // The partner becomes a private company.
    expect((await admin.req('PATCH', `/api/v1/partners/${dinas}`, { categoryCode: 'swasta' })).status).toBe(200);
    const recategorised = await overview(admin);
    expect(recategorised.byPartnerCategory.find((c: { code: string }) => c.code === 'pemda').count).toBe(0);
    expect(recategorised.byPartnerCategory.find((c: { code: string }) => c.code === 'swasta').count).toBe(1);

    // Another unit (in another province, written straight to the database) renews it: the renewed agreement's
    // own unit was not written to, yet its status changes.
    const skm = await unitIdByCode(t, 'UPT-32-LP-SKM');
    const renewal = await agreement(t, jabar, 'UPT-32-LP-SKM', [dinas], { signingDate: '2026-11-01', duration: '2 tahun', title: 'PKS perpanjangan' });
    expect(renewal.status).toBe(201);
    await t.deps.database.db.updateTable('agreements').set({ renews_id: pksId }).where('id', '=', renewal.body.agreement.id).execute();
    const renewed = await overview(admin);
    expect(renewed.totals).toMatchObject({ total: 2, diperpanjang: 1, berlaku: 1 });
    expect(renewed.byUnit.find((u: { code: string }) => u.code === 'KW-32')).toMatchObject({ total: 1, berlaku: 1 });
    // Each Kanwil sees its own subtree only.
    expect((await overview(jateng)).totals).toMatchObject({ total: 1, diperpanjang: 1 });
    expect((await overview(jabar)).totals).toMatchObject({ total: 1, berlaku: 1 });
    expect((await admin.req('GET', `/api/v1/monitoring/overview?unitId=${skm}`)).body.totals.total).toBe(1);

    // Deleted, the renewal no longer renews: the first agreement is in force again.
    expect((await jabar.req('DELETE', `/api/v1/agreements/${renewal.body.agreement.id}`)).status).toBe(204);
    expect((await overview(admin)).totals).toMatchObject({ total: 1, berlaku: 1, diperpanjang: 0 });
  });

  it('moves statuses with the date even when nothing was written', async () => {
    expect((await overview(kra)).totals).toMatchObject({ total: 1, berlaku: 1 });
    // Sessions expire over a year, so each day signs in afresh.
    const on = async (iso: string) => {
      t.clock.current = new Date(iso);
      return overview(await t.login('upt.karanganyar'));
    };
    const soon = await on('2027-12-01T03:00:00Z'); // within 90 days of the end (2028-01-05)
    expect(soon.totals).toMatchObject({ total: 1, akan_berakhir: 1 });
    expect(soon.endingWithin).toEqual({ d30: 0, d60: 1, d90: 1 });
    expect((await on('2028-02-01T03:00:00Z')).totals).toMatchObject({ total: 1, berakhir: 1 });
    expect((await on('2026-11-29T03:00:00Z')).totals).toMatchObject({ total: 1, berlaku: 1 });
    kra = await t.login('upt.karanganyar');
  });

  it('pages the register in a stable order with the total of every match, no end date counting as never ending', async () => {
    const open = await agreement(t, kra, 'UPT-33-LPSK-KRA', [dinas], { signingDate: '2020-03-01', duration: null, endDate: null, title: 'PKS tanpa batas waktu' });
    expect(open.status).toBe(201);
    await agreement(t, kra, 'UPT-33-LPSK-KRA', [dinas], { signingDate: null, duration: null, title: 'PKS draf' });
    const all = (await kra.req('GET', '/api/v1/agreements?pageSize=200')).body;
    expect(all.total).toBe(3);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const r = (await kra.req('GET', `/api/v1/agreements?pageSize=1&page=${page}`)).body;
      expect(r.total).toBe(3);
      pages.push(r.agreements[0].id);
    }
    expect(pages).toEqual(all.agreements.map((i: { id: string }) => i.id));
    // Newest signed first, the draft (no signing date) last.
    expect(all.agreements.map((i: { title: string }) => i.title).at(-1)).toBe('PKS draf');
    const inForce = (await kra.req('GET', '/api/v1/agreements?status=berlaku')).body;
    expect(inForce.agreements.map((i: { title: string }) => i.title).sort()).toEqual(['PKS tanpa batas waktu', 'Perjanjian Kerja Sama tentang Pelatihan Kemandirian Warga Binaan']);
    expect(inForce.total).toBe(2);
    expect((await kra.req('GET', '/api/v1/agreements?page=9')).body).toMatchObject({ total: 3, agreements: [] });
  });
});
