import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeTextPdf, type PdfLine } from '../../src/shared/pdf-writer.js';

/**
 * "Scanned" fixtures made at test time (no binaries in the repository): a text PDF is rendered to a grey
 * image with pdftoppm, speckled with noise, and embedded, slightly rotated, as the only content of a new PDF
 * (what a scanner produces: no text layer at all). Also PNG photos of text, noise, and a PNG bomb header.
 */

export function hasPoppler(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Gray {
  width: number;
  height: number;
  data: Buffer;
}

/** Page `page` of a PDF as 8-bit grey pixels (pdftoppm's PGM output). */
export function renderGray(pdf: Buffer, dpi: number, page = 1): Gray {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-scan-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-gray', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'out')]);
    const pgm = fs.readFileSync(path.join(dir, 'out.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 64))!;
    return { width: Number(header[1]), height: Number(header[2]), data: pgm.subarray(header[0].length) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Deterministic speckle: a scanner's dust and grain, without hiding the text. */
export function addNoise(img: Gray, seed = 7, amount = 0.003): Gray {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const data = Buffer.from(img.data);
  for (let i = 0; i < data.length; i++) {
    const grain = Math.round((rnd() - 0.5) * 16);
    data[i] = Math.max(0, Math.min(255, data[i]! + grain));
    if (rnd() < amount) data[i] = Math.floor(rnd() * 256);
  }
  return { ...img, data };
}

/**
 * The page turned by a small angle about its centre (bilinear, white outside), as a sheet lies slightly
 * askew on the scanner glass. Done on the pixels: a rotated image in the PDF would make every renderer slow.
 */
export function rotate(img: Gray, degrees: number): Gray {
  const t = (degrees * Math.PI) / 180;
  const [c, s] = [Math.cos(t), Math.sin(t)];
  const { width: w, height: h, data } = img;
  const out = Buffer.alloc(w * h, 255);
  const [cx, cy] = [w / 2, h / 2];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = c * (x - cx) + s * (y - cy) + cx;
      const sy = -s * (x - cx) + c * (y - cy) + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! * (1 - fx) + data[i + 1]! * fx;
      const bottom = data[i + w]! * (1 - fx) + data[i + w + 1]! * fx;
      out[y * w + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width: w, height: h, data: out };
}

/** A PDF whose pages are only images (one per page), like a scanner's output. */
export function imagePdf(images: Gray[]): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (o: string | Buffer) => objects.push(o) ;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = images.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${images.length} >>`);
  const W = 595;
  const H = 842;
  images.forEach((img, i) => {
    const content = `q ${W} 0 0 ${H} 0 0 cm /Im0 Do Q`;
    const pixels = zlib.deflateSync(img.data);
    const n = 3 + i * 3;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`);
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    add(Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`, 'latin1'),
      pixels,
      Buffer.from('\nendstream', 'latin1'),
    ]));
  });
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    offset += b.length;
  });
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A scanned agreement: each page of the text rendered, turned a little, speckled and embedded as an image. */
export function scannedPdf(lines: PdfLine[], opts: { dpi?: number; pages?: number; degrees?: number } = {}): Buffer {
  const text = writeTextPdf(lines);
  const degrees = opts.degrees ?? 0.6;
  const images = Array.from({ length: opts.pages ?? 1 }, (_, i) => addNoise(rotate(renderGray(text, opts.dpi ?? 150, i + 1), i % 2 ? -degrees : degrees), 7 + i));
  return imagePdf(images);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit grey PNG. `claim` writes other dimensions into the header than the pixels have (a bomb's lie). */
export function png(img: Gray, claim?: { width: number; height: number }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(claim?.width ?? img.width, 0);
  ihdr.writeUInt32BE(claim?.height ?? img.height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const rows: Buffer[] = [];
  for (let y = 0; y < img.height; y++) rows.push(Buffer.from([0]), img.data.subarray(y * img.width, (y + 1) * img.width));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Pure noise: an "image of nothing" that OCR must not turn into text. */
export function noise(width = 600, height = 400, seed = 3): Gray {
  let s = seed;
  const data = Buffer.alloc(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (s = (s * 1103515245 + 12345) % 2 ** 31) & 255;
  return { width, height, data };
}

/** A PDF page whose content stream inflates to `mb` megabytes of spaces (a decompression bomb), built streaming. */
export async function deflateBombPdf(mb: number): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < mb; i++) if (!deflate.write(block)) await once(deflate, 'drain');
  deflate.end();
  await once(deflate, 'end');
  const data = Buffer.concat(out);
  const head = '%PDF-1.4\n';
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'];
  const parts: Buffer[] = [Buffer.from(head, 'latin1')];
  let len = head.length;
  const offs: number[] = [];
  const push = (b: Buffer) => {
    parts.push(b);
    len += b.length;
  };
  objs.forEach((o, i) => {
    offs.push(len);
    push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
  });
  offs.push(len);
  push(Buffer.from(`4 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'));
  push(data);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xref = len;
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
