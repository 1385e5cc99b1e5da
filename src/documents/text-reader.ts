import { Worker } from 'node:worker_threads';
import type { ByteSource } from '../storage/blob-store.js';

export interface ReaderLimits {
  /** Longest wait for the next page (or for a Word file as a whole). */
  pageTimeoutMs: number;
  /** Heap of the reader thread. */
  memoryMb: number;
  maxPages: number;
}

export type PdfText = { ok: true; pages: string[] } | { ok: false; reason: string };
export type DocxText = { ok: true; text: string } | { ok: false; reason: string };

/** Characters of a page with their boxes `[char, x0, y0, x1, y1]` in points, origin top left (redaction). */
export interface PageGlyphs {
  width: number;
  height: number;
  glyphs: [string, number, number, number, number][];
}
export type PdfGlyphs = { ok: true; pages: Map<number, PageGlyphs> } | { ok: false; reason: string };

const WORKER_URL = new URL('./extract-worker.mjs', import.meta.url);
const CHUNK = 64 * 1024;
/** Idle reader threads are kept this long for the next file (pdf.js takes a moment to load). */
const IDLE_MS = 60_000;
/**
 * Typed arrays live outside the thread's heap limit, so a decompression bomb would grow the process
 * unnoticed: the whole process's resident memory is watched while a file is read, and the thread is
 * ended when it grows by more than this many times the heap limit.
 */
const RSS_FACTOR = 2;
const RSS_CHECK_MS = 50;

type FromWorker =
  | { type: 'ready' }
  | { type: 'read'; job: number; begin: number; end: number }
  | { type: 'pages'; job: number; total: number }
  | { type: 'page'; job: number; page: number; text: string }
  | { type: 'done'; job: number }
  | { type: 'docx'; job: number; text: string }
  | ({ type: 'glyphs'; job: number; page: number } & PageGlyphs)
  | { type: 'failed'; job: number; name: string; message: string };

interface Task {
  start(worker: Worker, job: number): void;
  onMessage(m: FromWorker): void;
}

let jobs = 0;
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];

function takeWorker(memoryMb: number): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    return kept.worker;
  }
  // execArgv: [] keeps the TypeScript loader out of the thread (see extract-worker.mjs).
  const worker = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  worker.unref();
  // Keeps an idle thread's death from crashing the process; a busy thread's death is handled by its task.
  worker.on('error', () => {});
  return worker;
}

function keepWorker(worker: Worker): void {
  const timer = setTimeout(() => {
    const i = idle.findIndex((w) => w.worker === worker);
    if (i >= 0) idle.splice(i, 1);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.push({ worker, timer });
}

/**
 * Runs one file through a reader thread with a time limit between signs of progress, a memory limit and
 * the caller's abort signal. A thread that misbehaved is ended; one that finished normally is kept.
 */
function runTask<T>(limits: ReaderLimits, signal: AbortSignal | undefined, make: (finish: (r: T, keep: boolean) => void, progress: () => void) => Task, onTimeout: () => T, onCrash: (outOfMemory: boolean, message: string) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = takeWorker(limits.memoryMb);
    const job = ++jobs;
    const baseline = process.memoryUsage.rss();
    const rssLimit = baseline + RSS_FACTOR * limits.memoryMb * 1024 * 1024;
    let timer: NodeJS.Timeout;
    let settled = false;
    const finish = (result: T, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keep) keepWorker(worker);
      else void worker.terminate();
      resolve(result);
    };
    const progress = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(onTimeout(), false), limits.pageTimeoutMs);
    };
    const task = make(finish, progress);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() > rssLimit) finish(onCrash(true, 'memory'), false);
    }, RSS_CHECK_MS);
    const onMessage = (m: FromWorker) => {
      if (m.type !== 'ready' && m.job === job) task.onMessage(m);
    };
    const onError = (err: Error) => finish(onCrash((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY', err.message), false);
    const onExit = () => finish(onCrash(false, 'pembaca berhenti'), false);
    const onAbort = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      void worker.terminate();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    progress();
    task.start(worker, job);
  });
}

/**
 * The text layer of every page of a stored PDF, read on a reader thread through a range transport (only the
 * parts pdf.js asks for travel). More pages than allowed, a password, a broken structure, a page that takes
 * too long or a memory explosion end as `{ ok: false, reason }` in Indonesian; a failing store rejects.
 */
