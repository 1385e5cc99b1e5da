import { describe, expect, it } from 'vitest';
import { detectPii, isPlausibleNik } from '../../src/documents/pii.js';
import { layoutFromWords, locator } from '../../src/documents/redaction-layout.js';

const kinds = (text: string, opts = {}) => detectPii(text, opts).map((f) => [f.kind, f.text]);

describe('personal-data detector', () => {
  it('finds NIKs written together or in groups, and checks their structure', () => {
    expect(kinds('NIK 3301234506780001, KTP 3374 0145 1290 0003 dan 33740145-12900003')).toEqual([
      ['nik', '3301234506780001'],
      ['nik', '3374 0145 1290 0003'],
      ['nik', '33740145-12900003'],
    ]);
    expect(isPlausibleNik('3301234506780001')).toBe(true);
    // women: day + 40
    expect(isPlausibleNik('3301236506780001')).toBe(true);
    // no such province, month 13, day 00, serial 0000
    expect(['9901234506780001', '3301234513780001', '3301230006780001', '3301234506780000'].map(isPlausibleNik)).toEqual([false, false, false, false]);
  });

  it('never takes an official\'s NIP, agreement numbers, dates or Rupiah amounts for a NIK or a phone number', () => {
    const text = [
      'Budi Santoso, NIP. 19800101 200501 1 001, Kepala Lembaga Pemasyarakatan Kelas IIA Karanganyar',
      'NIP 198001012005011001',
      'Nomor: W13.PAS.PAS.6-HM.05.02-1234 dan 415.4/123/2024, M.HH-05.HM.05.02 Tahun 2023, 045/0812/2024',
      'ditandatangani tanggal 27-06-2024 atau 01/06/2024, berlaku 3 (tiga) tahun',
      'nilai kerja sama Rp 1.250.000.000 (satu miliar dua ratus lima puluh juta rupiah), PNBP Rp 3.301.234.506.780.001',
      'Peraturan Pemerintah Nomor 28 Tahun 2006, halaman 0281 dari 0300',
      'Surel resmi humas@kemenkumham.go.id, pusat@bnn.go.id, lppm@undip.ac.id',
    ].join('\n');
    expect(detectPii(text)).toEqual([]);
  });

  it('finds Indonesian mobile numbers, +62 numbers and landlines written as phone numbers', () => {
    expect(kinds('HP 0812-3456-7890, WA 081234567890, +62 813 1111 2222, 62-821-9999-0000, Telp. (0282) 543210, telepon 024-7612345')).toEqual([
      ['phone', '0812-3456-7890'],
      ['phone', '081234567890'],
      ['phone', '+62 813 1111 2222'],
      ['phone', '62-821-9999-0000'],
      ['phone', '(0282) 543210'],
      ['phone', '024-7612345'],
    ]);
    // a bare landline-like number without a cue is a reference, not a phone number
    expect(kinds('nomor arsip 0271 123456')).toEqual([]);
  });

  it('takes e-mail addresses outside official domains as personal, and the list is configurable', () => {
    expect(kinds('budi.s@gmail.com, siti@yahoo.co.id, info@blk-cilacap.co.id, humas@kemenkumham.go.id')).toEqual([
      ['email', 'budi.s@gmail.com'],
      ['email', 'siti@yahoo.co.id'],
      ['email', 'info@blk-cilacap.co.id'],
    ]);
    expect(kinds('info@blk-cilacap.co.id', { officialDomains: ['go.id', 'blk-cilacap.co.id'] })).toEqual([]);
    // as OCR reads them: spaces after a dot or around the @, and the sentence's full stop left out
    expect(kinds('surel andi. wijaya@ gmail.com. Narahubung, surel humas@ kemenkumham. go.id.')).toEqual([['email', 'andi. wijaya@ gmail.com']]);
    expect(kinds('surel agus:kontak25@ gmail.com. Narahubung')).toEqual([['email', 'agus:kontak25@ gmail.com']]);
  });

  it('finds bank account numbers after "rekening" but not the amount', () => {
    expect(kinds('dibayar Rp 5.000.000 ke rekening Bank BRI nomor 0123-01-000123-30-5 atas nama Siti')).toEqual([['bank_account', '0123-01-000123-30-5']]);
    expect(kinds('ke rekening sebesar Rp 12.500.000.000')).toEqual([]);
  });

  it('finds a home address after "bertempat tinggal" / "alamat rumah" up to the next clause, and never an official\'s name', () => {
    expect(kinds('Andi Wijaya, bertempat tinggal di Jl. Melati No. 5, RT 02/RW 03, Kel. Sidanegara, Kec. Cilacap Tengah, dalam hal ini bertindak')).toEqual([
      ['address', 'Jl. Melati No. 5, RT 02/RW 03, Kel. Sidanegara, Kec. Cilacap Tengah'],
    ]);
    expect(kinds('alamat rumah: Perum Griya Asri Blok C-7 Purwokerto. Selanjutnya disebut')).toEqual([['address', 'Perum Griya Asri Blok C-7 Purwokerto']]);
    expect(kinds('bertempat tinggal di Cilacap Budi Santoso Kepala Lapas', { protectedNames: ['Budi Santoso'] })).toEqual([['address', 'Cilacap']]);
  });
});

describe('placing a finding on the page', () => {
  it('turns tesseract word boxes into rectangles in points around exactly the finding\'s words', () => {
    const words = { dpi: 144, width: 1190, height: 1684, words: [[100, 200, 80, 20, 90, 'NIK'], [190, 200, 300, 20, 91, '3301234506780001'], [500, 200, 120, 20, 92, 'Budi']] as [number, number, number, number, number, string][] };
    const text = 'NIK 3301234506780001 Budi';
    const layout = layoutFromWords(words)!;
    const rects = locator(1, text, layout).locate(4, 20)!;
    expect(rects).toEqual([{ page: 1, x: 93, y: 98, width: 154, height: 14 }]);
  });

  it('finds the characters when the layout reads a little differently from the stored text', () => {
    const glyphs = [...'Telp0812'].map((c, i) => [c, i * 5, 10, i * 5 + 5, 20] as [string, number, number, number, number]);
    const rects = locator(2, 'Telp: 0812', { source: 'text', width: 100, height: 100, glyphs }).locate(6, 10)!;
    expect(rects).toEqual([{ page: 2, x: 18.8, y: 8.8, width: 22.4, height: 12.4 }]);
  });
});
