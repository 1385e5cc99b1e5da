import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OcrConfig } from '../config/config.js';
import type { PageWords } from '../db/schema-intelligence.js';

/**
 * OCR through the system's poppler (`pdftoppm`, page → image) and tesseract (image → text and word boxes): one
 * page per process, each under a time limit and an address-space limit (`ulimit -v`, set by `sh` before it
 * execs the tool, so nothing beyond POSIX sh is needed), one OpenMP thread each, and no more processes at a
 * time than the configured concurrency for the whole process, however many documents are being read.
 */

export interface OcrAvailability {
  tesseract: boolean;
  pdftoppm: boolean;
  /** Languages tesseract has installed. */
  languages: string[];
  /** Configured languages tesseract lacks (OCR is unavailable while any is missing). */
  missingLanguages: string[];
  available: boolean;
}

export const OCR_UNAVAILABLE = 'OCR tidak tersedia di server';

const PROBE_TTL_MS = 60_000;
const probes = new Map<string, { at: number; result: Promise<OcrAvailability> }>();

/** Whether the tools answer, checked at most once a minute (an administrator may install them meanwhile). */
export function ocrAvailability(cfg: OcrConfig): Promise<OcrAvailability> {
  const key = `${cfg.tesseract}\0${cfg.pdftoppm}\0${cfg.languages}`;
  const cached = probes.get(key);
  if (cached && Date.now() - cached.at < PROBE_TTL_MS) return cached.result;
  const result = probe(cfg);
  probes.set(key, { at: Date.now(), result });
  return result;
}

async function probe(cfg: OcrConfig): Promise<OcrAvailability> {
  const [langs, poppler] = await Promise.all([run(cfg.tesseract, ['--list-langs'], { timeoutMs: 10_000 }), run(cfg.pdftoppm, ['-v'], { timeoutMs: 10_000 })]);
  const tesseract = langs.code === 0;
  const languages = tesseract ? langs.stdout.split('\n').slice(1).map((l) => l.trim()).filter(Boolean) : [];
  const missingLanguages = tesseract ? cfg.languages.split('+').filter((l) => !languages.includes(l)) : cfg.languages.split('+');
  const pdftoppm = poppler.code === 0;
  return { tesseract, pdftoppm, languages, missingLanguages, available: tesseract && pdftoppm && missingLanguages.length === 0 };
}

export class OcrError extends Error {
  override name = 'OcrError';
}

/**
 * A page image rendered from a PDF: `pdftoppm -r DPI -f N -l N -gray` as an uncompressed PGM, which tesseract
 * reads as well as PNG. PNG would cost more than the recognition itself: compressing a scan's grain took 9 s
 * of CPU for one A4 page at 200 dpi, where writing the PGM takes 0.1 s (and 9 MB of temporary disk at 300 dpi).
 */
export async function renderPdfPage(cfg: OcrConfig, pdfPath: string, page: number, dir: string, signal?: AbortSignal): Promise<string> {
  const prefix = path.join(dir, `p${page}`);
  const r = await limited(cfg, cfg.pdftoppm, ['-r', String(cfg.dpi), '-f', String(page), '-l', String(page), '-gray', '-singlefile', pdfPath, prefix], signal);
  if (r.code !== 0) throw new OcrError(r.timedOut ? `halaman ${page}: gambar halaman melebihi batas waktu` : `halaman ${page}: gambar halaman tidak dapat dibuat (${lastLine(r.stderr)})`);
  return `${prefix}.pgm`;
}

export interface Recognised {
  text: string;
  words: PageWords;
  /** Mean confidence of the words read (0–100). */
  confidence: number;
}

