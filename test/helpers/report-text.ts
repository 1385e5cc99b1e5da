import { createRequire } from 'node:module';
import path from 'node:path';
import mammoth from 'mammoth';

/** The plain text of a DOCX, as a reader of the report would see it. */
export async function docxText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

/** The text layer of a PDF, page by page, joined with spaces between items (pdf.js, as the vault reads PDFs). */
export async function pdfText(buffer: Buffer): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), standardFontDataUrl: `${dir}/standard_fonts/`, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  // Lines wrap anywhere; collapsing whitespace lets a test look for a phrase that crosses a line break.
  return { text: parts.join(' ').replace(/\s+/g, ' '), pages };
}
