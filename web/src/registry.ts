/** Shapes of the registry API (agreements, partners, documents, reports, lists, monitoring) and register filters. */
import type { WorkflowInfo, WorkflowState } from './workflow.js';

export const STATUSES = ['draft', 'berlaku', 'akan_berakhir', 'berakhir', 'diperpanjang', 'diakhiri'] as const;
export type AgreementStatus = (typeof STATUSES)[number];

export const DOCUMENT_ROLES = ['naskah_ttd', 'adendum', 'salinan_publik', 'lampiran', 'bukti'] as const;
export type DocumentRole = (typeof DOCUMENT_ROLES)[number];

export interface ListItem {
  code: string;
  name: string;
  active: boolean;
}

export interface Lists {
  partnerCategories: ListItem[];
  agreementKinds: (ListItem & { abbreviation: string })[];
  scopes: ListItem[];
  benefitKinds: ListItem[];
  statuses: { code: string; name: string }[];
}

export interface AgreementListItem {
  id: string;
  kindCode: string;
  kindName: string;
  title: string;
  numberFirst: string | null;
  numberSecond: string | null;
  unit: { id: string; code: string; name: string };
  partnerNames: string | null;
  partnerCategories: string | null;
  scopeNames: string | null;
  signingDate: string | null;
  startDate: string | null;
  endDate: string | null;
  status: AgreementStatus;
  confidentiality: 'public' | 'internal';
  hasSignedDocument: boolean;
  workflowState?: WorkflowState;
}

export interface AgreementList {
  agreements: AgreementListItem[];
  total: number;
}

export interface Relative {
  id: string;
  kind: string;
  title: string;
  numberFirst: string | null;
  status: AgreementStatus;
  unitName: string;
  visible: boolean;
}

export type Party = 'pertama' | 'kedua';

export interface Signatory {
  party: Party;
  name: string;
  position: string;
  nip: string | null;
}

export interface PartnerRef {
  id: string;
  name: string;
  categoryCode: string;
  categoryName: string;
}

export interface AgreementDetail {
  id: string;
  kindCode: string;
  kindName: string;
  title: string;
  numberFirst: string | null;
  numberSecond: string | null;
  unit: { id: string; code: string; name: string };
  partners: PartnerRef[];
  signatories: Signatory[];
  signingPlace: string | null;
  signingDate: string | null;
  startDate: string | null;
  endDate: string | null;
  durationText: string | null;
  scopes: { code: string; name: string }[];
  scopeOther: string | null;
  purpose: string | null;
  background: string | null;
  financing: string | null;
  confidentiality: 'public' | 'internal';
  confidentialityReason: string | null;
  status: AgreementStatus;
  terminatedOn: string | null;
  terminationReason: string | null;
  parentId: string | null;
  amendsId: string | null;
  renewsId: string | null;
  family: {
    parent: Relative | null;
    children: Relative[];
    amends: Relative | null;
    amendedBy: Relative[];
    renews: Relative | null;
    renewedBy: Relative[];
  };
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  workflowState?: WorkflowState;
  workflow?: WorkflowInfo;
}

export interface PartnerContact {
  name: string;
  position?: string;
  phone?: string;
  email?: string;
}

export interface Partner extends PartnerRef {
  address: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  website: string | null;
  contacts: PartnerContact[];
  agreementCount?: number;
  score?: number;
}

export interface DocumentInfo {
  id: string;
  agreementId: string;
  reportId: string | null;
  role: DocumentRole;
  version: number;
  current: boolean;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  readable: boolean;
  unreadableReason: string | null;
  pageCount: number | null;
  previewable: boolean;
  uploadedAt: string;
  uploadedBy: { id: string; name: string } | null;
  contentUrl: string;
}

export interface Report {
  id: string;
  periodStart: string;
  periodEnd: string;
  activities: string;
  beneficiaries: number;
  pnbpAmount: number;
  benefits: { code: string; name: string }[];
  benefitNotes: string | null;
  obstacles: string | null;
  suggestions: string | null;
  internal: boolean;
  author: string | null;
  createdAt: string;
}

export interface ReportList {
  reports: Report[];
  totals: { reports: number; beneficiaries: number; pnbpAmount: number };
}

export interface HistoryEvent {
  id: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
  changes: Record<string, unknown>;
}

export interface TrashItem {
  id: string;
  title: string;
  numberFirst: string | null;
  unitName: string;
  deletedAt: string;
  deletedBy: string | null;
}

export type StatusCounts = Record<AgreementStatus, number> & { total: number };

export interface Overview {
  unit: { id: string; code: string; name: string; kind: string };
  today: string;
  totals: StatusCounts;
  byUnit: (StatusCounts & { id: string; code: string; name: string; kind: string; own: boolean })[];
  byKind: { code: string; name: string; count: number }[];
  byPartnerCategory: { code: string; name: string; count: number }[];
  bySigningYear: { year: number; count: number }[];
  endingWithin: { d30: number; d60: number; d90: number };
  withoutSignedDocument: number;
  benefitsByYear: { year: number; pnbpAmount: number; beneficiaries: number; reports: number }[];
}

// ---- register filters (kept in the URL; the same names as the API's query) ----------------------------

export const FILTER_KEYS = [
  'unitId', 'kind', 'status', 'partnerCategory', 'partnerId', 'scope', 'signingYear', 'endsWithinDays', 'noSignedDocument', 'noReportThisYear', 'workflowState', 'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const SORTS = ['signingDate', 'endDate', 'title', 'createdAt', 'number'] as const;
export type Sort = (typeof SORTS)[number];

export interface RegisterView {
  filters: Filters;
  sort: Sort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;

export function readView(query: URLSearchParams): RegisterView {
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = query.get(k);
    if (v) filters[k] = v;
  }
  const sort = (SORTS as readonly string[]).includes(query.get('sort') ?? '') ? (query.get('sort') as Sort) : 'signingDate';
  const dir = query.get('dir') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const size = Number.parseInt(query.get('pageSize') ?? '25', 10);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 25;
  return { filters, sort, dir, page, pageSize };
}

/** Query string of a view; defaults are left out so links stay short. `forExport` drops paging. */
export function viewQuery(view: RegisterView, forExport = false): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = view.filters[k];
    if (v) p.set(k, v);
  }
  if (view.sort !== 'signingDate' || forExport) p.set('sort', view.sort);
  if (view.dir !== 'desc' || forExport) p.set('dir', view.dir);
  if (!forExport) {
    if (view.page > 1) p.set('page', String(view.page));
    if (view.pageSize !== 25) p.set('pageSize', String(view.pageSize));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A link to the register with some filters set (from the monitoring page, a partner, …). */
export function registerLink(filters: Filters): string {
  return `/kerja-sama${viewQuery({ filters, sort: 'signingDate', dir: 'desc', page: 1, pageSize: 25 })}`;
}

export function canWrite(role: string): boolean {
  return role === 'admin' || role === 'verifikator' || role === 'operator';
}
