import { sql, type Kysely } from 'kysely';

/** Agreement registry and document vault: managed lists, partners, agreements, documents, reports, imports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partner_categories (code text primary key, name text not null, sort integer not null default 0, active boolean not null default true);
    create table agreement_kinds (code text primary key, name text not null, abbreviation text not null, sort integer not null default 0, active boolean not null default true);
    create table scopes (code text primary key, name text not null, sort integer not null default 0, active boolean not null default true);
    create table benefit_kinds (code text primary key, name text not null, sort integer not null default 0, active boolean not null default true);

    create table partners (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      -- lower-case, accent-free, abbreviations spelled out ("pemkab" → "pemerintah kabupaten"): what suggestions compare
      search_name text not null,
      category_code text not null references partner_categories(code),
      address text,
      province_code text references provinces(code),
      regency_code text references regencies(code),
      website text,
      contacts jsonb not null default '[]'::jsonb,
      merged_into uuid references partners(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index partners_search_trgm on partners using gin (search_name gin_trgm_ops);
    create index partners_category_idx on partners(category_code);

    create table agreements (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references units(id),
      kind_code text not null references agreement_kinds(code),
      title text not null,
      number_first text,
      number_second text,
      signing_place text,
      signing_date date,
      start_date date,
      end_date date,
      duration_text text,
      scope_other text,
      purpose text,
      background text,
      financing text,
      confidentiality text not null default 'public' check (confidentiality in ('public','internal')),
      confidentiality_reason text,
      parent_id uuid references agreements(id),
      amends_id uuid references agreements(id),
      renews_id uuid references agreements(id),
      terminated_on date,
      termination_reason text,
      import_key text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz,
      deleted_by uuid references users(id),
      check (end_date is null or start_date is null or end_date >= start_date),
      check (confidentiality = 'public' or confidentiality_reason is not null)
    );
    create index agreements_unit_idx on agreements(unit_id) where deleted_at is null;
    create index agreements_end_idx on agreements(end_date) where deleted_at is null;
    create index agreements_signing_idx on agreements(signing_date) where deleted_at is null;
    create index agreements_kind_idx on agreements(kind_code) where deleted_at is null;
    create index agreements_parent_idx on agreements(parent_id);
    create index agreements_amends_idx on agreements(amends_id);
    create index agreements_renews_idx on agreements(renews_id) where renews_id is not null and deleted_at is null;
    create index agreements_number_first_idx on agreements(unit_id, lower(number_first)) where deleted_at is null;
    create index agreements_number_trgm on agreements using gin ((coalesce(number_first,'') || ' ' || coalesce(number_second,'')) gin_trgm_ops);
    create unique index agreements_import_key on agreements(unit_id, import_key) where import_key is not null;

    create table agreement_partners (
      agreement_id uuid not null references agreements(id) on delete cascade,
      partner_id uuid not null references partners(id),
      position integer not null default 0,
      primary key (agreement_id, partner_id)
    );
    create index agreement_partners_partner_idx on agreement_partners(partner_id);

    create table agreement_scopes (
      agreement_id uuid not null references agreements(id) on delete cascade,
      scope_code text not null references scopes(code),
      primary key (agreement_id, scope_code)
    );
    create index agreement_scopes_scope_idx on agreement_scopes(scope_code);

    create table signatories (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id) on delete cascade,
      party text not null check (party in ('pertama','kedua')),
      name text not null,
      position text not null,
      nip text,
      sort integer not null default 0
    );
    create index signatories_agreement_idx on signatories(agreement_id);

    -- Content-addressed store: one row per distinct content, whatever the number of documents pointing at it.
    create table blobs (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null,
      mime text not null,
      created_at timestamptz not null default now()
    );

    create table reports (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id),
      period_start date not null,
      period_end date not null,
      activities text not null,
      beneficiaries integer not null default 0 check (beneficiaries >= 0),
      pnbp_amount bigint not null default 0 check (pnbp_amount >= 0),
      benefit_notes text,
      obstacles text,
      suggestions text,
      internal boolean not null default false,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz,
      check (period_end >= period_start)
    );
    create index reports_agreement_idx on reports(agreement_id) where deleted_at is null;
    create index reports_period_idx on reports(period_end) where deleted_at is null;

    create table report_benefits (
      report_id uuid not null references reports(id) on delete cascade,
      benefit_code text not null references benefit_kinds(code),
      primary key (report_id, benefit_code)
    );

    create table documents (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id),
      report_id uuid references reports(id),
      role text not null check (role in ('naskah_ttd','lampiran','adendum','salinan_publik','bukti')),
      version integer not null default 1,
      filename text not null,
      sha256 text not null references blobs(sha256),
      size bigint not null,
      mime text not null,
      readable boolean not null default true,
      unreadable_reason text,
      page_count integer,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now(),
      deleted_at timestamptz
    );
    create index documents_agreement_idx on documents(agreement_id, role, version) where deleted_at is null;
    create index documents_sha_idx on documents(sha256);

    create table import_mappings (
      id uuid primary key default gen_random_uuid(),
      header_signature text not null,
      mapping jsonb not null,
      created_by uuid references users(id),
      updated_at timestamptz not null default now(),
      unique (header_signature)
    );

    create table imports (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references units(id),
      filename text not null,
      sha256 text not null references blobs(sha256),
      file_kind text not null check (file_kind in ('xlsx','csv')),
      -- the header row and the first rows as read at upload, so the mapping screen needs no second read of the file
      headers jsonb not null default '[]'::jsonb,
      sample_rows jsonb not null default '[]'::jsonb,
      status text not null check (status in ('uploaded','previewed','running','done','failed')),
      mapping jsonb,
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      created_rows integer not null default 0,
      -- rows already in the register (same import key): "sudah ada"
      skipped_rows integer not null default 0,
      -- rows left out because they had problems (skipInvalid) or were refused when saved
      invalid_rows integer not null default 0,
      problems jsonb not null default '[]'::jsonb,
      failure text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index imports_unit_idx on imports(unit_id, created_at);
  `.execute(db);
}
