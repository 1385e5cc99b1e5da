import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ExtractionConfig } from '../config/config.js';
import type { AppDeps } from '../http/context.js';
import type { JobContext, JobHandler } from '../jobs/worker.js';
import { PermanentJobError } from '../jobs/worker.js';
import { storedSource } from '../storage/blob-store.js';
import * as repo from './extraction.repository.js';
import type { DocumentForExtraction, ExtractedPage, ExtractionOutcome } from './extraction.repository.js';
import { OCR_UNAVAILABLE, ocrAvailability, OcrError, recognise, renderPdfPage, withOcrSlot } from './ocr.js';
import { readDocxText, readPdfText } from './text-reader.js';

export const EXTRACT_JOB = 'document.extract';

/** A page whose text layer has fewer letters and digits than this is a scan (or a stamp): it goes to OCR. */
const MIN_TEXT_CHARS = 20;
/** OCR output below this mean word confidence, or with almost no letters, is noise, not text. */
const MIN_OCR_CONFIDENCE = 35;
const MIN_OCR_LETTERS = 10;
/** More text than this on one page is cut (a page of a real agreement holds ~5,000 characters). */
const MAX_PAGE_CHARS = 100_000;
/** Word files have no pages: their text is stored in parts of about this size, cut at paragraph ends. */
const DOCX_PART_CHARS = 12_000;
/** An A4 scan at 600 dpi is 35 megapixels; a larger photo is refused before tesseract decodes it. */
const MAX_IMAGE_PIXELS = 60_000_000;

/** The job that reads a document's text after upload (and on `p2ma extract`). */
export function extractionJobHandler(deps: AppDeps): JobHandler {
  return {
    timeoutMs: 2 * 3600_000,
    run: (ctx) => extractDocument(deps, ctx),
    async onFailed(job, error, db) {
      if (job.documentId) await repo.markFailed(db, job.documentId, `Ekstraksi gagal: ${error}`, deps.now());
    },
  };
}

async function extractDocument(deps: AppDeps, ctx: JobContext): Promise<void> {
  const { db } = deps.database;
  const documentId = String(ctx.job.payload.documentId ?? '');
  const doc = await repo.getDocumentForExtraction(db, documentId);
  if (!doc) throw new PermanentJobError('Berkas tidak ditemukan.');
  if (doc.deleted_at) return; // deleted while waiting: nothing to read for
  await repo.markRunning(db, doc.id, ctx.job.id, doc.page_count, deps.now());

  // The same bytes were read before (a public copy identical to the signed one): reuse that text.
  const twin = await repo.findExtractedTwin(db, doc.sha256, doc.id);
  const copied = twin ? await repo.readOutcome(db, twin) : null;
  const outcome = copied ?? (await read(deps, doc, ctx));
  await ctx.transaction((tx) => repo.saveExtraction(tx, doc, outcome, deps.now()));
  await ctx.progress(outcome.pagesTotal ?? outcome.pages.length, outcome.pagesTotal ?? outcome.pages.length);
}

async function read(deps: AppDeps, doc: DocumentForExtraction, ctx: JobContext): Promise<ExtractionOutcome> {
  if (doc.mime === 'application/pdf') return readPdf(deps, doc, ctx);
  if (doc.mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return readDocx(deps, doc, ctx);
  if (doc.mime === 'image/png' || doc.mime === 'image/jpeg') return readImage(deps, doc, ctx);
  return failed(`jenis berkas ${doc.mime} tidak dibaca`);
}

function limitsOf(cfg: ExtractionConfig) {
  return { pageTimeoutMs: cfg.pageTimeoutMs, memoryMb: cfg.memoryMb, maxPages: cfg.maxPages };
}

async function readPdf(deps: AppDeps, doc: DocumentForExtraction, ctx: JobContext): Promise<ExtractionOutcome> {
  const cfg = deps.config.extraction;
  if (!doc.readable) return failed(doc.unreadable_reason ?? 'PDF tidak dapat dibaca');
  let done = 0;
  const layer = await readPdfText(storedSource(deps.storage, doc.sha256, doc.size), limitsOf(cfg), {
    signal: ctx.signal,
    // Pages with a text layer are finished here; scanned pages count when OCR has read them.
    onPage: (_page, total, text) => {
      if (meaningful(text) >= MIN_TEXT_CHARS) void ctx.progress(++done, total);
    },
  });
  if (!layer.ok) return failed(layer.reason);
  const total = layer.pages.length;
  const pages: ExtractedPage[] = [];
  const scanned: number[] = [];
  layer.pages.forEach((text, i) => {
    if (meaningful(text) >= MIN_TEXT_CHARS) pages.push({ page: i + 1, method: 'text', text: clean(text), words: null });
    else scanned.push(i + 1);
  });
  await ctx.progress(pages.length, total);
  if (scanned.length === 0) return finish(pages, total, 'text', null);

  const ocr = await ocrAvailability(cfg.ocr);
  if (!ocr.available) {
    const missing = scanned.length === total ? '' : ` (${scanned.length} dari ${total} halaman hasil pindaian belum dibaca)`;
    return { ...finish(pages, total, pages.length ? 'text' : null, null), state: 'failed', error: `${OCR_UNAVAILABLE}${missing}` };
  }
  const problems: string[] = [];
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'berkas.pdf');
    await pipeline(await deps.storage.get(doc.sha256), fs.createWriteStream(file));
    await Promise.all(
      scanned.map((n) =>
        withOcrSlot(
          cfg.ocr,
          async () => {
            try {
              const image = await renderPdfPage(cfg.ocr, file, n, dir, ctx.signal);
              const r = await recognise(cfg.ocr, image, cfg.ocr.dpi, ctx.signal);
              await removeOutputs(image);
              if (isText(r.text, r.confidence)) pages.push({ page: n, method: 'ocr', text: clean(r.text), words: r.words });
            } catch (err) {
              if (!(err instanceof OcrError)) throw err;
              problems.push(err.message);
            }
            await ctx.progress(pages.length + problems.length, total);
          },
          ctx.signal,
        ),
      ),
    );
  });
  pages.sort((a, b) => a.page - b.page);
  if (problems.length === scanned.length && pages.length === 0) return failed(problems[0]!);
  return finish(pages, total, 'ocr', problems.length ? `sebagian halaman tidak terbaca: ${problems.slice(0, 3).join('; ')}` : null);
}

