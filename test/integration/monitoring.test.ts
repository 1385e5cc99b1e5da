import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { agreement, partner } from '../helpers/registry.js';

describe.each(DATABASES)('implementation reports and the monitoring overview on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let psp: Session;
  let jateng: Session;
  let admin: Session;
  let pksId = '';

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    jateng = await t.login('kanwil.jateng');
    admin = await t.login('admin');
    const dinas = await partner(kra, 'Dinas Tenaga Kerja Kabupaten Cilacap', 'pemda');
    const koperasi = await partner(kra, 'CV Batik Nusakambangan', 'swasta');
    pksId = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [dinas], { signingDate: '2025-01-06', duration: '3 tahun' })).body.agreement.id;
    await agreement(t, kra, 'UPT-33-LPSK-KRA', [koperasi], { signingDate: '2024-02-01', endDate: '2026-12-20', duration: null, title: 'PKS tentang Pemasaran Batik Karya Warga Binaan', scopeCodes: ['pemasaran'] });
    await agreement(t, psp, 'UPT-33-LP-PSP', [dinas], { signingDate: '2021-03-01', duration: '2 tahun', title: 'PKS tentang Pelatihan Las' });
    await agreement(t, jateng, 'KW-33', [dinas], { kindCode: 'mou', signingDate: '2024-05-01', duration: '5 tahun', title: 'Nota Kesepahaman tentang Peningkatan Keterampilan Kerja' });
  });
  afterAll(async () => t?.close());

  it('records implementation reports with PNBP and non-money benefits and totals them per agreement', async () => {
    const first = await kra.req('POST', `/api/v1/agreements/${pksId}/reports`, {
      periodStart: '2025-01-01', periodEnd: '2025-06-30', activities: 'Pelatihan menjahit 3 angkatan', beneficiaries: 45, pnbpAmount: 12_500_000, benefitCodes: ['instruktur', 'sertifikat'], obstacles: 'Mesin jahit terbatas', suggestions: 'Tambah mesin',
    });
    expect(first.status).toBe(201);
    const second = await kra.req('POST', `/api/v1/agreements/${pksId}/reports`, { periodStart: '2025-07-01', periodEnd: '2025-12-31', activities: 'Produksi seragam untuk dinas', beneficiaries: 30, pnbpAmount: 7_500_000 });
    expect(second.body.totals).toEqual({ reports: 2, beneficiaries: 75, pnbpAmount: 20_000_000 });
    expect(second.body.reports[1].benefits.map((b: { code: string }) => b.code)).toEqual(['instruktur', 'sertifikat']);
    const bad = await kra.req('POST', `/api/v1/agreements/${pksId}/reports`, { periodStart: '2025-07-01', periodEnd: '2025-01-01', activities: 'Salah periode', pnbpAmount: -5, benefitCodes: ['uang_saku'] });
    expect(bad.status).toBe(400);
    expect(new Set((bad.body.error.fields as { path: string }[]).map((f) => f.path))).toEqual(new Set(['pnbpAmount']));
    const badDates = await kra.req('POST', `/api/v1/agreements/${pksId}/reports`, { periodStart: '2025-07-01', periodEnd: '2025-01-01', activities: 'Salah periode', benefitCodes: ['uang_saku'] });
    expect((badDates.body.error.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(['benefitCodes', 'periodEnd', 'periodEnd']);
    expect((await psp.req('POST', `/api/v1/agreements/${pksId}/reports`, { periodStart: '2025-01-01', periodEnd: '2025-02-01', activities: 'Bukan urusan saya' })).status).toBe(404);
    expect((await psp.req('GET', `/api/v1/agreements/${pksId}/reports`)).status).toBe(404);
  });

  it('gives a UPT its own figures and a Kanwil its UPTs rolled up, each within scope', async () => {
    const upt = (await kra.req('GET', '/api/v1/monitoring/overview')).body;
    expect(upt.unit.code).toBe('UPT-33-LPSK-KRA');
    expect(upt.totals).toMatchObject({ total: 2, berlaku: 1, akan_berakhir: 1 });
    expect(upt.endingWithin).toEqual({ d30: 1, d60: 1, d90: 1 });
    expect(upt.benefitsByYear).toEqual([{ year: 2025, pnbpAmount: 20_000_000, beneficiaries: 75, reports: 2 }]);

    const kanwil = (await jateng.req('GET', '/api/v1/monitoring/overview')).body;
    expect(kanwil.totals.total).toBe(4);
    const row = (code: string) => kanwil.byUnit.find((u: { code: string }) => u.code === code);
    expect(row('KW-33')).toMatchObject({ own: true, total: 1 });
    expect(row('UPT-33-LPSK-KRA')).toMatchObject({ total: 2 });
    expect(row('UPT-33-LP-PSP')).toMatchObject({ total: 1, berakhir: 1 });
    expect(row('UPT-33-BAPAS-NK')).toMatchObject({ total: 0 });
    expect(kanwil.byKind.find((k: { code: string }) => k.code === 'mou').count).toBe(1);
    expect(kanwil.byPartnerCategory.find((c: { code: string }) => c.code === 'pemda').count).toBe(3);
    expect(kanwil.bySigningYear).toEqual([{ year: 2021, count: 1 }, { year: 2024, count: 2 }, { year: 2025, count: 1 }]);
    expect(kanwil.withoutSignedDocument).toBe(4);

    const pspId = await unitIdByCode(t, 'UPT-33-LP-PSP');
    expect((await kra.req('GET', `/api/v1/monitoring/overview?unitId=${pspId}`)).status).toBe(404);
  });

  it('gives the Biro the whole country by Kanwil', async () => {
    const all = (await admin.req('GET', '/api/v1/monitoring/overview')).body;
    expect(all.unit.code).toBe('BIRO-HKPK');
    expect(all.totals.total).toBe(4);
    expect(all.byUnit.find((u: { code: string }) => u.code === 'KW-33').total).toBe(4);
    expect(all.byUnit.find((u: { code: string }) => u.code === 'KW-32').total).toBe(0);
  });
});
