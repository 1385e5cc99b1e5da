import { sql, type Kysely } from 'kysely';

/**
 * Supervision (issue #7): questionnaire templates (versioned), plans with team and visited units, per-visit
 * answers and assessments with revision counters (the offline form's conflict detection), agreements found
 * "belum terdaftar", recommendations, follow-ups with evidence, overdue reminders and the sync op log that makes
 * every offline operation apply exactly once. The default questionnaire is reference data
 * (supervision/default-template.ts), loaded at start like the registry's lists, so a restore target stays empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table supervision_templates (
      id uuid primary key default gen_random_uuid(),
      key text not null,
      version integer not null,
      name text not null,
      description text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (key, version)
    );

    create table supervision_questions (
      id uuid primary key default gen_random_uuid(),
      template_id uuid not null references supervision_templates(id) on delete cascade,
      position integer not null,
      code text not null,
      label text not null,
      help text,
      type text not null check (type in ('text','yes_no','scale','choice','number','rupiah')),
      target text not null check (target in ('agreement','unit')),
      required boolean not null default false,
      options jsonb not null default '[]'::jsonb,
      unique (template_id, code)
    );

    create table supervision_plans (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      basis text not null,
      purpose text,
      scope_text text,
      period_start date not null,
      period_end date not null,
      region text not null,
      province_code text,
      template_id uuid not null references supervision_templates(id),
      status text not null default 'direncanakan' check (status in ('direncanakan','berjalan','dilaporkan','ditutup')),
      letter_sha256 text references blobs(sha256),
      letter_filename text,
      letter_mime text,
      letter_size bigint,
      letter_uploaded_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      reported_at timestamptz,
      closed_at timestamptz,
      check (period_end >= period_start)
    );

    create table supervision_team (
      plan_id uuid not null references supervision_plans(id) on delete cascade,
      user_id uuid not null references users(id),
      role text not null check (role in ('ketua','anggota')),
      position text,
      sort integer not null default 0,
      primary key (plan_id, user_id)
    );
    create index supervision_team_user_idx on supervision_team(user_id);
    -- one chair per plan
    create unique index supervision_team_chair_idx on supervision_team(plan_id) where role = 'ketua';

    create table supervision_visits (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references supervision_plans(id) on delete cascade,
      unit_id uuid not null references units(id),
      visit_date date not null,
      -- the template version the visit was created with: later template edits never change it
      template_id uuid not null references supervision_templates(id),
      interviewees jsonb not null default '[]'::jsonb,
      interviewees_revision integer not null default 0,
      interviewees_by uuid references users(id),
      interviewees_at timestamptz,
      findings text,
      findings_revision integer not null default 0,
      findings_by uuid references users(id),
      findings_at timestamptz,
      unique (plan_id, unit_id)
    );
    create index supervision_visits_unit_idx on supervision_visits(unit_id, visit_date);

    create table supervision_answers (
      id bigint generated always as identity primary key,
      visit_id uuid not null references supervision_visits(id) on delete cascade,
      agreement_id uuid references agreements(id) on delete cascade,
      question_id uuid not null references supervision_questions(id),
      value jsonb not null,
      revision integer not null default 1,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      unique nulls not distinct (visit_id, agreement_id, question_id)
    );
    create index supervision_answers_agreement_idx on supervision_answers(agreement_id) where agreement_id is not null;

    create table supervision_assessments (
      visit_id uuid not null references supervision_visits(id) on delete cascade,
      agreement_id uuid not null references agreements(id) on delete cascade,
      benefits_unit boolean,
      mutual boolean,
      recommendation text check (recommendation in ('lanjutkan','perbaiki','perpanjang','hentikan')),
      note text,
      revision integer not null default 1,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (visit_id, agreement_id)
    );
    create index supervision_assessments_agreement_idx on supervision_assessments(agreement_id);

    create table supervision_unregistered (
      id uuid primary key default gen_random_uuid(),
      visit_id uuid not null references supervision_visits(id) on delete cascade,
      partner_name text not null,
      title text not null,
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table supervision_recommendations (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references supervision_plans(id) on delete cascade,
      unit_id uuid references units(id),
      text text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table supervision_followups (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references supervision_plans(id) on delete cascade,
      unit_id uuid not null references units(id),
      title text not null,
      due_date date not null,
      status text not null default 'open' check (status in ('open','in_progress','done')),
      response text,
      responded_by uuid references users(id),
      responded_at timestamptz,
      recommendation_id uuid references supervision_recommendations(id) on delete set null,
      agreement_id uuid references agreements(id) on delete set null,
      unregistered_id uuid references supervision_unregistered(id) on delete set null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index supervision_followups_plan_idx on supervision_followups(plan_id);
    create index supervision_followups_due_idx on supervision_followups(due_date) where status <> 'done';

    create table supervision_followup_evidence (
      id uuid primary key default gen_random_uuid(),
      followup_id uuid not null references supervision_followups(id) on delete cascade,
      sha256 text not null references blobs(sha256),
      filename text not null,
      mime text not null,
      size bigint not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now()
    );

    -- One row per follow-up and day: the key that makes an overdue reminder go out once a day, across instances.
    create table followup_reminders (
      followup_id uuid not null references supervision_followups(id) on delete cascade,
      day date not null,
      sent_at timestamptz not null default now(),
      primary key (followup_id, day)
    );

    -- Every applied offline operation with its first result: a repeated opId answers the same and changes nothing.
    create table supervision_sync_ops (
      op_id uuid primary key,
      plan_id uuid not null references supervision_plans(id) on delete cascade,
      user_id uuid not null references users(id),
      result jsonb not null,
      applied_at timestamptz not null default now()
    );
  `.execute(db);
}
