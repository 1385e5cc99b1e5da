import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uploadDocument } from '../../src/documents/document.service.js';
import { sendDueMail } from '../../src/notifications/mailer.js';
import { sendDailyDigest } from '../../src/notifications/digest.js';
import { sendDueReminders } from '../../src/workflow/reminders.js';
import { anonymous, startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { makePdf } from '../helpers/pdf.js';
import { agreement, partner } from '../helpers/registry.js';
import { startSmtp } from '../helpers/smtp.js';

describe.each(DATABASES)('submission, verification and publication on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let kra: Session;
  let jateng: Session;
  let jabar: Session;
  let partnerId = '';

  async function upload(s: Session, id: string, role: string, note: string) {
    const src = { actor: (await t.deps.database.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'units.path']).where('users.id', '=', s.userId).executeTakeFirstOrThrow()), ip: null };
    const actor = { userId: src.actor.id, username: src.actor.username, displayName: src.actor.display_name, role: src.actor.role, unitId: src.actor.unit_id, unitPath: src.actor.path, mustChangePassword: false, locale: 'id' as const };
    await uploadDocument(t.deps, { actor, ip: null }, id, { role: role as 'naskah_ttd', filename: `${role}.pdf`, stream: Readable.from(makePdf({ note })) });
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(kind, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', REMINDER_OFFSETS: '90,30,7,0', DIGEST_HOUR: '7' });
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    kra = await t.login('upt.karanganyar');
    jateng = await t.login('kanwil.jateng');
    jabar = await t.login('kanwil.jabar');
    partnerId = await partner(kra, 'Pemerintah Kabupaten Cilacap');
  });
  // Tests move the clock; each starts from the same day again, with the mail server answering.
  afterEach(() => {
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    smtp.setFailing(false);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('runs the whole flow: submit, return with reasons, fix, resubmit, verify, publish — with a timeline, notifications and e-mail', async () => {
    const a = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { numberFirst: 'W13.PAS-1', numberSecond: null })).body.agreement;
    expect(a.workflowState).toBe('draft');
    expect(a.workflow.available).toEqual(['submit']);
    await upload(kra, a.id, 'naskah_ttd', 'scan');

    const submitted = await kra.req('POST', `/api/v1/agreements/${a.id}/submit`, {});
    expect(submitted.status).toBe(200);
    expect(submitted.body.agreement.workflowState).toBe('diajukan');
    // The operator cannot change what the Kanwil is reviewing.
    expect((await kra.req('PATCH', `/api/v1/agreements/${a.id}`, { purpose: 'Diubah saat diperiksa' })).body.error.code).toBe('EDIT_LOCKED');

    const queue = await jateng.req('GET', '/api/v1/workflow/queue');
    const item = queue.body.items.find((i: { agreement: { id: string } }) => i.agreement.id === a.id);
    expect(item.checklist).toMatchObject({ signedCopy: true, signedCopyReadable: true, bothNumbers: false, datesConsistent: true, publicCopy: false });
    expect((await jabar.req('GET', '/api/v1/workflow/queue')).body.items).toHaveLength(0);
    expect((await kra.req('GET', '/api/v1/workflow/queue')).status).toBe(404);

    const bell = await jateng.req('GET', '/api/v1/notifications');
    expect(bell.body.unread).toBe(1);
    expect(bell.body.notifications[0]).toMatchObject({ event: 'submitted', link: `/app/kerja-sama/${a.id}` });

    expect((await jateng.req('POST', `/api/v1/agreements/${a.id}/return`, {})).status).toBe(400);
    const returned = await jateng.req('POST', `/api/v1/agreements/${a.id}/return`, { reason: 'Nomor pihak kedua belum diisi.', details: [{ field: 'numberSecond', message: 'Isi nomor dari Pemkab Cilacap.' }] });
    expect(returned.body.agreement.workflowState).toBe('dikembalikan');
    await t.app.inject({ method: 'POST', url: '/api/v1/agreements', payload: {} }); // noise
    const fixed = await kra.req('PATCH', `/api/v1/agreements/${a.id}`, { numberSecond: '415.4/123/2026' });
    expect(fixed.status).toBe(200);
    await kra.req('POST', `/api/v1/agreements/${a.id}/comments`, { body: 'Nomor sudah dilengkapi, mohon diperiksa.' });
    expect((await kra.req('POST', `/api/v1/agreements/${a.id}/submit`, {})).body.agreement.workflowState).toBe('diajukan');
    expect((await jateng.req('POST', `/api/v1/agreements/${a.id}/verify`, {})).body.agreement.workflowState).toBe('diverifikasi');

    const noCopy = await jateng.req('POST', `/api/v1/agreements/${a.id}/publish`, {});
    expect(noCopy.status).toBe(409);
    expect(noCopy.body.error.code).toBe('PUBLIC_COPY_REQUIRED');
    await upload(jateng, a.id, 'salinan_publik', 'public');
    const published = await jateng.req('POST', `/api/v1/agreements/${a.id}/publish`, {});
    expect(published.body.agreement).toMatchObject({ workflowState: 'diterbitkan', workflow: { available: ['withdraw'] } });
    expect((await kra.req('POST', `/api/v1/agreements/${a.id}/withdraw`, { reason: 'x' })).body.error.code).toBe('TRANSITION_NOT_ALLOWED');

    const timeline = await kra.req('GET', `/api/v1/agreements/${a.id}/timeline`);
    expect(timeline.body.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'submit', 'verify', 'publish']);
    expect(timeline.body.events[1].details[0]).toEqual({ field: 'numberSecond', message: 'Isi nomor dari Pemkab Cilacap.' });
    const comments = await jateng.req('GET', `/api/v1/agreements/${a.id}/comments`);
    expect(comments.body.comments[0].body).toBe('Nomor sudah dilengkapi, mohon diperiksa.');

    const mine = await kra.req('GET', '/api/v1/notifications');
    expect(mine.body.notifications.map((n: { event: string }) => n.event).sort()).toEqual(['published', 'returned', 'verified']);
    expect((await kra.req('POST', '/api/v1/notifications/read-all')).body.marked).toBe(3);
    expect((await kra.req('GET', '/api/v1/notifications')).body.unread).toBe(0);

    const { sent } = await sendDueMail(t.deps);
    expect(sent).toBeGreaterThanOrEqual(5);
    const toOperator = smtp.mails.filter((m) => m.to.includes('upt.karanganyar@p2ma.example'));
    expect(toOperator.map((m) => /Subject: (.*)/.exec(m.raw)?.[1] ?? '').join('\n')).toMatch(/Dikembalikan/);
    expect(toOperator.some((m) => m.text.includes('Nomor pihak kedua belum diisi.'))).toBe(true);
    expect(toOperator.some((m) => m.text.includes(`/app/kerja-sama/${a.id}`))).toBe(true);
  });

  it('keeps a mail queued while the SMTP server fails and sends it later; the action itself succeeded', async () => {
    const mou = (await agreement(t, jateng, 'KW-33', [partnerId], { kindCode: 'mou', title: 'Nota Kesepahaman tentang Pembinaan Warga Binaan', numberFirst: 'W13-MOU-1' })).body.agreement;
    // A Kanwil's own record goes straight to verification; a UPT's cannot skip the submission.
    expect((await jateng.req('POST', `/api/v1/agreements/${mou.id}/verify`, {})).status).toBe(200);
    const upt = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { title: 'PKS tentang Penyuluhan Hukum' })).body.agreement;
    expect((await jateng.req('POST', `/api/v1/agreements/${upt.id}/verify`, {})).body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    await kra.req('POST', `/api/v1/agreements/${upt.id}/submit`, {});
    await sendDueMail(t.deps);
    smtp.setFailing(true);
    const before = smtp.mails.length;
    const returned = await jateng.req('POST', `/api/v1/agreements/${upt.id}/return`, { reason: 'Lampirkan naskah bertanda tangan.' });
    expect(returned.status).toBe(200);
    const failed = await sendDueMail(t.deps);
    smtp.setFailing(false);
    expect(failed.failed).toBeGreaterThan(0);
    expect(smtp.mails.length).toBe(before);
    t.clock.advance(2 * 60_000);
    const retried = await sendDueMail(t.deps);
    expect(retried.sent).toBe(failed.failed);
    expect(smtp.mails.length).toBe(before + failed.failed);
  });

  it('lets only one of two verifiers act on the same submission', async () => {
    const a = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { title: 'PKS tentang Pelatihan Barista' })).body.agreement;
    await kra.req('POST', `/api/v1/agreements/${a.id}/submit`, {});
    const admin = await t.login('admin');
    const results = await Promise.all([jateng.req('POST', `/api/v1/agreements/${a.id}/verify`, {}), admin.req('POST', `/api/v1/agreements/${a.id}/return`, { reason: 'Perlu perbaikan judul.' })]);
    const codes = results.map((r) => r.status).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(['ALREADY_PROCESSED', 'TRANSITION_NOT_ALLOWED']).toContain(loser.body.error.code);
    const timeline = await kra.req('GET', `/api/v1/agreements/${a.id}/timeline`);
    expect(timeline.body.events).toHaveLength(2);
  });

  it('sends each expiry reminder exactly once, and catches up after downtime', async () => {
    const a = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { title: 'PKS tentang Layanan Kesehatan', signingDate: '2024-01-01', duration: null, endDate: '2027-03-31' })).body.agreement;
    const count = async () => Number((await t.deps.database.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('agreement_id', '=', a.id).where('event', '=', 'reminder').executeTakeFirstOrThrow()).n);
    t.clock.current = new Date('2026-12-30T03:00:00Z'); // 91 days before: nothing due
    await sendDueReminders(t.deps);
    expect(await count()).toBe(0);
    t.clock.current = new Date('2027-01-01T03:00:00Z'); // 89 days before: the 90-day reminder
    await sendDueReminders(t.deps);
    await sendDueReminders(t.deps);
    const afterFirst = await count();
    expect(afterFirst).toBe(2); // the operator and the Kanwil verifier, once each
    // The server is down from mid-January to late March: the 30- and 7-day reminders are missed.
    t.clock.current = new Date('2027-03-28T03:00:00Z');
    await Promise.all([sendDueReminders(t.deps), sendDueReminders(t.deps)]);
    expect(await count()).toBe(afterFirst + 2);
    const offsets = await t.deps.database.db.selectFrom('expiry_reminders').select('offset_days').where('agreement_id', '=', a.id).orderBy('offset_days', 'desc').execute();
    expect(offsets.map((o) => o.offset_days)).toEqual([90, 30, 7]);
    t.clock.current = new Date('2027-03-31T03:00:00Z');
    await sendDueReminders(t.deps);
    await sendDueReminders(t.deps);
    expect(await count()).toBe(afterFirst + 4);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
  });

  it('gathers digest readers notifications into one daily mail', async () => {
    await kra.req('PUT', '/api/v1/me/notification-preferences', { preferences: [{ event: 'comment', channel: 'digest' }] });
    const prefs = await kra.req('GET', '/api/v1/me/notification-preferences');
    expect(prefs.body.preferences.find((p: { event: string }) => p.event === 'comment').channel).toBe('digest');
    const a = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { title: 'PKS tentang Bantuan Hukum' })).body.agreement;
    await jateng.req('POST', `/api/v1/agreements/${a.id}/comments`, { body: 'Catatan pertama' });
    await jateng.req('POST', `/api/v1/agreements/${a.id}/comments`, { body: 'Catatan kedua' });
    await sendDueMail(t.deps);
    const before = smtp.mails.filter((m) => m.to.includes('upt.karanganyar@p2ma.example')).length;
    t.clock.current = new Date('2026-11-30T01:00:00Z'); // 08:00 WIB
    expect(await sendDailyDigest(t.deps)).toBe(1);
    expect(await sendDailyDigest(t.deps)).toBe(0);
    await sendDueMail(t.deps);
    const newMails = smtp.mails.filter((m) => m.to.includes('upt.karanganyar@p2ma.example')).slice(before);
    // The two comments reached the operator only inside the digest, not as mails of their own.
    expect(newMails.filter((m) => m.text.includes('Komentar'))).toHaveLength(1);
    const digest = newMails.filter((m) => m.text.includes('Ringkasan harian'));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toMatch(/Ringkasan harian: 2 pemberitahuan/);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
  });

  it('serves a private iCal feed of end dates, and lists what the units still owe', async () => {
    const unitId = (await kra.req('GET', '/api/v1/me')).body.user.unit.id;
    const made = await kra.req('POST', `/api/v1/units/${unitId}/ical-token`);
    expect(made.status).toBe(201);
    const path = new URL(made.body.url).pathname;
    const feed = await anonymous(t, 'GET', path);
    expect(feed.status).toBe(200);
    expect(String(feed.headers['content-type'])).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20270331');
    expect((await anonymous(t, 'GET', '/ical/bukan-token-yang-benar-sama-sekali.ics')).status).toBe(404);
    await kra.req('DELETE', `/api/v1/units/${unitId}/ical-token`);
    expect((await anonymous(t, 'GET', path)).status).toBe(404);

    const lines = (await jateng.req('GET', '/api/v1/compliance')).body.lines as { type: string; agreement: { title: string } | null }[];
    expect(lines.some((l) => l.type === 'no_signed_copy')).toBe(true);
    expect(lines.some((l) => l.type === 'ending_no_decision')).toBe(false);
    expect(lines.some((l) => l.type === 'no_report_this_year')).toBe(true);
    t.clock.current = new Date('2027-01-10T03:00:00Z');
    const later = (await (await t.login('kanwil.jateng')).req('GET', '/api/v1/compliance')).body.lines as { type: string; agreement: { title: string } | null }[];
    expect(later.some((l) => l.type === 'ending_no_decision' && l.agreement?.title.includes('Layanan Kesehatan'))).toBe(true);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
  });

  it('renews an agreement as a linked, prefilled draft', async () => {
    const a = (await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { title: 'PKS tentang Pemasaran Produk' })).body.agreement;
    const r = await kra.req('POST', `/api/v1/agreements/${a.id}/renew`);
    expect(r.status).toBe(201);
    expect(r.body.agreement).toMatchObject({ renewsId: a.id, status: 'draft', workflowState: 'draft', title: a.title, signingDate: null });
    expect(r.body.agreement.partners.map((p: { id: string }) => p.id)).toEqual([partnerId]);
    expect((await kra.req('GET', `/api/v1/agreements/${a.id}`)).body.agreement.status).toBe('diperpanjang');
  });
});
