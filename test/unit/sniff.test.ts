import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../src/storage/blob-store.js';
import { safeFilename, sniffFileType, zipEntryNames } from '../../src/storage/sniff.js';
import { makeDamagedPdf, makePdf } from '../helpers/pdf.js';
import { ELF_STUB, JPEG_STUB, makeDocx, makeZip, MZ_STUB, PNG_1PX } from '../helpers/zip.js';

/** Random access over a buffer that counts what was read, to show detection reads little. */
function source(buf: Buffer) {
  const s: ByteSource & { bytesRead: number } = {
    size: buf.length,
    bytesRead: 0,
    async read(start, end) {
      const piece = buf.subarray(Math.max(0, start), Math.min(end, buf.length));
      s.bytesRead += piece.length;
      return Buffer.from(piece);
    },
  };
  return s;
}
const sniff = (buf: Buffer) => sniffFileType(source(buf));

describe('file type detection from the bytes', () => {
  it('recognises PDF, PNG and JPEG by their signatures', async () => {
    expect(await sniff(makePdf())).toBe('pdf');
    expect(await sniff(makeDamagedPdf())).toBe('pdf');
    expect(await sniff(PNG_1PX)).toBe('png');
    expect(await sniff(JPEG_STUB)).toBe('jpeg');
  });

  it('recognises a Word document from the ZIP central directory, reading only the end of the file', async () => {
    expect(await sniff(makeDocx())).toBe('docx');
    const padded = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/media/image1.png', data: Buffer.alloc(2 * 1024 * 1024, 7) },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    const src = source(padded);
    expect(await sniffFileType(src)).toBe('docx');
    expect(src.bytesRead).toBeLessThan(70 * 1024);
  });

  it('finds the central directory behind an archive comment', async () => {
    const withComment = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w/>' }], { comment: 'dibuat oleh pemindai' });
    expect(await zipEntryNames(source(withComment))).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(await sniff(withComment)).toBe('docx');
  });

  it('does not take a plain ZIP, a spreadsheet or a macro-enabled document for a Word document', async () => {
    expect(await sniff(makeZip([{ name: 'naskah.pdf', data: makePdf() }]))).toBeNull();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Daftar PKS').addRow(['Nomor', 'Judul']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await sniff(xlsx)).toBeNull();
    const docm = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/vbaProject.bin', data: Buffer.alloc(32) },
    ]);
    expect(await sniff(docm)).toBeNull();
  });

  it('refuses executables, text, empty files and damaged archives', async () => {
    expect(await sniff(ELF_STUB)).toBeNull();
    expect(await sniff(MZ_STUB)).toBeNull();
    expect(await sniff(Buffer.from('Naskah ini sebenarnya teks biasa.'))).toBeNull();
    expect(await sniff(Buffer.alloc(0))).toBeNull();
    expect(await sniff(Buffer.from(' %PDF-1.7 (not at the start)'))).toBeNull();
    const docx = makeDocx();
    expect(await sniff(docx.subarray(0, docx.length - 30))).toBeNull();
    const corrupt = Buffer.from(docx);
    corrupt.writeUInt32LE(0xdeadbeef, corrupt.length - 22 + 16); // central directory offset points nowhere
    expect(await sniff(corrupt)).toBeNull();
  });
});

describe('stored file names', () => {
  it('drops directories and control characters and keeps Indonesian names intact', () => {
    expect(safeFilename('C:\\Users\\op\\Desktop\\PKS Lapas Karanganyar – BLK.pdf', 'pdf')).toBe('PKS Lapas Karanganyar – BLK.pdf');
    expect(safeFilename('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFilename('a\u0000b"c.pdf', 'pdf')).toBe('abc.pdf');
    expect(safeFilename(undefined, 'png')).toBe('berkas.png');
  });

  it('gives the name the extension of the detected type, so a download never lies about its content', () => {
    expect(safeFilename('scan.exe', 'pdf')).toBe('scan.exe.pdf');
    expect(safeFilename('foto.JPEG', 'jpeg')).toBe('foto.JPEG');
    expect(safeFilename('foto', 'jpeg')).toBe('foto.jpg');
    expect([...safeFilename('x'.repeat(500), 'docx')].length).toBe(200);
  });
});
