import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

describe('staff web app in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base = '';
  beforeAll(async () => {
    t = await startTestApp('pglite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('rejects a wrong password with a readable message, then signs in and shows the Kanwil its own tree', async () => {
    const page = await browser.newPage({ locale: 'id-ID' });
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${base}/app/`);
    await page.getByLabel('Nama pengguna').fill('kanwil.jateng');
    await page.getByLabel('Kata sandi').fill('salah-total-123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Nama pengguna atau kata sandi salah.');

    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('link', { name: 'Unit Organisasi' }).first().click();
    const tree = page.getByTestId('unit-tree');
    await tree.waitFor();
    await expect.poll(() => tree.textContent()).toContain('Kantor Wilayah Jawa Tengah');
    // The Kanwil node may start collapsed: expand everything the filter finds.
    await page.getByLabel(/Cari unit|Saring/i).first().fill('Karanganyar');
    await page.getByTestId('unit-node-UPT-33-LPSK-KRA').waitFor();
    expect(await tree.textContent()).toContain('Lapas Khusus Kelas IIA Karanganyar');
    expect(await page.getByTestId('unit-node-UPT-32-LP-SKM').count()).toBe(0);
    expect(cspErrors).toEqual([]);
    await page.close();
  });
});
