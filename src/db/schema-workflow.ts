import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export const WORKFLOW_STATES = ['draft', 'diajukan', 'dikembalikan', 'diverifikasi', 'diterbitkan', 'ditetapkan_internal', 'ditarik'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export interface WorkflowEventsTable {
  id: Generated<number>;
  agreement_id: string;
  action: string;
  from_state: WorkflowState;
  to_state: WorkflowState;
  actor_id: string | null;
  reason: string | null;
  details: Json<{ field?: string; documentId?: string; message: string }[]>;
  occurred_at: CreatedAt;
}
export interface CommentsTable {
  id: Generated<string>;
  agreement_id: string;
  author_id: string;
  body: string;
  created_at: CreatedAt;
}
export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  event: string;
  agreement_id: string | null;
  title: string;
  body: string;
  link: string;
  created_at: CreatedAt;
  read_at: Date | null;
  digest_sent_at: Date | null;
}
export interface NotificationPreferencesTable {
  user_id: string;
  event: string;
  channel: 'email' | 'digest' | 'none';
}
export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
}
export interface ExpiryRemindersTable {
  agreement_id: string;
  offset_days: number;
  end_date: string;
  sent_at: CreatedAt;
}
export interface IcalTokensTable {
  id: Generated<string>;
  unit_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: Date | null;
}
export interface ScheduledRunsTable {
  name: string;
  period: string;
  ran_at: CreatedAt;
}

export interface WorkflowTables {
  workflow_events: WorkflowEventsTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  mail_outbox: MailOutboxTable;
  expiry_reminders: ExpiryRemindersTable;
  ical_tokens: IcalTokensTable;
  scheduled_runs: ScheduledRunsTable;
}
