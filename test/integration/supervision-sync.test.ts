import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendOverdueFollowupReminders } from '../../src/supervision/followup-reminders.js';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { articlePlan, articleRegister, KRA, op, PSP, question, type ArticleRegister } from '../helpers/supervision.js';

/** The offline form's protocol (exactly once, conflicts), bad input, overdue reminders and template versions. */
describe.each(DATABASES)('supervision sync, validation, reminders and templates on %s', (kind) => {
  let t: TestApp;
  let admin: Session, pokja: Session, jateng: Session, kra: Session;
  let reg: ArticleRegister;
  let planId = '';
  let visit: any;
  const DAY = 86_400_000;
  const START = new Date('2026-11-29T03:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = START;
    [admin, pokja, jateng, kra] = (await Promise.all(['admin', 'pokja', 'kanwil.jateng', 'upt.karanganyar'].map((u) => t.login(u)))) as [Session, Session, Session, Session];
    reg = await articleRegister(t, admin);
    planId = (await articlePlan(t, pokja, jateng.userId)).body.supervision.id;
    const plan = (await pokja.req('GET', `/api/v1/supervisions/${planId}`)).body.supervision;
    const visitId = plan.visits.find((v: { unit: { code: string } }) => v.unit.code === KRA).id;
    visit = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visitId}`)).body.visit;
  });
  afterEach(() => {
    t.clock.current = START;
  });
  afterAll(async () => {
    await t?.close();
  });

  const sync = (s: Session, ops: unknown[], headers: Record<string, string> = {}) => s.req('POST', `/api/v1/supervisions/${planId}/sync`, { ops }, headers);
  const answer = (code: string, value: unknown, baseRevision: number, agreementId: string | null = reg.kraJahit, opId = op()) => ({ opId, type: 'answer.set', visitId: visit.id, agreementId, questionId: question(visit, code), value, baseRevision });
  const recordCount = async () => Number((await t.deps.database.db.selectFrom('audit_events').select((e) => e.fn.countAll<number>().as('n')).where('action', '=', 'supervision.record').executeTakeFirstOrThrow()).n);
  const current = async (code: string, agreementId: string | null = reg.kraJahit) =>
    (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visit.id}`)).body.visit.answers.find((a: { questionId: string; agreementId: string | null }) => a.questionId === question(visit, code) && a.agreementId === agreementId);

  it('applies an op that arrives twice exactly once and answers the repeat with its first result', async () => {
    const first = answer('implementasi', 'Pelatihan angkatan pertama selesai.', 0);
    const before = await recordCount();
    const r1 = await sync(pokja, [first]);
    expect(r1.body.results[0]).toMatchObject({ opId: first.opId, status: 'applied', revision: 1, replayed: false });
    // The connection dropped and the form sends the whole queue again, together with a new op.
    const next = answer('latar_belakang', 'Kebutuhan keterampilan warga binaan.', 0);
    const r2 = await sync(pokja, [first, next]);
    expect(r2.body.results[0]).toEqual({ ...r1.body.results[0], replayed: true });
    expect(r2.body.results[1]).toMatchObject({ status: 'applied', revision: 1, replayed: false });
    expect((await current('implementasi')).revision).toBe(1);
    expect(await recordCount()).toBe(before + 2);
    // The same op twice within one batch is applied once too.
    const twice = answer('jangka_waktu', '3 tahun', 0);
    const r3 = await sync(pokja, [twice, twice]);
    expect(r3.body.results.map((r: { replayed: boolean }) => r.replayed)).toEqual([false, true]);
    expect(await recordCount()).toBe(before + 3);
  });

  it('answers a stale change from another team member with conflict and the server’s value, never overwriting', async () => {
    expect((await sync(pokja, [answer('profit_uang', 12_500_000, 0)])).body.results[0].revision).toBe(1);
    // The Kanwil member edited offline from revision 0 as well.
    const stale = await sync(jateng, [answer('profit_uang', 9_000_000, 0)]);
    expect(stale.status).toBe(200);
    expect(stale.body.results[0]).toMatchObject({ status: 'conflict', revision: 1, current: { value: 12_500_000, revision: 1, updatedBy: { id: pokja.userId, name: 'Ketua Tim Pokja Kerja Sama' } } });
    expect(await current('profit_uang')).toMatchObject({ value: 12_500_000, revision: 1 });
    // Having seen the server's value, the member keeps theirs deliberately: a new op on the current revision.
    const resolved = await sync(jateng, [answer('profit_uang', 9_000_000, 1)]);
    expect(resolved.body.results[0]).toMatchObject({ status: 'applied', revision: 2 });
    expect(await current('profit_uang')).toMatchObject({ value: 9_000_000, revision: 2, updatedBy: { id: jateng.userId } });
    // The same stale value as the server holds is no conflict; the author's own later edit is not either.
    expect((await sync(pokja, [answer('profit_uang', 9_000_000, 1)])).body.results[0]).toMatchObject({ status: 'applied', revision: 2 });
    expect((await sync(jateng, [answer('profit_uang', 9_500_000, 1)])).body.results[0]).toMatchObject({ status: 'applied', revision: 3 });

    // Assessments and the visit's own fields follow the same rule.
    const a0 = { type: 'assessment.set', visitId: visit.id, agreementId: reg.kraJahit, benefitsUnit: true, mutual: true, recommendation: 'lanjutkan', note: null, baseRevision: 0 };
    expect((await sync(pokja, [{ ...a0, opId: op() }])).body.results[0].status).toBe('applied');
    const ac = (await sync(jateng, [{ ...a0, opId: op(), recommendation: 'hentikan' }])).body.results[0];
    expect(ac).toMatchObject({ status: 'conflict', current: { value: { benefitsUnit: true, mutual: true, recommendation: 'lanjutkan', note: null } } });
    expect((await sync(pokja, [{ opId: op(), type: 'findings.set', visitId: visit.id, baseRevision: 0, findings: 'Temuan A' }])).body.results[0].status).toBe('applied');
    expect((await sync(jateng, [{ opId: op(), type: 'findings.set', visitId: visit.id, baseRevision: 0, findings: 'Temuan B' }])).body.results[0]).toMatchObject({ status: 'conflict', current: { value: 'Temuan A' } });
  });

  it('lets exactly one of two members writing the same new answer at the same moment win; the other gets conflict', async () => {
    const [a, b] = await Promise.all([sync(pokja, [answer('manfaat_non_uang', 'Sertifikat BNSP', 0)]), sync(jateng, [answer('manfaat_non_uang', 'Instruktur dari mitra', 0)])]);
    const statuses = [a.body.results[0].status, b.body.results[0].status].sort();
    expect(statuses).toEqual(['applied', 'conflict']);
    const winner = a.body.results[0].status === 'applied' ? 'Sertifikat BNSP' : 'Instruktur dari mitra';
    expect(await current('manfaat_non_uang')).toMatchObject({ value: winner, revision: 1 });
    const loser = a.body.results[0].status === 'conflict' ? a : b;
    expect(loser.body.results[0].current).toMatchObject({ value: winner, revision: 1 });
  });

  it('refuses bad answers with the reason and applies nothing of the batch', async () => {
    const good = answer('penerima_manfaat', 40, 0);
    const outOfScale = await sync(pokja, [good, answer('nilai_manfaat_unit', 5, 0)]);
    expect(outOfScale.status).toBe(400);
    expect(outOfScale.body.error.code).toBe('RATING_OUT_OF_SCALE');
    expect(outOfScale.body.error.message).toBe('Nilai "Penilaian manfaat bagi unit" harus bilangan bulat 1 sampai 4.');
    expect(outOfScale.body.error.fields).toEqual([{ path: 'ops.1.value', message: 'Nilai "Penilaian manfaat bagi unit" harus bilangan bulat 1 sampai 4.' }]);
    expect(await current('penerima_manfaat')).toBeUndefined();
    // The batch was not applied, so the same opId is still free to go through once it is fixed.
    expect((await sync(pokja, [good])).body.results[0]).toMatchObject({ status: 'applied', replayed: false });

    const wrongType = await sync(pokja, [answer('sudah_berjalan', 'ya', 0), answer('salinan_diserahkan', 'Mungkin', 0, null), answer('kendala', 'x', 0, reg.kraJahit), answer('latar_belakang', 'x', 0, reg.pspLas)]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['ops.0.value', 'ops.1.value', 'ops.2.agreementId', 'ops.3.agreementId']);
    // In the caller's language.
    await jateng.req('PATCH', '/api/v1/me', { locale: 'en' });
    const english = await sync(jateng, [answer('nilai_pelaksanaan', 0, 0)]);
    expect(english.body.error.message).toBe('The rating "Penilaian pelaksanaan kerja sama" must be a whole number from 1 to 4.');
    expect(english.body.error.fields[0].message).toBe('The rating "Penilaian pelaksanaan kerja sama" must be a whole number from 1 to 4.');
    await jateng.req('PATCH', '/api/v1/me', { locale: 'id' });
  });

  it('keeps a visit on its questionnaire version when an admin edits the template, and refuses answers of another version', async () => {
    const tmpl = (await admin.req('GET', `/api/v1/supervision-templates/${visit.template.id}`)).body.template;
    expect(tmpl).toMatchObject({ version: 1, current: true });
    const edited = tmpl.questions.map(({ code, label, help, type, target, required, options }: Record<string, unknown>) => ({ code, label, help, type, target, required, options }));
    edited.push({ code: 'sertifikasi', label: 'Jumlah sertifikat kompetensi yang terbit', type: 'number', target: 'agreement', required: false, options: [] });
    expect((await pokja.req('POST', `/api/v1/supervision-templates/${tmpl.id}/versions`, { name: tmpl.name, questions: edited })).status).toBe(403);
    const badScale = await admin.req('POST', `/api/v1/supervision-templates/${tmpl.id}/versions`, { name: tmpl.name, questions: [{ code: 'nilai', label: 'Nilai', type: 'scale', target: 'agreement', options: ['a', 'b'] }] });
    expect(badScale.status).toBe(400);
    expect(badScale.body.error.fields[0].path).toBe('questions.0.options');
    const v2 = await admin.req('POST', `/api/v1/supervision-templates/${tmpl.id}/versions`, { name: `${tmpl.name} (2027)`, questions: edited });
    expect(v2.status).toBe(201);
    expect(v2.body.template).toMatchObject({ key: 'default', version: 2, current: true, questionCount: tmpl.questions.length + 1 });
    const list = (await pokja.req('GET', '/api/v1/supervision-templates')).body.templates;
    expect(list.map((x: { version: number; current: boolean }) => [x.version, x.current])).toEqual([[2, true], [1, false]]);

    // The running visit still shows (and accepts) version 1.
    const again = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visit.id}`)).body.visit;
    expect(again.template).toMatchObject({ id: tmpl.id, version: 1 });
    const newQ = v2.body.template.questions.find((q: { code: string }) => q.code === 'nilai_manfaat_mitra').id;
    const wrong = await sync(pokja, [{ opId: op(), type: 'answer.set', visitId: visit.id, agreementId: reg.kraJahit, questionId: newQ, value: 3, baseRevision: 0 }]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('ANSWER_WRONG_TEMPLATE');
    expect(wrong.body.error.message).toContain('versi 1');
    // A new plan uses the new version.
    const fresh = await articlePlan(t, pokja, jateng.userId, { title: 'Supervisi Kerja Sama 2027', periodStart: '2027-02-01', periodEnd: '2027-02-02', units: [{ unitId: await unitIdByCode(t, PSP), visitDate: '2027-02-01' }] });
    expect(fresh.body.supervision.template).toMatchObject({ version: 2 });
  });

  it('refuses a follow-up for a unit outside the plan and a plan without exactly one chair', async () => {
    const jabarUnit = await unitIdByCode(t, 'UPT-32-LP-SKM');
    const res = await pokja.req('POST', `/api/v1/supervisions/${planId}/followups`, { unitId: jabarUnit, title: 'Tindak lanjut untuk unit lain', dueDate: '2026-12-31' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'FOLLOWUP_UNIT_NOT_IN_PLAN', message: 'Tindak lanjut hanya untuk unit yang dikunjungi dalam rencana supervisi ini.' });
    expect((await pokja.req('GET', `/api/v1/supervisions/${planId}`)).body.supervision.followups).toHaveLength(0);
    const noChair = await articlePlan(t, pokja, jateng.userId, { team: [{ userId: jateng.userId, role: 'anggota' }], periodEnd: '2026-11-18' });
    expect(noChair.status).toBe(400);
    expect(noChair.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['team', 'periodEnd', 'units.0.visitDate']));
  });

  it('reminds the unit and its Kanwil of an overdue follow-up once a day until it is done', async () => {
    const fu = (await pokja.req('POST', `/api/v1/supervisions/${planId}/followups`, { unitId: await unitIdByCode(t, KRA), title: 'Serahkan salinan PKS pelatihan menjahit ke Kanwil', dueDate: '2026-12-01' })).body.followup;
    // Read from the table: moving the clock by days lets the test sessions expire.
    const bell = (s: Session | string) =>
      t.deps.database.db.selectFrom('notifications').selectAll().where('user_id', '=', typeof s === 'string' ? s : s.userId).where('event', '=', 'followup_overdue').execute();
    expect(await sendOverdueFollowupReminders(t.deps)).toBe(0);
    t.clock.advance(3 * DAY); // 2 December: one day overdue
    expect(await sendOverdueFollowupReminders(t.deps)).toBe(1);
    expect(await sendOverdueFollowupReminders(t.deps)).toBe(0);
    const seen = await bell(kra);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ link: `/app/tindak-lanjut/${fu.id}` });
    expect(seen[0]!.title).toContain('Lapas Khusus Kelas IIA Karanganyar');
    expect(await bell(jateng)).toHaveLength(1);
    const jabarUser = await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'kanwil.jabar').executeTakeFirstOrThrow();
    expect(await bell(jabarUser.id)).toHaveLength(0);
    expect(await t.deps.database.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', 'upt.karanganyar@p2ma.example').where('subject', 'like', '%Tindak lanjut supervisi lewat%').execute()).toHaveLength(1);
    t.clock.advance(DAY);
    expect(await sendOverdueFollowupReminders(t.deps)).toBe(1);
    expect(await bell(kra)).toHaveLength(2);
    const kraAgain = await t.login('upt.karanganyar');
    expect((await kraAgain.req('POST', `/api/v1/followups/${fu.id}/response`, { status: 'done', response: 'Salinan sudah diserahkan ke Subbagian Humas Kanwil.' })).status).toBe(200);
    t.clock.advance(DAY);
    expect(await sendOverdueFollowupReminders(t.deps)).toBe(0);
    const overdue = (await (await t.login('kanwil.jateng')).req('GET', '/api/v1/followups?overdue=true')).body.followups;
    expect(overdue.map((f: { id: string }) => f.id)).not.toContain(fu.id);
  });
});
