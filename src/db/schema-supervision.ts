import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = ColumnType<string, string, string>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export interface SupervisionTemplatesTable {
  id: Generated<string>;
  key: string;
  version: number;
  name: string;
  description: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface SupervisionQuestionsTable {
  id: Generated<string>;
  template_id: string;
  position: number;
  code: string;
  label: string;
  help: string | null;
  type: 'text' | 'yes_no' | 'scale' | 'choice' | 'number' | 'rupiah';
  target: 'agreement' | 'unit';
  required: ColumnType<boolean, boolean | undefined, boolean>;
  options: Json<string[]>;
}
export interface SupervisionPlansTable {
  id: Generated<string>;
  title: string;
  basis: string;
  purpose: string | null;
  scope_text: string | null;
  period_start: DateString;
  period_end: DateString;
  region: string;
  province_code: string | null;
  template_id: string;
  status: ColumnType<'direncanakan' | 'berjalan' | 'dilaporkan' | 'ditutup', 'direncanakan' | 'berjalan' | 'dilaporkan' | 'ditutup' | undefined, 'direncanakan' | 'berjalan' | 'dilaporkan' | 'ditutup'>;
  letter_sha256: string | null;
  letter_filename: string | null;
  letter_mime: string | null;
  letter_size: number | null;
  letter_uploaded_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  reported_at: Date | null;
  closed_at: Date | null;
}
export interface SupervisionTeamTable {
  plan_id: string;
  user_id: string;
  role: 'ketua' | 'anggota';
  position: string | null;
  sort: ColumnType<number, number | undefined, number>;
}
export interface Interviewee {
  name: string;
  position: string;
}
export interface SupervisionVisitsTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string;
  visit_date: DateString;
  template_id: string;
  interviewees: Json<Interviewee[]>;
  interviewees_revision: ColumnType<number, number | undefined, number>;
  interviewees_by: string | null;
  interviewees_at: Date | null;
  findings: string | null;
  findings_revision: ColumnType<number, number | undefined, number>;
  findings_by: string | null;
  findings_at: Date | null;
}
export interface SupervisionAnswersTable {
  id: Generated<number>;
  visit_id: string;
  agreement_id: string | null;
  question_id: string;
  value: Json;
  revision: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface SupervisionAssessmentsTable {
  visit_id: string;
  agreement_id: string;
  benefits_unit: boolean | null;
  mutual: boolean | null;
  recommendation: 'lanjutkan' | 'perbaiki' | 'perpanjang' | 'hentikan' | null;
  note: string | null;
  revision: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface SupervisionUnregisteredTable {
  id: Generated<string>;
  visit_id: string;
  partner_name: string;
  title: string;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface SupervisionRecommendationsTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string | null;
  text: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
export interface SupervisionFollowupsTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string;
  title: string;
  due_date: DateString;
  status: ColumnType<'open' | 'in_progress' | 'done', 'open' | 'in_progress' | 'done' | undefined, 'open' | 'in_progress' | 'done'>;
  response: string | null;
  responded_by: string | null;
  responded_at: Date | null;
  recommendation_id: string | null;
  agreement_id: string | null;
  unregistered_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
export interface SupervisionFollowupEvidenceTable {
  id: Generated<string>;
  followup_id: string;
  sha256: string;
  filename: string;
  mime: string;
  size: number;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}
export interface FollowupRemindersTable {
  followup_id: string;
  day: string;
  sent_at: CreatedAt;
}
export interface SupervisionSyncOpsTable {
  op_id: string;
  plan_id: string;
  user_id: string;
  result: Json;
  applied_at: CreatedAt;
}

export interface SupervisionTables {
  supervision_templates: SupervisionTemplatesTable;
  supervision_questions: SupervisionQuestionsTable;
  supervision_plans: SupervisionPlansTable;
  supervision_team: SupervisionTeamTable;
  supervision_visits: SupervisionVisitsTable;
  supervision_answers: SupervisionAnswersTable;
  supervision_assessments: SupervisionAssessmentsTable;
  supervision_unregistered: SupervisionUnregisteredTable;
  supervision_recommendations: SupervisionRecommendationsTable;
  supervision_followups: SupervisionFollowupsTable;
  supervision_followup_evidence: SupervisionFollowupEvidenceTable;
  followup_reminders: FollowupRemindersTable;
  supervision_sync_ops: SupervisionSyncOpsTable;
}
