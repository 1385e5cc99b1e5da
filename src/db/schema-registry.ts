import type { ColumnType, Generated } from 'kysely';
import type { WorkflowState } from './schema-workflow.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export interface ListTable {
  code: string;
  name: string;
  sort: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}
export interface AgreementKindsTable extends ListTable {
  abbreviation: string;
}

export interface PartnerContact {
  name: string;
  position?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface PartnersTable {
  id: Generated<string>;
  name: string;
  search_name: string;
  category_code: string;
  address: string | null;
  province_code: string | null;
  regency_code: string | null;
  website: string | null;
  contacts: Json<PartnerContact[]>;
  merged_into: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const CONFIDENTIALITY = ['public', 'internal'] as const;

export interface AgreementsTable {
  id: Generated<string>;
  unit_id: string;
  kind_code: string;
  title: string;
  number_first: string | null;
  number_second: string | null;
  signing_place: string | null;
  signing_date: string | null;
  start_date: string | null;
  end_date: string | null;
  duration_text: string | null;
  scope_other: string | null;
  purpose: string | null;
  background: string | null;
  financing: string | null;
  confidentiality: ColumnType<'public' | 'internal', 'public' | 'internal' | undefined, 'public' | 'internal'>;
  confidentiality_reason: string | null;
  parent_id: string | null;
  amends_id: string | null;
  renews_id: string | null;
  terminated_on: string | null;
  termination_reason: string | null;
  import_key: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: Date | null;
  deleted_by: string | null;
  workflow_state: ColumnType<WorkflowState, WorkflowState | undefined, WorkflowState>;
  workflow_changed_at: Date | null;
  published_at: Date | null;
}

export interface AgreementPartnersTable {
  agreement_id: string;
  partner_id: string;
  position: ColumnType<number, number | undefined, number>;
}
export interface AgreementScopesTable {
  agreement_id: string;
  scope_code: string;
}
export const PARTIES = ['pertama', 'kedua'] as const;
export interface SignatoriesTable {
  id: Generated<string>;
  agreement_id: string;
  party: (typeof PARTIES)[number];
  name: string;
  position: string;
  nip: string | null;
  sort: ColumnType<number, number | undefined, number>;
}
export interface BlobsTable {
  sha256: string;
  size: number;
  mime: string;
  created_at: CreatedAt;
}
export interface ReportsTable {
  id: Generated<string>;
  agreement_id: string;
  period_start: string;
  period_end: string;
  activities: string;
  beneficiaries: ColumnType<number, number | undefined, number>;
  pnbp_amount: ColumnType<number, number | undefined, number>;
  benefit_notes: string | null;
  obstacles: string | null;
  suggestions: string | null;
  internal: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: Date | null;
}
export interface ReportBenefitsTable {
  report_id: string;
  benefit_code: string;
}
export const DOCUMENT_ROLES = ['naskah_ttd', 'lampiran', 'adendum', 'salinan_publik', 'bukti'] as const;
export type DocumentRole = (typeof DOCUMENT_ROLES)[number];
export interface DocumentsTable {
  id: Generated<string>;
  agreement_id: string;
  report_id: string | null;
  role: DocumentRole;
  version: ColumnType<number, number | undefined, number>;
  filename: string;
  sha256: string;
  size: number;
  mime: string;
  readable: ColumnType<boolean, boolean | undefined, boolean>;
  unreadable_reason: string | null;
  page_count: number | null;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
  deleted_at: Date | null;
}
export interface ImportMappingsTable {
  id: Generated<string>;
  header_signature: string;
  mapping: Json<Record<string, string>>;
  created_by: string | null;
  updated_at: Timestamp;
}
export const IMPORT_STATUSES = ['uploaded', 'previewed', 'running', 'done', 'failed'] as const;
export interface ImportsTable {
  id: Generated<string>;
  unit_id: string;
  filename: string;
  sha256: string;
  file_kind: 'xlsx' | 'csv';
  headers: Json<string[]>;
  sample_rows: Json<string[][]>;
  status: (typeof IMPORT_STATUSES)[number];
  mapping: Json<Record<string, string> | null>;
  total_rows: ColumnType<number, number | undefined, number>;
  processed_rows: ColumnType<number, number | undefined, number>;
  created_rows: ColumnType<number, number | undefined, number>;
  skipped_rows: ColumnType<number, number | undefined, number>;
  invalid_rows: ColumnType<number, number | undefined, number>;
  problems: Json<unknown[]>;
  failure: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface RegistryTables {
  partner_categories: ListTable;
  agreement_kinds: AgreementKindsTable;
  scopes: ListTable;
  benefit_kinds: ListTable;
  partners: PartnersTable;
  agreements: AgreementsTable;
  agreement_partners: AgreementPartnersTable;
  agreement_scopes: AgreementScopesTable;
  signatories: SignatoriesTable;
  blobs: BlobsTable;
  reports: ReportsTable;
  report_benefits: ReportBenefitsTable;
  documents: DocumentsTable;
  import_mappings: ImportMappingsTable;
  imports: ImportsTable;
}
