import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/access.js';
import { LocalBlobStore } from '../../src/storage/local-store.js';
import { verifyStorage, type StorageProblem } from '../../src/storage/verify.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { insertAgreement, uploadDocument } from '../helpers/fixtures.js';
import { makeDamagedPdf, makePdf } from '../helpers/pdf.js';
import { ELF_STUB, JPEG_STUB, makeDocx, makeZip, MZ_STUB, PNG_1PX } from '../helpers/zip.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function p2ma(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = execFile(process.execPath, [path.join(ROOT, 'bin/p2ma.mjs'), ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Stored files on disk, found by walking the directory (temporary files excluded). */
function storedFiles(t: TestApp): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'tmp' ? [] : walk(path.join(dir, e.name))) : [e.name]));
  return walk(t.config.storage.dir);
}
const temporaries = (t: TestApp) => (t.deps.storage as LocalBlobStore).temporaries();

async function download(t: TestApp, s: Session, id: string, query = '', headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/content${query}`, headers: { cookie: s.cookie, ...headers } });
}

async function blobRow(t: TestApp, hash: string) {
  return t.deps.database.db.selectFrom('blobs').selectAll().where('sha256', '=', hash).executeTakeFirst();
}

describe.each(DATABASES)('the document vault on %s', (kind) => {
  let t: TestApp;
  let kra: Session;
  let agreementId: string;
  const signed = makePdf({ pages: 3, note: 'naskah bertanda tangan' });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    kra = await t.login('upt.karanganyar');
    agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA', title: 'PKS pelatihan las dengan BLK Cilacap' });
  });
  afterAll(async () => t?.close());

  it('stores a signed PDF, counts its pages and names its uploader', async () => {
    const res = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'PKS Karanganyar – BLK.pdf', content: signed, contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ duplicateOf: null, storedBytes: signed.length });
    expect(res.body.document).toMatchObject({
      agreementId,
      role: 'naskah_ttd',
      version: 1,
      current: true,
      filename: 'PKS Karanganyar – BLK.pdf',
      mime: 'application/pdf',
      size: signed.length,
      sha256: sha(signed),
      readable: true,
      unreadableReason: null,
      pageCount: 3,
      previewable: true,
      uploadedBy: { name: 'Operator Lapas Karanganyar' },
    });
    ids.v1 = res.body.document.id;
    const file = path.join(t.config.storage.dir, sha(signed).slice(0, 2), sha(signed).slice(2, 4), sha(signed));
    expect(fs.readFileSync(file).equals(signed)).toBe(true);
    expect(await blobRow(t, sha(signed))).toMatchObject({ size: signed.length, mime: 'application/pdf' });

    const list = await kra.req('GET', `/api/v1/agreements/${agreementId}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.documents).toEqual([expect.objectContaining({ id: ids.v1, version: 1, current: true })]);
  });

  it('downloads the exact bytes as an attachment, and inline for preview, with strict headers', async () => {
    const res = await download(t, kra, ids.v1!);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(signed)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Number(res.headers['content-length'])).toBe(signed.length);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="PKS Karanganyar _ BLK.pdf"; filename*=UTF-8''PKS%20Karanganyar%20%E2%80%93%20BLK.pdf`);
    expect(res.headers.etag).toBe(`"${sha(signed)}"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe');

    const inline = await download(t, kra, ids.v1!, '?inline=1');
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    expect(inline.rawPayload.equals(signed)).toBe(true);

    const again = await download(t, kra, ids.v1!, '', { 'if-none-match': `"${sha(signed)}"` });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('keeps the old version when a new signed copy is uploaded', async () => {
    const v2 = makePdf({ pages: 4, note: 'perbaikan pindaian' });
    const res = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'pks-v2.pdf', content: v2 });
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ version: 2, current: true, pageCount: 4 });
    ids.v2 = res.body.document.id;
    const docs = (await kra.req('GET', `/api/v1/agreements/${agreementId}/documents`)).body.documents;
    expect(docs.map((d: { id: string; version: number; current: boolean }) => [d.id, d.version, d.current])).toEqual([
      [ids.v2, 2, true],
      [ids.v1, 1, false],
    ]);
    expect((await download(t, kra, ids.v1!)).rawPayload.equals(signed)).toBe(true);
  });

  it('links identical content to the stored file instead of storing it twice, and says so', async () => {
    const before = storedFiles(t).length;
    const res = await uploadDocument(t, kra, agreementId, { role: 'salinan_publik' }, { filename: 'salinan.pdf', content: signed });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ duplicateOf: ids.v1, storedBytes: 0 });
    expect(res.body.document).toMatchObject({ role: 'salinan_publik', version: 1, sha256: sha(signed) });
    expect(storedFiles(t).length).toBe(before);
    expect(await temporaries(t)).toEqual([]);
  });

  it('keeps attachments and evidence as collections: every upload its own current document', async () => {
    const png = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'foto kegiatan', content: PNG_1PX, contentType: 'image/png' });
    const jpeg = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'daftar hadir.jpg', content: JPEG_STUB });
    const docx = await uploadDocument(t, kra, agreementId, { role: 'bukti' }, { filename: 'laporan.docx', content: makeDocx('Laporan pelatihan las') });
    expect([png.status, jpeg.status, docx.status]).toEqual([201, 201, 201]);
    ids.png = png.body.document.id;
    expect(png.body.document).toMatchObject({ mime: 'image/png', filename: 'foto kegiatan.png', version: 1, current: true, pageCount: null, previewable: true });
    expect(jpeg.body.document).toMatchObject({ mime: 'image/jpeg', version: 1, current: true });
    expect(docx.body.document).toMatchObject({ mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', version: 1, previewable: false });
    const docs = (await kra.req('GET', `/api/v1/agreements/${agreementId}/documents`)).body.documents as { role: string; current: boolean }[];
    expect(docs.filter((d) => d.role === 'lampiran').map((d) => d.current)).toEqual([true, true]);
    const wordInline = await download(t, kra, docx.body.document.id, '?inline=1');
    expect(wordInline.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('refuses an executable renamed .pdf (415) and keeps nothing of it', async () => {
    const before = storedFiles(t).length;
    for (const exe of [ELF_STUB, MZ_STUB]) {
      const res = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'naskah.pdf', content: exe, contentType: 'application/pdf' });
      expect(res.status).toBe(415);
      expect(res.body.error).toEqual({ code: 'UNSUPPORTED_FILE_TYPE', message: 'Jenis berkas tidak didukung. Unggah berkas PDF, DOCX, JPEG, atau PNG.' });
      expect(await blobRow(t, sha(exe))).toBeUndefined();
    }
    const zip = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'arsip.docx', content: makeZip([{ name: 'a.txt', data: 'bukan Word' }]) });
    expect(zip.status).toBe(415);
    expect(storedFiles(t).length).toBe(before);
    expect(await temporaries(t)).toEqual([]);
  });

  it('stores a damaged PDF but marks it unreadable instead of failing', async () => {
    const res = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'rusak.pdf', content: makeDamagedPdf() });
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ readable: false, pageCount: null, mime: 'application/pdf' });
    expect(res.body.document.unreadableReason).toMatch(/^tidak dapat dibaca: /);
    const truncated = makePdf({ pages: 5, fillerBytes: 200_000 }).subarray(0, 100_000);
    const cut = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'terpotong.pdf', content: truncated });
    expect(cut.status).toBe(201);
    expect(cut.body.document.readable).toBe(false);
  });

  it('asks for a known role before the file, and a report of this agreement', async () => {
    const none = await uploadDocument(t, kra, agreementId, {}, { filename: 'a.pdf', content: makePdf({ note: 'tanpa peran' }) });
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual([{ path: 'role', message: 'Wajib diisi.' }]);
    const unknown = await uploadDocument(t, kra, agreementId, { role: 'surat' }, { filename: 'a.pdf', content: makePdf({ note: 'peran asing' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('role');
    const report = await uploadDocument(t, kra, agreementId, { role: 'bukti', reportId: crypto.randomUUID() }, { filename: 'a.pdf', content: makePdf({ note: 'laporan asing' }) });
    expect(report.status).toBe(400);
    expect(report.body.error.fields[0].path).toBe('reportId');
    const noFile = await uploadDocument(t, kra, agreementId, { role: 'lampiran' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.fields[0].path).toBe('file');
    expect(await temporaries(t)).toEqual([]);
  });

  it('hides documents of Lapas Karanganyar from another UPT and another Kanwil, and shows them to Kanwil Jawa Tengah', async () => {
    const before = storedFiles(t).length;
    for (const outsider of ['upt.pasirputih', 'kanwil.jabar']) {
      const s = await t.login(outsider);
      expect((await s.req('GET', `/api/v1/agreements/${agreementId}/documents`)).status).toBe(404);
      expect((await download(t, s, ids.v1!)).statusCode).toBe(404);
      expect((await download(t, s, ids.v1!, '?inline=1')).statusCode).toBe(404);
      const up = await uploadDocument(t, s, agreementId, { role: 'lampiran' }, { filename: 'susupan.pdf', content: makePdf({ note: outsider }) });
      expect(up.status).toBe(404);
      expect((await s.req('DELETE', `/api/v1/documents/${ids.v1}`)).status).toBe(404);
    }
    expect(storedFiles(t).length).toBe(before);
    const jateng = await t.login('kanwil.jateng');
    expect((await jateng.req('GET', `/api/v1/agreements/${agreementId}/documents`)).status).toBe(200);
    const res = await download(t, jateng, ids.v1!);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(signed)).toBe(true);
    expect((await jateng.req('GET', `/api/v1/agreements/${crypto.randomUUID()}/documents`)).status).toBe(404);
  });

  it('deletes softly: the document leaves the list, the file stays, and the audit trail has both events', async () => {
    const res = await kra.req('DELETE', `/api/v1/documents/${ids.v2}`);
    expect(res.status).toBe(204);
    const docs = (await kra.req('GET', `/api/v1/agreements/${agreementId}/documents`)).body.documents as { id: string; current: boolean }[];
    expect(docs.map((d) => d.id)).not.toContain(ids.v2);
    expect(docs.find((d) => d.id === ids.v1)?.current).toBe(true);
    expect((await download(t, kra, ids.v2!)).statusCode).toBe(404);
    expect((await kra.req('DELETE', `/api/v1/documents/${ids.v2}`)).status).toBe(404);
    const admin = await t.login('admin');
    const audit = await admin.req('GET', `/api/v1/audit?entityType=document&entityId=${ids.v2}`);
    expect((audit.body.events as { action: string }[]).map((e) => e.action)).toEqual(['document.delete', 'document.upload']);
    expect(audit.body.events[1].changes.role).toEqual({ from: null, to: 'naskah_ttd' });
    const next = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'pks-v3.pdf', content: makePdf({ note: 'v3' }) });
    expect(next.body.document.version).toBe(3);
  });

  it('describes the upload form in the OpenAPI document', async () => {
    const doc = (await kra.req('GET', '/api/v1/openapi.json')).body;
    const post = doc.paths['/api/v1/agreements/{id}/documents'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.responses).toHaveProperty('415');
  });

  it('verifies storage: every file re-hashed, changed and missing ones named, orphans reported', async () => {
    const admin: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'uji', displayName: 'Uji', role: 'admin', unitId: '', unitPath: '/', mustChangePassword: false, locale: 'id' };
    const clean = await verifyStorage(t.deps, admin);
    expect(clean).toMatchObject({ missing: 0, changed: 0, orphans: 0 });
    expect(clean.checked).toBeGreaterThanOrEqual(7);

    const store = t.deps.storage as LocalBlobStore;
    const changedSha = sha(signed);
    fs.chmodSync(store.pathOf(changedSha), 0o640);
    fs.appendFileSync(store.pathOf(changedSha), 'diubah diam-diam');
    const missingSha = sha(PNG_1PX);
    fs.rmSync(store.pathOf(missingSha));
    const orphan = Buffer.from('berkas tanpa catatan');
    fs.mkdirSync(path.dirname(store.pathOf(sha(orphan))), { recursive: true });
    fs.writeFileSync(store.pathOf(sha(orphan)), orphan);

    const problems: StorageProblem[] = [];
    const report = await verifyStorage(t.deps, admin, (p) => problems.push(p));
    expect(report).toMatchObject({ checked: clean.checked, missing: 1, changed: 1, orphans: 1 });
    expect(problems).toContainEqual({ kind: 'missing', sha256: missingSha });
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'changed', sha256: changedSha, expectedSize: signed.length, size: signed.length + 16 }));
    expect(problems).toContainEqual({ kind: 'orphan', sha256: sha(orphan) });

    const gone = await download(t, kra, ids.png!);
    expect(gone.statusCode).toBe(500);
    expect(gone.headers['content-type']).toMatch(/^application\/json/);
    expect(gone.headers['content-disposition']).toBeUndefined();

    const operator = { ...admin, role: 'operator' as const };
    await expect(verifyStorage(t.deps, operator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it.runIf(kind === 'postgres')('runs the same check as `p2ma storage verify`, exiting 3 when files are missing or changed', async () => {
    if (t.config.database.kind !== 'postgres') return;
    const env = { DATABASE_URL: t.config.database.url, STORAGE_DIR: t.config.storage.dir, DATA_DIR: t.config.storage.dir };
    const res = await p2ma(env, ['storage', 'verify']);
    expect(res.code).toBe(3);
    expect(res.stdout).toContain(`HILANG   ${sha(PNG_1PX)}`);
    expect(res.stdout).toContain(`BERUBAH  ${sha(signed)}`);
    expect(res.stdout).toMatch(/YATIM {4}[0-9a-f]{64}/);
    expect(res.stderr).toMatch(/Penyimpanan RUSAK\. \d+ berkas diperiksa: 1 hilang, 1 berubah, 1 yatim\./);
  });
});

describe.each(DATABASES)('the upload size limit on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { UPLOAD_MAX_BYTES: '4096' });
  });
  afterAll(async () => t?.close());

  it('answers 413 above the limit, keeps no temporary file, and accepts a file of exactly the limit', async () => {
    const kra = await t.login('upt.karanganyar');
    const agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const big = makePdf({ fillerBytes: 10_000 });
    const res = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'besar.pdf', content: big });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'FILE_TOO_LARGE', message: 'Berkas terlalu besar. Ukuran maksimum 4 KB.' });
    expect(await temporaries(t)).toEqual([]);
    expect(storedFiles(t)).toEqual([]);

    const base = makePdf();
    const exact = makePdf({ fillerBytes: 4096 - base.length - 150 });
    const padded = Buffer.concat([exact, Buffer.alloc(4096 - exact.length, 0x0a)]);
    expect(padded.length).toBe(4096);
    const ok = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'pas.pdf', content: padded });
    expect(ok.status).toBe(201);
    expect(ok.body.document.size).toBe(4096);
  });
});
