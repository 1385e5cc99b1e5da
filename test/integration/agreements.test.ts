import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { agreement, partner } from '../helpers/registry.js';

describe.each(DATABASES)('agreement registry on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let psp: Session;
  let jateng: Session;
  let jabar: Session;
  let admin: Session;
  let cilacap: string;
  let bnn: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = new Date('2026-11-29T03:00:00Z');
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    jateng = await t.login('kanwil.jateng');
    jabar = await t.login('kanwil.jabar');
    admin = await t.login('admin');
    cilacap = await partner(kra, 'Pemerintah Kabupaten Cilacap', 'pemda');
    bnn = await partner(kra, 'Badan Narkotika Nasional Kabupaten Cilacap', 'kementerian_lembaga');
  });
  afterAll(async () => t?.close());

  it('suggests an existing partner for a differently written name, and warns before creating a near-duplicate', async () => {
    const s = await kra.req('GET', '/api/v1/partners/suggest?q=Pemkab%20Cilacap');
    expect(s.body.partners[0].name).toBe('Pemerintah Kabupaten Cilacap');
    const typo = await kra.req('GET', '/api/v1/partners/suggest?q=Pemerintah%20Kabupatn%20Cilacp');
    expect(typo.body.partners.map((p: { name: string }) => p.name)).toContain('Pemerintah Kabupaten Cilacap');
    const dup = await kra.req('POST', '/api/v1/partners', { name: 'Pemkab Cilacap', categoryCode: 'pemda' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('PARTNER_SIMILAR');
    expect(dup.body.error.message).toContain('Pemerintah Kabupaten Cilacap');
    const badCategory = await kra.req('POST', '/api/v1/partners', { name: 'Mitra Baru Sekali', categoryCode: 'alien' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.fields[0].path).toBe('categoryCode');
  });

  it('records an agreement with partners, signatories, scopes, and an end date computed from the duration', async () => {
    const res = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234', numberSecond: '415.4/123/2024', signingDate: '2024-06-27' });
    expect(res.status).toBe(201);
    const a = res.body.agreement;
    expect(a).toMatchObject({ kindCode: 'pks', startDate: '2024-06-27', endDate: '2027-06-26', durationText: '3 tahun', status: 'berlaku', unit: { code: 'UPT-33-LPSK-KRA' } });
    expect(a.partners.map((p: { name: string }) => p.name)).toEqual(['Pemerintah Kabupaten Cilacap']);
    expect(a.signatories).toHaveLength(2);
    expect(a.scopes[0].code).toBe('kemandirian');
  });

  it('names every problem of a bad agreement and saves nothing', async () => {
    const before = await kra.req('GET', '/api/v1/agreements');
    const res = await agreement(t, kra, 'UPT-33-LP-PSP', [cilacap], { kindCode: 'rahasia', duration: 'sampai kapan-kapan', startDate: '2025-05-01', endDate: '2025-01-01', scopeCodes: ['tidak_ada'], confidentiality: 'internal' });
    expect(res.status).toBe(400);
    const paths = (res.body.error.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['confidentialityReason', 'duration', 'endDate', 'kindCode', 'scopeCodes', 'unitId']);
    const after = await kra.req('GET', '/api/v1/agreements');
    expect(after.body.total).toBe(before.body.total);
  });

  it('flags the same agreement number twice in one unit before saving', async () => {
    const check = await kra.req('GET', `/api/v1/agreements/check-number?unitId=${await unitIdByCode(t, 'UPT-33-LPSK-KRA')}&number=w13.pas.pas.6-hm.05.02-1234`);
    expect(check.body.duplicate).not.toBeNull();
    const again = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_NUMBER');
    expect(again.body.error.details.duplicate.id).toBe(check.body.duplicate.id);
    const confirmed = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234', confirmDuplicateNumber: true, title: 'Perjanjian Kerja Sama tentang Layanan Kesehatan' });
    expect(confirmed.status).toBe(201);
    // Editing it later without touching the number does not raise the duplicate again.
    const edit = await kra.req('PATCH', `/api/v1/agreements/${confirmed.body.agreement.id}`, { numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234', purpose: 'Layanan kesehatan dasar' });
    expect(edit.status).toBe(200);
    // Another unit may use the same number.
    const other = await agreement(t, psp, 'UPT-33-LP-PSP', [bnn], { numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234', kindCode: 'pks', scopeCodes: ['rehabilitasi'] });
    expect(other.status).toBe(201);
  });

  it('keeps each unit to its own register: other UPTs and other Kanwil get 404, the own Kanwil sees it', async () => {
    const list = await kra.req('GET', '/api/v1/agreements');
    const id = list.body.agreements[0].id;
    expect((await psp.req('GET', `/api/v1/agreements/${id}`)).status).toBe(404);
    expect((await psp.req('PATCH', `/api/v1/agreements/${id}`, { title: 'Diubah oleh unit lain' })).status).toBe(404);
    expect((await psp.req('DELETE', `/api/v1/agreements/${id}`)).status).toBe(404);
    expect((await jabar.req('GET', `/api/v1/agreements/${id}`)).status).toBe(404);
    expect((await jateng.req('GET', `/api/v1/agreements/${id}`)).status).toBe(200);
    const pspList = await psp.req('GET', '/api/v1/agreements');
    expect(pspList.body.agreements.every((a: { unit: { code: string } }) => a.unit.code === 'UPT-33-LP-PSP')).toBe(true);
    expect((await jabar.req('GET', '/api/v1/agreements')).body.total).toBe(0);
    const kanwilTotal = (await jateng.req('GET', '/api/v1/agreements')).body.total;
    expect(kanwilTotal).toBe(list.body.total + pspList.body.total);
    const outside = await agreement(t, kra, 'UPT-33-LP-PSP', [cilacap]);
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].path).toBe('unitId');
  });

  it('derives status from dates and events and filters by it', async () => {
    const ending = await agreement(t, kra, 'UPT-33-LPSK-KRA', [bnn], { signingDate: '2024-01-15', endDate: '2026-12-31', duration: null, title: 'PKS tentang Rehabilitasi Narkotika bagi Warga Binaan' });
    expect(ending.body.agreement.status).toBe('akan_berakhir');
    const ended = await agreement(t, kra, 'UPT-33-LPSK-KRA', [bnn], { signingDate: '2020-01-15', duration: '2 tahun', title: 'PKS tentang Penyuluhan Bahaya Narkoba' });
    expect(ended.body.agreement).toMatchObject({ status: 'berakhir', endDate: '2022-01-14' });
    const draft = await agreement(t, kra, 'UPT-33-LPSK-KRA', [bnn], { signingDate: null, duration: null, title: 'Rancangan PKS tentang Tes Urine Berkala' });
    expect(draft.body.agreement.status).toBe('draft');
    const renewal = await agreement(t, kra, 'UPT-33-LPSK-KRA', [bnn], { signingDate: '2022-01-10', duration: '3 tahun', renewsId: ended.body.agreement.id, title: 'PKS tentang Penyuluhan Bahaya Narkoba (perpanjangan)' });
    expect(renewal.status).toBe(201);
    const renewed = await kra.req('GET', `/api/v1/agreements/${ended.body.agreement.id}`);
    expect(renewed.body.agreement.status).toBe('diperpanjang');
    expect(renewed.body.agreement.family.renewedBy.map((r: { id: string }) => r.id)).toEqual([renewal.body.agreement.id]);
    const terminated = await kra.req('POST', `/api/v1/agreements/${ending.body.agreement.id}/terminate`, { terminatedOn: '2026-10-01', reason: 'Mitra tidak lagi menyediakan konselor.' });
    expect(terminated.body.agreement.status).toBe('diakhiri');
    const byStatus = async (status: string) => ((await kra.req('GET', `/api/v1/agreements?status=${status}&pageSize=100`)).body.agreements as { id: string }[]).map((a) => a.id);
    expect(await byStatus('diakhiri')).toEqual([ending.body.agreement.id]);
    expect(await byStatus('draft')).toEqual([draft.body.agreement.id]);
    expect(await byStatus('diperpanjang')).toEqual([ended.body.agreement.id]);
    expect(await byStatus('berakhir')).toEqual([renewal.body.agreement.id]);
  });

  it('links a PKS under its umbrella MoU and an addendum to what it amends; the detail shows the family', async () => {
    const mou = await agreement(t, jateng, 'KW-33', [cilacap], { kindCode: 'mou', title: 'Nota Kesepahaman tentang Pembinaan Warga Binaan Pemasyarakatan', signingDate: '2024-03-01', duration: '5 tahun' });
    expect(mou.status).toBe(201);
    // The UPT cannot list its Kanwil's register, but it can pick the Kanwil's MoU as the umbrella.
    const candidates = await kra.req('GET', `/api/v1/agreements/relation-candidates?unitId=${await unitIdByCode(t, 'UPT-33-LPSK-KRA')}&kind=mou`);
    expect(candidates.body.agreements.map((a: { id: string }) => a.id)).toContain(mou.body.agreement.id);
    expect((await psp.req('GET', `/api/v1/agreements/relation-candidates?unitId=${await unitIdByCode(t, 'UPT-33-LPSK-KRA')}`)).status).toBe(404);
    const pks = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { parentId: mou.body.agreement.id, title: 'PKS tentang Pelatihan Budidaya Ikan Lele' });
    expect(pks.status).toBe(201);
    const add = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { kindCode: 'adendum', amendsId: pks.body.agreement.id, title: 'Adendum PKS tentang Pelatihan Budidaya Ikan Lele' });
    expect(add.status).toBe(201);
    const detail = (await kra.req('GET', `/api/v1/agreements/${pks.body.agreement.id}`)).body.agreement;
    expect(detail.family.parent).toMatchObject({ id: mou.body.agreement.id, visible: false, kind: 'Nota Kesepahaman' });
    expect(detail.family.amendedBy.map((r: { id: string }) => r.id)).toEqual([add.body.agreement.id]);
    const mouDetail = (await jateng.req('GET', `/api/v1/agreements/${mou.body.agreement.id}`)).body.agreement;
    expect(mouDetail.family.children.map((r: { id: string }) => r.id)).toEqual([pks.body.agreement.id]);
    const notMou = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { parentId: pks.body.agreement.id, title: 'PKS di bawah PKS, tidak boleh' });
    expect(notMou.status).toBe(400);
    expect(notMou.body.error.fields[0].path).toBe('parentId');
  });

  it('filters the register by kind, partner category, scope, year, ending soon and missing signed copy', async () => {
    const q = async (qs: string) => (await jateng.req('GET', `/api/v1/agreements?${qs}&pageSize=200`)).body;
    const all = await q('');
    expect((await q('kind=mou')).agreements.every((a: { kindCode: string }) => a.kindCode === 'mou')).toBe(true);
    expect((await q('partnerCategory=kementerian_lembaga')).total).toBe(all.agreements.filter((a: { partnerCategories: string }) => a.partnerCategories?.includes('Kementerian')).length);
    expect((await q('scope=rehabilitasi')).agreements.map((a: { unit: { code: string } }) => a.unit.code)).toEqual(['UPT-33-LP-PSP']);
    expect((await q('signingYear=2020')).total).toBe(1);
    // The one ending within 60 days was ended early above: it no longer counts as ending soon.
    expect((await q('endsWithinDays=60')).total).toBe(0);
    expect((await q('endsWithinDays=240')).agreements.map((a: { endDate: string }) => a.endDate)).toContain('2027-06-26');
    // Drafts are not "missing a signed copy": they are not signed yet.
    expect((await q('noSignedDocument=true')).total).toBe(all.total - (await q('status=draft')).total);
    const kraId = await unitIdByCode(t, 'UPT-33-LPSK-KRA');
    expect((await q(`unitId=${kraId}`)).agreements.every((a: { unit: { code: string } }) => a.unit.code === 'UPT-33-LPSK-KRA')).toBe(true);
    const sorted = (await q('sort=title&dir=asc')).agreements.map((a: { title: string }) => a.title);
    expect(sorted[0]).toBe('Adendum PKS tentang Pelatihan Budidaya Ikan Lele');
    const desc = (await q('sort=title&dir=desc')).agreements.map((a: { title: string }) => a.title);
    expect(desc[0]).toBe(sorted.at(-1));
    const paged = await jateng.req('GET', '/api/v1/agreements?pageSize=2&page=2');
    expect(paged.body.agreements).toHaveLength(2);
    expect(paged.body.total).toBe(all.total);
  });

  it('moves a deleted agreement to the trash, restores it, and only an admin empties the trash', async () => {
    const a = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { title: 'PKS tentang Pemanfaatan Lahan Pertanian' });
    const id = a.body.agreement.id;
    expect((await kra.req('DELETE', `/api/v1/agreements/${id}`)).status).toBe(204);
    expect((await kra.req('GET', `/api/v1/agreements/${id}`)).status).toBe(404);
    const trash = await jateng.req('GET', '/api/v1/trash');
    expect(trash.body.agreements.map((x: { id: string }) => x.id)).toContain(id);
    expect((await jateng.req('POST', `/api/v1/agreements/${id}/restore`)).status).toBe(200);
    expect((await kra.req('GET', `/api/v1/agreements/${id}`)).status).toBe(200);
    await kra.req('DELETE', `/api/v1/agreements/${id}`);
    expect((await jateng.req('DELETE', '/api/v1/trash')).status).toBe(403);
    const purged = await admin.req('DELETE', '/api/v1/trash');
    expect(purged.body.purged).toBe(1);
    expect((await jateng.req('POST', `/api/v1/agreements/${id}/restore`)).status).toBe(404);
  });

  it('merges a duplicate partner into another; its agreements follow', async () => {
    const dup = await partner(kra, 'Pemkab. Cilacap (dobel)');
    const a = await agreement(t, kra, 'UPT-33-LPSK-KRA', [dup], { title: 'PKS tentang Pemasaran Produk Warga Binaan' });
    expect((await kra.req('POST', `/api/v1/partners/${dup}/merge`, { intoId: cilacap })).status).toBe(403);
    const merged = await admin.req('POST', `/api/v1/partners/${dup}/merge`, { intoId: cilacap });
    expect(merged.status).toBe(200);
    expect(merged.body.movedAgreements).toBe(1);
    const detail = await kra.req('GET', `/api/v1/agreements/${a.body.agreement.id}`);
    expect(detail.body.agreement.partners.map((p: { id: string }) => p.id)).toEqual([cilacap]);
    const partners = await kra.req('GET', '/api/v1/partners?q=cilacap');
    expect(partners.body.partners.map((p: { id: string }) => p.id)).not.toContain(dup);
  });

  it('changes only the fields a PATCH names: an internal agreement stays internal', async () => {
    const a = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { title: 'PKS tentang Pengamanan Data Warga Binaan', confidentiality: 'internal', confidentialityReason: 'Memuat prosedur pengamanan (Pasal 17 huruf c).' });
    expect(a.status).toBe(201);
    const upd = await kra.req('PATCH', `/api/v1/agreements/${a.body.agreement.id}`, { purpose: 'Perlindungan data' });
    expect(upd.body.agreement).toMatchObject({ confidentiality: 'internal', confidentialityReason: 'Memuat prosedur pengamanan (Pasal 17 huruf c).', purpose: 'Perlindungan data' });
    expect(upd.body.agreement.scopes).toEqual(a.body.agreement.scopes);
  });

  it('keeps the history of an agreement from the audit trail', async () => {
    const a = await agreement(t, kra, 'UPT-33-LPSK-KRA', [cilacap], { title: 'PKS tentang Bantuan Hukum Warga Binaan' });
    const id = a.body.agreement.id;
    const upd = await kra.req('PATCH', `/api/v1/agreements/${id}`, { title: 'PKS tentang Bantuan Hukum Gratis bagi Warga Binaan', scopeCodes: ['bantuan_hukum'] });
    expect(upd.status).toBe(200);
    expect(upd.body.agreement.scopes.map((s: { code: string }) => s.code)).toEqual(['bantuan_hukum']);
    expect(upd.body.agreement.endDate).toBe(a.body.agreement.endDate);
    const history = await kra.req('GET', `/api/v1/agreements/${id}/history`);
    expect(history.body.events.map((e: { action: string }) => e.action)).toEqual(['agreement.update', 'agreement.create']);
    expect(history.body.events[0].changes.title.to).toBe('PKS tentang Bantuan Hukum Gratis bagi Warga Binaan');
  });
});