/** Text and word boxes of one image: `tesseract IMAGE OUT -l LANGS txt tsv`, one run for both outputs. */
export async function recognise(cfg: OcrConfig, imagePath: string, dpi: number | null, signal?: AbortSignal): Promise<Recognised> {
  const out = `${imagePath}.ocr`;
  const args = [imagePath, out, '-l', cfg.languages, ...(dpi ? ['--dpi', String(dpi)] : []), 'txt', 'tsv'];
  const r = await limited(cfg, cfg.tesseract, args, signal);
  if (r.code !== 0) {
    if (r.timedOut) throw new OcrError(`pengenalan teks melebihi batas waktu ${Math.round(cfg.pageTimeoutMs / 1000)} detik`);
    throw new OcrError(`pengenalan teks gagal (${lastLine(r.stderr) || 'batas memori terlampaui?'})`);
  }
  const [text, tsv] = await Promise.all([fs.readFile(`${out}.txt`, 'utf8'), fs.readFile(`${out}.tsv`, 'utf8')]);
  const words = parseTsv(tsv, dpi);
  const confidence = words.words.length ? words.words.reduce((s, w) => s + w[4], 0) / words.words.length : 0;
  return { text: mendSplitWords(text.replace(/\f/g, '').trim()), words, confidence };
}

/**
 * tesseract (5.3, ind+eng) cuts words after a "J" (its descender reaches under the next letter):
 * "PERJ ANJ IAN KERJ A", "J uni". Joined again, so search and suggestions see the words; only spaces go, so
 * the text still lines up with the word boxes (redaction matches them without spaces).
 */
export function mendSplitWords(text: string): string {
  return text.replace(/(?<=[\p{L}\d])J (?=\p{L})|\bJ (?=\p{Ll}|\p{Lu}{2,})/gu, 'J');
}

/** tesseract's TSV: level 1 is the page (its size), level 5 a word with its box and confidence. */
export function parseTsv(tsv: string, dpi: number | null): PageWords {
  const result: PageWords = { dpi, width: 0, height: 0, words: [] };
  let lineOf = '';
  for (const line of tsv.split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 12) continue;
    const [level, , block, par, ln, , left, top, width, height, conf] = f.map(Number) as number[];
    if (level === 1) {
      result.width = width!;
      result.height = height!;
    } else if (level === 5) {
      const text = f.slice(11).join('\t').trim();
      if (!text) continue;
      const key = `${block}.${par}.${ln}`;
      const prev = result.words.at(-1);
      // A word cut after its "J" (see mendSplitWords) is one word again, with one box.
      if (prev && lineOf === key && mendSplitWords(`${prev[5]} ${text}`) === `${prev[5]}${text}`) {
        const right = Math.max(prev[0] + prev[2], left! + width!);
        const bottom = Math.max(prev[1] + prev[3], top! + height!);
        prev[1] = Math.min(prev[1], top!);
        prev[2] = right - prev[0];
        prev[3] = bottom - prev[1];
        prev[4] = Math.min(prev[4], Math.round(conf!));
        prev[5] = `${prev[5]}${text}`;
      } else result.words.push([left!, top!, width!, height!, Math.round(conf!), text]);
      lineOf = key;
    }
  }
  return result;
}

class Semaphore {
  private waiting: (() => void)[] = [];
  private active = 0;
  constructor(private readonly size: number) {}
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.size) {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', stop);
          resolve();
        };
        const stop = () => {
          this.waiting = this.waiting.filter((w) => w !== go);
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', stop, { once: true });
        this.waiting.push(go);
      });
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
const slots = new Map<number, Semaphore>();

/** Runs a function holding one of the process's OCR slots (one tool process per slot). */
export async function withOcrSlot<T>(cfg: OcrConfig, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  let s = slots.get(cfg.concurrency);
  if (!s) slots.set(cfg.concurrency, (s = new Semaphore(cfg.concurrency)));
  const release = await s.acquire(signal);
  try {
    return await fn();
  } finally {
    release();
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** A tool under the page's time and memory limits, with one OpenMP thread (the slots are the parallelism). */
export function limited(cfg: OcrConfig, cmd: string, args: string[], signal?: AbortSignal): Promise<RunResult> {
  const kib = cfg.memoryMb * 1024;
  return run('sh', ['-c', 'ulimit -v "$1" && shift && exec "$@"', 'sh', String(kib), cmd, ...args], { timeoutMs: cfg.pageTimeoutMs, signal });
}

function run(cmd: string, args: string[], opts: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const onAbort = () => child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString('utf8')).slice(-65536)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-8192)));
    const done = (code: number | null) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      resolve({ code, stdout, stderr, timedOut });
    };
    child.on('error', () => done(127));
    child.on('close', (code) => done(code));
  });
}

function lastLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).filter(Boolean).at(-1)?.slice(0, 160) ?? '';
}
