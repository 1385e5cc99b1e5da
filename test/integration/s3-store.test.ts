import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, ListObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../../src/bootstrap.js';
import { loadConfig, type S3Settings } from '../../src/config/config.js';
import { AppError } from '../../src/http/errors.js';
import { BlobMissingError } from '../../src/storage/blob-store.js';
import { S3BlobStore } from '../../src/storage/s3-store.js';
import { verifyStorage } from '../../src/storage/verify.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { insertAgreement, uploadDocument } from '../helpers/fixtures.js';
import { makePdf } from '../helpers/pdf.js';
import { startS3, type TestS3 } from '../helpers/s3.js';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
/** A body arriving in pieces, like an upload from the network. */
const pieces = (b: Buffer, size = 64 * 1024) => Readable.from((function* () {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
})());

describe('the S3 store (against a real S3 server)', () => {
  let s3: TestS3;
  let store: S3BlobStore;
  let client: S3Client;
  let settings: S3Settings;

  beforeAll(async () => {
    s3 = await startS3();
    settings = { endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix: 'p2ma/' };
    store = await S3BlobStore.open(settings);
    client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  });
  afterAll(async () => {
    store?.close();
    client?.destroy();
    await s3?.close();
  });

  it('streams a large file in through multipart upload, names it by its SHA-256 and gives the same bytes back', async () => {
    const big = crypto.randomBytes(12 * 1024 * 1024 + 123);
    const put = await store.put(pieces(big), { maxBytes: 50 * 1024 * 1024 });
    expect(put).toEqual({ sha256: sha(big), size: big.length, created: true });
    expect(await store.has(put.sha256)).toBe(true);
    expect(await store.stat(put.sha256)).toEqual({ size: big.length });
    expect((await read(await store.get(put.sha256))).equals(big)).toBe(true);
    expect(await store.temporaries()).toEqual([]);
    const keys = (await client.send(new ListObjectsCommand({ Bucket: s3.bucket }))).Contents!.map((o) => o.Key);
    expect(keys).toEqual([`p2ma/${put.sha256.slice(0, 2)}/${put.sha256.slice(2, 4)}/${put.sha256}`]);
  });

  it('stores identical content once (created: false) and reads byte ranges', async () => {
    const body = Buffer.from('0123456789abcdefghij'.repeat(100));
    const first = await store.put(pieces(body, 7), { maxBytes: 10_000 });
    const again = await store.put(pieces(body, 13), { maxBytes: 10_000 });
    expect(first.created).toBe(true);
    expect(again).toEqual({ sha256: first.sha256, size: body.length, created: false });
    expect((await read(await store.get(first.sha256, { start: 10, end: 20 }))).toString()).toBe('abcdefghij');
    expect((await read(await store.get(first.sha256, { start: 1990 }))).toString()).toBe('abcdefghij');
    expect((await read(await store.get(first.sha256, { start: 5, end: 5 }))).length).toBe(0);
    expect(await store.temporaries()).toEqual([]);
  });

  it('lists every stored file and nothing else, across pages', async () => {
    const more = [];
    for (let i = 0; i < 5; i++) more.push((await store.put(Readable.from([Buffer.from(`berkas ${i}`)]), { maxBytes: 100 })).sha256);
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'p2ma/catatan.txt', Body: 'bukan berkas P2MA' }));
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'lain/00/00/' + '0'.repeat(64), Body: 'di luar prefix' }));
    const listed: string[] = [];
    for await (const s of store.list()) listed.push(s);
    expect(listed).toHaveLength(7);
    for (const s of more) expect(listed).toContain(s);
  });

  it('refuses a file over the limit and keeps nothing of it, not even a temporary object', async () => {
    const before: string[] = [];
    for await (const s of store.list()) before.push(s);
    const err = await store.put(pieces(crypto.randomBytes(9 * 1024 * 1024)), { maxBytes: 6 * 1024 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FILE_TOO_LARGE');
    const after: string[] = [];
    for await (const s of store.list()) after.push(s);
    expect(after.sort()).toEqual(before.sort());
    expect(await store.temporaries()).toEqual([]);
  });

  it('answers missing files as missing, and deletes', async () => {
    const gone = (await store.put(Readable.from([Buffer.from('sementara')]), { maxBytes: 100 })).sha256;
    await store.delete(gone);
    await store.delete(gone);
    expect(await store.has(gone)).toBe(false);
    expect(await store.stat(gone)).toBeNull();
    await expect(store.get(gone)).rejects.toBeInstanceOf(BlobMissingError);
  });

  it('stops the start with a reason when the bucket is wrong or the server is down (no fallback to local disk)', async () => {
    await expect(S3BlobStore.open({ ...settings, bucket: 'tidak-ada' })).rejects.toThrow(/bucket "tidak-ada" tidak dapat dihubungi .*tidak beralih ke penyimpanan lokal/);
    await expect(S3BlobStore.open({ ...settings, endpoint: 'http://127.0.0.1:9' })).rejects.toThrow(/tidak dapat dihubungi/);
  });
});

