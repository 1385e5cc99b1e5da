import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser, signIn as signInAs } from '../helpers/browser.js';
import { makePdf } from '../helpers/pdf.js';
import { agreement, partner } from '../helpers/registry.js';

describe('submission workflow in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base = '';
  let agreementId = '';
  const title = 'Perjanjian Kerja Sama tentang Uji Alur Verifikasi Pelatihan Menjahit';
  beforeAll(async () => {
    t = await startTestApp('pglite');
    const admin = await t.login('admin');
    const partnerId = await partner(admin, 'Dinas Tenaga Kerja Kabupaten Karanganyar', 'pemda');
    // The operator's record, as the form would save it: signed, but without the partner's number.
    const kra = await t.login('upt.karanganyar');
    const res = await agreement(t, kra, 'UPT-33-LPSK-KRA', [partnerId], { title, numberFirst: 'W13.PAS.KRA-WF/2026/07', numberSecond: null });
    if (res.status !== 201) throw new Error(`agreement: ${res.status} ${JSON.stringify(res.body)}`);
    agreementId = res.body.agreement.id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (context: BrowserContext, username: string, problems: string[]) => signInAs(context, base, username, problems);

  const stage = (page: Page) => page.getByTestId('workflow-panel').getAttribute('data-state');

  it('goes from a UPT submission through a return and a correction to verification and publication', async () => {
    const problems: string[] = [];
    const operatorContext = await browser.newContext({ locale: 'id-ID' });
    const verifierContext = await browser.newContext({ locale: 'id-ID' });
    const op = await signIn(operatorContext, 'upt.karanganyar', problems);
    const kw = await signIn(verifierContext, 'kanwil.jateng', problems);

    // Operator: upload the scanned signed copy on the detail page, then submit to the Kanwil.
    await op.goto(`${base}/app/kerja-sama/${agreementId}`);
    await op.getByTestId('workflow-panel').waitFor();
    expect(await stage(op)).toBe('draft');
    const scan = makePdf({ pages: 3, fillerBytes: 150_000, note: 'pindaian-naskah-ttd' });
    await op.getByTestId('uploader-file').setInputFiles({ name: 'pindaian-naskah-ttd.pdf', mimeType: 'application/pdf', buffer: scan });
    expect(await op.getByTestId('uploader-role').inputValue()).toBe('naskah_ttd');
    await op.getByTestId('uploader-submit').click();
    await op.getByTestId('document-row').filter({ hasText: 'pindaian-naskah-ttd.pdf' }).waitFor();
    await op.getByTestId('wf-submit').click();
    await expect.poll(() => stage(op)).toBe('diajukan');
    expect(await op.getByRole('status').filter({ hasText: 'diajukan ke Kanwil' }).count()).toBe(1);
    // While it is with the Kanwil the unit cannot edit it.
    expect(await op.getByTestId('edit-agreement').count()).toBe(0);

    // Verifier: the bell counts the submission; the queue lists it with its checklist.
    await kw.reload();
    await expect.poll(() => kw.getByTestId('notification-count').textContent()).toBe('1');
    await kw.getByRole('link', { name: 'Antrean Verifikasi' }).click();
    const row = kw.getByTestId('queue-row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.getByTestId('queue-age').textContent()).toBe('0 hari');
    expect(await row.locator('[data-check="signedCopy"]').getAttribute('data-ok')).toBe('true');
    expect(await row.locator('[data-check="bothNumbers"]').textContent()).toContain('Nomor kedua pihak belum lengkap');
    await row.getByRole('link', { name: `Periksa ${title}` }).click();

    // Return it with an overall reason and a note on the partner's number.
    await kw.getByTestId('wf-return').click();
    const dialog = kw.getByTestId('return-dialog');
    await dialog.getByTestId('return-reason').fill('Nomor naskah pihak kedua belum dicatat.');
    await dialog.getByTestId('return-add-note').click();
    await dialog.getByTestId('return-note-target').selectOption('field:numberSecond');
    await dialog.getByTestId('return-note-message').fill('Isi sesuai nomor pada halaman pertama naskah mitra.');
    await dialog.getByTestId('return-submit').click();
    await expect.poll(() => stage(kw)).toBe('dikembalikan');

    // Operator: the bell leads to the agreement, where the reason stands at the top.
    await op.getByRole('link', { name: 'Register Kerja Sama' }).first().click();
    await expect.poll(() => op.getByTestId('notification-count').textContent()).toBe('1');
    await op.getByTestId('notification-bell').click();
    await op.getByTestId('notification-item').first().click();
    const notice = op.getByTestId('returned-notice');
    await notice.waitFor();
    expect(await notice.getByTestId('returned-reason').textContent()).toBe('Nomor naskah pihak kedua belum dicatat.');
    expect(await notice.getByTestId('returned-note').textContent()).toBe('Nomor pihak kedua: Isi sesuai nomor pada halaman pertama naskah mitra.');
    await expect.poll(() => op.getByTestId('notification-count').count()).toBe(0);

    // The edit form shows the note next to the field; fix it and submit again.
    await notice.getByTestId('returned-edit').click();
    const numberSecond = op.getByLabel('Nomor pihak kedua');
    await numberSecond.waitFor();
    expect(await op.locator('#af-number-second-error').textContent()).toBe('Catatan verifikator: Isi sesuai nomor pada halaman pertama naskah mitra.');
    await numberSecond.fill('560/217/DISNAKER/2026');
    expect(await op.locator('#af-number-second-error').count()).toBe(0);
    await op.getByTestId('af-submit').click();
    await op.getByTestId('agreement-detail').waitFor();
    await op.getByTestId('wf-submit').click();
    await expect.poll(() => stage(op)).toBe('diajukan');
    expect(await op.getByTestId('returned-notice').count()).toBe(0);

    // Verifier: verify; publishing waits for a public copy, which the panel leads to.
    await kw.reload();
    await kw.getByTestId('wf-verify').click();
    await expect.poll(() => stage(kw)).toBe('diverifikasi');
    expect(await kw.getByTestId('wf-publish').isDisabled()).toBe(true);
    await kw.getByTestId('upload-public-copy').click();
    expect(await kw.getByTestId('uploader-role').inputValue()).toBe('salinan_publik');
    await kw.getByTestId('uploader-file').setInputFiles({ name: 'salinan-publik.pdf', mimeType: 'application/pdf', buffer: makePdf({ pages: 3, note: 'tersamarkan' }) });
    await kw.getByTestId('uploader-submit').click();
    await kw.getByTestId('document-row').filter({ hasText: 'salinan-publik.pdf' }).waitFor();
    await expect.poll(() => kw.getByTestId('wf-publish').isEnabled()).toBe(true);
    await kw.getByTestId('wf-publish').click();
    await kw.getByTestId('publish-confirm').click();
    await expect.poll(() => stage(kw)).toBe('diterbitkan');

    // The timeline shows every step in order, with the return's reason and note.
    const steps = kw.getByTestId('timeline-event');
    await expect.poll(() => steps.count()).toBe(5);
    expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['submit', 'return', 'submit', 'verify', 'publish']);
    const returned = await steps.nth(1).textContent();
    expect(returned).toContain('Nomor naskah pihak kedua belum dicatat.');
    expect(returned).toContain('Nomor pihak kedua: Isi sesuai nomor pada halaman pertama naskah mitra.');
    expect(await steps.nth(4).textContent()).toContain('Verifikator Kanwil Jawa Tengah');

    // The register shows the stage and filters by it.
    await kw.goto(`${base}/app/kerja-sama?workflowState=diterbitkan`);
    const listed = kw.getByTestId('register-row');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.first().getByTestId('workflow-badge').textContent()).toBe('Diterbitkan');

    expect(problems).toEqual([]);
    await operatorContext.close();
    await verifierContext.close();
  });
});
