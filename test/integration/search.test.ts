import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/bootstrap.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { parseQuery, searchPage } from '../../src/search/search.repository.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { agreement, partner } from '../helpers/registry.js';

type Hit = { agreement: { id: string; title: string }; score: number; snippets: { documentId: string; page: number; html: string }[] };

describe.each(DATABASES)('search on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let psp: Session;
  let jateng: Session;
  let admin: Session;
  const id: Record<string, string> = {};
  let docId: string;

  const search = async (s: Session, query: string): Promise<{ status: number; total: number; results: Hit[]; body: any }> => {
    const res = await s.req('GET', `/api/v1/search?${query}`);
    return { status: res.status, total: res.body.total, results: res.body.results ?? [], body: res.body };
  };
  const titles = (r: { results: Hit[] }) => r.results.map((h) => h.agreement.title);
  const runJobs = () => new JobWorker({ db: t.deps.database.db, now: t.deps.now }, { handlers: jobHandlers(t.deps), concurrency: 2, leaseMs: 30_000, pollMs: 50 }).drain();

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    jateng = await t.login('kanwil.jateng');
    admin = await t.login('admin');
    const blk = await partner(kra, 'Balai Latihan Kerja Kabupaten Cilacap', 'sekolah_pelatihan');
    const bnn = await partner(kra, 'Badan Narkotika Nasional Kabupaten Cilacap', 'kementerian_lembaga');
    const undip = await partner(psp, 'Universitas Diponegoro', 'perguruan_tinggi');
    const yayasan = await partner(jateng, 'Yayasan Café Équipe Semarang', 'ormas');
    const make = async (key: string, s: Session, unit: string, partners: string[], o: Record<string, unknown>) => {
      const res = await agreement(t, s, unit, partners, o);
      expect(res.status).toBe(201);
      id[key] = res.body.agreement.id;
    };
    await make('las', kra, 'UPT-33-LPSK-KRA', [blk], {
      title: 'Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan',
      numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234',
      numberSecond: '415.4/123/2024',
      signingDate: '2024-06-27',
      scopeCodes: ['kemandirian'],
    });
    await make('rehab', kra, 'UPT-33-LPSK-KRA', [bnn], {
      title: 'Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika',
      numberFirst: 'W13.PAS.PAS.6-HM.05.02-2001',
      signingDate: '2025-03-03',
      scopeCodes: ['rehabilitasi'],
      purpose: 'Menyediakan rehabilitasi rawat jalan bagi warga binaan pengguna narkotika.',
    });
    await make('paket', psp, 'UPT-33-LP-PSP', [undip], { title: 'Perjanjian Kerja Sama tentang Pendidikan Kesetaraan Paket C', scopeCodes: ['pendidikan'], signingDate: '2025-05-05' });
    await make('mou', jateng, 'KW-33', [yayasan], { kindCode: 'mou', title: 'Nota Kesepahaman tentang Pembinaan Kepribadian dan Keagamaan', scopeCodes: ['kepribadian'], signingDate: '2023-01-10' });
    const pdf = writeTextPdf([
      { text: 'Lampiran rencana kegiatan.' },
      { text: 'Para pihak sepakat untuk melatih petugas pendamping sebelum program dimulai.' },
      { text: 'Catatan: nilai < 5 & > 2, "tanda kutip" dan <b>tebal</b> tidak boleh lolos.' },
    ]);
    const up = await uploadDocument(t, kra, id.rehab!, { role: 'lampiran' }, { filename: 'rencana.pdf', content: pdf });
    docId = up.body.document.id;
    await runJobs();
  });
  afterAll(async () => t?.close());

  it('finds words by their stem: "pelatihan" reaches "Pelatihan" in a title and "melatih" in a document, title first', async () => {
    const r = await search(kra, 'q=pelatihan');
    expect(r.status).toBe(200);
    expect(titles(r)).toEqual(['Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan', 'Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
    expect(r.total).toBe(2);
    const [title, doc] = r.results;
    expect(title!.score).toBeGreaterThan(doc!.score);
    expect(title!.agreement).toMatchObject({ id: id.las, kindCode: 'pks', numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234', partnerNames: 'Balai Latihan Kerja Kabupaten Cilacap', status: expect.any(String), unit: { code: 'UPT-33-LPSK-KRA' } });
    expect(title!.snippets).toEqual([]);
    expect(doc!.snippets).toEqual([{ documentId: docId, page: 1, html: expect.stringContaining('<mark>melatih</mark>') }]);
    expect(titles(await search(kra, 'q=latihan'))).toContain('Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan');
    // Pages run on from the ranked metadata hits into the hits found only in documents.
    const second = await search(kra, 'q=pelatihan&pageSize=1&page=2');
    expect(second.body).toMatchObject({ total: 2, totalIsLowerBound: false, page: 2, pageSize: 1 });
    expect(titles(second)).toEqual(['Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
    expect(second.results[0]!.snippets).toHaveLength(1);
  });

  it('counts hits found only in documents up to a cap, and then says the total is a lower bound', async () => {
    const tsquery = await parseQuery(t.deps.database.db, 'pendamping');
    const filter = { scopePrefix: '/' };
    expect(await searchPage(t.deps.database.db, filter, { tsquery, fuzzy: [] }, '2026-11-29', 90, 20, 0, 5)).toMatchObject({ total: 1, capped: false });
    expect(await searchPage(t.deps.database.db, filter, { tsquery, fuzzy: [] }, '2026-11-29', 90, 20, 0, 0)).toMatchObject({ total: 0, capped: true });
  });

  it('ignores case and accents, and searches partners, scopes, purposes and signatories', async () => {
    expect(titles(await search(admin, 'q=cafe%20equipe'))).toEqual(['Nota Kesepahaman tentang Pembinaan Kepribadian dan Keagamaan']);
    expect(titles(await search(admin, 'q=CAF%C3%89'))).toEqual(['Nota Kesepahaman tentang Pembinaan Kepribadian dan Keagamaan']);
    expect(titles(await search(kra, 'q=rawat%20jalan'))).toEqual(['Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
    expect(titles(await search(admin, 'q=Siti%20Aminah')).length).toBe(4);
    expect(titles(await search(kra, 'q=1234'))).toEqual(['Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan']);
  });

  it('keeps quoted phrases together and honours excluded words', async () => {
    expect(titles(await search(kra, `q=${encodeURIComponent('"pelatihan keterampilan"')}`))).toEqual(['Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan']);
    expect((await search(kra, `q=${encodeURIComponent('"keterampilan pelatihan"')}`)).total).toBe(0);
    expect(titles(await search(kra, `q=${encodeURIComponent('pelatihan -pengelasan')}`))).toEqual(['Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
  });

  it('tolerates typos in partner names and agreement numbers, best match first', async () => {
    expect(titles(await search(admin, 'q=Univrsitas%20Diponegor'))).toEqual(['Perjanjian Kerja Sama tentang Pendidikan Kesetaraan Paket C']);
    expect(titles(await search(admin, 'q=Balai%20Latihn%20Kerja%20Cilacap'))[0]).toBe('Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan');
    const number = await search(kra, 'q=W13.PAS.PAS.6-HM.05.02-1243');
    expect(titles(number)[0]).toBe('Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan');
  });

  it("applies the register's filters", async () => {
    expect((await search(admin, 'q=pelatihan&kind=mou')).total).toBe(0);
    expect(titles(await search(kra, 'q=pelatihan&scope=rehabilitasi'))).toEqual(['Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
    expect(titles(await search(kra, 'q=pelatihan&signingYear=2024'))).toEqual(['Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan']);
    expect(titles(await search(admin, 'q=pelatihan&partnerCategory=sekolah_pelatihan'))).toEqual(['Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan']);
    expect((await search(admin, `q=kerja&unitId=${await unitIdByCode(t, 'UPT-33-LP-PSP')}`)).total).toBe(1);
    expect((await search(admin, 'q=kerja&status=draft')).total).toBe(0);
    const paged = await search(admin, 'q=kerja&pageSize=1&page=2');
    expect(paged.results).toHaveLength(1);
    expect(paged.total).toBe(3);
    expect((await search(admin, 'q=kerja&pageSize=1&page=9')).body).toMatchObject({ results: [], total: 3, page: 9 });
  });

  it('ranks only the most recent matches when more than the ranking pool match, the rest newest first', async () => {
    const db = t.deps.database.db;
    const terms = { tsquery: await parseQuery(db, 'kerja'), fuzzy: [] };
    const filter = { scopePrefix: '/' };
    const page = (limit: number, offset: number, limits: { rankPool?: number; metaCountCap?: number } = {}) => searchPage(db, filter, terms, '2026-11-29', 90, limit, offset, 1000, limits);
    // All three ranked: the welding agreement names "Kerja" in its title and its partner, so it leads.
    const all = await page(20, 0);
    expect(all.rows.map((r) => r.id)[0]).toBe(id.las);
    expect(all).toMatchObject({ total: 3, capped: false });
    // A pool of two: the two most recently signed (2025) are ranked, the 2024 one follows although it scores best.
    const bounded = await page(20, 0, { rankPool: 2, metaCountCap: 2 });
    expect(bounded.rows.slice(0, 2).map((r) => r.id).sort()).toEqual([id.paket, id.rehab].sort());
    expect(bounded.rows[2]!.id).toBe(id.las);
    expect(bounded.rows[2]!.score).toBeGreaterThan(bounded.rows[0]!.score);
    expect(bounded).toMatchObject({ total: 3, capped: false });
    expect((await page(1, 2, { rankPool: 2, metaCountCap: 2 })).rows.map((r) => r.id)).toEqual([id.las]);
    // Counted past the cap and not all walked: the total is a lower bound.
    expect(await page(1, 0, { rankPool: 1, metaCountCap: 1 })).toMatchObject({ total: 1, capped: true });
  });

  it('shows only what the caller may see', async () => {
    expect((await search(psp, 'q=pelatihan')).total).toBe(0);
    expect(titles(await search(psp, 'q=Diponegoro'))).toEqual(['Perjanjian Kerja Sama tentang Pendidikan Kesetaraan Paket C']);
    expect((await search(jateng, 'q=pelatihan')).total).toBe(2);
    expect((await search(kra, 'q=cafe')).total).toBe(0);
    const otherUnit = await search(psp, `q=kerja&unitId=${await unitIdByCode(t, 'UPT-33-LPSK-KRA')}`);
    expect(otherUnit.status).toBe(400);
  });

  it('returns snippets as safe HTML: text escaped, only <mark> tags', async () => {
    const r = await search(kra, 'q=catatan');
    const html = r.results[0]!.snippets[0]!.html;
    expect(html).toContain('<mark>Catatan</mark>');
    expect(html).toContain('nilai &lt; 5 &amp; &gt; 2, &quot;tanda kutip&quot;');
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('keeps search current when agreements, partners and documents change', async () => {
    expect((await kra.req('PATCH', `/api/v1/agreements/${id.las}`, { title: 'Perjanjian Kerja Sama tentang Budidaya Ikan Lele' })).status).toBe(200);
    expect(titles(await search(kra, 'q=lele'))).toEqual(['Perjanjian Kerja Sama tentang Budidaya Ikan Lele']);
    expect(titles(await search(kra, 'q=pengelasan'))).toEqual([]);

    const blk = (await kra.req('GET', `/api/v1/agreements/${id.las}`)).body.agreement.partners[0].id;
    expect((await kra.req('PATCH', `/api/v1/partners/${blk}`, { name: 'UPTD Pelatihan Vokasi Cilacap' })).status).toBe(200);
    expect(titles(await search(kra, 'q=vokasi'))).toEqual(['Perjanjian Kerja Sama tentang Budidaya Ikan Lele']);

    const dup = await partner(admin, 'Dinas Sosial Kabupaten Karanganyar', 'pemda');
    expect((await kra.req('PATCH', `/api/v1/agreements/${id.rehab}`, { partnerIds: [dup] })).status).toBe(200);
    expect(titles(await search(kra, 'q=sosial'))).toEqual(['Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
    expect((await admin.req('POST', `/api/v1/partners/${dup}/merge`, { intoId: blk })).status).toBe(200);
    expect((await search(kra, 'q=sosial')).total).toBe(0);
    expect(titles(await search(kra, 'q=vokasi')).sort()).toEqual(['Perjanjian Kerja Sama tentang Budidaya Ikan Lele', 'Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);

    expect(titles(await search(kra, 'q=petugas%20pendamping'))).toEqual(['Perjanjian Kerja Sama tentang Layanan Rehabilitasi Narkotika']);
    expect((await kra.req('DELETE', `/api/v1/documents/${docId}`)).status).toBe(204);
    expect((await search(kra, 'q=petugas%20pendamping')).total).toBe(0);

    expect((await kra.req('DELETE', `/api/v1/agreements/${id.rehab}`)).status).toBe(204);
    expect((await search(kra, 'q=vokasi')).total).toBe(1);
    // Search rows are written at commit (0011): nothing is left pending once the writers' transactions end.
    const { rows } = await sql<{ n: number }>`select (select count(*) from agreement_search_pending) + (select count(*) from agreement_search_flush) as n`.execute(t.deps.database.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('asks for a query', async () => {
    const r = await search(kra, 'q=%20');
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('q');
    expect((await search(kra, 'q=dan')).total).toBe(0);
  });
});
