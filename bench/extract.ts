/**
 * Extraction benchmark (document intelligence, part 2), on the same files in the same run:
 *  - text layer: our pdf.js reader thread (pages/second) against `pdftotext` (poppler) on each file;
 *  - OCR: our pipeline (pdftoppm + tesseract per page, one OpenMP thread each, as many pages at once as
 *    OCR_CONCURRENCY, default: cores) against bare `pdftoppm` + `tesseract` page by page (default threads).
 *   node --import tsx bench/extract.ts [TEXT_DOCS=20] [TEXT_PAGES=25] [OCR_PAGES=6]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { recognise, renderPdfPage, withOcrSlot } from '../src/documents/ocr.js';
import { readPdfText } from '../src/documents/text-reader.js';
import { writeTextPdf, type PdfLine } from '../src/shared/pdf-writer.js';
import { agreementLines } from '../test/helpers/agreement-text.js';
import { scannedPdf } from '../test/helpers/scan.js';

const TEXT_DOCS = Number(process.argv[2] ?? 20);
const TEXT_PAGES = Number(process.argv[3] ?? 25);
const OCR_PAGES = Number(process.argv[4] ?? 6);
const cfg = loadConfig({ LOG_LEVEL: 'silent' }).extraction;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-bench-extract-'));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** An agreement followed by annex lines, about TEXT_PAGES pages long. */
function longAgreement(n: number): Buffer {
  const lines: PdfLine[] = agreementLines({ numberFirst: `W13.PAS.PAS.6-HM.05.02-${1000 + n}` });
  for (let i = 0; lines.length < TEXT_PAGES * 38; i++) lines.push({ text: `${i + 1}. Kegiatan pelatihan pengelasan angkatan ${n}, sesi ${i + 1}: materi keselamatan kerja, praktik las busur listrik, evaluasi instruktur.` });
  return writeTextPdf(lines);
}

async function textLayer() {
  const files = Array.from({ length: TEXT_DOCS }, (_, i) => {
    const file = path.join(dir, `teks-${i}.pdf`);
    fs.writeFileSync(file, longAgreement(i));
    return file;
  });
  const limits = { pageTimeoutMs: cfg.pageTimeoutMs, memoryMb: cfg.memoryMb, maxPages: cfg.maxPages };
  // Warm-up: the reader thread loads pdf.js once and is then kept for the next file.
  const first = fs.readFileSync(files[0]!);
  await readPdfText({ size: first.length, read: async (s, e) => first.subarray(s, e) }, limits);

  let pages = 0;
  let t = performance.now();
  for (const file of files) {
    const b = fs.readFileSync(file);
    const r = await readPdfText({ size: b.length, read: async (s, e) => b.subarray(s, e) }, limits);
    if (!r.ok) throw new Error(r.reason);
    pages += r.pages.length;
  }
  const ours = pages / ((performance.now() - t) / 1000);
  t = performance.now();
  for (const file of files) execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const poppler = pages / ((performance.now() - t) / 1000);
  console.log(`text layer, ${files.length} files, ${pages} pages: pdf.js reader ${ours.toFixed(0)} pages/s · pdftotext ${poppler.toFixed(0)} pages/s (${(ours / poppler * 100).toFixed(0)}%)`);
}

async function ocr() {
  const file = path.join(dir, 'pindaian.pdf');
  const lines: PdfLine[] = [...agreementLines(), ...Array.from({ length: 40 }, (_, i) => ({ text: `${i + 1}. Jadwal pelatihan pengelasan angkatan pertama, sesi ${i + 1}: keselamatan kerja dan praktik las.` }))];
  fs.writeFileSync(file, scannedPdf(lines, { pages: Math.min(OCR_PAGES, 2), dpi: 150 }));
  // More pages than the generated text has: the scan is repeated (the same content, as real batches repeat boilerplate).
  const pages = Array.from({ length: OCR_PAGES }, (_, i) => (i % Math.min(OCR_PAGES, 2)) + 1);
  const t = performance.now();
  await Promise.all(
    pages.map((page, i) =>
      withOcrSlot(cfg.ocr, async () => {
        const work = fs.mkdtempSync(path.join(dir, `ours-${i}-`));
        const image = await renderPdfPage(cfg.ocr, file, page, work);
        await recognise(cfg.ocr, image, cfg.ocr.dpi);
      }),
    ),
  );
  const ours = OCR_PAGES / ((performance.now() - t) / 60_000);

  /** Page by page with the bare tools: `pdftoppm -png` as usually written, or PGM as our pipeline renders. */
  const bare = (format: 'png' | 'pgm', env: NodeJS.ProcessEnv) => {
    const start = performance.now();
    for (const [i, page] of pages.entries()) {
      const prefix = path.join(dir, `bare-${i}`);
      spawnSync('pdftoppm', ['-r', String(cfg.ocr.dpi), '-f', String(page), '-l', String(page), ...(format === 'png' ? ['-png'] : []), '-gray', '-singlefile', file, prefix]);
      spawnSync('tesseract', [`${prefix}.${format}`, '-', '-l', cfg.ocr.languages], { env, stdio: ['ignore', 'ignore', 'ignore'] });
      fs.rmSync(`${prefix}.${format}`, { force: true });
    }
    return OCR_PAGES / ((performance.now() - start) / 60_000);
  };
  const png = bare('png', process.env);
  const pgm = bare('pgm', process.env);
  const pgmOne = bare('pgm', { ...process.env, OMP_THREAD_LIMIT: '1' });
  const pct = (x: number) => `${((ours / x) * 100).toFixed(0)}%`;
  console.log(`OCR at ${cfg.ocr.dpi} dpi, ${OCR_PAGES} pages, pages/minute:`);
  console.log(`  ours: ${cfg.ocr.concurrency} pages at once, 1 thread each, PGM       ${ours.toFixed(1)}`);
  console.log(`  bare page by page, pdftoppm -png, tesseract default threads ${png.toFixed(1)}  (ours ${pct(png)})`);
  console.log(`  bare page by page, PGM, tesseract default threads           ${pgm.toFixed(1)}  (ours ${pct(pgm)})`);
  console.log(`  bare page by page, PGM, 1 thread                            ${pgmOne.toFixed(1)}  (ours ${pct(pgmOne)})`);
}

console.log(`load before: ${load()} (${os.availableParallelism()} cores)`);
try {
  await textLayer();
  console.log(`load: ${load()}`);
  await ocr();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`load after: ${load()}`);
