import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { anonymous, startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { agreement, partner } from '../helpers/registry.js';

/**
 * Every non-public agreement carries marker words in its title, its partner's name and its original's text;
 * the published one carries markers in its original, its comments, its reports and its internal fields. No
 * public page, endpoint, feed, search, sitemap or statistic may ever show one of them.
 */
const HIDDEN_STATES = ['draft', 'diajukan', 'dikembalikan', 'diverifikasi', 'internal', 'ditarik', 'konfidensial', 'terhapus'] as const;
type Hidden = (typeof HIDDEN_STATES)[number];
const mark = (s: string) => `zq${s}qz`;

describe.each(DATABASES)('nothing unpublished leaks to the public on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let jateng: Session;
  const ids: Partial<Record<Hidden | 'published' | 'renewal', string>> = {};
  const partners: Record<string, string> = {};
  const secrets: string[] = [];
  const runJobs = () => new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 30_000, pollMs: 50 }).drain();
  const pdf = (words: string) => ({ filename: 'naskah.pdf', content: writeTextPdf([{ text: `Para pihak sepakat ${words} bekerja sama.` }]) });

  async function make(key: string, o: Record<string, unknown> = {}) {
    const secret = mark(key.replace(/_/g, ''));
    // The original's marker shares no letters' run with the public names, so a near miss cannot explain a hit.
    const original = `zq${crypto.randomBytes(5).toString('hex')}qz`;
    secrets.push(secret, `${secret}mitra`, original);
    partners[key] = await partner(kra, `Yayasan Mitra ${secret}mitra`, 'ormas');
    const res = await agreement(t, kra, 'UPT-33-LPSK-KRA', [partners[key]!], { title: `Perjanjian Kerja Sama tentang Pembinaan ${secret}`, ...o });
    expect(res.status).toBe(201);
    const id = res.body.agreement.id as string;
    expect((await uploadDocument(t, kra, id, { role: 'naskah_ttd' }, pdf(original))).status).toBe(201);
    return id;
  }
  const act = async (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await s.req('POST', `/api/v1/agreements/${id}/${action}`, body);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  };
  async function publish(id: string, copyWords: string) {
    await act(kra, id, 'submit');
    await act(jateng, id, 'verify');
    expect((await uploadDocument(t, jateng, id, { role: 'salinan_publik' }, pdf(copyWords))).status).toBe(201);
    await act(jateng, id, 'publish');
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_API_RATE_LIMIT: '100000' });
    kra = await t.login('upt.karanganyar');
    jateng = await t.login('kanwil.jateng');

    // The published MoU: its original, comments, reports, background and financing hold secrets; its copy does not.
    ids.published = await make('published', { kindCode: 'mou', background: `Latar ${mark('latar')}`, financing: `Biaya ${mark('biaya')}` });
    secrets.push(mark('latar'), mark('biaya'), mark('komentar'), mark('laporan'));
    secrets.splice(secrets.indexOf(mark('published')), 1);
    secrets.splice(secrets.indexOf(`${mark('published')}mitra`), 1);
    await kra.req('POST', `/api/v1/agreements/${ids.published}/comments`, { body: `Catatan ${mark('komentar')}` });
    await publish(ids.published, 'salinan publik zqsalinanqz yang disamarkan');
    const report = await kra.req('POST', `/api/v1/agreements/${ids.published}/reports`, { periodStart: '2025-01-01', periodEnd: '2025-06-30', activities: `Kegiatan ${mark('laporan')}`, beneficiaries: 3, pnbpAmount: 0 });
    expect(report.status).toBeLessThan(300);

    ids.draft = await make('draft', { kindCode: 'pks', parentId: ids.published });
    ids.diajukan = await make('diajukan');
    await act(kra, ids.diajukan, 'submit');
    ids.dikembalikan = await make('dikembalikan');
    await act(kra, ids.dikembalikan, 'submit');
    await act(jateng, ids.dikembalikan, 'return', { reason: 'Perbaiki nomor.' });
    ids.diverifikasi = await make('diverifikasi');
    await act(kra, ids.diverifikasi, 'submit');
    await act(jateng, ids.diverifikasi, 'verify');
    ids.internal = await make('internal');
    await act(kra, ids.internal, 'submit');
    await act(jateng, ids.internal, 'verify');
    await act(jateng, ids.internal, 'keep-internal', { reason: 'Prosedur pengamanan.' });
    ids.ditarik = await make('ditarik');
    await publish(ids.ditarik, `salinan ${mark('ditarik')}salinan`);
    secrets.push(`${mark('ditarik')}salinan`);
    await act(jateng, ids.ditarik, 'withdraw', { reason: 'Direvisi.' });
    // Published, then reclassified as internal (Pasal 17) and published, then deleted.
    ids.konfidensial = await make('konfidensial');
    await publish(ids.konfidensial, `salinan ${mark('konfidensial')}salinan`);
    secrets.push(`${mark('konfidensial')}salinan`);
    await t.deps.database.db.updateTable('agreements').set({ confidentiality: 'internal', confidentiality_reason: 'Dikecualikan.' }).where('id', '=', ids.konfidensial).execute();
    ids.terhapus = await make('terhapus');
    await publish(ids.terhapus, `salinan ${mark('terhapus')}salinan`);
    secrets.push(`${mark('terhapus')}salinan`);
    expect((await jateng.req('DELETE', `/api/v1/agreements/${ids.terhapus}`)).status).toBe(204);
    // An unpublished renewal must not turn the published MoU into "diperpanjang".
    ids.renewal = await make('renewal', { kindCode: 'mou', renewsId: ids.published });
    await runJobs();
  }, 240_000);
  afterAll(async () => t?.close());

  async function text(url: string): Promise<{ status: number; body: string }> {
    const res = await t.app.inject({ method: 'GET', url });
    if (url.endsWith('.xlsx') && res.statusCode === 200) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))));
      return { status: 200, body: cells.join('\n') };
    }
    return { status: res.statusCode, body: res.body };
  }
  const noSecret = (url: string, body: string) => {
    const lower = body.toLowerCase();
    for (const s of secrets) expect(lower.includes(s), `${s} leaked through ${url}`).toBe(false);
  };

  it('shows the published agreement everywhere, and no marker of anything else', async () => {
    const urls = [
      '/', '/kerja-sama', '/data-terbuka', '/robots.txt', '/sitemap.xml', '/sitemaps/halaman.xml', '/sitemaps/kerja-sama-1.xml',
      '/api/public/v1/agreements', '/api/public/v1/agreements?pageSize=100', '/api/public/v1/statistics', '/api/public/v1/agreements.csv', '/api/public/v1/agreements.xlsx',
      '/api/public/v1/jdihn.json', '/api/public/v1/feed.atom', '/api/public/v1/catalog.jsonld', `/kerja-sama/${ids.published}`, `/api/public/v1/agreements/${ids.published}`,
    ];
    const unit = JSON.parse((await text(`/api/public/v1/agreements/${ids.published}`)).body);
    urls.push(new URL(unit.unit.url).pathname, new URL(unit.partners[0].url).pathname);
    for (const url of urls) {
      const r = await text(url);
      expect([200, 301], `${url}: ${r.status}`).toContain(r.status);
      noSecret(url, r.body);
    }
    const list = JSON.parse((await text('/api/public/v1/agreements')).body);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([ids.published]);
    expect(list.total).toBe(1);
    const stats = JSON.parse((await text('/api/public/v1/statistics')).body);
    expect(stats.published).toBe(1);
    const detail = JSON.parse((await text(`/api/public/v1/agreements/${ids.published}`)).body);
    expect(detail.relations.children).toEqual([]);
    expect(detail.relations.renewedBy).toEqual([]);
    expect(detail.status).not.toBe('diperpanjang');
    expect(Object.keys(detail)).not.toContain('background');
    expect(JSON.parse((await text('/api/public/v1/jdihn.json')).body)).toHaveLength(1);
  });

  it('answers 404 for every unpublished agreement, its public copy and its partner, whatever the address', async () => {
    for (const key of [...HIDDEN_STATES, 'renewal'] as const) {
      const id = ids[key]!;
      for (const url of [`/kerja-sama/${id}`, `/kerja-sama/${id}-judul`, `/kerja-sama/${id}/salinan-publik`, `/kerja-sama/${id}/salinan-publik?unduh=1`, `/api/public/v1/agreements/${id}`, `/mitra/${partners[key]}`]) {
        const r = await text(url);
        expect(r.status, `${key}: ${url}`).toBe(404);
        noSecret(url, r.body);
      }
    }
  });

  it('finds by the public copy\'s words, never by an original\'s, an internal field\'s or an unpublished title', async () => {
    const hit = JSON.parse((await text('/api/public/v1/agreements?q=zqsalinanqz')).body);
    expect(hit.items.map((i: { id: string }) => i.id)).toEqual([ids.published]);
    expect(hit.items[0].snippets.join(' ')).toContain('<mark>');
    for (const s of secrets) {
      for (const url of [`/api/public/v1/agreements?q=${s}`, `/kerja-sama?q=${s}`]) {
        const r = await text(url);
        expect(r.status).toBe(200);
        noSecret(url, r.body.replaceAll(`q=${s}`, '').replaceAll(`value="${s}"`, ''));
        if (url.startsWith('/api')) expect(JSON.parse(r.body).total, `${s} found`).toBe(0);
      }
    }
  });
});
