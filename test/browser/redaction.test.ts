import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { insertAgreement, uploadDocument } from '../helpers/fixtures.js';
import { agreementWithPii, SAMPLE_PII } from '../helpers/pii-fixtures.js';

describe('public copy with personal data redacted, in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base = '';
  let agreementId = '';
  const drain = () => new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 60_000, pollMs: 50 }).drain();

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const kra = await t.login('upt.karanganyar');
    agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA', title: 'PKS Pelatihan Pengelasan dengan BLK Cilacap' });
    await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'pks-ttd.pdf', content: writeTextPdf(agreementWithPii(SAMPLE_PII)) });
    await drain();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the findings, makes the public copy with its progress, and links to it', async () => {
    const problems: string[] = [];
    const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/app/`);
    await page.getByLabel('Nama pengguna').fill('upt.karanganyar');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${base}/app/kerja-sama/${agreementId}`);

    const panel = page.getByTestId('redaction');
    await panel.getByTestId('redaction-check').click();
    const items = panel.getByTestId('redaction-findings').locator('li');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    expect(texts).toHaveLength(3);
    expect(texts.join('\n')).toContain(`NIK hlm. 1`);
    expect(texts.join('\n')).toContain(SAMPLE_PII.email);
    expect(await panel.getByRole('status').first().textContent()).toBe('3 temuan. Centang yang akan dihitamkan.');
    // the reviewer keeps the phone number (e.g. an office line) and blacks out the rest
    await items.filter({ hasText: 'Nomor telepon' }).getByRole('checkbox').uncheck();
    expect(await panel.textContent()).toContain('2 dipilih');
    await panel.getByTestId('redaction-create').click();
    await panel.getByTestId('redaction-status').waitFor();
    expect(await panel.getByTestId('redaction-status').textContent()).toMatch(/Menunggu giliran|Membuat salinan publik/);

    await drain();
    const link = panel.getByTestId('redaction-result');
    await link.waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('redaction-status').textContent()).toContain('Salinan publik selesai dibuat (2 bagian dihitamkan)');
    expect(await link.getAttribute('href')).toMatch(/^\/api\/v1\/documents\/[0-9a-f-]+\/content\?inline=1$/);
    // the new public copy is in the documents list
    await page.getByTestId('documents').getByText('pks-ttd-salinan-publik.pdf').first().waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