describe('the document vault on S3', () => {
  let s3: TestS3;
  let t: TestApp;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3('p2ma-vault');
    t = await startTestApp('pglite', s3.env);
    client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  });
  afterAll(async () => {
    client?.destroy();
    await t?.close();
    await s3?.close();
  });

  it('uploads and downloads through the API; storage verify finds a changed and a missing object', async () => {
    expect(t.deps.storage.description).toMatch(/^s3:/);
    const kra = await t.login('upt.karanganyar');
    const agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const ids: string[] = [];
    const pdfs = [makePdf({ pages: 2, note: 'di S3 satu' }), makePdf({ pages: 1, note: 'di S3 dua' }), makePdf({ pages: 1, note: 'di S3 tiga' })];
    for (const content of pdfs) {
      const res = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: 'naskah.pdf', content });
      expect(res.status).toBe(201);
      ids.push(res.body.document.id);
    }
    const down = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${ids[0]}/content`, headers: { cookie: kra.cookie } });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdfs[0]!)).toBe(true);

    const key = (b: Buffer) => `${sha(b).slice(0, 2)}/${sha(b).slice(2, 4)}/${sha(b)}`;
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key(pdfs[1]!), Body: Buffer.from('%PDF-1.4 diganti diam-diam') }));
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key(pdfs[2]!) }));
    const admin = (await t.login('admin')).userId;
    const actor = { userId: admin, username: 'admin', displayName: 'admin', role: 'admin' as const, unitId: '', unitPath: '/', mustChangePassword: false, locale: 'id' as const };
    const problems: { kind: string; sha256: string }[] = [];
    const report = await verifyStorage(t.deps, actor, (p) => problems.push(p));
    expect(report).toMatchObject({ checked: 3, missing: 1, changed: 1 });
    expect(problems).toEqual(expect.arrayContaining([{ kind: 'missing', sha256: sha(pdfs[2]!) }, expect.objectContaining({ kind: 'changed', sha256: sha(pdfs[1]!) })]));
  });

  it('fails an upload cleanly while storage is unreachable: 503, and no row points to a missing file', async () => {
    const kra = await t.login('upt.karanganyar');
    const agreementId = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const content = makePdf({ pages: 1, note: 'saat S3 mati' });
    await s3.stop();
    try {
      const res = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'x.pdf', content });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining('Penyimpanan berkas tidak dapat dihubungi') });
    } finally {
      await s3.restart();
    }
    const { db } = t.deps.database;
    expect(await db.selectFrom('documents').select('id').where('agreement_id', '=', agreementId).execute()).toEqual([]);
    expect(await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha(content)).execute()).toEqual([]);
    const again = await uploadDocument(t, kra, agreementId, { role: 'naskah_ttd' }, { filename: 'x.pdf', content });
    expect(again.status).toBe(201);
  });

  it('refuses to start when S3 is configured but unreachable', async () => {
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...s3.env, S3_ENDPOINT: 'http://127.0.0.1:9' }), database: { kind: 'pglite' as const, dataDir: 'memory://' } };
    await expect(prepare(config)).rejects.toThrow(/Penyimpanan S3 http:\/\/127\.0\.0\.1:9 bucket "p2ma-vault" tidak dapat dihubungi/);
  });
});
