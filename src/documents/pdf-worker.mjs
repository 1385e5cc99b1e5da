// pdf.js on a worker thread (see pdf-inspect.ts). Plain JavaScript on purpose: the thread starts without the
// TypeScript loader, which would otherwise rewrite pdf.js's 3 MB of modules and cost ~300 MB of memory, and
// a file pdf.js cannot handle (a loop, a memory explosion) ends this thread, never the server.
import { parentPort } from 'node:worker_threads';

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const CHUNK = 64 * 1024;

/** The job being checked; the main thread sends one at a time. */
let current = null;

parentPort.on('message', async (msg) => {
  if (msg.type === 'data') {
    if (current?.job === msg.job) current.transport.onDataRange(msg.begin, new Uint8Array(msg.chunk));
    return;
  }
  if (msg.type !== 'inspect') return;
  const { job, size } = msg;
  const transport = new pdfjs.PDFDataRangeTransport(size, new Uint8Array(msg.initial));
  // Only the chunks pdf.js asks for travel (cross-reference table, catalogue, page tree), never the whole file.
  transport.requestDataRange = (begin, end) => parentPort.postMessage({ type: 'read', job, begin, end });
  const task = pdfjs.getDocument({
    range: transport,
    length: size,
    rangeChunkSize: CHUNK,
    disableAutoFetch: true,
    disableStream: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  current = { job, transport };
  try {
    const doc = await task.promise;
    parentPort.postMessage({ type: 'done', job, pageCount: doc.numPages });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', job, name: err?.name ?? 'Error', message: String(err?.message ?? err) });
  } finally {
    current = null;
    await task.destroy().catch(() => {});
  }
});

parentPort.postMessage({ type: 'ready' });
