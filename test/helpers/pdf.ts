import crypto from 'node:crypto';

/**
 * Tiny, valid PDFs written by hand (no external tools): N empty A4 pages, an optional filler stream that
 * makes the file as large as wanted (a scanned page's image stands in), and a correct cross-reference table.
 */
export interface PdfOptions {
  pages?: number;
  /** A stream object of this many bytes, referenced by nothing the page count needs (stands in for scans). */
  fillerBytes?: number;
  /** Changes the bytes (and so the SHA-256) without changing the structure. */
  note?: string;
}

export function makePdf(opts: PdfOptions = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    offset += buf.length;
  };
  for (const chunk of pdfChunks(opts)) push(chunk);
  return Buffer.concat(parts, offset);
}

/** The same PDF as a sequence of chunks, so a benchmark can stream a large one without holding it in memory. */
export function* pdfChunks(opts: PdfOptions = {}): Generator<Buffer> {
  const pages = opts.pages ?? 1;
  const offsets: number[] = [];
  let offset = 0;
  const emit = (s: string) => {
    const b = Buffer.from(s, 'latin1');
    offset += b.length;
    return b;
  };
  yield emit(`%PDF-1.7\n%\xE2\xE3\xCF\xD3\n${opts.note ? `% ${opts.note}\n` : ''}`);
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  offsets[1] = offset;
  yield emit('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  offsets[2] = offset;
  yield emit(`2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n`);
  for (let i = 0; i < pages; i++) {
    offsets[3 + i] = offset;
    yield emit(`${3 + i} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>\nendobj\n`);
  }
  let size = 3 + pages;
  if (opts.fillerBytes) {
    offsets[size] = offset;
    yield emit(`${size} 0 obj\n<< /Length ${opts.fillerBytes} >>\nstream\n`);
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
    for (let left = opts.fillerBytes; left > 0; left -= block.length) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      offset += piece.length;
      yield piece;
    }
    yield emit('\nendstream\nendobj\n');
    size++;
  }
  const xrefAt = offset;
  const rows = ['0000000000 65535 f \n'];
  for (let n = 1; n < size; n++) rows.push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  yield emit(`xref\n0 ${size}\n${rows.join('')}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
}

/** Starts like a PDF, then stops: no catalogue, no cross-reference table. */
export function makeDamagedPdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catal', 'latin1'), Buffer.from('\x00\x13garbage-without-structure\n'.repeat(20), 'latin1')]);
}

const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/**
 * A PDF protected with a user password (standard security handler, revision 2, RC4 40-bit): nobody can open
 * it without the password. Its objects hold no strings or streams, so only the /Encrypt entries need computing.
 */
export function makeEncryptedPdf(userPassword = 'rahasia', ownerPassword = 'pemilik'): Buffer {
  const md5 = (...parts: Buffer[]) => crypto.createHash('md5').update(Buffer.concat(parts)).digest();
  const pad = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PASSWORD_PAD]).subarray(0, 32);
  const permissions = -44;
  const id = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const owner = rc4(md5(pad(ownerPassword)).subarray(0, 5), pad(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(pad(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}
