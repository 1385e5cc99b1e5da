import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { makePdf } from '../helpers/pdf.js';
import { agreement, partner } from '../helpers/registry.js';

type Item = { id: string; url: string; title: string; unit: { id: string; url: string }; partners: { url: string; name: string }[]; kind: { code: string } };
const page = async (t: TestApp, url: string, headers: Record<string, string> = {}) => {
  const r = await t.app.inject({ method: 'GET', url, headers });
  return { status: r.statusCode, html: r.body, headers: r.headers };
};

describe.each(DATABASES)('public portal pages on %s', (kind) => {
  let t: TestApp;
  let items: Item[] = [];
  let jateng: Session;
  let tricky = '';

  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_API_RATE_LIMIT: '100000' }, { demoRegister: true });
    jateng = await t.login('kanwil.jateng');
    // A Kanwil's own agreement whose title tries to inject markup, published the usual way.
    const p = await partner(jateng, 'Universitas <b>Terbuka</b> "Semarang"', 'perguruan_tinggi');
    const a = await agreement(t, jateng, 'KW-33', [p], { kindCode: 'mou', title: 'Nota Kesepahaman tentang <script>alert(1)</script> & Pendidikan', signingDate: '2024-06-27' });
    tricky = a.body.agreement.id;
    await jateng.req('POST', `/api/v1/agreements/${tricky}/verify`, {});
    await uploadDocument(t, jateng, tricky, { role: 'salinan_publik' }, { filename: 'salinan.pdf', content: makePdf({ note: 'publik' }) });
    expect((await jateng.req('POST', `/api/v1/agreements/${tricky}/publish`, {})).status).toBe(200);
    items = (await anonymous(t, 'GET', '/api/public/v1/agreements?pageSize=100')).body.items;
  }, 180_000);
  afterAll(async () => t?.close());

  it('renders the home page with figures, the newest agreements, accessible charts and a staff sign-in link', async () => {
    const r = await page(t, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.html).toContain('<html lang="id">');
    expect(r.html).toContain('<a class="skip" href="#konten">Langsung ke konten utama</a>');
    expect(r.html).toContain('href="/app/">Masuk petugas</a>');
    expect(r.html).toMatch(/<dt>Naskah terbit<\/dt><dd>\d+<\/dd>/);
    expect(r.html).toContain('Naskah berlaku menurut Kantor Wilayah');
    expect(r.html).toMatch(/<svg role="img" aria-labelledby="c-kanwil-title c-kanwil-desc"/);
    expect(r.html).toContain('<th scope="row">Kantor Wilayah Jawa Tengah</th>');
    expect(r.html).not.toMatch(/<script|style="/);
    expect(r.html).toContain('<link rel="canonical" href="http://localhost:3000/">');
    expect(r.html).toContain('property="og:title"');
  });

  it('escapes every value: a title with markup is text', async () => {
    const r = await page(t, '/kerja-sama?kind=mou');
    expect(r.html).toContain('Nota Kesepahaman tentang &lt;script&gt;alert(1)&lt;/script&gt; &amp; Pendidikan');
    expect(r.html).not.toContain('<script>alert(1)');
    const detail = await page(t, `/kerja-sama/${tricky}`);
    expect(detail.status).toBe(301);
    const shown = await page(t, String(detail.headers.location));
    expect(shown.html).toContain('Universitas &lt;b&gt;Terbuka&lt;/b&gt; &quot;Semarang&quot;');
  });

  it('shows an agreement with its public fields, copy and canonical address; a wrong slug redirects', async () => {
    const a = items.find((i) => i.id !== tricky && i.partners.length > 0)!;
    const path = new URL(a.url).pathname;
    const r = await page(t, path);
    expect(r.status).toBe(200);
    for (const text of ['Nomor pihak pertama', 'Penandatangan', 'Ruang lingkup', 'Jangka waktu', 'Salinan publik', 'Baca di peramban', `/kerja-sama/${a.id}/salinan-publik`, 'content="article"']) expect(r.html).toContain(text);
    expect(r.html).toContain(`<link rel="canonical" href="http://localhost:3000${path}">`);
    expect(r.html).toMatch(/\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
    const wrong = await page(t, `/kerja-sama/${a.id}-judul-lama?lang=en`);
    expect(wrong.status).toBe(301);
    expect(wrong.headers.location).toBe(`${path}?lang=en`);
  });

  it('answers unknown agreements and addresses with the site\'s 404 page', async () => {
    for (const url of ['/kerja-sama/00000000-0000-4000-8000-000000000000-apa-saja', '/kerja-sama/bukan-id', '/unit/00000000-0000-4000-8000-000000000000', '/mitra/abc', '/tidak-ada']) {
      const r = await page(t, url);
      expect(r.status, url).toBe(404);
      expect(r.html).toContain('<h1>Halaman tidak ditemukan</h1>');
      expect(r.html).toContain('<meta name="robots" content="noindex">');
    }
    expect((await page(t, '/api/v1/tidak-ada')).headers['content-type']).toContain('application/json');
  });

  it('searches with filters and shows the results; malformed parameters give the page with a message and 400', async () => {
    const all = await page(t, '/kerja-sama');
    expect(all.html).toContain(`${items.length} naskah`);
    expect(all.html).toContain('<label for="f-kind">Jenis</label>');
    const mou = await page(t, '/kerja-sama?kind=mou&q=');
    const count = items.filter((i) => i.kind.code === 'mou').length;
    expect(mou.html).toContain(`${count} naskah`);
    expect(mou.html).toContain('<option value="mou" selected>');
    const found = await page(t, '/kerja-sama?q=pendidikan');
    expect(found.html).toContain('Nota Kesepahaman tentang &lt;script&gt;');
    const bad = await page(t, '/kerja-sama?page=9999&year=dua');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('role="alert"');
    expect(bad.html).toContain('Halaman paling jauh 500');
    const en = await page(t, '/kerja-sama?page=9999&lang=en');
    expect(en.html).toContain('At most page 500');
  });

  it('lists a unit\'s and a partner\'s published agreements on their pages', async () => {
    const a = items.find((i) => i.partners.length > 0)!;
    const unit = await page(t, new URL(a.unit.url).pathname);
    expect(unit.status).toBe(200);
    expect(unit.html).toContain(a.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(unit.html).toContain(`/kerja-sama?unit=${a.unit.id}`);
    const partnerPage = await page(t, new URL(a.partners[0]!.url).pathname);
    expect(partnerPage.status).toBe(200);
    expect(partnerPage.html).toContain(`/kerja-sama/${a.id}-`);
  });

  it('speaks English with ?lang=en and remembers it in a cookie', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(r.body).toContain('<html lang="en">');
    expect(r.body).toContain('Staff sign-in');
    const cookie = r.cookies.find((c) => c.name === 'p2ma_lang')!;
    expect(cookie.value).toBe('en');
    const next = await page(t, '/kerja-sama', { cookie: 'p2ma_lang=en' });
    expect(next.html).toContain('Search cooperation agreements');
    expect(next.headers.vary).toContain('Cookie');
  });

  it('serves robots.txt, the sitemaps with every published agreement, and the stylesheet', async () => {
    const robots = await page(t, '/robots.txt');
    expect(robots.html).toContain('Disallow: /app/');
    expect(robots.html).toContain('Disallow: /api/v1/');
    const index = await page(t, '/sitemap.xml');
    expect(index.html).toContain('/sitemaps/kerja-sama-1.xml');
    const chunk = await page(t, '/sitemaps/kerja-sama-1.xml');
    expect(chunk.html.match(/<url>/g)).toHaveLength(items.length);
    for (const i of items) expect(chunk.html).toContain(new URL(i.url).pathname);
    const css = await page(t, '/assets/portal.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.html).toContain('@media print');
    expect((await page(t, '/assets/portal.css', { 'if-none-match': String(css.headers.etag) })).status).toBe(304);
  });
});
