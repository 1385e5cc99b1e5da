import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';

const API = '/api/public/v1';

describe.each(DATABASES)('public open-data API on %s', (kind) => {
  let t: TestApp;
  let published: { id: string; title: string; numberFirst: string | null; kind: { code: string } }[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_API_RATE_LIMIT: '100000' }, { demoRegister: true });
    published = (await anonymous(t, 'GET', `${API}/agreements?pageSize=100`)).body.items;
  }, 180_000);
  afterAll(async () => t?.close());

  it('lists exactly the published, public, live agreements of the register, newest first', async () => {
    const expected = await t.deps.database.db
      .selectFrom('agreements')
      .select('id')
      .where('workflow_state', '=', 'diterbitkan')
      .where('confidentiality', '=', 'public')
      .where('deleted_at', 'is', null)
      .execute();
    expect(expected.length).toBeGreaterThan(3);
    expect(published.map((a) => a.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const page2 = await anonymous(t, 'GET', `${API}/agreements?pageSize=2&page=2`);
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual(published.slice(2, 4).map((a) => a.id));
    const mou = await anonymous(t, 'GET', `${API}/agreements?kind=mou`);
    expect(mou.body.items.length).toBe(published.filter((a) => a.kind.code === 'mou').length);
    expect(mou.body.items.every((a: { kind: { code: string } }) => a.kind.code === 'mou')).toBe(true);
  });

  it('gives one agreement with only public fields, and 404 for an unknown one', async () => {
    const one = await anonymous(t, 'GET', `${API}/agreements/${published[0]!.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: published[0]!.id, title: published[0]!.title, publicCopy: { mime: 'application/pdf' } });
    for (const key of ['background', 'financing', 'workflowState', 'confidentiality', 'nip', 'createdBy']) expect(JSON.stringify(one.body)).not.toContain(`"${key}"`);
    const copy = await anonymous(t, 'GET', new URL(one.body.publicCopy.url).pathname);
    expect(copy.status).toBe(200);
    expect(copy.headers['content-type']).toBe('application/pdf');
    expect(copy.headers['content-disposition']).toMatch(/^inline/);
    expect((await anonymous(t, 'GET', `${new URL(one.body.publicCopy.url).pathname}?unduh=1`)).headers['content-disposition']).toMatch(/^attachment/);
    const missing = await anonymous(t, 'GET', `${API}/agreements/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses writes with 405 in the app\'s error shape, answers CORS preflights, and sends CORS headers', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = await anonymous(t, method, `${API}/agreements`, { x: 1 });
      expect(r.status, method).toBe(405);
      expect(r.body.error.code).toBe('METHOD_NOT_ALLOWED');
      expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
    }
    const pre = await anonymous(t, 'OPTIONS', `${API}/agreements`, undefined, { origin: 'https://data.example', 'access-control-request-method': 'GET' });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    const get = await anonymous(t, 'GET', `${API}/statistics`, undefined, { origin: 'https://data.example' });
    expect(get.headers['access-control-allow-origin']).toBe('*');
    expect((await anonymous(t, 'HEAD', `${API}/agreements`)).status).toBe(200);
  });

  it('answers 400 with field messages for malformed parameters, and caps deep pages', async () => {
    const bad = await anonymous(t, 'GET', `${API}/agreements?page=501&status=hilang&year=abc&x=1`, undefined, { 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['page', 'status', 'year']));
    expect(bad.body.error.fields.find((f: { path: string }) => f.path === 'page').message).toMatch(/At most page 500/);
  });

  it('sends ETag and Cache-Control, and 304 when the client holds the same data', async () => {
    for (const url of [`${API}/agreements`, `${API}/agreements/${published[0]!.id}`, `${API}/statistics`, `${API}/feed.atom`, `${API}/catalog.jsonld`]) {
      const first = await anonymous(t, 'GET', url);
      expect(first.headers.etag, url).toBeTruthy();
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
      const again = await anonymous(t, 'GET', url, undefined, { 'if-none-match': String(first.headers.etag) });
      expect(again.status, url).toBe(304);
    }
  });

  it('streams CSV and XLSX files holding the same published set', async () => {
    const csv = await t.app.inject({ method: 'GET', url: `${API}/agreements.csv` });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="register-kerja-sama-terbit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Judul;Nomor Pihak Pertama');
    expect(lines).toHaveLength(published.length + 1);
    for (const a of published) expect(csv.body).toContain(a.id);
    const xlsx = await t.app.inject({ method: 'GET', url: `${API}/agreements.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(published.length + 1);
    const titles = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && titles.add(String(row.getCell(3).value)));
    expect([...titles].sort()).toEqual([...new Set(published.map((a) => a.title))].sort());
  });

  it('publishes an Atom feed, a JDIHN feed valid against its schema, and a DCAT catalogue', async () => {
    const atom = new XMLParser({ ignoreAttributes: false }).parse((await anonymous(t, 'GET', `${API}/feed.atom`)).body as string);
    const entries = [atom.feed.entry].flat();
    expect(entries).toHaveLength(published.length);
    expect(entries[0].title).toBe(published[0]!.title);
    expect(entries[0].link['@_href']).toMatch(new RegExp(`/kerja-sama/${published[0]!.id}-`));

    const jdihn = await anonymous(t, 'GET', `${API}/jdihn.json`);
    const schema = JSON.parse(fs.readFileSync(path.resolve('src/publication/jdihn.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(jdihn.body), JSON.stringify(validate.errors)).toBe(true);
    expect(jdihn.body).toHaveLength(published.length);
    const rec = jdihn.body.find((r: { idData: string }) => r.idData === published[0]!.id);
    expect(rec.judul).toMatch(/ antara .+ dan .+ tentang /);
    expect(rec.urlDetailPeraturan).toContain(`/kerja-sama/${published[0]!.id}-`);

    const catalog = (await anonymous(t, 'GET', `${API}/catalog.jsonld`)).body;
    const expanded = await jsonld.expand(catalog);
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const cat = expanded.find((n) => (n['@type'] as string[]).includes(`${DCAT}Catalog`))!;
    const dataset = (cat[`${DCAT}dataset`] as Record<string, unknown>[])[0]!;
    const urls = (dataset[`${DCAT}distribution`] as Record<string, { '@id': string }[]>[]).map((d) => d[`${DCAT}accessURL`]![0]!['@id']);
    expect(urls.map((u) => new URL(u).pathname).sort()).toEqual([`${API}/agreements`, `${API}/agreements.csv`, `${API}/agreements.xlsx`, `${API}/feed.atom`, `${API}/jdihn.json`].sort());
  });

  it('describes itself in its own OpenAPI document, apart from the staff API', async () => {
    const doc = (await anonymous(t, 'GET', `${API}/openapi.json`)).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/agreements', '/agreements/{id}', '/statistics', '/agreements.csv', '/jdihn.json', '/catalog.jsonld']));
    expect(doc.paths['/agreements'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'unit', 'kind', 'status', 'category', 'scope', 'year', 'page']));
    const staff = (await anonymous(t, 'GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(staff.paths).some((p) => p.startsWith('/api/public'))).toBe(false);
  });
});

describe('public API rate limit', () => {
  it('answers 429 in the app\'s error shape once a client passes PUBLIC_API_RATE_LIMIT per minute', async () => {
    const t = await startTestApp('pglite', { PUBLIC_API_RATE_LIMIT: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await anonymous(t, 'GET', `${API}/statistics`));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(statuses[2]!.body.error.code).toBe('RATE_LIMITED');
      expect(statuses[2]!.headers['access-control-allow-origin']).toBe('*');
      // The portal's pages are not part of the API's budget.
      expect((await anonymous(t, 'GET', '/kerja-sama')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
