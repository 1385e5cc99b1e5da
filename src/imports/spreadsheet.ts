import ExcelJS from 'exceljs';
import { storedSource, type BlobStore, type ByteSource } from '../storage/blob-store.js';
import { zipEntryNames } from '../storage/sniff.js';
import { CsvError, parseCsv } from './csv.js';

/**
 * Spreadsheets as the import sees them: a header row and data rows of plain strings, whatever the file
 * format. Dates typed into Excel date cells come out as YYYY-MM-DD; everything else as the text shown.
 */
export type SheetKind = 'xlsx' | 'csv';

export const SHEET_MIME: Record<SheetKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

export interface SheetRow {
  /** Row number as the spreadsheet program shows it (the header is usually 1). */
  row: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** A Kanwil's register is hundreds of rows; 20,000 is far beyond any real file and bounds the work per request. */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 80;
/**
 * An XLSX is compressed XML: 10 MB on disk can unpack to gigabytes (a "zip bomb"). Real registers of 20,000
 * rows unpack to well under this, so anything larger is refused before the XML is read.
 */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export class SheetError extends Error {
  override name = 'SheetError';
}

/**
 * The file type from its bytes: XLSX is a ZIP package with `xl/workbook.xml` (macro workbooks refused), CSV is
 * text that decodes as UTF-8 without NUL bytes. Anything else (old .xls, PDF, a CSV saved in ANSI) is null.
 */
export async function sniffSheet(src: ByteSource): Promise<SheetKind | null> {
  const head = await src.read(0, 4);
  if (head.length === 4 && head.readUInt32LE(0) === 0x04034b50) {
    const names = await zipEntryNames(src);
    if (!names || !names.includes('xl/workbook.xml') || names.some((n) => /vbaProject\.bin$/i.test(n))) return null;
    return 'xlsx';
  }
  const bytes = await src.read(0, src.size);
  return decodeUtf8(bytes) === null ? null : 'csv';
}

export async function readSheet(store: BlobStore, sha256: string, size: number, kind: SheetKind): Promise<Sheet> {
  const records = kind === 'csv' ? csvRecords(await storedSource(store, sha256, size).read(0, size)) : xlsxRecords(store, sha256, size);
  const filled: { row: number; cells: string[] }[] = [];
  for await (const rec of records) {
    if (rec.cells.every((c) => c === '')) continue;
    if (filled.length > MAX_ROWS + HEADER_SEARCH_ROWS) throw new SheetError(`Berkas berisi lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris data. Bagi menjadi beberapa berkas.`);
    filled.push(rec);
  }
  const at = headerIndex(filled);
  if (at < 0) throw new SheetError('Berkas kosong: tidak ada baris judul kolom.');
  const headerCells = filled[at]!.cells.slice(0, lastFilled(filled[at]!.cells) + 1);
  if (headerCells.length > MAX_COLUMNS) throw new SheetError(`Berkas memiliki lebih dari ${MAX_COLUMNS} kolom.`);
  const headers = uniqueHeaders(headerCells);
  let data = filled.slice(at + 1);
  if (data[0] && isColumnNumbering(data[0].cells)) data = data.slice(1);
  if (data.length > MAX_ROWS) throw new SheetError(`Berkas berisi lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris data. Bagi menjadi beberapa berkas.`);
  return { headers, rows: data.map((r) => ({ row: r.row, cells: headers.map((_, i) => r.cells[i] ?? '') })) };
}

/** Report titles ("REGISTER KERJA SAMA KANWIL …", a date line) often sit above the table: look this far for its header. */
const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: the first of the top rows that fills at least two cells and most of the table's width.
 * A title above the table fills one cell (often merged across), so it is passed over.
 */
function headerIndex(rows: { cells: string[] }[]): number {
  const top = rows.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells.filter((c) => c !== '').length);
  const widest = Math.max(0, ...top);
  if (widest === 0) return -1;
  const i = top.findIndex((n) => n >= Math.min(2, widest) && n >= widest * 0.6);
  return i;
}

/** The "(1) (2) (3) …" row printed under the headers of official tables: not data. */
function isColumnNumbering(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return filled.length >= 3 && filled.every((c, i) => c.replace(/[()]/g, '').trim() === String(i + 1));
}

function lastFilled(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== '') return i;
  return -1;
}

/** Empty headers become "Kolom C"; repeated ones get "(2)", so every column has a name a mapping can use. */
export function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.replace(/\s+/g, ' ').trim() || `Kolom ${columnLetter(i)}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function decodeUtf8(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

async function* csvRecords(bytes: Buffer): AsyncGenerator<{ row: number; cells: string[] }> {
  const text = decodeUtf8(bytes);
  if (text === null) throw new SheetError('Berkas CSV bukan teks UTF-8. Simpan ulang sebagai "CSV UTF-8".');
  try {
    for (const r of parseCsv(text)) yield { row: r.row, cells: r.fields.map((f) => f.trim()) };
  } catch (err) {
    if (err instanceof CsvError) throw new SheetError(`Tanda kutip pada baris ${err.row} tidak ditutup.`);
    throw err;
  }
}

/** The first worksheet that has content, row by row, from the streaming reader (the workbook is never loaded whole). */
async function* xlsxRecords(store: BlobStore, sha256: string, size: number): AsyncGenerator<{ row: number; cells: string[] }> {
  if ((await unpackedSize(storedSource(store, sha256, size))) > MAX_UNPACKED_BYTES) throw new SheetError('Isi berkas XLSX terlalu besar setelah dibuka.');
  const input = await store.get(sha256);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      let any = false;
      for await (const row of sheet) {
        any = true;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        yield { row: row.number, cells };
      }
      if (any) return;
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError('Berkas XLSX rusak atau tidak dapat dibaca.');
  } finally {
    input.destroy();
  }
}

/** A cell as the text an operator would read in it; Date cells as YYYY-MM-DD. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'Ya' : 'Tidak';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').trim();
    if ('result' in o) return cellText(o.result);
    if ('error' in o) return '';
    if (o.text !== undefined) return cellText(o.text);
  }
  return '';
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;

/**
 * Sum of the uncompressed sizes the ZIP's central directory declares. ZIP64 (only needed past 4 GB) counts
 * as too large. The streaming reader still inflates entry by entry; this only refuses obvious bombs early.
 */
async function unpackedSize(src: ByteSource): Promise<number> {
  const tailStart = Math.max(0, src.size - 22 - 0xffff);
  const tail = await src.read(tailStart, src.size);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Infinity;
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || cdOffset + cdSize > src.size) return Infinity;
  const cd = await src.read(cdOffset, cdOffset + cdSize);
  let total = 0;
  for (let p = 0, n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) return Infinity;
    const unpacked = cd.readUInt32LE(p + 24);
    if (unpacked === 0xffffffff) return Infinity;
    total += unpacked;
    p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return total;
}
