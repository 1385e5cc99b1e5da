import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  document_id: string | null;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Date | null;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: Date | null;
}

export const EXTRACTION_STATES = ['queued', 'running', 'done', 'empty', 'failed'] as const;
export type ExtractionState = (typeof EXTRACTION_STATES)[number];
export const EXTRACTION_METHODS = ['text', 'ocr', 'docx'] as const;
export type ExtractionMethod = (typeof EXTRACTION_METHODS)[number];

export interface DocumentExtractionsTable {
  document_id: string;
  job_id: string | null;
  state: ExtractionState;
  method: ExtractionMethod | null;
  pages_done: ColumnType<number, number | undefined, number>;
  pages_total: number | null;
  chars: ColumnType<number, number | undefined, number>;
  error: string | null;
  updated_at: Timestamp;
  finished_at: Date | null;
}

/** OCR word boxes of one page, in pixels of the image tesseract read (`dpi` for PDFs; null for photos). */
export interface PageWords {
  dpi: number | null;
  width: number;
  height: number;
  /** [x, y, width, height, confidence 0–100, text] */
  words: [number, number, number, number, number, string][];
}

export interface DocumentPagesTable {
  document_id: string;
  page: number;
  agreement_id: string;
  searchable: ColumnType<boolean, boolean | undefined, boolean>;
  method: ExtractionMethod;
  text: string;
  words: Json<PageWords | null>;
  /** Always written as to_tsvector('p2ma_id', text) by the repository. */
  tsv: ColumnType<string, unknown, unknown>;
}

export interface AgreementSearchTable {
  agreement_id: string;
  meta_tsv: ColumnType<string, unknown, unknown>;
  updated_at: Timestamp;
}

export interface AgreementTextsTable {
  agreement_id: string;
  doc_tsv: ColumnType<string, unknown, unknown>;
  updated_at: Timestamp;
}

export interface IntelligenceTables {
  jobs: JobsTable;
  document_extractions: DocumentExtractionsTable;
  document_pages: DocumentPagesTable;
  agreement_search: AgreementSearchTable;
  agreement_texts: AgreementTextsTable;
}
