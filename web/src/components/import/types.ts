/** Shapes of the import API (POST /imports, /imports/{id}/preview, /run, GET /imports/{id}). */

export const IMPORT_FIELDS = [
  'numberFirst', 'numberSecond', 'title', 'kind', 'unit', 'partner', 'partnerCategory', 'signingPlace', 'signingDate', 'startDate', 'endDate', 'duration', 'scopes', 'purpose',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['title', 'kind', 'partner'];

/** Column header (as in the file) → field. */
export type Mapping = Record<string, ImportField>;

export interface Problem {
  path: string;
  message: string;
}

export interface ImportJob {
  id: string;
  unit: { id: string; code: string; name: string };
  filename: string;
  fileKind: 'xlsx' | 'csv';
  status: 'uploaded' | 'previewed' | 'running' | 'done' | 'failed';
  headers: string[];
  sampleRows: string[][];
  mapping: Mapping | null;
  totalRows: number;
  processedRows: number;
  createdRows: number;
  skippedRows: number;
  invalidRows: number;
  progress: number;
  problems: { row: number; problems: Problem[] }[];
  failure: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface UploadedImport extends ImportJob {
  suggestedMapping: Mapping;
  mappingSource: 'remembered' | 'guessed';
}

export type RowStatus = 'valid' | 'invalid' | 'duplicate';

export interface PreviewRow {
  row: number;
  status: RowStatus;
  problems: Problem[];
  duplicateOf: { agreementId: string | null; row: number | null; inTrash: boolean } | null;
  agreement: {
    unit: { id: string; code: string; name: string } | null;
    kindCode: string | null;
    title: string;
    numberFirst: string | null;
    numberSecond: string | null;
    signingPlace: string | null;
    signingDate: string | null;
    startDate: string | null;
    endDate: string | null;
    durationText: string | null;
    scopeCodes: string[];
    scopeOther: string | null;
  };
  partners: {
    name: string;
    action: 'matched' | 'create';
    partnerId: string | null;
    matchedName: string | null;
    categoryCode: string | null;
    categorySource: 'file' | 'name' | 'fallback' | null;
  }[];
}

export interface Preview {
  import: ImportJob;
  counts: { total: number; valid: number; invalid: number; duplicates: number; newPartners: number };
  rows: PreviewRow[];
  page: number;
  pageSize: number;
  matchingRows: number;
}

export type ShowFilter = 'all' | 'valid' | 'invalid' | 'duplicate';
