import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/exports/csv-writer.js';
import { parseCsv, detectSeparator } from '../../src/imports/csv.js';
import { guessMapping, headerSignature } from '../../src/imports/import.fields.js';
import { uniqueHeaders } from '../../src/imports/spreadsheet.js';
import { categoryFromName, kindDictionary, parseDate, plain } from '../../src/imports/values.js';
import { AGREEMENT_KINDS } from '../../src/reference/registry-lists.js';
import { normalizePartnerName } from '../../src/partners/normalize.js';

describe('reading dates as Indonesian registers write them', () => {
  it.each([
    ['2024-06-27', '2024-06-27'],
    ['27/06/2024', '2024-06-27'],
    ['27-6-2024', '2024-06-27'],
    ['27.06.2024', '2024-06-27'],
    ['27/06/24', '2024-06-27'],
    ['45470', '2024-06-27'],
    ['45470.5', '2024-06-27'],
    ['27 Juni 2024', '2024-06-27'],
    ['27 juni 2024', '2024-06-27'],
    ['1 Agt 2023', '2023-08-01'],
    ['17 Agustus 1945', '1945-08-17'],
    ['Kamis, 27 Juni 2024', '2024-06-27'],
    ['5 Nopember 2022', '2022-11-05'],
    ['29/02/2024', '2024-02-29'],
  ])('%s → %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(['31/02/2024', '29/02/2023', '2024', '13/13/2024', '27 Juno 2024', 'kemarin', '06/27/2024', '1/1/1900', ''])('refuses %j', (text) => expect(parseDate(text)).toBeNull());
});

describe('CSV as Excel saves it', () => {
  it('reads quoted separators, doubled quotes, line breaks inside quotes and a byte-order mark; rows are as Excel numbers them', () => {
    const text = '\uFEFFJudul;Mitra\r\n"PKS; Menjahit";"Yayasan ""Harapan"""\r\n\r\n"dua\nbaris";x\n';
    expect(detectSeparator(text)).toBe(';');
    expect([...parseCsv(text)]).toEqual([
      { row: 1, fields: ['Judul', 'Mitra'] },
      { row: 2, fields: ['PKS; Menjahit', 'Yayasan "Harapan"'] },
      { row: 4, fields: ['dua\nbaris', 'x'] },
    ]);
  });

  it('detects a comma separator and refuses an unterminated quote', () => {
    expect(detectSeparator('Judul,Mitra,"a;b"\n1,2,3')).toBe(',');
    expect(() => [...parseCsv('a;b\n"open;x\n')]).toThrow(/row 2/);
  });

  it('writes fields the reader reads back, and neutralises formulas', () => {
    const fields = ['No', 'a;b', 'say "hi"', 'dua\r\nbaris', '=HYPERLINK("x")', '-1'];
    const line = csvLine(fields);
    expect(line.endsWith('\r\n')).toBe(true);
    expect([...parseCsv(line)][0]!.fields).toEqual(['No', 'a;b', 'say "hi"', 'dua\r\nbaris', `'=HYPERLINK("x")`, `'-1`]);
  });
});

describe('column mapping', () => {
  it('guesses fields from the headers registers use, leaving the row counter alone', () => {
    expect(guessMapping(['No.', 'No. PKS', 'Tentang', 'Pihak Kedua', 'Satker', 'Tanggal TTD', 'Jangka Waktu', 'Keterangan'])).toEqual({
      'No. PKS': 'numberFirst',
      Tentang: 'title',
      'Pihak Kedua': 'partner',
      Satker: 'unit',
      'Tanggal TTD': 'signingDate',
      'Jangka Waktu': 'duration',
    });
  });

  it('maps the export’s own headers back, so an exported register can be imported', () => {
    const exported = ['No', 'Jenis', 'Judul', 'Nomor Pihak Pertama', 'Nomor Pihak Kedua', 'Unit Pemrakarsa', 'Mitra', 'Kategori Mitra', 'Ruang Lingkup', 'Tanggal Penandatanganan', 'Tanggal Mulai', 'Tanggal Berakhir', 'Status', 'Sifat', 'Naskah Bertanda Tangan'];
    expect(guessMapping(exported)).toEqual({
      Jenis: 'kind',
      Judul: 'title',
      'Nomor Pihak Pertama': 'numberFirst',
      'Nomor Pihak Kedua': 'numberSecond',
      'Unit Pemrakarsa': 'unit',
      Mitra: 'partner',
      'Kategori Mitra': 'partnerCategory',
      'Ruang Lingkup': 'scopes',
      'Tanggal Penandatanganan': 'signingDate',
      'Tanggal Mulai': 'startDate',
      'Tanggal Berakhir': 'endDate',
    });
  });

  it('gives the same signature to the same template whatever the case and spacing, and names blank or repeated headers', () => {
    expect(headerSignature(['Judul', 'Mitra'])).toBe(headerSignature([' JUDUL ', 'mitra']));
    expect(headerSignature(['Judul', 'Mitra'])).not.toBe(headerSignature(['Mitra', 'Judul']));
    expect(uniqueHeaders(['Judul', '', 'Judul', 'judul'])).toEqual(['Judul', 'Kolom B', 'Judul (2)', 'judul (3)']);
  });
});

describe('kinds and partner categories', () => {
  it('reads kinds by name, abbreviation and common synonyms', () => {
    const kinds = kindDictionary(AGREEMENT_KINDS.map(([code, name, abbreviation]) => ({ code, name, abbreviation })));
    const read = (t: string) => kinds.get(plain(t));
    expect([read('MoU'), read('Nota Kesepahaman'), read('PKS'), read('Perjanjian Kerjasama'), read('Adendum'), read('Amandemen'), read('Addendum')]).toEqual(['mou', 'mou', 'pks', 'pks', 'adendum', 'adendum', 'adendum']);
    expect(read('Surat Sakti')).toBeUndefined();
  });

  it('guesses a new partner’s category from its name', () => {
    const guess = (name: string) => categoryFromName(normalizePartnerName(name));
    expect(guess('Pemkab Cilacap')).toBe('pemda');
    expect(guess('RSUD Cilacap')).toBe('pemda');
    expect(guess('Universitas Jenderal Soedirman')).toBe('perguruan_tinggi');
    expect(guess('SMK Negeri 1 Cilacap')).toBe('sekolah_pelatihan');
    expect(guess('Polres Cilacap')).toBe('aph');
    expect(guess('PT Pertamina (Persero)')).toBe('bumn');
    expect(guess('Ponpes Al Ikhlas')).toBe('ormas');
    expect(guess('CV Maju Jaya')).toBe('swasta');
    expect(guess('BNN Kabupaten Cilacap')).toBe('kementerian_lembaga');
    expect(guess('Kopi Nusantara Jaya')).toBeNull();
  });
});
