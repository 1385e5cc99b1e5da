import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AgreementListRow } from '../agreements/agreement.query.js';
import { EXPORT_COLUMNS, type ColumnOf } from './export.columns.js';

/** Bytes the client may lag behind before we stop reading rows from the database. */
const HIGH_WATER = 1024 * 1024;

/**
 * The register as an XLSX workbook, written with exceljs's streaming writer: each row is serialised and
 * handed to the ZIP as soon as it is added, and between batches we wait for the client to take what was
 * produced, so memory stays flat however many agreements are exported. Inline strings (no shared-strings
 * table) because that table would grow with the file; dates are real date cells shown as dd/mm/yyyy.
 */
export function xlsxStream<R = AgreementListRow>(batches: AsyncIterable<R[]>, opts: { created: Date; columns?: readonly ColumnOf<R>[]; sheetName?: string }): Readable {
  const columns = opts.columns ?? (EXPORT_COLUMNS as unknown as readonly ColumnOf<R>[]);
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'P2MA';
  workbook.created = opts.created;
  void write(workbook, out, batches, columns, opts.sheetName ?? 'Register Kerja Sama').catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

async function write<R>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, out: PassThrough, batches: AsyncIterable<R[]>, columns: readonly ColumnOf<R>[], sheetName: string) {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    ...(c.kind === 'date' ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let index = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      index++;
      sheet.addRow(columns.map((c) => cellValue(c.kind, c.value(row, index)))).commit();
    }
    // The client went away: stop querying; nobody will read the rest.
    if (out.destroyed) return;
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
}

function cellValue(kind: 'number' | 'text' | 'date', v: string | number | null): ExcelJS.CellValue {
  if (v === null) return null;
  if (kind === 'date') {
    const [y, m, d] = String(v).split('-').map(Number) as [number, number, number];
    // exceljs turns a Date into a serial day number counted in UTC: midnight UTC is exactly that day.
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v;
}

function drained(out: PassThrough): Promise<void> {
  // The ZIP writes into `out`; once the client stops reading, `out` stops accepting and asks for a drain.
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
