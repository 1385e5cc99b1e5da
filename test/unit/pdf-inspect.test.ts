import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../src/storage/blob-store.js';
import { inspectPdf } from '../../src/documents/pdf-inspect.js';
import { makeDamagedPdf, makeEncryptedPdf, makePdf } from '../helpers/pdf.js';

function source(buf: Buffer, opts: { stallAfter?: number; failAfter?: number } = {}) {
  const s: ByteSource & { bytesRead: number } = {
    size: buf.length,
    bytesRead: 0,
    async read(start, end) {
      if (opts.stallAfter !== undefined && start >= opts.stallAfter) return new Promise<Buffer>(() => {});
      if (opts.failAfter !== undefined && start >= opts.failAfter) throw new Error('disk dilepas');
      s.bytesRead += Math.min(end, buf.length) - start;
      return Buffer.from(buf.subarray(start, end));
    },
  };
  return s;
}

describe('PDF page count check', () => {
  it('counts the pages of a valid PDF', async () => {
    expect(await inspectPdf(source(makePdf({ pages: 7 })))).toEqual({ readable: true, pageCount: 7 });
  });

  it('reads only the structure of a large scan, not its image data', async () => {
    const big = makePdf({ pages: 2, fillerBytes: 20 * 1024 * 1024 });
    const src = source(big);
    expect(await inspectPdf(src)).toEqual({ readable: true, pageCount: 2 });
    expect(src.bytesRead).toBeLessThan(512 * 1024);
  });

  it('marks a damaged PDF unreadable with an Indonesian reason instead of throwing', async () => {
    expect(await inspectPdf(source(makeDamagedPdf()))).toEqual({ readable: false, reason: 'tidak dapat dibaca: struktur PDF rusak atau tidak lengkap' });
  });

  it('marks a password-protected PDF unreadable and says why', async () => {
    expect(await inspectPdf(source(makeEncryptedPdf()))).toEqual({ readable: false, reason: 'tidak dapat dibaca: PDF dilindungi kata sandi' });
  });

  it('gives up after the time limit and says so', async () => {
    const big = makePdf({ pages: 2, fillerBytes: 300_000 });
    const result = await inspectPdf(source(big, { stallAfter: 64 * 1024 }), 300);
    expect(result).toEqual({ readable: false, reason: 'tidak dapat dibaca: pemeriksaan melebihi batas waktu 1 detik' });
  });

  it('reports a storage failure as an error, not as a damaged PDF', async () => {
    const big = makePdf({ pages: 2, fillerBytes: 300_000 });
    await expect(inspectPdf(source(big, { failAfter: 64 * 1024 }))).rejects.toThrow('disk dilepas');
  });
});
