import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobMissingError } from '../../src/storage/blob-store.js';
import { LocalBlobStore } from '../../src/storage/local-store.js';
import { AppError } from '../../src/http/errors.js';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const chunks = (b: Buffer, size = 1000) => Readable.from((function* () {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
})());
async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('the local content-addressed store', () => {
  let dir: string;
  let store: LocalBlobStore;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-store-'));
    store = await LocalBlobStore.open(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores a stream under <dir>/ab/cd/<sha256> and reads it back whole or in part', async () => {
    const data = crypto.randomBytes(10_000);
    const put = await store.put(chunks(data), { maxBytes: 20_000 });
    expect(put).toEqual({ sha256: sha(data), size: 10_000, created: true });
    const file = path.join(dir, put.sha256.slice(0, 2), put.sha256.slice(2, 4), put.sha256);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    expect((await readAll(await store.get(put.sha256))).equals(data)).toBe(true);
    expect((await readAll(await store.get(put.sha256, { start: 100, end: 200 }))).equals(data.subarray(100, 200))).toBe(true);
    expect(await store.stat(put.sha256)).toEqual({ size: 10_000 });
    expect(await store.has(put.sha256)).toBe(true);
  });

  it('recognises content it already holds and writes nothing the second time', async () => {
    const data = Buffer.from('naskah yang sama');
    const first = await store.put(chunks(data, 3), { maxBytes: 100 });
    const second = await store.put(chunks(data, 5), { maxBytes: 100 });
    expect(second).toEqual({ ...first, created: false });
    const listed: string[] = [];
    for await (const s of store.list()) listed.push(s);
    expect(listed).toEqual([first.sha256]);
    expect(await store.temporaries()).toEqual([]);
  });

  it('stops at the first byte over the limit and leaves no temporary file', async () => {
    const error = await store.put(chunks(Buffer.alloc(5000, 1)), { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FILE_TOO_LARGE');
    expect((error as AppError).messageFor('id')).toBe('Berkas terlalu besar. Ukuran maksimum 4 KB.');
    expect(await store.temporaries()).toEqual([]);
    const exact = await store.put(chunks(Buffer.alloc(4096, 1)), { maxBytes: 4096 });
    expect(exact.size).toBe(4096);
  });

  it('cleans up when the incoming stream fails half-way', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(100));
        this.destroy(new Error('koneksi terputus'));
      },
    });
    await expect(store.put(failing, { maxBytes: 10_000 })).rejects.toThrow('koneksi terputus');
    expect(await store.temporaries()).toEqual([]);
  });

  it('reports a missing file as such, and refuses names that are not SHA-256', async () => {
    const absent = 'a'.repeat(64);
    await expect(store.get(absent)).rejects.toBeInstanceOf(BlobMissingError);
    expect(await store.stat(absent)).toBeNull();
    await expect(store.get('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  });

  it('fails at start-up when the directory cannot be written', async () => {
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    await expect(LocalBlobStore.open(path.join(file, 'files'))).rejects.toThrow(/tidak dapat ditulis/);
  });
});