export async function readPdfText(src: ByteSource, limits: ReaderLimits, opts: { signal?: AbortSignal; onPage?: (page: number, total: number, text: string) => void } = {}): Promise<PdfText> {
  const initial = arrayBufferOf(await src.read(0, Math.min(CHUNK, src.size)));
  const pages: string[] = [];
  let total = 0;
  return runTask<PdfText>(
    limits,
    opts.signal,
    (finish, progress) => {
      let worker: Worker;
      let job: number;
      return {
        start(w, j) {
          worker = w;
          job = j;
          w.postMessage({ type: 'pdf', job: j, size: src.size, initial, maxPages: limits.maxPages }, [initial]);
        },
        onMessage(m) {
          if (m.type === 'read') {
            src.read(m.begin, m.end).then(
              (chunk) => {
                const data = arrayBufferOf(chunk);
                worker.postMessage({ type: 'data', job, begin: m.begin, chunk: data }, [data]);
              },
              // The store failed, not the file: the thread cannot finish; a retry of the job may.
              () => finish({ ok: false, reason: 'berkas tidak dapat dibaca dari penyimpanan' }, false),
            );
          } else if (m.type === 'pages') {
            total = m.total;
            progress();
            if (total > limits.maxPages) finish({ ok: false, reason: `terlalu banyak halaman (${total}; batas ${limits.maxPages})` }, true);
          } else if (m.type === 'page') {
            pages[m.page - 1] = m.text;
            progress();
            opts.onPage?.(m.page, total, m.text);
          } else if (m.type === 'done') {
            finish({ ok: true, pages }, true);
          } else if (m.type === 'failed') {
            finish({ ok: false, reason: pdfFailure(m.name, m.message) }, true);
          }
        },
      };
    },
    () => ({ ok: false, reason: `pembacaan teks melebihi batas waktu ${Math.ceil(limits.pageTimeoutMs / 1000)} detik per halaman` }),
    (oom, message) => ({ ok: false, reason: oom ? 'PDF terlalu rumit: pembacaan teks melampaui batas memori' : `pembaca PDF berhenti (${message.slice(0, 120)})` }),
  );
}

/** The character boxes of some pages of a stored PDF, read on a reader thread under the same limits. */
export async function readPdfGlyphs(src: ByteSource, pageNumbers: number[], limits: ReaderLimits, signal?: AbortSignal): Promise<PdfGlyphs> {
  const initial = arrayBufferOf(await src.read(0, Math.min(CHUNK, src.size)));
  const pages = new Map<number, PageGlyphs>();
  return runTask<PdfGlyphs>(
    limits,
    signal,
    (finish, progress) => {
      let worker: Worker;
      let job: number;
      return {
        start(w, j) {
          worker = w;
          job = j;
          w.postMessage({ type: 'glyphs', job: j, size: src.size, initial, maxPages: limits.maxPages, pages: pageNumbers }, [initial]);
        },
        onMessage(m) {
          if (m.type === 'read') {
            src.read(m.begin, m.end).then(
              (chunk) => {
                const data = arrayBufferOf(chunk);
                worker.postMessage({ type: 'data', job, begin: m.begin, chunk: data }, [data]);
              },
              () => finish({ ok: false, reason: 'berkas tidak dapat dibaca dari penyimpanan' }, false),
            );
          } else if (m.type === 'pages') {
            progress();
            if (m.total > limits.maxPages) finish({ ok: false, reason: `terlalu banyak halaman (${m.total}; batas ${limits.maxPages})` }, true);
          } else if (m.type === 'glyphs') {
            pages.set(m.page, { width: m.width, height: m.height, glyphs: m.glyphs });
            progress();
          } else if (m.type === 'done') {
            finish({ ok: true, pages }, true);
          } else if (m.type === 'failed') {
            finish({ ok: false, reason: pdfFailure(m.name, m.message) }, true);
          }
        },
      };
    },
    () => ({ ok: false, reason: `pembacaan posisi teks melebihi batas waktu ${Math.ceil(limits.pageTimeoutMs / 1000)} detik per halaman` }),
    (oom, message) => ({ ok: false, reason: oom ? 'PDF terlalu rumit: pembacaan melampaui batas memori' : `pembaca PDF berhenti (${message.slice(0, 120)})` }),
  );
}

/** The text of a Word file, read by mammoth on a reader thread under the same limits. */
export function readDocxText(data: Buffer, limits: ReaderLimits, signal?: AbortSignal): Promise<DocxText> {
  return runTask<DocxText>(
    limits,
    signal,
    (finish) => ({
      start(w, job) {
        const copy = arrayBufferOf(data);
        w.postMessage({ type: 'docx', job, data: copy }, [copy]);
      },
      onMessage(m) {
        if (m.type === 'docx') finish({ ok: true, text: m.text }, true);
        else if (m.type === 'failed') finish({ ok: false, reason: `berkas Word rusak atau tidak dapat dibaca (${m.message.slice(0, 120)})` }, true);
      },
    }),
    () => ({ ok: false, reason: `pembacaan berkas Word melebihi batas waktu ${Math.ceil(limits.pageTimeoutMs / 1000)} detik` }),
    (oom, message) => ({ ok: false, reason: oom ? 'berkas Word terlalu besar: pembacaan melampaui batas memori' : `pembaca Word berhenti (${message.slice(0, 120)})` }),
  );
}

function pdfFailure(name: string, message: string): string {
  if (name === 'PasswordException') return 'PDF dilindungi kata sandi';
  if (name === 'InvalidPDFException') return 'struktur PDF rusak atau tidak lengkap';
  return `PDF tidak dapat dibaca (${message.slice(0, 160)})`;
}

/** A copy the size of the chunk: Buffers may be views into a larger shared pool that must not be transferred. */
function arrayBufferOf(chunk: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(chunk.length);
  new Uint8Array(copy).set(chunk);
  return copy;
}
