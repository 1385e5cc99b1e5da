import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { makePdf } from '../helpers/pdf.js';
import { partner } from '../helpers/registry.js';

describe('agreement register in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base = '';
  beforeAll(async () => {
    t = await startTestApp('pglite');
    // Partners already on record (the demo register is not loaded in tests).
    const admin = await t.login('admin');
    await partner(admin, 'Universitas Jenderal Soedirman', 'perguruan_tinggi');
    await partner(admin, 'Universitas Sebelas Maret', 'perguruan_tinggi');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records an agreement through the form, uploads its signed PDF, finds it in the register and downloads the same bytes', async () => {
    const page = await browser.newPage({ locale: 'id-ID', acceptDownloads: true });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Uncaught|React/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${base}/app/`);
    await page.getByLabel('Nama pengguna').fill('upt.karanganyar');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('link', { name: 'Register Kerja Sama' }).first().click();
    await page.getByTestId('new-agreement').click();

    // Identitas naskah
    const title = 'Perjanjian Kerja Sama tentang Uji Peramban Pelatihan Barista';
    const number = 'W13.PAS.KRA-UJI/2026/0042';
    await page.getByLabel('Judul').fill(title);
    await page.getByLabel('Nomor pihak pertama').fill(number);

    // Para pihak: the operator's own unit is preselected; the partner is found despite the typos.
    await expect.poll(() => page.getByLabel('Unit pemrakarsa').inputValue()).not.toBe('');
    await page.getByRole('combobox', { name: 'Mitra' }).fill('Universitas Jendral Sudirman');
    await page.getByRole('option', { name: /Universitas Jenderal Soedirman/ }).click();
    await expect.poll(() => page.getByTestId('chosen-partners').textContent()).toContain('Universitas Jenderal Soedirman');

    // Waktu: a duration of 3 years from the signing date; the end date is computed while typing.
    await page.getByTestId('af-signing-date').fill('2026-01-15');
    await page.getByTestId('af-duration').fill('3 tahun');
    await expect.poll(() => page.getByTestId('computed-end').textContent()).toBe('Berakhir pada 14 Januari 2029');
    await page.getByLabel('Pembinaan kemandirian (pelatihan kerja, sertifikasi)').check();
    await page.getByTestId('af-submit').click();

    // Detail: saved with the server's end date; upload the signed copy.
    const detail = page.getByTestId('agreement-detail');
    await detail.waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await detail.textContent()).toContain('14 Januari 2029');
    const pdf = makePdf({ pages: 2, note: 'uji-peramban' });
    await page.getByTestId('uploader-file').setInputFiles({ name: 'naskah-ttd.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('uploader-submit').click();
    const row = page.getByTestId('document-row').filter({ hasText: 'naskah-ttd.pdf' });
    await row.waitFor();
    expect(await row.textContent()).toContain('2 halaman');

    // Register: search as you type finds it; the link is reproducible; it now has a signed copy.
    await page.getByRole('link', { name: 'Register Kerja Sama' }).first().click();
    await page.getByTestId('register-search').fill('KRA-UJI/2026');
    await expect.poll(() => page.url()).toContain('q=KRA-UJI%2F2026');
    await expect.poll(() => page.getByTestId('register-row').count()).toBe(1);
    const listed = page.getByTestId('register-row').first();
    expect(await listed.textContent()).toContain(title);
    expect(await listed.getByTestId('marker-no-signed').count()).toBe(0);
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toContain('q=KRA-UJI%2F2026');

    // Open it again and download the file: the same bytes come back.
    await listed.getByRole('link', { name: title }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('document-row').filter({ hasText: 'naskah-ttd.pdf' }).getByTestId('document-download').click();
    const file = await (await download).path();
    expect(Buffer.compare(await fs.readFile(file), pdf)).toBe(0);

    expect(problems).toEqual([]);
    await page.close();
  });
});
