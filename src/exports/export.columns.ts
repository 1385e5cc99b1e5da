import type { AgreementListRow } from '../agreements/agreement.query.js';
import { STATUS_LABELS } from '../agreements/status.js';

/**
 * The register as a spreadsheet: one column list shared by the XLSX and the CSV writer, so both files carry
 * the same columns in the same order. Headers are the words Indonesian staff use on paper registers.
 */
export type ExportColumn = ColumnOf<AgreementListRow>;

/** A column of any row type (the public register has its own rows: see publication/). */
export interface ColumnOf<R> {
  header: string;
  /** Column width in characters (XLSX only). */
  width: number;
  kind: 'number' | 'text' | 'date';
  /** `index` is the row's position in the whole export, from 1 ("No"). Dates come back as YYYY-MM-DD. */
  value(row: R, index: number): string | number | null;
}

const CONFIDENTIALITY_LABELS = { public: 'Terbuka', internal: 'Dikecualikan' } as const;

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'No', width: 6, kind: 'number', value: (_r, i) => i },
  { header: 'Jenis', width: 22, kind: 'text', value: (r) => r.kind_name },
  { header: 'Judul', width: 60, kind: 'text', value: (r) => r.title },
  { header: 'Nomor Pihak Pertama', width: 30, kind: 'text', value: (r) => r.number_first },
  { header: 'Nomor Pihak Kedua', width: 30, kind: 'text', value: (r) => r.number_second },
  { header: 'Unit Pemrakarsa', width: 36, kind: 'text', value: (r) => r.unit_name },
  { header: 'Mitra', width: 40, kind: 'text', value: (r) => r.partner_names },
  { header: 'Kategori Mitra', width: 28, kind: 'text', value: (r) => r.partner_categories },
  { header: 'Ruang Lingkup', width: 40, kind: 'text', value: (r) => r.scope_names },
  { header: 'Tanggal Penandatanganan', width: 14, kind: 'date', value: (r) => r.signing_date },
  { header: 'Tanggal Mulai', width: 14, kind: 'date', value: (r) => r.start_date },
  { header: 'Tanggal Berakhir', width: 14, kind: 'date', value: (r) => r.end_date },
  { header: 'Status', width: 18, kind: 'text', value: (r) => STATUS_LABELS[r.status] },
  { header: 'Sifat', width: 14, kind: 'text', value: (r) => CONFIDENTIALITY_LABELS[r.confidentiality] },
  { header: 'Naskah Bertanda Tangan', width: 12, kind: 'text', value: (r) => (r.has_signed_document ? 'Ada' : 'Belum') },
];

/** YYYY-MM-DD → DD/MM/YYYY, the way dates are written in Indonesian documents. */
export function indonesianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
