import { sql, type Kysely } from 'kysely';

/** Submission → verification → publication, comments, notifications, mail outbox, reminders, iCal tokens. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agreements add column workflow_state text not null default 'draft'
      check (workflow_state in ('draft','diajukan','dikembalikan','diverifikasi','diterbitkan','ditetapkan_internal','ditarik'));
    alter table agreements add column workflow_changed_at timestamptz;
    alter table agreements add column published_at timestamptz;
    create index agreements_workflow_idx on agreements(workflow_state, workflow_changed_at) where deleted_at is null;

    create table workflow_events (
      id bigint generated always as identity primary key,
      agreement_id uuid not null references agreements(id) on delete cascade,
      action text not null,
      from_state text not null,
      to_state text not null,
      actor_id uuid references users(id),
      reason text,
      -- reasons attached to fields or documents when a submission is returned: [{field?, documentId?, message}]
      details jsonb not null default '[]'::jsonb,
      occurred_at timestamptz not null default now()
    );
    create index workflow_events_agreement_idx on workflow_events(agreement_id, id);

    create table comments (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id) on delete cascade,
      author_id uuid not null references users(id),
      body text not null,
      created_at timestamptz not null default now()
    );
    create index comments_agreement_idx on comments(agreement_id, created_at);

    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      event text not null,
      agreement_id uuid references agreements(id) on delete cascade,
      title text not null,
      body text not null,
      link text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      digest_sent_at timestamptz
    );
    create index notifications_user_idx on notifications(user_id, created_at desc);
    create index notifications_unread_idx on notifications(user_id) where read_at is null;

    create table notification_preferences (
      user_id uuid not null references users(id) on delete cascade,
      event text not null,
      channel text not null check (channel in ('email','digest','none')),
      primary key (user_id, event)
    );

    -- Mail leaves through this table: written in the same transaction as the event, sent and retried by a worker.
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      body_text text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      last_error text,
      created_at timestamptz not null default now()
    );
    create index mail_outbox_due_idx on mail_outbox(next_attempt_at) where sent_at is null;

    -- One row per (agreement, offset): the unique key is what makes each reminder go out exactly once.
    create table expiry_reminders (
      agreement_id uuid not null references agreements(id) on delete cascade,
      offset_days integer not null,
      end_date date not null,
      sent_at timestamptz not null default now(),
      primary key (agreement_id, offset_days, end_date)
    );

    create table ical_tokens (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references units(id),
      token_hash text not null unique,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );

    -- Scheduled work that must run once per period across instances (digest, reminders).
    create table scheduled_runs (
      name text not null,
      period text not null,
      ran_at timestamptz not null default now(),
      primary key (name, period)
    );
  `.execute(db);
}
