/**
 * A small writer for text PDFs (Helvetica, A4, WinAnsi), used to give demo agreements a real
 * "signed copy" and to build test fixtures, without shipping binary files or calling external tools.
 */
export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  center?: boolean;
}

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;

function winAnsi(text: string): string {
  // Latin-1 covers Indonesian text; anything else becomes '?'. Escape PDF string delimiters.
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\xff]/g, '?')
    .replace(/([\\()])/g, '\\$1');
}

/** Approximate Helvetica advance widths per class of character (good enough for layout). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += ch === ' ' ? 0.28 : /[A-Z]/.test(ch) ? 0.7 : /[0-9]/.test(ch) ? 0.56 : /[mw]/.test(ch) ? 0.83 : /[iljft.,;:'!|]/.test(ch) ? 0.3 : 0.54;
  return em * size * (bold ? 1.07 : 1);
}

/** Greedy word wrap to the text width. */
function wrap(text: string, size: number, width: number, bold: boolean): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (textWidth((line + ' ' + word).trim(), size, bold) > width) {
      if (line) out.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

export function writeTextPdf(lines: PdfLine[], meta: { title?: string } = {}): Buffer {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  const flush = () => {
    pages.push(ops.join('\n'));
    ops = [];
    y = PAGE_H - MARGIN;
  };
  for (const l of lines) {
    const size = l.size ?? 11;
    for (const part of wrap(l.text, size, PAGE_W - 2 * MARGIN, l.bold ?? false)) {
      if (y < MARGIN + size) flush();
      const approxWidth = textWidth(part, size, l.bold ?? false);
      const x = l.center ? Math.max(MARGIN, (PAGE_W - approxWidth) / 2) : MARGIN;
      ops.push(`BT /${l.bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(1)} ${y.toFixed(1)} Td (${winAnsi(part)}) Tj ET`);
      y -= size * 1.45;
    }
  }
  flush();

  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const firstPage = 5;
  const kids = pages.map((_, i) => `${firstPage + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  for (const [i, content] of pages.entries()) {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + i * 2 + 1} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  }
  if (meta.title) add(`<< /Title (${winAnsi(meta.title)}) /Producer (P2MA) >>`);

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${meta.title ? ` /Info ${objects.length} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
