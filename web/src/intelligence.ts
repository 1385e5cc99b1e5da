/**
 * Document intelligence in the staff app: shapes of the search, extraction, suggestion and job APIs, the
 * safe reading of search snippets, and the server's OCR availability (from /health, read once per page load).
 */
import './styles/intelligence.css';
import { useEffect, useState } from 'react';
import { api } from './api.js';
import type { AgreementListItem, DocumentInfo } from './registry.js';

export { snippetParts, type SnippetPart } from './snippet.js';

export const EXTRACTION_STATES = ['queued', 'running', 'done', 'empty', 'failed'] as const;
export type ExtractionState = (typeof EXTRACTION_STATES)[number];

export interface Extraction {
  state: ExtractionState;
  pagesDone: number;
  pagesTotal: number | null;
  method: 'text' | 'ocr' | 'docx' | null;
  error: string | null;
  characters?: number | null;
}

/** The documents list as the API sends it: every document carries where reading its text stands. */
export type DocumentWithText = DocumentInfo & { extraction?: Extraction | null };

export function isReading(d: { extraction?: Extraction | null }): boolean {
  return d.extraction?.state === 'queued' || d.extraction?.state === 'running';
}

export interface SearchSnippet {
  documentId: string;
  page: number;
  html: string;
}

export interface SearchHit {
  agreement: AgreementListItem;
  score: number;
  snippets: SearchSnippet[];
}

export interface SearchResponse {
  results: SearchHit[];
  total: number;
  totalIsLowerBound: boolean;
  page: number;
  pageSize: number;
}

export const SUGGESTION_FIELDS = [
  'kindCode', 'title', 'numberFirst', 'numberSecond', 'signingPlace', 'signingDate', 'startDate', 'duration', 'endDate',
  'umbrellaNumber', 'firstParty', 'secondParty', 'signatory', 'parentId', 'partnerId', 'scopeCode',
] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

export interface Suggestion {
  field: SuggestionField;
  value: string;
  extra?: Record<string, string>;
  snippet: { page: number; text: string };
}

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: string;
  kind: string;
  state: JobState;
  documentId: string | null;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  progress: { done: number; total: number | null };
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface OcrInfo {
  tesseract: boolean;
  pdftoppm: boolean;
  languages: string[];
  missingLanguages: string[];
  available: boolean;
}

let ocrCache: Promise<OcrInfo | null> | null = null;

/** Whether the server can read scans; null while unknown (or when the health endpoint does not answer). */
export function useOcrInfo(): OcrInfo | null {
  const [info, setInfo] = useState<OcrInfo | null>(null);
  useEffect(() => {
    let live = true;
    ocrCache ??= api.get<{ ocr: OcrInfo }>('/health').then(
      (r) => r.ocr,
      () => {
        ocrCache = null;
        return null;
      },
    );
    void ocrCache.then((v) => live && setInfo(v));
    return () => {
      live = false;
    };
  }, []);
  return info;
}

/** Calls `tick` every `ms` while `active`; stops when it turns false or the component leaves. */
export function usePolling(active: boolean, tick: () => void, ms = 1500): void {
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(tick, ms);
    return () => window.clearInterval(id);
  }, [active, tick, ms]);
}
