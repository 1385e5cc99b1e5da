import crypto from 'node:crypto';
import { plain } from './values.js';

/** What a spreadsheet column can be mapped to. Columns left out of a mapping are ignored. */
export const IMPORT_FIELDS = [
  'numberFirst',
  'numberSecond',
  'title',
  'kind',
  'unit',
  'partner',
  'partnerCategory',
  'signingPlace',
  'signingDate',
  'startDate',
  'endDate',
  'duration',
  'scopes',
  'purpose',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields without which no row can become an agreement. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['title', 'kind', 'partner'];

export const FIELD_LABELS: Record<ImportField, string> = {
  numberFirst: 'Nomor Pihak Pertama',
  numberSecond: 'Nomor Pihak Kedua',
  title: 'Judul',
  kind: 'Jenis',
  unit: 'Unit',
  partner: 'Mitra',
  partnerCategory: 'Kategori Mitra',
  signingPlace: 'Tempat Penandatanganan',
  signingDate: 'Tanggal Penandatanganan',
  startDate: 'Tanggal Mulai',
  endDate: 'Tanggal Berakhir',
  duration: 'Jangka Waktu',
  scopes: 'Ruang Lingkup',
  purpose: 'Maksud dan Tujuan',
};

/** column header (as in the file) → field */
export type Mapping = Record<string, ImportField>;

/**
 * Header wording seen in Kanwil and UPT registers, most specific first ("Nomor Pihak Kedua" before "Nomor",
 * "Kategori Mitra" before "Mitra"). A bare "No"/"No." is the row counter, never the agreement number.
 */
const HEURISTICS: [RegExp, ImportField][] = [
  [/^(kategori|jenis|kelompok) (mitra|instansi|pihak kedua)|^kategori$/, 'partnerCategory'],
  [/\b(ruang lingkup|lingkup|bidang kerja ?sama|bidang)\b/, 'scopes'],
  [/\b(nomor|no) .*(pihak (ke)?2|pihak kedua|mitra)\b/, 'numberSecond'],
  [/\b(nomor|no) .*(pihak (ke)?1|pihak pertama)\b/, 'numberFirst'],
  [/^(nomor|no) (pks|mou|naskah|perjanjian|nk|kerja ?sama|surat)\b|^nomor$|^nomor naskah/, 'numberFirst'],
  [/\b(kode unit|kode satker|unit|satker|satuan kerja|upt|unit kerja|unit pemrakarsa|pemrakarsa)\b/, 'unit'],
  [/\b(tanggal|tgl) (ttd|tanda tangan|penandatanganan|ditandatangani)\b|^ditandatangani|^tanggal$|^tgl$/, 'signingDate'],
  [/\b(tanggal|tgl) (mulai|berlaku)\b|^mulai|^tmt\b|^berlaku (mulai|sejak)/, 'startDate'],
  [/\bberakhir\b|\b(tanggal|tgl) (selesai|akhir)\b|^sampai|^s d$|^masa berakhir/, 'endDate'],
  [/\b(jangka waktu|durasi|masa berlaku|lama kerja ?sama)\b/, 'duration'],
  [/\b(tempat) (ttd|penandatanganan)\b|^tempat$/, 'signingPlace'],
  [/\b(maksud|tujuan)\b/, 'purpose'],
  [/\b(mitra|pihak kedua|pihak ke 2|instansi mitra|nama instansi)\b/, 'partner'],
  [/\b(judul|tentang|perihal|nama kerja ?sama|uraian)\b/, 'title'],
  [/^(jenis|jenis naskah|bentuk|bentuk kerja ?sama|jenis kerja ?sama|jenis dokumen)$/, 'kind'],
];

export function normaliseHeader(header: string): string {
  return plain(header);
}

/** A guess from header words alone: each field goes to the first column that looks like it. */
export function guessMapping(headers: string[]): Mapping {
  const taken = new Set<ImportField>();
  const mapping: Mapping = {};
  for (const header of headers) {
    const h = normaliseHeader(header);
    if (/^(no|nomor urut|no urut)$/.test(h)) continue;
    const hit = HEURISTICS.find(([re, field]) => !taken.has(field) && re.test(h));
    if (!hit) continue;
    mapping[header] = hit[1];
    taken.add(hit[1]);
  }
  return mapping;
}

/**
 * Files made from the same template share this: the normalised headers in order. A mapping confirmed once
 * is offered again for the next file with the same signature.
 */
export function headerSignature(headers: string[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(headers.map(normaliseHeader))).digest('hex');
}

/** A remembered mapping is stored by normalised header, so "JUDUL" and "Judul" files share it. */
export function toStoredMapping(mapping: Mapping): Record<string, ImportField> {
  return Object.fromEntries(Object.entries(mapping).map(([h, f]) => [normaliseHeader(h), f]));
}

export function fromStoredMapping(stored: Record<string, string>, headers: string[]): Mapping {
  const out: Mapping = {};
  for (const h of headers) {
    const f = stored[normaliseHeader(h)];
    if (f && (IMPORT_FIELDS as readonly string[]).includes(f)) out[h] = f as ImportField;
  }
  return out;
}
