import type { PageWords } from '../db/schema-intelligence.js';
import type { RedactionRect } from '../db/schema-redaction.js';
import type { AppDeps } from '../http/context.js';
import { storedSource } from '../storage/blob-store.js';
import { detectPii, type PiiKind } from './pii.js';
import { layoutFromWords, locator, type Locator, type PageLayout } from './redaction-layout.js';
import { pagesWithWords, signatoryNames } from './redaction.repository.js';
import { suggestFromText } from './suggest.js';
import { readPdfGlyphs } from './text-reader.js';

export interface Finding {
  /** Stable while the document's text stays the same: page, offsets and kind. */
  id: string;
  kind: PiiKind;
  page: number;
  text: string;
  start: number;
  end: number;
  snippet: { before: string; text: string; after: string };
  /** Where it is on the page, in points from the top left; empty when it could not be placed. */
  boxes: RedactionRect[];
  located: boolean;
}

export interface SourceDocument {
  id: string;
  agreement_id: string;
  sha256: string;
  size: number;
}

interface StoredPage {
  page: number;
  method: string;
  text: string;
  words: PageWords | null;
}

const CONTEXT = 40;

function snippetOf(text: string, start: number, end: number) {
  const before = text.slice(Math.max(0, start - CONTEXT), start).replace(/\s+/g, ' ');
  const after = text.slice(end, end + CONTEXT).replace(/\s+/g, ' ');
  return { before: `${start > CONTEXT ? '…' : ''}${before.trimStart()}`, text: text.slice(start, end).replace(/\s+/g, ' '), after: `${after.trimEnd()}${end + CONTEXT < text.length ? '…' : ''}` };
}

/**
 * The officials named in the agreement (its recorded signatories, and the signatories its text names):
 * their names stay readable in the public copy, whatever a detector thinks.
 */
async function officials(deps: AppDeps, doc: SourceDocument, pages: StoredPage[]): Promise<string[]> {
  const fromText = suggestFromText(pages).filter((s) => s.field === 'signatory').map((s) => s.value);
  return [...new Set([...(await signatoryNames(deps.database.db, doc.agreement_id)), ...fromText])];
}

/**
 * Page layouts for the given pages: tesseract's stored word boxes for scanned pages, the glyph boxes read
 * from the PDF (on a reader thread) for pages with a text layer. Pages that cannot be laid out are missing.
 */
export async function pageLayouts(deps: AppDeps, doc: SourceDocument, pages: StoredPage[], wanted: Set<number>): Promise<Map<number, PageLayout>> {
  const layouts = new Map<number, PageLayout>();
  const textPages: number[] = [];
  for (const p of pages) {
    if (!wanted.has(p.page)) continue;
    if (p.method === 'ocr' && p.words) {
      const l = layoutFromWords(p.words);
      if (l) layouts.set(p.page, l);
    } else if (p.method === 'text') textPages.push(p.page);
  }
  if (textPages.length) {
    const cfg = deps.config.extraction;
    const r = await readPdfGlyphs(storedSource(deps.storage, doc.sha256, doc.size), textPages, { pageTimeoutMs: cfg.pageTimeoutMs, memoryMb: cfg.memoryMb, maxPages: cfg.maxPages });
    if (r.ok) for (const [n, g] of r.pages) layouts.set(n, { source: 'text', ...g });
  }
  return layouts;
}

/** Personal data in a document's stored text, each finding placed on its page. */
export async function findPii(deps: AppDeps, doc: SourceDocument): Promise<Finding[]> {
  const pages = (await pagesWithWords(deps.database.db, doc.id)) as StoredPage[];
  const protectedNames = await officials(deps, doc, pages);
  const perPage = pages.map((p) => ({ p, matches: detectPii(p.text, { officialDomains: deps.config.redaction.officialDomains, protectedNames }) }));
  const wanted = new Set(perPage.filter((x) => x.matches.length).map((x) => x.p.page));
  const layouts = wanted.size ? await pageLayouts(deps, doc, pages, wanted) : new Map<number, PageLayout>();
  const findings: Finding[] = [];
  for (const { p, matches } of perPage) {
    const layout = layouts.get(p.page);
    const loc: Locator | null = layout ? locator(p.page, p.text, layout) : null;
    for (const m of matches) {
      const boxes = loc?.locate(m.start, m.end) ?? null;
      findings.push({
        id: `${p.page}:${m.start}-${m.end}:${m.kind}`,
        kind: m.kind,
        page: p.page,
        text: m.text,
        start: m.start,
        end: m.end,
        snippet: snippetOf(p.text, m.start, m.end),
        boxes: boxes ?? [],
        located: boxes !== null && boxes.length > 0,
      });
    }
  }
  return findings;
}
