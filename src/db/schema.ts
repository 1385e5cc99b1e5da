import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { RegistryTables } from './schema-registry.js';
import type { WorkflowTables } from './schema-workflow.js';
import type { OperationsTables } from './schema-operations.js';
import type { IntelligenceTables } from './schema-intelligence.js';
import type { PublicationTables } from './schema-publication.js';
import type { SupervisionTables } from './schema-supervision.js';
import type { RedactionTables } from './schema-redaction.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** `date` columns travel as 'YYYY-MM-DD' strings (see database.ts). */
type DateString = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string, string>;

export const UNIT_KINDS = [
  'biro', 'eselon1', 'kanwil', 'lapas', 'rutan', 'cabang_rutan', 'lpka', 'bapas', 'rupbasan', 'kantor_imigrasi', 'rudenim', 'lainnya',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'] as const;
export type Role = (typeof ROLES)[number];

export interface ProvincesTable { code: string; name: string }
export interface RegenciesTable { code: string; province_code: string; name: string }

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  path: string;
  province_code: string | null;
  regency_code: string | null;
  valid_from: DateString;
  valid_to: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UnitVersionsTable {
  id: Generated<number>;
  unit_id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  valid_from: string;
  valid_to: string;
  recorded_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  email: string | null;
  display_name: string;
  password_hash: string;
  role: Role;
  unit_id: string;
  locale: ColumnType<'id' | 'en', 'id' | 'en' | undefined, 'id' | 'en'>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  disabled_at: Date | null;
  password_changed_at: Timestamp;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: string | null;
  changes: Json;
  prev_hash: string;
  hash: string;
}

export interface DB extends RegistryTables, WorkflowTables, OperationsTables, IntelligenceTables, PublicationTables, SupervisionTables, RedactionTables {
  provinces: ProvincesTable;
  regencies: RegenciesTable;
  units: UnitsTable;
  unit_versions: UnitVersionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventsTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type AuditRow = Selectable<AuditEventsTable>;
