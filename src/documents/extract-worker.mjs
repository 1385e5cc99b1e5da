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
  else if (msg.type === 'glyphs') void readPdf(msg, msg.pages);
  else if (msg.type === 'docx') void readDocx(msg);
});

/**
 * Reads the text layer (`glyphs` unset) or, for redaction, the boxes of the characters on the given pages
 * (`glyphs`: page numbers).
 */
async function readPdf({ job, size, initial, maxPages }, glyphPages) {
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
    // Glyph widths of each font, so a character's box can be placed inside its text item.
    fontExtraProperties: Boolean(glyphPages),
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
    if (glyphPages) {
      for (const n of glyphPages) {
        if (n < 1 || n > doc.numPages) continue;
        const page = await doc.getPage(n);
        parentPort.postMessage({ type: 'glyphs', job, page: n, ...(await pageGlyphs(page)) });
        page.cleanup();
      }
      parentPort.postMessage({ type: 'done', job });
      return;
    }
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

/**
 * Every visible character of a page with its box in viewport points (origin top left, the page's rotation
 * applied: what pdftoppm renders). pdf.js gives each text item's start and advance; the advance is shared
 * among its characters by their widths in the item's font (evenly when the font has none), and the box
 * reaches from below the baseline (descenders) to above the capitals.
 */
async function pageGlyphs(page) {
  const viewport = page.getViewport({ scale: 1 });
  // The operator list makes pdf.js hand over the fonts (with their widths) to this side.
  await page.getOperatorList();
  const content = await page.getTextContent();
  const glyphs = [];
  for (const item of content.items) {
    if (typeof item.str !== 'string' || !item.str.trim()) continue;
    const [a, b, c, d, e, f] = item.transform;
    const along = Math.hypot(a, b) || 1;
    const size = Math.hypot(c, d) || along;
    const [ux, uy] = [a / along, b / along];
    const [vx, vy] = [c / size, d / size];
    const chars = [...item.str];
    const widths = chars.map(charWidth(fontOf(page, item.fontName)));
    const total = widths.reduce((s, w) => s + w, 0) || chars.length;
    const scale = (item.width || total) / total;
    let at = 0;
    chars.forEach((ch, i) => {
      const from = at;
      at += widths[i] * scale;
      if (!ch.trim()) return;
      const corners = [[from, -0.25], [at, -0.25], [from, 0.95], [at, 0.95]].map(([s, h]) =>
        viewport.convertToViewportPoint(e + ux * s + vx * h * size, f + uy * s + vy * h * size),
      );
      const xs = corners.map((p) => p[0]);
      const ys = corners.map((p) => p[1]);
      glyphs.push([ch, round(Math.min(...xs)), round(Math.min(...ys)), round(Math.max(...xs)), round(Math.max(...ys))]);
    });
  }
  return { width: round(viewport.width), height: round(viewport.height), glyphs };
}

function fontOf(page, name) {
  try {
    return page.commonObjs.has(name) ? page.commonObjs.get(name) : null;
  } catch {
    return null;
  }
}

/** A character's width in its font: by character code, through the font's ToUnicode map for CID fonts. */
function charWidth(font) {
  const widths = font?.widths;
  if (!widths || typeof widths !== 'object') return () => 1;
  const reverse = new Map();
  const map = font.toUnicode?._map;
  if (Array.isArray(map)) map.forEach((u, code) => typeof u === 'string' && !reverse.has(u) && reverse.set(u, code));
  const known = Object.values(widths).filter((w) => typeof w === 'number' && w > 0);
  const mean = known.length ? known.reduce((s, w) => s + w, 0) / known.length : 1;
  return (ch) => {
    const code = reverse.get(ch) ?? ch.charCodeAt(0);
    const w = widths[code];
    return typeof w === 'number' && w > 0 ? w : mean;
  };
}

function round(n) {
  return Math.round(n * 100) / 100;
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
