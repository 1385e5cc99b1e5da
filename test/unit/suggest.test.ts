import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognise, renderPdfPage } from '../../src/documents/ocr.js';
import { findDate, parseNumberWords, suggestFromText, titleCase, type Suggestion } from '../../src/documents/suggest.js';
import { readPdfText } from '../../src/documents/text-reader.js';
import { writeTextPdf } from '../../src/shared/pdf-writer.js';
import { agreementLines, type AgreementText } from '../helpers/agreement-text.js';
import { hasPoppler, scannedPdf } from '../helpers/scan.js';

/** The agreement as a text PDF, read back the way extraction reads it. */
async function pagesOf(a: AgreementText = {}) {
  const pdf = writeTextPdf(agreementLines(a));
  const r = await readPdfText({ size: pdf.length, read: async (s, e) => pdf.subarray(s, e) }, { pageTimeoutMs: 10_000, memoryMb: 256, maxPages: 20 });
  if (!r.ok) throw new Error(r.reason);
  return r.pages.map((text, i) => ({ page: i + 1, text }));
}

const values = (s: Suggestion[]) => Object.fromEntries(s.filter((x) => x.field !== 'signatory').map((x) => [x.field, x.value]));

describe('metadata suggestions', () => {
  it('reads Indonesian numbers written in words', () => {
    expect(parseNumberWords('dua puluh tujuh')).toBe(27);
    expect(parseNumberWords('dua ribu dua puluh empat')).toBe(2024);
    expect(parseNumberWords('sebelas')).toBe(11);
    expect(parseNumberWords('tujuh belas')).toBe(17);
    expect(parseNumberWords('seribu sembilan ratus sembilan puluh sembilan')).toBe(1999);
    expect(parseNumberWords('tiga')).toBe(3);
    expect(parseNumberWords('sejak')).toBeNull();
  });

  it('finds dates in words and in digits, and refuses impossible ones', () => {
    expect(findDate('Kamis tanggal dua puluh tujuh bulan Juni tahun dua ribu dua puluh empat')?.iso).toBe('2024-06-27');
    expect(findDate('Semarang, 3 Maret 2025')?.iso).toBe('2025-03-03');
    expect(findDate('tanggal 01-10-2023')?.iso).toBe('2023-10-01');
    expect(findDate('tanggal tiga puluh satu bulan Februari tahun dua ribu dua puluh empat')).toBeNull();
  });

  it('keeps abbreviations and roman numerals in title case', () => {
    expect(titleCase('PELATIHAN BAGI WARGA BINAAN LAPAS KELAS IIA DAN BNN')).toBe('Pelatihan bagi Warga Binaan LAPAS Kelas IIA dan BNN');
  });

  it('suggests every field of a typical PKS, each with the passage it came from', async () => {
    const s = suggestFromText(await pagesOf());
    expect(values(s)).toEqual({
      kindCode: 'pks',
      title: 'Perjanjian Kerja Sama tentang Pelatihan Keterampilan Pengelasan bagi Warga Binaan Pemasyarakatan',
      numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234',
      numberSecond: '415.4/123/2024',
      firstParty: 'Lembaga Pemasyarakatan Kelas IIA Karanganyar',
      secondParty: 'Balai Latihan Kerja Kabupaten Cilacap',
      signingPlace: 'Cilacap',
      signingDate: '2024-06-27',
      duration: '3 tahun',
      umbrellaNumber: 'M.HH-05.HM.05.02 Tahun 2023',
    });
    const date = s.find((x) => x.field === 'signingDate')!;
    expect(date.snippet.page).toBe(1);
    expect(date.snippet.text).toContain('tanggal dua puluh tujuh bulan Juni tahun dua ribu dua puluh empat');
    expect(s.filter((x) => x.field === 'signatory')).toEqual([
      expect.objectContaining({ value: 'Budi Santoso', extra: { party: 'pertama', position: 'Kepala Lembaga Pemasyarakatan Kelas IIA Karanganyar' } }),
      expect.objectContaining({ value: 'Siti Rahmawati', extra: { party: 'kedua', position: 'Kepala Balai Latihan Kerja Kabupaten Cilacap' } }),
    ]);
  });

  it('reads an MoU dated in digits with an end date, and no umbrella', async () => {
    const s = suggestFromText(
      await pagesOf({
        kind: 'NOTA KESEPAHAMAN',
        firstParty: 'KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM JAWA TENGAH',
        secondParty: 'UNIVERSITAS DIPONEGORO',
        topic: 'PENDIDIKAN, PENELITIAN DAN PENGABDIAN KEPADA MASYARAKAT',
        numberFirst: 'W13-HH.05.02-77',
        numberSecond: '12/UN7.A/HK/2025',
        opening: 'Pada hari ini Senin, 3 Maret 2025, bertempat di Semarang, kami yang bertanda tangan di bawah ini:',
        duration: 'Nota Kesepahaman ini berlaku sejak tanggal ditandatangani sampai dengan tanggal 31 Desember 2027.',
        umbrella: null,
      }),
    );
    expect(values(s)).toMatchObject({
      kindCode: 'mou',
      title: 'Nota Kesepahaman tentang Pendidikan, Penelitian dan Pengabdian Kepada Masyarakat',
      numberFirst: 'W13-HH.05.02-77',
      numberSecond: '12/UN7.A/HK/2025',
      signingPlace: 'Semarang',
      signingDate: '2025-03-03',
      endDate: '2027-12-31',
      secondParty: 'Universitas Diponegoro',
    });
    expect(s.some((x) => x.field === 'umbrellaNumber' || x.field === 'duration')).toBe(false);
  });

  it('calls an addendum an addendum and reads a duration written in words', async () => {
    const s = suggestFromText(await pagesOf({ kind: 'ADENDUM PERJANJIAN KERJA SAMA', duration: 'Jangka waktu perjanjian ini diperpanjang dan berlaku selama dua tahun terhitung sejak tanggal 1 Juli 2024.' }));
    expect(values(s)).toMatchObject({ kindCode: 'adendum', title: 'Adendum tentang Pelatihan Keterampilan Pengelasan bagi Warga Binaan Pemasyarakatan', duration: '2 tahun', startDate: '2024-07-01' });
  });

  it('suggests nothing from text that is not an agreement', () => {
    expect(suggestFromText([{ page: 1, text: 'Daftar hadir pelatihan menjahit angkatan kedua.' }])).toEqual([]);
  });

  it.skipIf(!hasPoppler())('reads the same fields from a scanned copy through OCR', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-suggest-'));
    try {
      const file = path.join(dir, 'scan.pdf');
      fs.writeFileSync(file, scannedPdf(agreementLines(), { dpi: 150 }));
      const cfg = { tesseract: 'tesseract', pdftoppm: 'pdftoppm', languages: 'ind+eng', dpi: 200, concurrency: 1, pageTimeoutMs: 60_000, memoryMb: 1024 };
      const r = await recognise(cfg, await renderPdfPage(cfg, file, 1, dir), 200);
      const found = values(suggestFromText([{ page: 1, text: r.text }]));
      // OCR may misread a digit; the structure of the number survives.
      expect(found.numberFirst).toMatch(/^W13\.PAS\.PAS\.6-HM\.05\.02-\d{4}$/);
      expect(found).toMatchObject({
        kindCode: 'pks',
        numberSecond: '415.4/123/2024',
        signingPlace: 'Cilacap',
        signingDate: '2024-06-27',
        duration: '3 tahun',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
