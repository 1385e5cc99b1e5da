// Text reader on a worker thread (see text-reader.ts): the text layer of PDFs with pdf.js, page by page, and
// the text of Word files with mammoth. Plain JavaScript for the same reason as pdf-worker.mjs (no TypeScript
// loader in this thread), and for the same safety: a file that loops or explodes ends this thread, which
// the main thread then replaces, never the server.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const CHUNK = 64 * 1024;

/** The PDF being read; the main thread sends one file at a time. */
let current = null;

parentPort.on('message', (msg) => {
  if (msg.type === 'data') {
    if (current?.job === msg.job) current.transport.onDataRange(msg.begin, new Uint8Array(msg.chunk));
    return;
  }
  if (msg.type === 'pdf') void readPdf(msg);
  else if (msg.type === 'docx') void readDocx(msg);
});

async function readPdf({ job, size, initial, maxPages }) {
  const transport = new pdfjs.PDFDataRangeTransport(size, new Uint8Array(initial));
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
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  current = { job, transport };
  try {
    const doc = await task.promise;
    parentPort.postMessage({ type: 'pages', job, total: doc.numPages });
    if (doc.numPages > maxPages) return;
    for (let n = 1; n <= doc.numPages; n++) {
      let text = '';
      try {
        const page = await doc.getPage(n);
        text = pageText(await page.getTextContent());
        page.cleanup();
      } catch {
        // A damaged page reads as empty: the caller may still recognise it from its image.
      }
      parentPort.postMessage({ type: 'page', job, page: n, text });
    }
    parentPort.postMessage({ type: 'done', job });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', job, name: err?.name ?? 'Error', message: String(err?.message ?? err) });
  } finally {
    current = null;
    await task.destroy().catch(() => {});
  }
}

/**
 * Text items in reading order as pdf.js gives them, with a line break where the baseline moves and a
 * space where a visible gap separates two items on the same line.
 */
function pageText(content) {
  let out = '';
  let prev = null;
  for (const item of content.items) {
    if (typeof item.str !== 'string') continue;
    const [, , , scaleY, x, y] = item.transform;
    const size = Math.abs(scaleY) || item.height || 10;
    if (prev) {
      if (Math.abs(y - prev.y) > size * 0.5) {
        if (!out.endsWith('\n')) out += '\n';
      } else if (x - prev.end > size * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        out += ' ';
      }
    }
    out += item.str;
    if (item.hasEOL && !out.endsWith('\n')) out += '\n';
    prev = { y, end: x + (item.width || 0) };
  }
  return out;
}

async function readDocx({ job, data }) {
  try {
    const mammoth = require('mammoth');
    const result = await mammoth.extractRawText({ buffer: Buffer.from(data) });
    parentPort.postMessage({ type: 'docx', job, text: result.value });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', job, name: err?.name ?? 'Error', message: String(err?.message ?? err) });
  }
}

parentPort.postMessage({ type: 'ready' });
