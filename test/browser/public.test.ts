import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A/AA rules on the loaded page; returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, iframes: false });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('public portal in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    t = await startTestApp('pglite', {}, { demoRegister: true });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('passes axe (WCAG 2.1 AA) on the home, search and agreement pages, with no console or CSP errors', async () => {
    // bypassCSP only lets the test inject axe-core; the pages themselves run no script.
    const context = await browser.newContext({ locale: 'id-ID', bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text()) && problems.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
    await page.goto(`${base}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kerja sama yang diterbitkan');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/kerja-sama?q=pelatihan`);
    expect(await page.locator('ol.results li').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('ol.results h3 a').first().click();
    await page.waitForURL(/\/kerja-sama\/[0-9a-f-]{36}-/);
    expect(await page.getByRole('heading', { name: 'Salinan publik' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works without JavaScript and by keyboard: skip link, search form, results, agreement, English', async () => {
    const context = await browser.newContext({ locale: 'id-ID', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Langsung ke konten utama');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#konten$/);
    await page.getByLabel('Kata kunci').fill('rehabilitasi');
    await page.getByRole('button', { name: 'Cari naskah' }).click();
    await page.waitForURL(/\/kerja-sama\?q=rehabilitasi/);
    expect(await page.locator('ol.results li').count()).toBeGreaterThan(0);
    await page.getByLabel('Jenis').selectOption('pks');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL(/kind=pks/);
    expect(await page.locator('ol.results li').count()).toBeGreaterThan(0);
    await page.locator('ol.results h3 a').first().click();
    await page.waitForURL(/\/kerja-sama\/[0-9a-f-]{36}-/);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.length).toBeGreaterThan(10);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByRole('link', { name: 'Staff sign-in' }).count()).toBe(1);
    await page.goto(`${base}/kerja-sama`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Search cooperation agreements');
    await context.close();
  });
});
