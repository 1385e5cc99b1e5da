import type { PageWords } from '../db/schema-intelligence.js';
import type { RedactionRect } from '../db/schema-redaction.js';
import type { PageGlyphs } from './text-reader.js';

/**
 * Where a finding sits on its page: its characters in the stored page text are matched to the characters
 * of the page's layout (pdf.js glyph boxes for a text layer, tesseract's word boxes for a scan), and the
 * boxes of the matched characters become rectangles, one per line. Pure functions: no I/O.
 */

/** Points added around each rectangle: a box a little larger than the ink leaves no stray pixel readable. */
const PAD_TEXT = 1.2;
const PAD_OCR = 2;

export interface PageLayout extends PageGlyphs {
  /** OCR boxes cover whole words (no character positions): a finding inside a word blacks the word out. */
  source: 'text' | 'ocr';
}

/** tesseract's words (pixels at the rendering resolution) as characters with their word's box in points. */
export function layoutFromWords(words: PageWords): PageLayout | null {
  if (!words.dpi || !words.width) return null;
  const k = 72 / words.dpi;
  const glyphs: PageGlyphs['glyphs'] = [];
  for (const [x, y, w, h, , text] of words.words) {
    for (const ch of text) if (ch.trim()) glyphs.push([ch, x * k, y * k, (x + w) * k, (y + h) * k]);
  }
  return { source: 'ocr', width: words.width * k, height: words.height * k, glyphs };
}

/** The non-blank characters of a text with the offset of each in the text. */
function visible(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!/\s/.test(text[i]!)) {
      chars += text[i];
      at.push(i);
    }
  }
  return { chars, at };
}

export interface Locator {
  /** Rectangles covering text[start, end), or null when that text cannot be found on the page. */
  locate(start: number, end: number): RedactionRect[] | null;
}

export function locator(page: number, text: string, layout: PageLayout): Locator {
  const t = visible(text.normalize('NFC'));
  const glyphText = layout.glyphs.map((g) => g[0]).join('').normalize('NFC');
  // glyph index of each UTF-16 unit of glyphText
  const owner: number[] = [];
  layout.glyphs.forEach((g, i) => {
    for (let k = 0; k < g[0].length; k++) owner.push(i);
  });
  const same = owner.length === glyphText.length && glyphText === t.chars;
  const lowerGlyphs = glyphText.toLowerCase();

  return {
    locate(start, end) {
      const first = t.at.findIndex((o) => o >= start);
      let last = -1;
      for (let i = t.at.length - 1; i >= 0; i--) if (t.at[i]! < end) (last = i), (i = -1);
      if (first < 0 || last < first) return null;
      let from: number;
      if (same) from = first;
      else {
        // The layout's characters differ a little from the stored text (another reading order, a lost
        // character): the finding's characters are searched for, nearest to where they should be.
        const needle = t.chars.slice(first, last + 1).toLowerCase();
        const expected = (first / Math.max(1, t.chars.length)) * lowerGlyphs.length;
        let best = -1;
        for (let i = lowerGlyphs.indexOf(needle); i >= 0; i = lowerGlyphs.indexOf(needle, i + 1)) {
          if (best < 0 || Math.abs(i - expected) < Math.abs(best - expected)) best = i;
        }
        if (best < 0) return null;
        from = best;
      }
      const to = from + (last - first);
      if (to >= owner.length) return null;
      const glyphs = layout.glyphs.slice(owner[from]!, owner[to]! + 1);
      return lines(page, glyphs, layout.source === 'ocr' ? PAD_OCR : PAD_TEXT, layout);
    },
  };
}

/** Consecutive boxes on one line become one rectangle; a new line (or a jump backwards) starts another. */
function lines(page: number, glyphs: PageGlyphs['glyphs'], pad: number, bounds: { width: number; height: number }): RedactionRect[] {
  const rects: { x0: number; y0: number; x1: number; y1: number }[] = [];
  for (const [, x0, y0, x1, y1] of glyphs) {
    const r = rects.at(-1);
    const overlap = r ? Math.min(r.y1, y1) - Math.max(r.y0, y0) : 0;
    if (r && overlap > 0.5 * Math.min(r.y1 - r.y0, y1 - y0) && x0 >= r.x0 - 2) {
      r.x0 = Math.min(r.x0, x0);
      r.y0 = Math.min(r.y0, y0);
      r.x1 = Math.max(r.x1, x1);
      r.y1 = Math.max(r.y1, y1);
    } else rects.push({ x0, y0, x1, y1 });
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return rects.map((r) => {
    const x = Math.max(0, r.x0 - pad);
    const y = Math.max(0, r.y0 - pad);
    return { page, x: round(x), y: round(y), width: round(Math.min(bounds.width, r.x1 + pad) - x), height: round(Math.min(bounds.height, r.y1 + pad) - y) };
  });
}
