import { sql, type Kysely } from 'kysely';

/** Organisation tree, reference regions, accounts, sessions, tokens, rate limits and the audit chain. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;
    create extension if not exists unaccent;

    create table provinces (
      code text primary key,
      name text not null
    );
    create table regencies (
      code text primary key,
      province_code text not null references provinces(code),
      name text not null
    );
    create index regencies_province_idx on regencies(province_code);

    create table units (
      id uuid primary key default gen_random_uuid(),
      code text not null,
      name text not null,
      kind text not null check (kind in ('biro','eselon1','kanwil','lapas','rutan','cabang_rutan','lpka','bapas','rupbasan','kantor_imigrasi','rudenim','lainnya')),
      parent_id uuid references units(id),
      -- materialised path of ids ("/root/…/self/"): scope checks are one indexed prefix match
      path text not null,
      province_code text references provinces(code),
      regency_code text references regencies(code),
      valid_from date not null default current_date,
      valid_to date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_to is null or valid_to >= valid_from)
    );
    create unique index units_code_key on units(lower(code));
    create index units_parent_idx on units(parent_id);
    create index units_path_idx on units(path text_pattern_ops);

    -- Earlier names, codes and places in the tree, each with the period it was valid.
    create table unit_versions (
      id bigint generated always as identity primary key,
      unit_id uuid not null references units(id),
      code text not null,
      name text not null,
      kind text not null,
      parent_id uuid references units(id),
      valid_from date not null,
      valid_to date not null,
      recorded_at timestamptz not null default now()
    );
    create index unit_versions_unit_idx on unit_versions(unit_id, valid_from);

    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      email text,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('admin','verifikator','operator','pokja','pimpinan')),
      unit_id uuid not null references units(id),
      locale text not null default 'id' check (locale in ('id','en')),
      must_change_password boolean not null default false,
      totp_secret text,
      totp_enabled_at timestamptz,
      disabled_at timestamptz,
      password_changed_at timestamptz not null default now(),
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_username_key on users(lower(username));
    create unique index users_email_key on users(lower(email)) where email is not null;
    create index users_unit_idx on users(unit_id);

    create table sessions (
      id text primary key,               -- sha256 of the cookie value, never the value itself
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions(user_id);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens(user_id);

    -- Shared by every app instance: failed sign-ins per key, and the lock they lead to.
    create table login_throttle (
      key text primary key,
      failures integer not null default 0,
      window_started_at timestamptz not null default now(),
      locked_until timestamptz
    );

    create table audit_events (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_id uuid,
      actor_label text not null,
      ip text,
      action text not null,
      entity_type text not null,
      entity_id text,
      unit_id uuid,
      changes jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null unique
    );
    create index audit_events_entity_idx on audit_events(entity_type, entity_id);
    create index audit_events_actor_idx on audit_events(actor_id);
    create index audit_events_time_idx on audit_events(occurred_at);

    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$;
    create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only();
  `.execute(db);
}
