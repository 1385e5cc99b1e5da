import { describe, expect, it } from 'vitest';
import { repairNumberWords, suggestFromText, tidyOcr, trimEdges } from '../../src/documents/suggest.js';

const values = (text: string) => Object.fromEntries(suggestFromText([{ page: 1, text }]).map((s) => [s.field, s.value]));

describe('suggestions from OCR text with the usual slips', () => {
  it('joins words tesseract cut after a "J" and repairs dotted numbers', () => {
    expect(tidyOcr('PERJ ANJ IAN KERJ A SAMA, bulan J uni, Pasal 3J ANGKA WAKTU, UNIVERSITAS J ENDERAL')).toBe('PERJANJIAN KERJA SAMA, bulan Juni, Pasal 3JANGKA WAKTU, UNIVERSITAS JENDERAL');
    expect(tidyOcr('NOMOR: W13.PAS. PAS. 8-HM:05.02-1925 dan M:HH-02.HM.05.02')).toBe('NOMOR: W13.PAS.PAS.8-HM.05.02-1925 dan M.HH-02.HM.05.02');
  });

  it('drops the specks OCR leaves around heading lines and values', () => {
    expect(trimEdges(': Lembaga Pemasyarakatan Kelas IIA Pasir Putih —')).toBe('Lembaga Pemasyarakatan Kelas IIA Pasir Putih');
    expect(trimEdges('421.4/163/2023.')).toBe('421.4/163/2023');
    const text = [
      '— PERJANJIAN KERJA SAMA',
      '| ANTARA',
      '“LEMBAGA PEMASYARAKATAN KELAS IIA PASIR PUTIH :',
      '. DENGAN',
      'BALAI LATIHAN KERJ A KABUPATEN CILACAP',
      '- TENTANG',
      "' PEMASARAN PRODUK HASIL KARYA WARGA BINAAN",
      ': NOMOR: W13.PAS.PAS.2-HM.05.02-2036 .',
      'NOMOR: PKS/29/CIL/2024.',
      'Pada hari ini Minggu tanggal satu bulan September tahun dua ribu dua puluh empat, perenne',
      'di Cilacap, kami yang bertanda tangan di bawah ini:',
      '1. Joko Susilo, Kepala Lembaga Pemasyarakatan Kelas IIA Pasir Putih, dalam hal ini bertindak, selanjutnya disebut PIHAK PERTAMA.',
      '_ 2. Bambang Hartono, Kepala Balai Latihan Kerja Kabupaten Cilacap dalam hal ini bertindak untuk dan atas nama',
      "balai, selanjutnya disebut PIHAK '",
      'KEDUA.',
    ].join('\n');
    expect(values(text)).toMatchObject({
      kindCode: 'pks',
      firstParty: 'Lembaga Pemasyarakatan Kelas IIA Pasir Putih',
      secondParty: 'Balai Latihan Kerja Kabupaten Cilacap',
      numberFirst: 'W13.PAS.PAS.2-HM.05.02-2036',
      numberSecond: 'PKS/29/CIL/2024',
      signingPlace: 'Cilacap',
      signingDate: '2024-09-01',
    });
    expect(suggestFromText([{ page: 1, text }]).filter((s) => s.field === 'signatory').map((s) => [s.value, s.extra?.party])).toEqual([
      ['Joko Susilo', 'pertama'],
      ['Bambang Hartono', 'kedua'],
    ]);
  });
});

describe('dates in words as OCR damages them', () => {
  it('reads "puluh" misread between two digit words', () => {
    expect(repairNumberWords('tahun dua ribu dua pun tiga, bertempat')).toBe('tahun dua ribu dua puluh tiga, bertempat');
    expect(repairNumberWords('tahun dua ribu dua pulu e empat')).toBe('tahun dua ribu dua puluh empat');
    expect(repairNumberWords('dua puluh tujuh bulan Juni, dua pihak sepakat')).toBe('dua puluh tujuh bulan Juni, dua pihak sepakat');
    expect(values('Pada hari ini Sabtu tanggal dua puluh dua bulan April tahun dua ribu dua pun tiga, bertempat di Karanganyar').signingDate).toBe('2023-04-22');
  });
});
