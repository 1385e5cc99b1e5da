import { describe, expect, it } from 'vitest';
import { clean, imageSize } from '../../src/documents/extraction.js';
import { parseTsv, withOcrSlot } from '../../src/documents/ocr.js';
import { readPdfText } from '../../src/documents/text-reader.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { noise, png } from '../helpers/scan.js';
import { JPEG_STUB } from '../helpers/zip.js';

const OCR = { tesseract: 'tesseract', pdftoppm: 'pdftoppm', languages: 'ind+eng', dpi: 300, concurrency: 2, pageTimeoutMs: 10_000, memoryMb: 512 };
const source = (b: Buffer) => ({ size: b.length, read: async (s: number, e: number) => b.subarray(s, e) });

describe('text extraction helpers', () => {
  it('reads word boxes and the page size from tesseract TSV', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3509\t-1\t',
      '4\t1\t1\t1\t1\t0\t811\t192\t765\t42\t-1\t',
      '5\t1\t1\t1\t1\t1\t811\t192\t300\t42\t96.5\tPERJANJIAN',
      '5\t1\t1\t1\t1\t2\t1130\t192\t120\t42\t91\tKERJA',
      '5\t1\t1\t1\t1\t3\t1260\t192\t10\t42\t12\t ',
    ].join('\n');
    expect(parseTsv(tsv, 300)).toEqual({ dpi: 300, width: 2480, height: 3509, words: [[811, 192, 300, 42, 97, 'PERJANJIAN'], [1130, 192, 120, 42, 91, 'KERJA']] });
  });

  it('finds image dimensions in PNG and JPEG headers without decoding', () => {
    expect(imageSize(png(noise(30, 20)))).toEqual({ width: 30, height: 20 });
    expect(imageSize(png(noise(2, 2), { width: 40_000, height: 30_000 }))).toEqual({ width: 40_000, height: 30_000 });
    const sof = Buffer.from('ffc0001108012c01f403012200021101031101', 'hex');
    expect(imageSize(Buffer.concat([JPEG_STUB.subarray(0, 20), sof]))).toEqual({ width: 500, height: 300 });
    expect(imageSize(Buffer.from('bukan gambar'))).toBeNull();
  });

  it('cleans text for storage and search: no NUL or control characters, no highlight markers, tidy spacing', () => {
    expect(clean('Pasal\u0000 1\r\n\r\n\r\n\r\nRuang   lingkup\ue000x\ue001 \u0007')).toBe('Pasal 1\n\nRuang lingkup x');
  });

  it('never runs more OCR processes at once than configured', async () => {
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 7 }, () =>
        withOcrSlot(OCR, async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 10));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('reads the text layer of each page in reading order', async () => {
    const pdf = writeTextPdf([{ text: 'Pasal 1 MAKSUD DAN TUJUAN', bold: true }, { text: 'Pelatihan pengelasan bagi warga binaan.' }]);
    const r = await readPdfText(source(pdf), { pageTimeoutMs: 10_000, memoryMb: 128, maxPages: 10 });
    expect(r).toEqual({ ok: true, pages: ['Pasal 1 MAKSUD DAN TUJUAN\nPelatihan pengelasan bagi warga binaan.'] });
  });
});
