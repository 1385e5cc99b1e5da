import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { docxText, pdfText } from '../helpers/report-text.js';
import { articlePlan, articleRegister, BAPAS, extraUser, KRA, op, PSP, question, type ArticleRegister } from '../helpers/supervision.js';

/** The article's supervision end to end through the API: plan, interviews, assessments, report, scope. */
describe.each(DATABASES)('supervision of cooperation on %s', (kind) => {
  let t: TestApp;
  let admin: Session, pokja: Session, jateng: Session, jabar: Session, kra: Session, psp: Session, pokjaJabar: Session;
  let reg: ArticleRegister;
  let planId = '';
  let visits: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    [admin, pokja, jateng, jabar, kra, psp] = (await Promise.all(['admin', 'pokja', 'kanwil.jateng', 'kanwil.jabar', 'upt.karanganyar', 'upt.pasirputih'].map((u) => t.login(u)))) as Session[] as [Session, Session, Session, Session, Session, Session];
    pokjaJabar = await extraUser(t, 'pokja.jabar', 'pokja', 'KW-32');
    reg = await articleRegister(t, admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (s: Session, id: string) => s.req('GET', `/api/v1/supervisions/${id}`);
  const worksheet = async (s: Session, unitCode: string) => (await s.req('GET', `/api/v1/supervisions/${planId}/visits/${visits[unitCode]}`)).body.visit;

  it('plans the visit of the Biro Pokja to three Jawa Tengah UPTs, with the Kanwil on the team', async () => {
    const res = await articlePlan(t, pokja, jateng.userId);
    expect(res.status).toBe(201);
    const plan = res.body.supervision;
    planId = plan.id;
    expect(plan.status).toBe('direncanakan');
    expect(plan.template).toMatchObject({ key: 'default', version: 1 });
    expect(plan.team.map((m: { username: string; role: string }) => `${m.role}:${m.username}`)).toEqual(['ketua:pokja', 'anggota:kanwil.jateng']);
    expect(plan.visits.map((v: { unit: { name: string } }) => v.unit.name)).toEqual(['Lapas Kelas IIA Pasir Putih', 'Lapas Khusus Kelas IIA Karanganyar', 'Bapas Kelas II Nusakambangan']);
    for (const v of plan.visits) visits[v.unit.code] = v.id;
    expect(plan.visits.find((v: { unit: { code: string } }) => v.unit.code === KRA).agreementsInForce).toBe(2);
    expect(plan.permissions).toEqual({ manage: true, record: true });
    // The audit trail names the new plan.
    const audit = await admin.req('GET', `/api/v1/audit?entityId=${planId}`);
    expect(JSON.stringify(audit.body)).toContain('supervision.create');
  });

  it('lists the unit’s agreements in force with documents and reports at hand (not its drafts)', async () => {
    const v = await worksheet(pokja, KRA);
    expect(v.unit.name).toBe('Lapas Khusus Kelas IIA Karanganyar');
    expect(v.agreements.map((a: { id: string }) => a.id).sort()).toEqual([reg.kraJahit, reg.kraRehab].sort());
    expect(v.agreements[0]).toMatchObject({ documents: 0, reports: 0, status: 'berlaku' });
    expect(v.template.questions.map((q: { code: string }) => q.code)).toEqual(expect.arrayContaining(['latar_belakang', 'jangka_waktu', 'implementasi', 'profit_uang', 'nilai_manfaat_unit', 'kendala', 'saran']));
    expect(v.permissions.record).toBe(true);
  });

  it('records interviews, answers, ratings, assessments, kendala/saran and an unregistered agreement', async () => {
    const v = await worksheet(pokja, KRA);
    const q = (code: string) => question(v, code);
    const answers = (agreementId: string, values: Record<string, unknown>) =>
      Object.entries(values).map(([code, value]) => ({ opId: op(), type: 'answer.set', visitId: v.id, agreementId, questionId: q(code), value, baseRevision: 0 }));
    const res = await pokja.req('POST', `/api/v1/supervisions/${planId}/sync`, {
      ops: [
        { opId: op(), type: 'interviewees.set', visitId: v.id, baseRevision: 0, interviewees: [{ name: 'Drs. Hendra Wijaya, M.Si.', position: 'Kepala Lapas Khusus Kelas IIA Karanganyar' }, { name: 'Rina Marlina', position: 'Kepala Seksi Kegiatan Kerja' }] },
        ...answers(reg.kraJahit, { latar_belakang: 'Kebutuhan keterampilan kerja warga binaan menjelang bebas.', jangka_waktu: '3 tahun, akan diperpanjang', sudah_berjalan: true, implementasi: 'Dua angkatan pelatihan menjahit, 75 peserta bersertifikat.', profit_uang: 12_500_000, penerima_manfaat: 75, nilai_pelaksanaan: 4, nilai_manfaat_unit: 4, nilai_manfaat_mitra: 3, nilai_kesesuaian_tusi: 4, nilai_kelengkapan_dokumen: 2 }),
        ...answers(reg.kraRehab, { latar_belakang: 'Tingginya jumlah warga binaan kasus narkotika.', sudah_berjalan: true, nilai_pelaksanaan: 3, nilai_manfaat_unit: 3 }),
        { opId: op(), type: 'assessment.set', visitId: v.id, agreementId: reg.kraJahit, baseRevision: 0, benefitsUnit: true, mutual: true, recommendation: 'perpanjang', note: 'Layak diperpanjang; lengkapi laporan pelaksanaan.' },
        { opId: op(), type: 'assessment.set', visitId: v.id, agreementId: reg.kraRehab, baseRevision: 0, benefitsUnit: true, mutual: false, recommendation: 'perbaiki', note: 'Manfaat bagi mitra belum jelas.' },
        { opId: op(), type: 'answer.set', visitId: v.id, agreementId: null, questionId: q('kendala'), value: 'Mitra sering mengganti jadwal instruktur.', baseRevision: 0 },
        { opId: op(), type: 'answer.set', visitId: v.id, agreementId: null, questionId: q('saran'), value: 'Pendampingan penyusunan naskah dari Kanwil.', baseRevision: 0 },
        { opId: op(), type: 'answer.set', visitId: v.id, agreementId: null, questionId: q('salinan_diserahkan'), value: 'Sebagian', baseRevision: 0 },
        { opId: op(), type: 'findings.set', visitId: v.id, baseRevision: 0, findings: 'Kerja sama yang masih berlaku telah memberikan profit kepada UPT.' },
        { opId: op(), type: 'unregistered.add', visitId: v.id, partnerName: 'CV Batik Nusakambangan Lestari', title: 'Pemasaran Produk Batik Warga Binaan', note: 'Naskah asli disimpan di bagian kegiatan kerja.' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.every((r: { status: string; replayed: boolean }) => r.status === 'applied' && !r.replayed)).toBe(true);
    const unreg = res.body.results.at(-1);
    expect(unreg.id).toBeTruthy();
    expect(unreg.followupId).toBeTruthy();

    // The Kanwil member records Pasir Putih's interview in the same plan.
    const vp = await worksheet(jateng, PSP);
    const rp = await jateng.req('POST', `/api/v1/supervisions/${planId}/sync`, {
      ops: [
        { opId: op(), type: 'interviewees.set', visitId: vp.id, baseRevision: 0, interviewees: [{ name: 'Bambang Sutrisno', position: 'Kepala Lapas Kelas IIA Pasir Putih' }] },
        { opId: op(), type: 'answer.set', visitId: vp.id, agreementId: reg.pspLas, questionId: question(vp, 'nilai_manfaat_unit'), value: 4, baseRevision: 0 },
        { opId: op(), type: 'assessment.set', visitId: vp.id, agreementId: reg.pspLas, baseRevision: 0, benefitsUnit: true, mutual: true, recommendation: 'lanjutkan', note: null },
        { opId: op(), type: 'answer.set', visitId: vp.id, agreementId: null, questionId: question(vp, 'kendala'), value: 'Lahan praktik las terbatas.', baseRevision: 0 },
      ],
    });
    expect(rp.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const after = await worksheet(pokja, KRA);
    expect(after.interviewees.value).toHaveLength(2);
    expect(after.interviewees.revision).toBe(1);
    expect(after.unregistered[0]).toMatchObject({ partnerName: 'CV Batik Nusakambangan Lestari', followupId: unreg.followupId });
    expect(after.answers.find((a: { questionId: string; agreementId: string }) => a.agreementId === reg.kraJahit && a.questionId === question(after, 'profit_uang'))).toMatchObject({ value: 12_500_000, revision: 1, updatedBy: { id: pokja.userId } });
    const plan = (await get(pokja, planId)).body.supervision;
    // The first recorded interview moved the plan from planned to running.
    expect(plan.status).toBe('berjalan');
    expect(plan.visits.find((x: { unit: { code: string } }) => x.unit.code === KRA)).toMatchObject({ answered: 2, assessed: 2, unregistered: 1 });
    // The agreement "belum terdaftar" became the unit's follow-up to hand in its copy.
    expect(plan.followups).toHaveLength(1);
    expect(plan.followups[0]).toMatchObject({ unit: { name: 'Lapas Khusus Kelas IIA Karanganyar' }, status: 'open', dueDate: '2026-12-19', unregisteredId: unreg.id });
  });

  it('gives recommendations and follow-ups, which the unit and its Kanwil answer with evidence', async () => {
    const general = await pokja.req('POST', `/api/v1/supervisions/${planId}/recommendations`, { unitId: null, text: 'UPT agar selektif dalam menjalin kerja sama dengan pihak luar: kerja sama harus menguntungkan kedua belah pihak.' });
    expect(general.status).toBe(201);
    const kraId = await unitIdByCode(t, KRA);
    const rec = await pokja.req('POST', `/api/v1/supervisions/${planId}/recommendations`, { unitId: kraId, text: 'Menyerahkan salinan seluruh naskah kerja sama kepada Kantor Wilayah.' });
    const fu = await pokja.req('POST', `/api/v1/supervisions/${planId}/followups`, { unitId: kraId, title: 'Menyusun laporan pelaksanaan PKS pelatihan menjahit semester II', dueDate: '2026-11-25', recommendationId: rec.body.recommendation.id, agreementId: reg.kraJahit });
    expect(fu.status).toBe(201);
    expect(fu.body.followup).toMatchObject({ overdue: true, status: 'open', permissions: { manage: true, answer: false } });
    const bapasFu = await pokja.req('POST', `/api/v1/supervisions/${planId}/followups`, { unitId: await unitIdByCode(t, BAPAS), title: 'Mengunggah naskah PKS pendampingan psikologis ke P2MA melalui Kanwil', dueDate: '2027-01-15' });
    expect(bapasFu.status).toBe(201);

    // The unit sees its follow-ups and answers; its Kanwil too; another UPT of the plan may read but not answer.
    const mine = await kra.req('GET', '/api/v1/followups');
    expect(mine.body.followups.map((f: { unit: { name: string } }) => f.unit.name)).toEqual(['Lapas Khusus Kelas IIA Karanganyar', 'Lapas Khusus Kelas IIA Karanganyar']);
    expect((await psp.req('POST', `/api/v1/followups/${fu.body.followup.id}/response`, { status: 'done', response: 'Sudah.' })).status).toBe(403);
    const answered = await kra.req('POST', `/api/v1/followups/${fu.body.followup.id}/response`, { status: 'in_progress', response: 'Laporan semester II sedang disusun bersama Disnaker.' });
    expect(answered.status).toBe(200);
    expect(answered.body.followup).toMatchObject({ status: 'in_progress', respondedBy: { id: kra.userId } });
    // The unit heard of its follow-ups (also the one born from the unregistered agreement); the team hears the answer.
    const events = async (userId: string, event: string) => t.deps.database.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', userId).where('event', '=', event).execute();
    expect((await events(kra.userId, 'followup_new')).map((n) => n.link)).toEqual(expect.arrayContaining([`/app/tindak-lanjut/${fu.body.followup.id}`, `/app/tindak-lanjut/${mine.body.followups.find((f: { unregisteredId: string | null }) => f.unregisteredId).id}`]));
    expect(await events(psp.userId, 'followup_new')).toHaveLength(0);
    expect((await events(pokja.userId, 'followup_answered'))[0]).toMatchObject({ title: 'Lapas Khusus Kelas IIA Karanganyar menanggapi tindak lanjut', link: `/app/tindak-lanjut/${fu.body.followup.id}` });
    expect(await events(kra.userId, 'followup_answered')).toHaveLength(0);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/followups/${fu.body.followup.id}/evidence`,
      headers: { cookie: jateng.cookie, 'x-csrf-token': jateng.csrf, 'content-type': 'multipart/form-data; boundary=XyZ' },
      payload: ['--XyZ', 'Content-Disposition: form-data; name="file"; filename="bukti.pdf"', 'Content-Type: application/pdf', '', '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', '--XyZ--', ''].join('\r\n'),
    });
    expect(upload.statusCode).toBe(201);
    const evidence = upload.json().followup.evidence[0];
    expect(evidence).toMatchObject({ filename: 'bukti.pdf', mime: 'application/pdf' });
    expect((await kra.req('GET', evidence.url)).status).toBe(200);
    expect((await jabar.req('GET', evidence.url)).status).toBe(404);
    // A text file is refused by its bytes, whatever its name.
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/followups/${fu.body.followup.id}/evidence`,
      headers: { cookie: kra.cookie, 'x-csrf-token': kra.csrf, 'content-type': 'multipart/form-data; boundary=XyZ' },
      payload: ['--XyZ', 'Content-Disposition: form-data; name="file"; filename="bukti.pdf"', '', 'hanya teks', '--XyZ--', ''].join('\r\n'),
    });
    expect(bad.statusCode).toBe(415);

    expect((await pokja.req('POST', `/api/v1/supervisions/${planId}/status`, { status: 'ditutup' })).body.error.code).toBe('SUPERVISION_STATUS');
    const reported = await pokja.req('POST', `/api/v1/supervisions/${planId}/status`, { status: 'dilaporkan' });
    expect(reported.body.supervision).toMatchObject({ status: 'dilaporkan', permissions: { record: false } });
    const locked = await pokja.req('POST', `/api/v1/supervisions/${planId}/sync`, { ops: [{ opId: op(), type: 'findings.set', visitId: visits[KRA], baseRevision: 1, findings: 'Terlambat' }] });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('SUPERVISION_LOCKED');
  });

  it('writes the Laporan Hasil Supervisi as DOCX with sections, tables per agreement and the team’s signatures', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/supervisions/${planId}/report.docx`, headers: { cookie: psp.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = (await docxText(res.rawPayload)).replace(/\s+/g, ' ');
    for (const s of [
      'LAPORAN HASIL SUPERVISI KERJA SAMA', 'I. PENDAHULUAN', 'A. Dasar', 'Surat Tugas Sekretaris Jenderal Nomor SEK-123.KS.01.01', 'D. Waktu dan Tempat', '19 s.d. 20 November 2026',
      'E. Tim Supervisi', 'II. HASIL SUPERVISI', 'Lapas Khusus Kelas IIA Karanganyar', 'Lapas Kelas IIA Pasir Putih', 'Bapas Kelas II Nusakambangan', 'Kamis, 19 November 2026',
      'Perjanjian Kerja Sama tentang Pelatihan Keterampilan Menjahit bagi Warga Binaan', 'Perjanjian Kerja Sama tentang Pelatihan Pengelasan dan Sertifikasi Juru Las',
      'Drs. Hendra Wijaya, M.Si., Kepala Lapas Khusus Kelas IIA Karanganyar', 'Rp 12.500.000', '4 (Sangat baik)', 'Perpanjang', 'Perbaiki', 'Lanjutkan',
      'Mitra sering mengganti jadwal instruktur.', 'Pendampingan penyusunan naskah dari Kanwil.', 'Pemasaran Produk Batik Warga Binaan (mitra: CV Batik Nusakambangan Lestari)',
      'III. REKOMENDASI / TINDAK LANJUT', 'selektif dalam menjalin kerja sama', 'Menyusun laporan pelaksanaan PKS pelatihan menjahit semester II', '25 November 2026', 'Dalam proses',
      'IV. PENUTUP', 'Tim Supervisi Kerja Sama', '1. Ketua Tim Pokja Kerja Sama Ketua', '2. Verifikator Kanwil Jawa Tengah Anggota', 'Jakarta, 29 November 2026',
    ]) expect(text).toContain(s);
    expect(text).not.toContain('Pelatihan Barista');
    // Sections come in order.
    expect(text.indexOf('I. PENDAHULUAN')).toBeLessThan(text.indexOf('II. HASIL SUPERVISI'));
    expect(text.indexOf('II. HASIL SUPERVISI')).toBeLessThan(text.indexOf('III. REKOMENDASI'));
    expect(text.indexOf('III. REKOMENDASI')).toBeLessThan(text.indexOf('IV. PENUTUP'));
  });

  it('writes the same report as PDF', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/supervisions/${planId}/report.pdf`, headers: { cookie: kra.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const s of [
      'LAPORAN HASIL SUPERVISI KERJA SAMA', 'I. PENDAHULUAN', 'II. HASIL SUPERVISI', 'III. REKOMENDASI / TINDAK LANJUT', 'IV. PENUTUP', 'Lapas Khusus Kelas IIA Karanganyar', 'Bapas Kelas II Nusakambangan',
      'Pelatihan Keterampilan Menjahit', 'Rp 12.500.000', 'Perpanjang', 'Lanjutkan', 'selektif', 'Tim Supervisi Kerja Sama', 'Ketua Tim Pokja Kerja Sama', 'Jakarta, 29 November 2026', 'Halaman 1 dari',
    ]) expect(text).toContain(s);
  });

  it('shows the plan only to its team, the Biro and the units (and Kanwil) it visits', async () => {
    expect((await get(psp, planId)).status).toBe(200);
    expect((await get(psp, planId)).body.supervision.permissions).toEqual({ manage: false, record: false });
    expect((await psp.req('GET', `/api/v1/supervisions/${planId}/visits/${visits[PSP]}`)).status).toBe(200);
    expect((await get(jabar, planId)).status).toBe(404);
    expect((await get(pokjaJabar, planId)).status).toBe(404);
    expect((await pokjaJabar.req('GET', '/api/v1/supervisions')).body.supervisions).toEqual([]);
    expect((await jabar.req('GET', `/api/v1/supervisions/${planId}/report.pdf`)).status).toBe(404);
    expect((await (await t.login('pimpinan')).req('GET', `/api/v1/supervisions/${planId}`)).status).toBe(200);
    expect((await psp.req('PATCH', `/api/v1/supervisions/${planId}`, { title: 'Diubah oleh UPT' })).status).toBe(403);
    expect((await pokjaJabar.req('POST', `/api/v1/supervisions/${planId}/sync`, { ops: [{ opId: op(), type: 'findings.set', visitId: visits[PSP], baseRevision: 0, findings: 'x' }] })).status).toBe(404);
    // A Kanwil pokja cannot plan visits outside its own subtree.
    const outside = await articlePlan(t, pokjaJabar, jateng.userId, { team: [{ userId: pokjaJabar.userId, role: 'ketua' }] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields.map((f: { path: string }) => f.path)).toContain('units.0.unitId');
  });

  it('edits a plan but never drops a visited unit that already has data; offers team members within the manager’s subtree', async () => {
    const plan = (await get(pokja, planId)).body.supervision;
    const keep = plan.visits.filter((v: { unit: { code: string } }) => v.unit.code !== BAPAS).map((v: { unit: { id: string }; visitDate: string }) => ({ unitId: v.unit.id, visitDate: v.visitDate }));
    const drop = await pokja.req('PATCH', `/api/v1/supervisions/${planId}`, { units: keep });
    expect(drop.status).toBe(400);
    expect(drop.body.error.fields[0].message).toContain('Bapas Kelas II Nusakambangan sudah memiliki data supervisi');
    const renamed = await pokja.req('PATCH', `/api/v1/supervisions/${planId}`, { title: 'Supervisi Kerja Sama Dalam Negeri pada UPT Kanwil Jawa Tengah Tahun 2026' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.supervision.visits).toHaveLength(3);
    expect((await pokja.req('GET', '/api/v1/supervisions/team-candidates?q=jateng')).body.users.map((u: { username: string }) => u.username)).toContain('kanwil.jateng');
    expect((await pokjaJabar.req('GET', '/api/v1/supervisions/team-candidates?q=jateng')).body.users).toEqual([]);
    expect((await kra.req('GET', '/api/v1/supervisions/team-candidates')).status).toBe(403);
  });

  it('a unit of the plan that is not on the team reads but cannot record answers', async () => {
    const other = await articlePlan(t, pokja, jateng.userId, { title: 'Supervisi lanjutan Pasir Putih', units: [{ unitId: await unitIdByCode(t, PSP), visitDate: '2026-11-20' }] });
    const visitId = other.body.supervision.visits[0].id;
    const v = (await psp.req('GET', `/api/v1/supervisions/${other.body.supervision.id}/visits/${visitId}`)).body.visit;
    expect(v.permissions.record).toBe(false);
    const res = await psp.req('POST', `/api/v1/supervisions/${other.body.supervision.id}/sync`, { ops: [{ opId: op(), type: 'answer.set', visitId, agreementId: null, questionId: question(v, 'kendala'), value: 'Dari UPT sendiri', baseRevision: 0 }] });
    expect(res.status).toBe(403);
    expect((await pokja.req('GET', `/api/v1/supervisions/${other.body.supervision.id}/visits/${visitId}`)).body.visit.answers).toEqual([]);
  });

  it('feeds the agreement’s supervision history and the monitoring figures', async () => {
    const history = await kra.req('GET', `/api/v1/agreements/${reg.kraJahit}/supervisions`);
    expect(history.status).toBe(200);
    expect(history.body.supervisions).toHaveLength(1);
    expect(history.body.supervisions[0]).toMatchObject({ planId, visitDate: '2026-11-19', unitName: 'Lapas Khusus Kelas IIA Karanganyar', assessment: { benefitsUnit: true, mutual: true, recommendation: 'perpanjang' } });
    expect(history.body.supervisions[0].ratings).toEqual(expect.arrayContaining([{ code: 'nilai_manfaat_unit', label: 'Penilaian manfaat bagi unit', value: 4 }]));
    expect((await jabar.req('GET', `/api/v1/agreements/${reg.kraJahit}/supervisions`)).status).toBe(404);
    expect((await kra.req('GET', `/api/v1/agreements/${reg.bapasPsikologi}/supervisions`)).body.supervisions ?? []).toEqual([]);

    const jt = (await jateng.req('GET', '/api/v1/monitoring/supervision?year=2026')).body;
    expect(jt).toMatchObject({ year: 2026, unitsSupervised: 3, agreementsAssessed: 3, beneficial: 3, notBeneficial: 0, mutual: 2, recommendations: { lanjutkan: 1, perbaiki: 1, perpanjang: 1, hentikan: 0 } });
    expect(jt.followups).toEqual({ open: 2, inProgress: 1, done: 0, overdue: 1 });
    expect(jt.plans.dilaporkan).toBe(1);
    const own = (await psp.req('GET', '/api/v1/monitoring/supervision?year=2026')).body;
    expect(own).toMatchObject({ unitsSupervised: 1, agreementsAssessed: 1, followups: { open: 0, inProgress: 0, done: 0, overdue: 0 } });
    const jb = (await jabar.req('GET', '/api/v1/monitoring/supervision?year=2026')).body;
    expect(jb).toMatchObject({ unitsSupervised: 0, agreementsAssessed: 0, plans: { direncanakan: 0, berjalan: 0, dilaporkan: 0, ditutup: 0 } });
    expect((await jabar.req('GET', `/api/v1/monitoring/supervision?unitId=${await unitIdByCode(t, KRA)}`)).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await admin.req('GET', '/api/v1/openapi.json')).body;
    for (const p of ['/api/v1/supervisions', '/api/v1/supervisions/{id}/sync', '/api/v1/supervisions/{id}/report.docx', '/api/v1/followups/{id}/response', '/api/v1/supervision-templates/{id}/versions', '/api/v1/agreements/{id}/supervisions', '/api/v1/monitoring/supervision']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
