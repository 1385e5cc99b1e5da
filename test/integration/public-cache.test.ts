import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { agreement, partner } from '../helpers/registry.js';

/**
 * The public pages are kept in memory at the publication version (src/publication/page-cache.ts, migration 0010).
 * A page kept before a withdrawal, a reclassification or an edit must never be served after it, whether the change
 * came through this process's API or straight into the database (another instance).
 */
describe.each(DATABASES)('the public page cache on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let jateng: Session;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'GET', url, headers });
    return { status: r.statusCode, body: r.body, etag: r.headers.etag as string | undefined, location: r.headers.location as string | undefined };
  };
  const version = async () => Number((await sql<{ version: number }>`select version from publication_state`.execute(t.deps.database.db)).rows[0]!.version);
  const act = async (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await s.req('POST', `/api/v1/agreements/${id}/${action}`, body);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  };
  async function published(title: string) {
    const p = await partner(kra, `Koperasi ${title}`, 'ormas');
    const res = await agreement(t, kra, 'UPT-33-LPSK-KRA', [p], { title: `Perjanjian Kerja Sama tentang ${title}`, purpose: 'Tujuan semula.' });
    expect(res.status).toBe(201);
    const id = res.body.agreement.id as string;
    await act(kra, id, 'submit');
    await act(jateng, id, 'verify');
    expect((await uploadDocument(t, jateng, id, { role: 'salinan_publik' }, { filename: 'salinan.pdf', content: writeTextPdf([{ text: `Salinan publik ${title}.` }]) })).status).toBe(201);
    await act(jateng, id, 'publish');
    const path = (await get(`/kerja-sama/${id}`)).location!;
    return { id, path };
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { PUBLIC_API_RATE_LIMIT: '100000' });
    kra = await t.login('upt.karanganyar');
    jateng = await t.login('kanwil.jateng');
  }, 120_000);
  afterAll(async () => t?.close());

  it('serves a page kept before a withdrawal no more, on any address, right after the withdrawal', async () => {
    const a = await published('Budidaya Anggrek Bulan');
    const urls = [a.path, '/kerja-sama', '/kerja-sama?q=anggrek', '/', `/api/public/v1/agreements/${a.id}`, '/api/public/v1/agreements?q=anggrek', '/api/public/v1/feed.atom'];
    const before = new Map<string, { status: number; body: string; etag: string | undefined }>();
    for (const url of urls) {
      const first = await get(url);
      expect(first.status, url).toBe(200);
      expect(first.body, url).toContain('Anggrek Bulan');
      // The second answer comes from the cache: the same bytes and validator; a repeat visitor gets 304.
      const again = await get(url);
      expect(again.body, url).toBe(first.body);
      expect(again.etag, url).toBe(first.etag);
      expect((await get(url, { 'if-none-match': first.etag! })).status, url).toBe(304);
      before.set(url, first);
    }
    const figures = (await get('/api/public/v1/statistics')).body;

    await act(jateng, a.id, 'withdraw', { reason: 'Direvisi.' });

    expect((await get(a.path)).status).toBe(404);
    expect((await get(a.path, { 'if-none-match': before.get(a.path)!.etag! })).status).toBe(404);
    expect((await get(`/api/public/v1/agreements/${a.id}`)).status).toBe(404);
    for (const url of urls.filter((u) => u !== a.path && !u.startsWith(`/api/public/v1/agreements/${a.id}`))) {
      const now = await get(url);
      expect(now.body, url).not.toContain('Anggrek Bulan');
      expect((await get(url, { 'if-none-match': before.get(url)!.etag! })).status, url).toBe(200);
    }
    expect((await get('/api/public/v1/statistics')).body).not.toBe(figures);
  });

  it('sees a change written straight into the database (another instance) at the next request', async () => {
    const a = await published('Budidaya Jamur Tiram');
    expect((await get(a.path)).body).toContain('Tujuan semula.');
    await t.deps.database.db.updateTable('agreements').set({ purpose: 'Tujuan yang diperbarui.' }).where('id', '=', a.id).execute();
    expect((await get(a.path)).body).toContain('Tujuan yang diperbarui.');
    await t.deps.database.db.updateTable('partners').set({ name: 'Koperasi Jamur Sejahtera' }).where('name', '=', 'Koperasi Budidaya Jamur Tiram').execute();
    expect((await get(a.path)).body).toContain('Koperasi Jamur Sejahtera');
    await t.deps.database.db.updateTable('agreements').set({ confidentiality: 'internal', confidentiality_reason: 'Dikecualikan.' }).where('id', '=', a.id).execute();
    expect((await get(a.path)).status).toBe(404);
    expect((await get('/kerja-sama?q=jamur')).body).not.toContain('Jamur Tiram');
  });

  it('keeps the pages while staff work on agreements the public does not see', async () => {
    const p = await partner(kra, 'Koperasi Draf Saja', 'ormas');
    // Creating a partner is a change of `partners` (names show on pages); the draft, its links and its submission are not.
    const v = await version();
    const draft = await agreement(t, kra, 'UPT-33-LPSK-KRA', [p], { title: 'Perjanjian Kerja Sama tentang Draf Saja' });
    expect(draft.status).toBe(201);
    await act(kra, draft.body.agreement.id, 'submit');
    expect(await version()).toBe(v);
    await t.deps.database.db.updateTable('partners').set({ name: 'Koperasi Draf Saja Berganti' }).where('id', '=', p).execute();
    expect(await version()).not.toBe(v);
  });
});
