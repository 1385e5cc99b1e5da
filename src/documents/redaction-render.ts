import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { OcrConfig } from '../config/config.js';
import type { RedactionRect } from '../db/schema-redaction.js';
import { limited, OcrError, withOcrSlot } from './ocr.js';

/**
 * The public copy is rebuilt from pictures: every page is rendered by pdftoppm, the rectangles are painted
 * black into the pixels, and the pages are assembled into a PDF that holds nothing but those pictures. No
 * text layer, no fonts, no metadata, no annotations of the original survive, so nothing hidden under a black
 * box can be copied out of it (a black box drawn over a PDF's text leaves the text selectable).
 */

/** Resolution of the public copy: readable print, ~0.3–1 MB per compressed A4 page in grey. */
export const PUBLIC_COPY_DPI = 150;

const deflate = promisify(zlib.deflate);

interface Gray {
  width: number;
  height: number;
  data: Buffer;
}

function parsePgm(file: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.toString('latin1', 0, 64));
  if (!header || header[3] !== '255') throw new OcrError('gambar halaman tidak dikenali');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, data: file.subarray(header[0].length, header[0].length + width * height) };
}

/** Paints rectangles (points from the page's top left) black; rounded outwards to whole pixels. */
export function paint(img: Gray, rects: RedactionRect[], dpi: number): void {
  const k = dpi / 72;
  for (const r of rects) {
    const x0 = Math.max(0, Math.floor(r.x * k));
    const y0 = Math.max(0, Math.floor(r.y * k));
    const x1 = Math.min(img.width, Math.ceil((r.x + r.width) * k));
    const y1 = Math.min(img.height, Math.ceil((r.y + r.height) * k));
    for (let y = y0; y < y1; y++) img.data.fill(0, y * img.width + x0, y * img.width + Math.max(x0, x1));
  }
}

/** Writes a PDF of grey page images object by object, so a long document never sits in memory whole. */
class ImagePdfWriter {
  private offset = 0;
  private offsets: number[] = [];
  private pages: number[] = [];
  private constructor(private readonly out: fs.WriteStream) {}

  static async open(file: string): Promise<ImagePdfWriter> {
    const w = new ImagePdfWriter(fs.createWriteStream(file));
    await w.write(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
    // 1: catalogue, 2: page tree (written last, when the pages are known)
    w.offsets[1] = w.offset;
    await w.write(Buffer.from('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1'));
    return w;
  }

  private write(b: Buffer): Promise<void> {
    this.offset += b.length;
    return new Promise((resolve, reject) => this.out.write(b, (err) => (err ? reject(err) : resolve())));
  }

  private async object(n: number, head: string, stream?: Buffer): Promise<void> {
    this.offsets[n] = this.offset;
    if (!stream) return this.write(Buffer.from(`${n} 0 obj\n${head}\nendobj\n`, 'latin1'));
    await this.write(Buffer.from(`${n} 0 obj\n${head}\nstream\n`, 'latin1'));
    await this.write(stream);
    await this.write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  async addPage(img: Gray, dpi: number): Promise<void> {
    const n = 3 + this.pages.length * 3;
    const w = ((img.width * 72) / dpi).toFixed(2);
    const h = ((img.height * 72) / dpi).toFixed(2);
    const content = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, 'latin1');
    const pixels = await deflate(img.data);
    await this.object(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`);
    await this.object(n + 1, `<< /Length ${content.length} >>`, content);
    await this.object(n + 2, `<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>`, pixels);
    this.pages.push(n);
  }

  async close(): Promise<void> {
    await this.object(2, `<< /Type /Pages /Kids [${this.pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${this.pages.length} >>`);
    const size = 3 + this.pages.length * 3;
    const rows = ['0000000000 65535 f \n'];
    for (let i = 1; i < size; i++) rows.push(`${String(this.offsets[i]).padStart(10, '0')} 00000 n \n`);
    const xref = this.offset;
    await this.write(Buffer.from(`xref\n0 ${size}\n${rows.join('')}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  destroy(): void {
    this.out.destroy();
  }
}

/**
 * Renders every page of `pdfPath`, blacks out its rectangles and writes the image-only PDF to `outPath`.
 * One page at a time, each render holding one of the server's OCR slots and under its limits.
 */
export async function renderRedacted(
  cfg: OcrConfig,
  pdfPath: string,
  pageCount: number,
  rects: RedactionRect[],
  outPath: string,
  opts: { dpi?: number; signal?: AbortSignal; onPage?: (done: number) => Promise<void> | void } = {},
): Promise<void> {
  const dpi = opts.dpi ?? PUBLIC_COPY_DPI;
  const dir = path.dirname(outPath);
  const writer = await ImagePdfWriter.open(outPath);
  try {
    for (let n = 1; n <= pageCount; n++) {
      const prefix = path.join(dir, `r${n}`);
      const img = await withOcrSlot(
        cfg,
        async () => {
          const r = await limited(cfg, cfg.pdftoppm, ['-r', String(dpi), '-f', String(n), '-l', String(n), '-gray', '-singlefile', pdfPath, prefix], opts.signal);
          if (r.code !== 0) throw new OcrError(r.timedOut ? `halaman ${n}: gambar halaman melebihi batas waktu` : `halaman ${n}: gambar halaman tidak dapat dibuat`);
          try {
            return parsePgm(await fsp.readFile(`${prefix}.pgm`));
          } finally {
            await fsp.rm(`${prefix}.pgm`, { force: true });
          }
        },
        opts.signal,
      );
      paint(img, rects.filter((r) => r.page === n), dpi);
      await writer.addPage(img, dpi);
      await opts.onPage?.(n);
    }
    await writer.close();
  } catch (err) {
    writer.destroy();
    throw err;
  }
}
