/**
 * A small RFC 4180 reader for the CSV files staff save from Excel: quoted fields with doubled quotes and line
 * breaks inside, CRLF or LF line ends, an optional UTF-8 byte-order mark. The separator is detected from the
 * header line, because Excel writes `;` on Indonesian systems and `,` on English ones.
 */
export interface CsvRecord {
  /**
   * The row Excel shows for this record (1 = the header): blank lines count, line breaks inside a quoted
   * field do not. Problems name this row, so the user finds it in the sheet they opened.
   */
  row: number;
  fields: string[];
}

const SEPARATORS = [';', ',', '\t'] as const;

export function detectSeparator(text: string): string {
  const firstLine = headerLine(text);
  let best: string = ';';
  let bestCount = -1;
  for (const sep of SEPARATORS) {
    const n = countOutsideQuotes(firstLine, sep);
    if (n > bestCount) {
      best = sep;
      bestCount = n;
    }
  }
  return best;
}

/** Every record, blank lines skipped. Throws CsvError for an unterminated quote (the file is cut or malformed). */
export function* parseCsv(text: string, sep = detectSeparator(text)): Generator<CsvRecord> {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let row = 1;
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endRecord = function* (): Generator<CsvRecord> {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') yield { row, fields };
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === sep) {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      yield* endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      row++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvError(row);
  if (field !== '' || fields.length > 0) yield* endRecord();
}

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(readonly row: number) {
    super(`unterminated quoted field in row ${row}`);
  }
}

function headerLine(text: string): string {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return s.slice(0, i);
  }
  return s;
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === sep) n++;
  }
  return n;
}
