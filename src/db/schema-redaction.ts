import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string | undefined, string>;

export interface RedactionRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Public copies made by redaction (0009). */
export interface PublicCopiesTable {
  id: Generated<string>;
  source_document_id: string;
  agreement_id: string;
  job_id: string | null;
  requested_by: string | null;
  requested_at: ColumnType<Date, Date | string | undefined, never>;
  findings: Json<{ id: string; kind: string; page: number }[]>;
  rectangles: Json<RedactionRect[]>;
  result_document_id: string | null;
  error: string | null;
  finished_at: Date | null;
}

export interface RedactionTables {
  public_copies: PublicCopiesTable;
}
