import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { agreementLines } from '../helpers/agreement-text.js';
import { launchBrowser, signIn as signInAs } from '../helpers/browser.js';
import { partner } from '../helpers/registry.js';

/**
 * "Unggah naskah dulu" end to end: a UPT operator starts from a signed text PDF, waits for its text to be
 * read, reviews the form filled from it, saves, then finds the agreement on /cari by a word form that only
 * the document's body holds; an administrator sees the extraction job on /pekerjaan.
 */
describe('document intelligence in the staff app', () => {
  let t: TestApp;
  let browser: Browser;
  let worker: JobWorker;
  let base = '';
  const numberFirst = 'W13.PAS.KRA-HM.05.02-4471';
  const title = 'Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan bagi Warga Binaan Pemasyarakatan';

  beforeAll(async () => {
    t = await startTestApp('pglite');
    // The partner named in the document is already in the registry: the suggestion matches it.
    await partner(await t.login('upt.karanganyar'), 'Balai Latihan Kerja Kabupaten Cilacap', 'sekolah_pelatihan');
    // The server process starts a worker; here the test does (reading the text needs one).
    worker = new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 1, leaseMs: 30_000, pollMs: 100 }).start();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop(1000);
    await t?.close();
  });

  const signIn = (context: BrowserContext, username: string, problems: string[]) => signInAs(context, base, username, problems);

  it('starts from the signed PDF, fills the form from it, and finds it by a word of its body', async () => {
    const problems: string[] = [];
    const context = await browser.newContext({ locale: 'id-ID' });
    const op = await signIn(context, 'upt.karanganyar', problems);

    // Register → "Unggah naskah dulu": the unit is the operator's own; choose the PDF and start.
    await op.getByRole('link', { name: 'Register Kerja Sama', exact: true }).click();
    await op.getByTestId('new-from-document').click();
    await op.getByTestId('intake-form').waitFor();
    const pdf = writeTextPdf(agreementLines({ numberFirst }));
    await op.getByTestId('intake-file').setInputFiles({ name: 'pks-blk-cilacap.pdf', mimeType: 'application/pdf', buffer: pdf });
    await op.getByTestId('intake-start').click();

    // Reading done, the form opens filled from the document, every suggestion with its passage.
    await op.waitForURL(/\/kerja-sama\/[0-9a-f-]+\/ubah\?dari=berkas$/, { timeout: 20_000 });
    const agreementId = /kerja-sama\/([0-9a-f-]+)\/ubah/.exec(op.url())![1]!;
    await op.getByTestId('suggest-message').waitFor();
    expect(await op.getByTestId('suggest-message').textContent()).toMatch(/Formulir diisi dari \d+ saran naskah/);
    expect(await op.getByTestId('af-title').inputValue()).toBe(title);
    expect(await op.getByTestId('af-number-first').inputValue()).toBe(numberFirst);
    expect(await op.getByTestId('af-duration').inputValue()).toBe('3 tahun');
    expect(await op.getByTestId('chosen-partners').textContent()).toContain('Balai Latihan Kerja Kabupaten Cilacap');
    const dateRow = op.getByTestId('suggestion').and(op.locator('[data-field="signingDate"]'));
    expect(await dateRow.textContent()).toContain('27 Juni 2024');
    expect(await dateRow.textContent()).toContain('Kamis tanggal dua puluh tujuh bulan Juni');

    // The operator corrects a field, then takes the suggestion back with "Terima".
    await op.getByTestId('af-title').fill('Judul sementara yang salah');
    const titleRow = op.getByTestId('suggestion').and(op.locator('[data-field="title"]'));
    await titleRow.getByTestId('suggestion-accept').click();
    expect(await op.getByTestId('af-title').inputValue()).toBe(title);
    await titleRow.getByTestId('suggestion-accepted').waitFor();
    expect(await op.getByTestId('suggestion-accept').count()).toBe(0);

    await op.getByTestId('af-submit').click();
    await op.waitForURL(`${base}/app/kerja-sama/${agreementId}`);
    expect(await op.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    // The document list says how the text was read.
    const status = op.getByTestId('extraction-status');
    expect(await status.getAttribute('data-state')).toBe('done');
    expect(await status.textContent()).toMatch(/Teks terbaca: [\d.]+ karakter dari 1 halaman \(lapisan teks\)/);

    // Search: "mendampingi" finds the body's "pendampingan" (same stem, in no field of the record), marked.
    await op.getByRole('link', { name: 'Cari Naskah', exact: true }).click();
    await op.getByTestId('search-q').fill('mendampingi');
    await op.getByTestId('search-submit').click();
    await op.waitForURL(/\/cari\?q=mendampingi$/);
    const hit = op.getByTestId('search-hit').filter({ hasText: title });
    await hit.waitFor();
    expect(await op.getByTestId('search-total').textContent()).toBe('1 naskah ditemukan');
    const marks = await hit.getByTestId('search-snippet').locator('mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toContain('pendampingan');
    expect(await hit.textContent()).toContain(numberFirst);
    // A shared link shows the same results; a word the register does not hold shows the empty state.
    await op.goto(`${base}/app/cari?q=${encodeURIComponent('"warga binaan" pengelasan')}`);
    await op.getByTestId('search-hit').filter({ hasText: title }).waitFor();
    await op.getByTestId('search-q').fill('kapalselam');
    await op.getByTestId('search-submit').click();
    await op.getByTestId('search-empty').waitFor();

    // Register: search as you type offers the number; keyboard only.
    await op.goto(`${base}/app/kerja-sama`);
    await op.getByTestId('register-search').fill('HM.05.02-447');
    await op.getByTestId('quick-agreement').waitFor();
    await op.getByTestId('register-search').press('ArrowDown');
    await op.getByTestId('register-search').press('Enter');
    await op.waitForURL(`${base}/app/kerja-sama/${agreementId}`);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the job queue to an administrator, filtered by state', async () => {
    const problems: string[] = [];
    const context = await browser.newContext({ locale: 'id-ID' });
    const admin = await signIn(context, 'admin', problems);
    await admin.getByRole('link', { name: 'Pekerjaan Latar', exact: true }).click();
    const row = admin.getByTestId('job-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('done');
    expect(await row.textContent()).toContain('Membaca teks berkas');
    expect(await row.textContent()).toContain('1 dari 3');
    await admin.getByTestId('jobs-state').selectOption('failed');
    await admin.waitForURL(/\/pekerjaan\?state=failed$/);
    await admin.getByText('Tidak ada pekerjaan.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 30_000);
});
