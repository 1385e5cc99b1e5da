import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const BACKUP_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type BackupRunStatus = (typeof BACKUP_RUN_STATUSES)[number];

export interface BackupRunsTable {
  id: Generated<string>;
  slot: string;
  kind: 'scheduled' | 'manual';
  status: BackupRunStatus;
  file: string | null;
  size: number | null;
  instance: string;
  error: string | null;
  requested_by: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface OperationsTables {
  backup_runs: BackupRunsTable;
}
