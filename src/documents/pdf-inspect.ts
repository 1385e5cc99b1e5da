import { Worker } from 'node:worker_threads';
import type { ByteSource } from '../storage/blob-store.js';

export type PdfInspection = { readable: true; pageCount: number } | { readable: false; reason: string };

/** A scanned agreement opens in well under a second; a file that takes this long is treated as unreadable. */
export const PDF_CHECK_TIMEOUT_MS = 15_000;
/** pdf.js asks for the parts it needs in chunks of this size (cross-reference table, catalogue, page tree). */
const CHUNK = 64 * 1024;
/** The checker thread is kept for the next upload, and let go after this long without one. */
const IDLE_MS = 60_000;
const WORKER_URL = new URL('./pdf-worker.mjs', import.meta.url);

type FromWorker =
  | { type: 'ready' }
  | { type: 'read'; job: number; begin: number; end: number }
  | { type: 'done'; job: number; pageCount: number }
  | { type: 'failed'; job: number; name: string; message: string };

/**
 * Opens a stored PDF just far enough to count its pages, on a separate thread (pdf-worker.mjs) with its own
 * memory limit and a hard time limit: a hostile file can stall or exhaust that thread, which is then ended,
 * but never the server. pdf.js reads through a range transport, so a 50 MB scan costs the few chunks that
 * hold its structure, not 50 MB of memory. (A file so damaged that pdf.js must rebuild its cross-reference
 * table is read whole, up to the upload limit.) A damaged or password-protected file is not an error: the
 * answer says it is unreadable and why, in Indonesian. A failing store is an error.
 */
export function inspectPdf(src: ByteSource, timeoutMs = PDF_CHECK_TIMEOUT_MS): Promise<PdfInspection> {
  // One check at a time: a check that times out ends the thread, and must not take other files with it.
  const run = queue.then(() => checker.inspect(src, timeoutMs));
  queue = run.catch(() => {});
  return run;
}
let queue: Promise<unknown> = Promise.resolve();

class PdfChecker {
  private worker: Worker | null = null;
  /** Threads that loaded pdf.js: a failure after that is the file's doing, not the installation's. */
  private readonly started = new WeakSet<Worker>();
  private idle: NodeJS.Timeout | undefined;
  private jobs = 0;

  async inspect(src: ByteSource, timeoutMs: number): Promise<PdfInspection> {
    clearTimeout(this.idle);
    const initial = arrayBufferOf(await src.read(0, Math.min(CHUNK, src.size)));
    const worker = this.ensureWorker();
    const job = ++this.jobs;
    try {
      return await new Promise<PdfInspection>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle();
          this.stop(worker);
          resolve({ readable: false, reason: `tidak dapat dibaca: pemeriksaan melebihi batas waktu ${Math.ceil(timeoutMs / 1000)} detik` });
        }, timeoutMs);
        const settle = () => {
          clearTimeout(timer);
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        };
        const onMessage = (m: FromWorker) => {
          if (m.type === 'ready') return;
          if (m.job !== job) return;
          if (m.type === 'read') {
            src.read(m.begin, m.end).then(
              (chunk) => {
                const data = arrayBufferOf(chunk);
                worker.postMessage({ type: 'data', job, begin: m.begin, chunk: data }, [data]);
              },
              (err: unknown) => {
                settle();
                this.stop(worker);
                reject(err);
              },
            );
          } else if (m.type === 'done') {
            settle();
            resolve({ readable: true, pageCount: m.pageCount });
          } else {
            settle();
            resolve({ readable: false, reason: unreadableReason(m.name, m.message) });
          }
        };
        const onError = (err: Error) => {
          const started = this.started.has(worker);
          settle();
          this.stop(worker);
          // A thread that never started is our fault (installation); one that died on a file is the file's.
          if (!started) return reject(err);
          const outOfMemory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
          resolve({ readable: false, reason: outOfMemory ? 'tidak dapat dibaca: PDF terlalu rumit untuk diperiksa' : `tidak dapat dibaca: ${err.message.slice(0, 200)}` });
        };
        const onExit = () => onError(new Error('pemeriksa PDF berhenti'));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage({ type: 'inspect', job, size: src.size, initial }, [initial]);
      });
    } finally {
      const kept = this.worker;
      if (kept) this.idle = setTimeout(() => this.stop(kept), IDLE_MS).unref();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // execArgv: [] keeps the TypeScript loader out of this thread (see pdf-worker.mjs).
    const worker = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 256 } });
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') this.started.add(worker);
    });
    // Errors are handled by the job listening at the time; these keep an idle thread's death from crashing us.
    worker.on('error', () => this.stop(worker));
    worker.on('exit', () => this.stop(worker));
    this.worker = worker;
    return worker;
  }

  /** Ends a thread; forgets it only if it is still the current one (a new one may have replaced it). */
  private stop(worker: Worker): void {
    if (this.worker === worker) {
      clearTimeout(this.idle);
      this.worker = null;
    }
    void worker.terminate();
  }
}
const checker = new PdfChecker();

function unreadableReason(name: string, message: string): string {
  if (name === 'PasswordException') return 'tidak dapat dibaca: PDF dilindungi kata sandi';
  if (name === 'InvalidPDFException') return 'tidak dapat dibaca: struktur PDF rusak atau tidak lengkap';
  return `tidak dapat dibaca: ${message.slice(0, 200)}`;
}

/** A copy the size of the chunk: Buffers may be views into a larger shared pool that must not be transferred. */
function arrayBufferOf(chunk: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(chunk.length);
  new Uint8Array(copy).set(chunk);
  return copy;
}
