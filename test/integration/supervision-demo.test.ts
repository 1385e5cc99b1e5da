import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { docxText } from '../helpers/report-text.js';

describe.each(DATABASES)('the demo supervision on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {}, { demoRegister: true });
  });
  afterAll(async () => t?.close());

  it('carries the article’s reported supervision with interviews, follow-ups (one overdue) and a report, and a planned one in Jawa Barat', async () => {
    const jateng = await t.login('kanwil.jateng');
    const list = (await jateng.req('GET', '/api/v1/supervisions')).body.supervisions;
    expect(list).toHaveLength(1);
    const plan = (await jateng.req('GET', `/api/v1/supervisions/${list[0].id}`)).body.supervision;
    expect(plan).toMatchObject({ status: 'dilaporkan', team: [{ username: 'pokja', role: 'ketua' }, { username: 'kanwil.jateng', role: 'anggota' }] });
    expect(plan.visits.map((v: { unit: { name: string } }) => v.unit.name).sort()).toEqual(['Bapas Kelas II Nusakambangan', 'Lapas Kelas IIA Pasir Putih', 'Lapas Khusus Kelas IIA Karanganyar']);
    for (const v of plan.visits) {
      expect(v.agreementsInForce).toBeGreaterThan(0);
      expect(v.assessed).toBe(v.agreementsInForce);
    }
    expect(plan.recommendations.some((r: { text: string }) => r.text.includes('selektif'))).toBe(true);
    expect(plan.followups.filter((f: { overdue: boolean }) => f.overdue)).toHaveLength(1);
    expect(plan.followups.map((f: { status: string }) => f.status).sort()).toEqual(['done', 'in_progress', 'open', 'open']);
    expect(plan.followups.some((f: { unregisteredId: string | null }) => f.unregisteredId)).toBe(true);

    const kra = plan.visits.find((v: { unit: { code: string } }) => v.unit.code === 'UPT-33-LPSK-KRA');
    const sheet = (await jateng.req('GET', `/api/v1/supervisions/${plan.id}/visits/${kra.id}`)).body.visit;
    expect(sheet.interviewees.value[0].name).toBe('Drs. Hendra Wijaya, M.Si.');
    expect(sheet.answers.length).toBeGreaterThan(20);

    const docx = await t.app.inject({ method: 'GET', url: `/api/v1/supervisions/${plan.id}/report.docx`, headers: { cookie: jateng.cookie } });
    const text = await docxText(docx.rawPayload);
    expect(text).toContain('Pelatihan Keterampilan Menjahit dan Sertifikasi Kompetensi bagi Warga Binaan');
    expect(text).toContain('Koperasi Nelayan Mina Sejahtera Cilacap');

    const jabar = await t.login('kanwil.jabar');
    const planned = (await jabar.req('GET', '/api/v1/supervisions')).body.supervisions;
    expect(planned.map((p: { status: string; region: string }) => [p.status, p.region])).toEqual([['direncanakan', 'Bandung, Jawa Barat']]);
    const kraUser = await t.login('upt.karanganyar');
    expect((await kraUser.req('GET', '/api/v1/followups?overdue=true')).body.followups).toHaveLength(1);
    const figures = (await (await t.login('pimpinan')).req('GET', `/api/v1/monitoring/supervision?year=${plan.visits[0].visitDate.slice(0, 4)}`)).body;
    expect(figures.unitsSupervised).toBe(3);
    expect(figures.followups.overdue).toBe(1);
  });
});
