import { Readable } from 'node:stream';
import type { AgreementListRow } from '../agreements/agreement.query.js';
import { EXPORT_COLUMNS, indonesianDate, type ColumnOf } from './export.columns.js';

/**
 * CSV the way Excel with Indonesian regional settings opens it with a double click: UTF-8 with a byte-order
 * mark (otherwise "Pemasyarakatan" survives but "Dirjen Imigrasi – …" does not), `;` between fields (the
 * Indonesian list separator, since `,` is the decimal mark), CRLF line ends, RFC 4180 quoting.
 */
export function csvStream<R = AgreementListRow>(batches: AsyncIterable<R[]>, columns = EXPORT_COLUMNS as unknown as readonly ColumnOf<R>[]): Readable {
  return Readable.from(csvChunks(batches, columns), { objectMode: false });
}

async function* csvChunks<R>(batches: AsyncIterable<R[]>, columns: readonly ColumnOf<R>[]): AsyncGenerator<Buffer> {
  yield Buffer.from('\uFEFF' + csvLine(columns.map((c) => c.header)), 'utf8');
  let index = 0;
  for await (const batch of batches) {
    const lines = batch.map((row) => {
      index++;
      return csvLine(
        columns.map((c) => {
          const v = c.value(row, index);
          if (v === null) return '';
          if (c.kind === 'date') return indonesianDate(String(v));
          return String(v);
        }),
      );
    });
    yield Buffer.from(lines.join(''), 'utf8');
  }
}

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(';') + '\r\n';
}

function csvField(value: string): string {
  // A cell starting with = + - @ is run as a formula when Excel opens the file (CSV injection); a leading
  // apostrophe keeps it text. Our own values (numbers, dates, labels) never start that way.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
