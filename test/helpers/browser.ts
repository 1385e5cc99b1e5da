import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-units.js';

/** Debian's chromium, headless, with the flags this sandbox needs (no background networking). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens a page in `context`, signs `username` in through the login form and waits for the shell. CSP violations,
 * uncaught errors and React errors on the page are collected in `problems`, which a test asserts empty.
 */
export async function signIn(context: BrowserContext, base: string, username: string, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Uncaught|React/i.test(m.text())) problems.push(`${username}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${username}: ${e.message}`));
  await page.goto(`${base}/app/`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}