async function readDocx(deps: AppDeps, doc: DocumentForExtraction, ctx: JobContext): Promise<ExtractionOutcome> {
  const data = await readAll(await deps.storage.get(doc.sha256));
  const r = await readDocxText(data, limitsOf(deps.config.extraction), ctx.signal);
  if (!r.ok) return failed(r.reason);
  const parts = splitParagraphs(clean(r.text), DOCX_PART_CHARS);
  return finish(parts.map((text, i) => ({ page: i + 1, method: 'docx' as const, text, words: null })), parts.length, 'docx', null);
}

async function readImage(deps: AppDeps, doc: DocumentForExtraction, ctx: JobContext): Promise<ExtractionOutcome> {
  const cfg = deps.config.extraction.ocr;
  const head = await readAll(await deps.storage.get(doc.sha256, { start: 0, end: Math.min(doc.size, 256 * 1024) }));
  const size = imageSize(head);
  if (!size) return failed('gambar rusak atau tidak dikenali');
  if (size.width * size.height > MAX_IMAGE_PIXELS) return failed(`gambar terlalu besar (${size.width}×${size.height} piksel; batas ${MAX_IMAGE_PIXELS / 1_000_000} megapiksel)`);
  const ocr = await ocrAvailability(cfg);
  if (!ocr.available) return failed(OCR_UNAVAILABLE);
  await ctx.progress(0, 1);
  return withTempDir(async (dir) => {
    const file = path.join(dir, doc.mime === 'image/png' ? 'gambar.png' : 'gambar.jpg');
    await pipeline(await deps.storage.get(doc.sha256), fs.createWriteStream(file));
    try {
      const r = await withOcrSlot(cfg, () => recognise(cfg, file, null, ctx.signal), ctx.signal);
      const pages: ExtractedPage[] = isText(r.text, r.confidence) ? [{ page: 1, method: 'ocr', text: clean(r.text), words: r.words }] : [];
      return finish(pages, 1, 'ocr', null);
    } catch (err) {
      if (err instanceof OcrError) return failed(err.message);
      throw err;
    }
  });
}

function finish(pages: ExtractedPage[], total: number, method: ExtractionOutcome['method'], error: string | null): ExtractionOutcome {
  if (pages.every((p) => meaningful(p.text) === 0)) {
    return { state: 'empty', method, pages: [], pagesTotal: total, error: error ?? 'Tidak ada teks yang terbaca (halaman kosong, gambar tanpa tulisan, atau pindaian terlalu buram).' };
  }
  return { state: 'done', method, pages, pagesTotal: total, error };
}

function failed(reason: string): ExtractionOutcome {
  return { state: 'failed', method: null, pages: [], pagesTotal: null, error: reason.charAt(0).toUpperCase() + reason.slice(1) };
}

/** Letters and digits: what makes a page "have text". */
function meaningful(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

function isText(text: string, confidence: number): boolean {
  return confidence >= MIN_OCR_CONFIDENCE && (text.match(/\p{L}/gu) ?? []).length >= MIN_OCR_LETTERS;
}

/**
 * Text safe to store and to search: no NUL (PostgreSQL refuses it) or other control characters, none of
 * the private-use characters the search uses to mark hits, whitespace tidied, and a cap per page.
 */
export function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ue000-\ue0ff]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_PAGE_CHARS);
}

function splitParagraphs(text: string, size: number): string[] {
  if (!text) return [];
  const parts: string[] = [];
  let current = '';
  for (const para of text.split(/\n+/)) {
    if (current && current.length + para.length + 1 > size) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}\n${para}` : para;
    while (current.length > size) {
      parts.push(current.slice(0, size));
      current = current.slice(size);
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** Width and height from a PNG (IHDR) or JPEG (start-of-frame marker) header, without decoding the image. */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return null;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'p2ma-ocr-'));
  try {
    return await fn(dir);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function removeOutputs(image: string): Promise<void> {
  await Promise.all([image, `${image}.ocr.txt`, `${image}.ocr.tsv`].map((f) => fsp.rm(f, { force: true })));
}
