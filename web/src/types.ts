/** Shapes of the staff API (docs/api.md). Only what the web app reads. */

export const ROLES = ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = [
  'biro', 'eselon1', 'kanwil', 'lapas', 'rutan', 'cabang_rutan', 'lpka', 'bapas', 'rupbasan', 'kantor_imigrasi', 'rudenim', 'lainnya',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export type Locale = 'id' | 'en';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
}

export interface Me {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  role: Role;
  locale: Locale;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  unit: UnitRef;
}

export interface SessionResponse {
  user: Me;
  csrfToken: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  validFrom: string;
  validTo: string | null;
  active: boolean;
}

export interface UnitHistoryEntry {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  parentName: string | null;
  validFrom: string;
  validTo: string;
}

export interface UnitDetail {
  unit: Unit;
  history: UnitHistoryEntry[];
  path: { id: string; name: string }[];
}

/** A user as listed by GET /users and GET /users/{id}; the list may omit some fields. */
export interface UserSummary {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  role: Role;
  unit?: UnitRef | null;
  unitId?: string;
  disabled?: boolean;
  lastLoginAt?: string | null;
  mustChangePassword?: boolean;
  totpEnabled?: boolean;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEvent {
  id: number | string;
  occurredAt: string;
  actorLabel: string;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: unknown;
}

export interface Province {
  code: string;
  name: string;
}
