import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { launchBrowser, signIn as signInAs } from '../helpers/browser.js';
import { articlePlan, articleRegister, KRA, op, question, type ArticleRegister } from '../helpers/supervision.js';

const AXE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules inside `selector`; the serious and critical violations (evaluated: the CSP stays on). */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    type V = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(sel, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

/**
 * The field interview form on a phone: answers kept on the device while offline, sent once when the connection
 * comes back, and a conflict with another team member's answer shown with both values.
 */
describe('supervision interview form in a browser (phone, offline)', () => {
  let t: TestApp;
  let browser: Browser;
  let base = '';
  let reg: ArticleRegister;
  let pokja: Session;
  let jateng: Session;
  let planId = '';
  let visit: any;
  let visits: { id: string; unit: { code: string } }[] = [];
  /** The visit id of a unit in the article's plan. */
  const created = (code: string) => visits.find((v) => v.unit.code === code)!.id;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const admin = await t.login('admin');
    pokja = await t.login('pokja');
    jateng = await t.login('kanwil.jateng');
    reg = await articleRegister(t, admin);
    const made = await articlePlan(t, pokja, jateng.userId);
    if (made.status !== 201) throw new Error(`plan: ${made.status} ${JSON.stringify(made.body)}`);
    planId = made.body.supervision.id;
    visits = made.body.supervision.visits;
    const visitId = visits.find((v) => v.unit.code === KRA)!.id;
    visit = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visitId}`)).body.visit;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (context: BrowserContext, username: string, problems: string[]) => signInAs(context, base, username, problems);

  /** The server's answer for a question on the Karanganyar sewing agreement (read as the team chair). */
  const serverAnswer = async (code: string) => {
    const w = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visit.id}`)).body.visit;
    return w.answers.find((a: { questionId: string; agreementId: string | null }) => a.questionId === question(visit, code) && a.agreementId === reg.kraJahit) ?? null;
  };
  const recordEvents = async () =>
    Number((await t.deps.database.db.selectFrom('audit_events').select((e) => e.fn.countAll<number>().as('n')).where('action', '=', 'supervision.record').executeTakeFirstOrThrow()).n);

  it('keeps answers on the device while offline, sends each once when back online, shows a conflict with both values, and opens a kept form offline', async () => {
    const problems: string[] = [];
    const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await signIn(context, 'pokja', problems);
    const syncRequests: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/supervisions/${planId}/sync`)) syncRequests.push(r.postData() ?? '');
    });

    // From the plans list to the plan and its visit to Lapas Karanganyar.
    await page.goto(`${base}/app/supervisi`);
    await page.getByRole('link', { name: 'Supervisi Kerja Sama Dalam Negeri pada UPT Kantor Wilayah Jawa Tengah' }).click();
    await page.getByTestId('plan-detail').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.getByTestId('report-pdf').getAttribute('href')).toBe(`/api/v1/supervisions/${planId}/report.pdf`);
    await page.getByRole('link', { name: 'Buka lembar wawancara Lapas Khusus Kelas IIA Karanganyar' }).click();
    await page.getByTestId('sv-visit').waitFor();
    const status = page.getByTestId('sync-status');
    expect(await status.getAttribute('data-state')).toBe('synced');

    // The agreements in force are listed from the register (the draft is not), linked to their pages.
    const cards = page.getByTestId('sv-agreement');
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-agreement')).sort())).toEqual([reg.kraJahit, reg.kraRehab].sort());
    const jahit = page.locator(`[data-testid="sv-agreement"][data-agreement="${reg.kraJahit}"]`);
    expect(await jahit.getByRole('link', { name: 'Buka naskah dan laporan' }).getAttribute('href')).toBe(`/app/kerja-sama/${reg.kraJahit}`);
    const q = (code: string): Locator => jahit.locator(`[data-testid="question"][data-code="${code}"]`);

    expect(await seriousViolations(page, '[data-testid="sv-visit"]')).toEqual([]);
    // Phone layout: nothing wider than the screen, choices are big touch targets.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const choice = await q('sudah_berjalan').locator('label.choice').first().boundingBox();
    expect(choice!.height).toBeGreaterThanOrEqual(44);

    // Online: who was interviewed and a first answer go straight to the server.
    await page.getByTestId('add-interviewee').click();
    await page.getByTestId('interviewee-name').fill('Drs. Bambang Wibowo');
    await page.getByTestId('interviewee-position').fill('Kepala Lapas');
    await q('sudah_berjalan').getByText('Ya', { exact: true }).click();
    // The team's assessment: two taps in a row (the second may wait for the first's answer, never overwrite it).
    await jahit.getByTestId('sv-benefits').getByText('Ya', { exact: true }).click();
    await jahit.getByTestId('sv-recommendation').getByText('Lanjutkan', { exact: true }).click();
    await expect.poll(() => page.getByTestId('sync-text').textContent()).toBe('Semua jawaban terkirim');
    await expect.poll(async () => (await serverAnswer('sudah_berjalan'))?.value).toBe(true);
    const online = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visit.id}`)).body.visit;
    expect(online.interviewees.value).toEqual([{ name: 'Drs. Bambang Wibowo', position: 'Kepala Lapas' }]);
    expect(online.assessments).toMatchObject([{ agreementId: reg.kraJahit, benefitsUnit: true, mutual: null, recommendation: 'lanjutkan' }]);
    const eventsOnline = await recordEvents();

    // Offline: three more answers stay on the device; the bar says so.
    await context.setOffline(true);
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
    await q('implementasi').locator('textarea').fill('Pelatihan menjahit dua angkatan, 40 warga binaan bersertifikat.');
    await q('nilai_pelaksanaan').getByText('3 — Berjalan baik').click();
    await q('profit_uang').locator('input').fill('12500000');
    await q('profit_uang').locator('input').blur();
    await expect.poll(() => status.getAttribute('data-pending')).toBe('3');
    expect(await page.getByTestId('sync-offline').textContent()).toBe('Luring');
    expect(await page.getByTestId('sync-text').textContent()).toBe('Tersimpan di perangkat — 3 jawaban menunggu dikirim');
    expect(await serverAnswer('implementasi')).toBeNull();
    // The answers are in the device's storage, keyed by plan and visit.
    const stored = await page.evaluate((key) => window.localStorage.getItem(key), `p2ma.supervision.user:${pokja.userId}:plan:${planId}:visit:${visit.id}`);
    expect(JSON.parse(stored!).pending).toHaveLength(3);

    // Back online: the queue is sent, each answer exactly once.
    const before = syncRequests.length;
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-text').textContent(), { timeout: 15_000 }).toBe('Semua jawaban terkirim');
    expect(await status.getAttribute('data-state')).toBe('synced');
    expect(await serverAnswer('implementasi')).toMatchObject({ value: 'Pelatihan menjahit dua angkatan, 40 warga binaan bersertifikat.', revision: 1 });
    expect(await serverAnswer('nilai_pelaksanaan')).toMatchObject({ value: 3, revision: 1 });
    expect(await serverAnswer('profit_uang')).toMatchObject({ value: 12_500_000, revision: 1 });
    expect(await recordEvents()).toBe(eventsOnline + 3);
    const sentOps = syncRequests.slice(before).flatMap((body) => (JSON.parse(body) as { ops: { opId: string }[] }).ops.map((o) => o.opId));
    expect(new Set(sentOps).size).toBe(3);

    // Another team member (the Kanwil's) changes the same answer on the server…
    const theirs = 'Baru satu angkatan; angkatan kedua menunggu instruktur dari Disnaker.';
    const r = await jateng.req('POST', `/api/v1/supervisions/${planId}/sync`, {
      ops: [{ opId: op(), type: 'answer.set', visitId: visit.id, agreementId: reg.kraJahit, questionId: question(visit, 'implementasi'), value: theirs, baseRevision: 1 }],
    });
    expect(r.body.results[0]).toMatchObject({ status: 'applied', revision: 2 });
    // …while the chair, offline, changes it too.
    await context.setOffline(true);
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
    const mine = 'Dua angkatan selesai; sertifikasi oleh LSP garmen.';
    await q('implementasi').locator('textarea').fill(mine);
    await q('implementasi').locator('textarea').blur();
    await expect.poll(() => status.getAttribute('data-pending')).toBe('1');
    await context.setOffline(false);

    // The conflict is shown with both values and who changed it; nothing was overwritten.
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.getByTestId('conflict-mine').textContent()).toBe(mine);
    expect(await conflict.getByTestId('conflict-theirs').textContent()).toBe(theirs);
    expect(await conflict.textContent()).toContain('Verifikator Kanwil Jawa Tengah');
    expect(await page.getByTestId('sync-text').textContent()).toBe('1 jawaban berbeda dengan anggota tim lain — pilih yang dipakai');
    expect(await seriousViolations(page, '[data-testid="conflicts"]')).toEqual([]);
    expect(await serverAnswer('implementasi')).toMatchObject({ value: theirs, revision: 2 });

    // The chair keeps their own answer: it goes on top of the other member's version.
    await conflict.getByTestId('keep-mine').click();
    await expect.poll(() => page.getByTestId('conflict').count()).toBe(0);
    await expect.poll(() => page.getByTestId('sync-text').textContent(), { timeout: 15_000 }).toBe('Semua jawaban terkirim');
    expect(await serverAnswer('implementasi')).toMatchObject({ value: mine, revision: 3 });
    expect(await q('implementasi').locator('textarea').inputValue()).toBe(mine);

    // The plan page keeps every visit's form on the device: the next unit's form opens without a connection.
    await page.getByRole('link', { name: 'Kembali ke rencana supervisi' }).click();
    await page.getByTestId('plan-detail').waitFor();
    const psp = created('UPT-33-LP-PSP');
    await expect.poll(() => page.evaluate((key) => window.localStorage.getItem(key) !== null, `p2ma.supervision.worksheet.${planId}.${psp}`)).toBe(true);
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Buka lembar wawancara Lapas Kelas IIA Pasir Putih' }).click();
    await page.getByTestId('from-device').waitFor();
    const kendala = page.locator('[data-testid="sv-unit-questions"] [data-testid="question"][data-code="kendala"] textarea');
    await kendala.fill('Mitra belum menyediakan instruktur las bersertifikat.');
    await kendala.blur();
    // An agreement the register does not know, recorded on the spot.
    const unreg = page.getByTestId('sv-unregistered');
    await unreg.getByTestId('unregistered-partner').fill('CV Roti Sejahtera Cilacap');
    await unreg.getByTestId('unregistered-title').fill('Pemasaran roti produksi warga binaan');
    await unreg.getByTestId('unregistered-add').click();
    expect(await unreg.locator('[data-testid="unregistered-item"][data-pending="true"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('sync-text').textContent()).toBe('Tersimpan di perangkat — 2 jawaban menunggu dikirim');
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-text').textContent(), { timeout: 15_000 }).toBe('Semua jawaban terkirim');
    const pspSheet = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${psp}`)).body.visit;
    expect(pspSheet.answers).toMatchObject([{ agreementId: null, questionId: question(visit, 'kendala'), value: 'Mitra belum menyediakan instruktur las bersertifikat.', revision: 1 }]);
    expect(pspSheet.unregistered).toMatchObject([{ partnerName: 'CV Roti Sejahtera Cilacap', title: 'Pemasaran roti produksi warga binaan' }]);
    // It became a follow-up for the unit, listed on the form once the worksheet is read again.
    expect(pspSheet.unregistered[0].followupId).toEqual(expect.any(String));
    await expect.poll(() => unreg.locator('[data-testid="unregistered-item"]:not([data-pending])').count()).toBe(1);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the Pokja plan a visit and set a follow-up that the unit answers with evidence; history, monitoring and templates show it', async () => {
    const problems: string[] = [];
    const desk = { locale: 'id-ID', viewport: { width: 1280, height: 900 } };
    const pokjaContext = await browser.newContext(desk);
    const unitContext = await browser.newContext(desk);
    const adminContext = await browser.newContext(desk);
    const pk = await signIn(pokjaContext, 'pokja', problems);

    // A new plan through the form: one chair found by name, one unit with its visit date.
    await pk.goto(`${base}/app/supervisi`);
    await pk.getByTestId('new-plan').click();
    const form = pk.getByTestId('plan-form');
    await form.waitFor();
    const title = 'Supervisi Kerja Sama Lapas Karanganyar Tahap II';
    await form.getByLabel('Judul').fill(title);
    await form.getByLabel('Dasar (surat tugas / dasar hukum)').fill('Surat Tugas Kepala Biro Nomor SEK.3-KS.04.01-321 Tahun 2026');
    await form.getByLabel('Mulai').fill('2026-12-08');
    await form.getByLabel('Selesai').fill('2026-12-09');
    await form.getByLabel('Wilayah').fill('Karanganyar, Jawa Tengah');
    await form.getByTestId('member-search').fill('Pokja');
    await form.getByTestId('member-candidate').filter({ hasText: 'Ketua Tim Pokja Kerja Sama' }).click();
    expect(await form.getByTestId('team-row').getByLabel('Peran dalam tim').inputValue()).toBe('ketua');
    await form.getByTestId('unit-row').getByLabel('Satker').selectOption(await unitIdByCode(t, KRA));
    await form.getByTestId('unit-row').getByLabel('Tanggal kunjungan').fill('2026-12-08');
    await pk.getByTestId('plan-submit').click();
    const detail = pk.getByTestId('plan-detail');
    await detail.waitFor();
    expect(await pk.getByRole('status').filter({ hasText: 'Rencana supervisi disimpan.' }).count()).toBe(1);
    expect(await detail.getByTestId('plan-status').textContent()).toBe('Direncanakan');
    expect(await detail.getByTestId('visit-row').count()).toBe(1);
    const newPlanId = pk.url().split('/').pop()!;
    expect(await seriousViolations(pk, '[data-testid="plan-detail"]')).toEqual([]);

    // The scanned assignment letter.
    await detail.getByTestId('letter-file').setInputFiles({ name: 'surat-tugas.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect.poll(() => detail.getByTestId('letter-link').count()).toBe(1);
    expect(await detail.getByTestId('letter-link').textContent()).toBe('surat-tugas.pdf');

    // A recommendation and a follow-up for the unit.
    await detail.getByTestId('recommendation-text').fill('Selektif memilih mitra: kerja sama harus menguntungkan kedua belah pihak.');
    await detail.getByRole('button', { name: 'Tambah rekomendasi' }).click();
    await expect.poll(() => detail.getByTestId('recommendation').count()).toBe(1);
    const fuSection = detail.getByTestId('plan-followups');
    const fuTitle = 'Serahkan salinan seluruh naskah kerja sama kepada Kanwil Jawa Tengah';
    await fuSection.getByLabel('Tindak lanjut', { exact: true }).fill(fuTitle);
    await fuSection.getByLabel('Satker').selectOption({ label: 'Lapas Khusus Kelas IIA Karanganyar' });
    await fuSection.getByLabel('Tenggat').fill('2027-01-15');
    await fuSection.getByRole('button', { name: 'Tambah tindak lanjut' }).click();
    await expect.poll(() => fuSection.getByTestId('plan-followup').count()).toBe(1);
    expect(await fuSection.getByTestId('plan-followup').textContent()).toContain('15 Januari 2027');

    // The report buttons deliver the files with the page's session.
    const pdf = await pk.request.get(`${base}${await detail.getByTestId('report-pdf').getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const docx = await pk.request.get(`${base}${await detail.getByTestId('report-docx').getAttribute('href')}`);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    // The unit's operator finds it under "Tindak lanjut", answers it and attaches evidence.
    const op = await signIn(unitContext, 'upt.karanganyar', problems);
    await op.getByRole('link', { name: 'Tindak Lanjut' }).first().click();
    const row = op.getByTestId('followup-row').filter({ hasText: fuTitle });
    await row.waitFor();
    await row.getByRole('link', { name: fuTitle }).click();
    const fu = op.getByTestId('followup-detail');
    await fu.waitFor();
    expect(await seriousViolations(op, '[data-testid="followup-detail"]')).toEqual([]);
    await fu.getByTestId('response-text').fill('Salinan tiga naskah telah diserahkan ke Subbagian Humas Kanwil pada 10 Desember 2026.');
    await fu.getByTestId('response-status').selectOption('done');
    await fu.getByTestId('response-submit').click();
    await expect.poll(() => fu.getByTestId('followup-response').count()).toBe(1);
    await expect.poll(() => fu.getByTestId('followup-status').getAttribute('data-status')).toBe('done');
    await fu.getByTestId('evidence-file').setInputFiles({ name: 'tanda-terima-salinan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect.poll(() => fu.getByTestId('evidence-list').textContent()).toContain('tanda-terima-salinan.pdf');
    // The unit reads the interview form of its visit but cannot fill it in.
    await op.goto(`${base}/app/supervisi/${planId}/kunjungan/${visit.id}`);
    await op.getByTestId('sv-visit').waitFor();
    expect(await op.getByTestId('sync-status').count()).toBe(0);
    expect(await op.locator(`[data-agreement="${reg.kraJahit}"] [data-code="implementasi"] textarea`).isDisabled()).toBe(true);
    expect(await op.locator(`[data-agreement="${reg.kraJahit}"] [data-code="implementasi"] textarea`).inputValue()).toBe('Dua angkatan selesai; sertifikasi oleh LSP garmen.');

    const fromApi = (await pokja.req('GET', `/api/v1/supervisions/${newPlanId}`)).body.supervision.followups[0];
    expect(fromApi).toMatchObject({ status: 'done', response: 'Salinan tiga naskah telah diserahkan ke Subbagian Humas Kanwil pada 10 Desember 2026.' });
    expect(fromApi.evidence).toHaveLength(1);

    // The agreement assessed in the first visit shows its supervision history.
    await pk.goto(`${base}/app/kerja-sama/${reg.kraJahit}`);
    const item = pk.getByTestId('supervision-history-item');
    await item.first().waitFor();
    const text = await item.first().textContent();
    expect(text).toContain('Supervisi Kerja Sama Dalam Negeri pada UPT Kantor Wilayah Jawa Tengah · kunjungan 19 November 2026');
    expect(text).toContain('Bermanfaat bagi satker: Ya');
    expect(text).toContain('Lanjutkan');

    // Monitoring: the three UPTs of the running plan count as supervised this year.
    await pk.goto(`${base}/app/pemantauan`);
    await pk.getByTestId('supervision-summary').waitFor();
    // The article's visits were in 2026, whatever year this runs in.
    await pk.getByTestId('supervision-summary').getByLabel('Tahun supervisi').selectOption('2026');
    await expect.poll(() => pk.getByTestId('sv-units-supervised').locator('.stat-value').textContent()).toBe('3');
    expect(await pk.getByTestId('sv-beneficial').locator('.stat-value').textContent()).toBe('1');

    // An admin edits the questionnaire: a new version; the running visit keeps version 1.
    const ad = await signIn(adminContext, 'admin', problems);
    await ad.goto(`${base}/app/templat-supervisi`);
    await ad.getByRole('link', { name: /Kuesioner Supervisi Kerja Sama Dalam Negeri — Versi 1/ }).click();
    const editor = ad.getByTestId('template-editor');
    await editor.waitFor();
    await editor.getByTestId('template-question').first().getByLabel('Pertanyaan', { exact: true }).fill('Latar belakang dan kebutuhan kerja sama');
    await editor.getByTestId('template-save').click();
    await expect.poll(() => ad.getByRole('status').filter({ hasText: 'Versi 2 disimpan.' }).count()).toBe(1);
    expect(await ad.getByRole('link', { name: /Versi 2/ }).textContent()).toContain('terbaru');
    const still = (await pokja.req('GET', `/api/v1/supervisions/${planId}/visits/${visit.id}`)).body.visit.template;
    expect(still.version).toBe(1);

    expect(problems).toEqual([]);
    await pokjaContext.close();
    await unitContext.close();
    await adminContext.close();
  });
});
