import { sql, type Kysely } from 'kysely';

/**
 * Document intelligence and search: a durable job queue, the text extracted from every document (per page,
 * with OCR word boxes), and one search document per agreement kept current by triggers, so every writer
 * (API, import, demo seed, a colleague's future feature) keeps search right without knowing about it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      payload jsonb not null default '{}'::jsonb,
      -- at most one queued job per (kind, key): re-queueing the same work twice is a no-op
      dedupe_key text,
      -- the document a job works on, so non-admins see the jobs of documents in their scope
      document_id uuid references documents(id) on delete set null,
      state text not null default 'queued' check (state in ('queued','running','done','failed')),
      attempts integer not null default 0,
      max_attempts integer not null default 5 check (max_attempts >= 1),
      run_at timestamptz not null default now(),
      -- the worker holding the job and until when; an expired lease means that worker died
      locked_by text,
      locked_until timestamptz,
      progress_done integer not null default 0,
      progress_total integer,
      last_error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_queued_idx on jobs(run_at) where state = 'queued';
    create index jobs_running_idx on jobs(locked_until) where state = 'running';
    create index jobs_document_idx on jobs(document_id, created_at) where document_id is not null;
    create index jobs_created_idx on jobs(created_at);
    create unique index jobs_dedupe_idx on jobs(kind, dedupe_key) where state = 'queued' and dedupe_key is not null;

    -- The outcome of text extraction per document (progress lives on the job while it runs).
    create table document_extractions (
      document_id uuid primary key references documents(id) on delete cascade,
      job_id uuid references jobs(id) on delete set null,
      state text not null check (state in ('queued','running','done','empty','failed')),
      method text check (method in ('text','ocr','docx')),
      pages_done integer not null default 0,
      pages_total integer,
      chars integer not null default 0,
      error text,
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );

    -- Accents are folded inside the text-search configuration itself (unaccent as a filtering dictionary in
    -- front of the Indonesian Snowball stemmer): to_tsvector(regconfig, text) stays immutable, so no wrapper
    -- around the (stable) unaccent() function is needed, and ts_headline marks words in the original spelling.
    create text search configuration p2ma_id (copy = pg_catalog.indonesian);
    alter text search configuration p2ma_id alter mapping for hword, hword_part, word with unaccent, indonesian_stem;

    create table document_pages (
      document_id uuid not null references documents(id) on delete cascade,
      page integer not null check (page >= 1),
      -- denormalised from documents so search reaches agreements without a join per page
      agreement_id uuid not null references agreements(id) on delete cascade,
      -- the document is live and its current version (superseded scans would repeat every hit)
      searchable boolean not null default false,
      method text not null check (method in ('text','ocr','docx')),
      text text not null,
      -- OCR word boxes at the rendering resolution ({dpi,width,height,words:[[x,y,w,h,conf,text]]}), for redaction
      words jsonb,
      -- the page's own vector, to pick the pages a snippet comes from (matching uses agreement_search.doc_tsv)
      tsv tsvector not null,
      primary key (document_id, page)
    );
    create index document_pages_agreement_idx on document_pages(agreement_id);
    -- p2ma_refresh_page_visibility reads all documents of an agreement, deleted ones included (the existing
    -- documents_agreement_idx only covers live ones): without this, every upload scanned the whole table.
    create index documents_agreement_all_idx on documents(agreement_id);

    -- One metadata vector per agreement: small rows, so ranking every metadata hit of a common word stays cheap.
    create table agreement_search (
      agreement_id uuid primary key references agreements(id) on delete cascade,
      -- A: title and numbers · B: partners · C: scopes, purpose, background, place, signatories
      meta_tsv tsvector not null,
      updated_at timestamptz not null default now()
    );
    create index agreement_search_meta_idx on agreement_search using gin (meta_tsv);

    -- The text of an agreement's current documents (all pages) as one vector, in a table of its own: it is
    -- matched, never ranked, and its large rows would otherwise slow every metadata scan.
    create table agreement_texts (
      agreement_id uuid primary key references agreements(id) on delete cascade,
      doc_tsv tsvector not null,
      updated_at timestamptz not null default now()
    );
    create index agreement_texts_doc_idx on agreement_texts using gin (doc_tsv);

    create aggregate p2ma_tsvector_agg(tsvector) (sfunc = tsvector_concat, stype = tsvector, initcond = '');

    create function p2ma_refresh_agreement_search(ids uuid[]) returns void language sql as $fn$
      insert into agreement_search as s (agreement_id, meta_tsv, updated_at)
      select a.id,
        setweight(to_tsvector('p2ma_id', concat_ws(' ', a.title, a.number_first, a.number_second,
          -- numbers again split at punctuation, so "1234" finds "W13.PAS.PAS.6-HM.05.02-1234"
          regexp_replace(concat_ws(' ', a.number_first, a.number_second), '[^[:alnum:]]+', ' ', 'g'))), 'A')
        || setweight(to_tsvector('p2ma_id', coalesce(pn.names, '')), 'B')
        || setweight(to_tsvector('p2ma_id', concat_ws(' ', sc.names, a.scope_other, a.purpose, a.background, a.signing_place, sg.names)), 'C'),
        now()
      from agreements a
      left join lateral (
        select string_agg(p.name, ' ' order by ap.position) as names from agreement_partners ap join partners p on p.id = ap.partner_id where ap.agreement_id = a.id
      ) pn on true
      left join lateral (
        select string_agg(s.name, ' ') as names from agreement_scopes x join scopes s on s.code = x.scope_code where x.agreement_id = a.id
      ) sc on true
      left join lateral (
        select string_agg(g.name || ' ' || g.position, ' ') as names from signatories g where g.agreement_id = a.id
      ) sg on true
      where a.id = any(ids)
      on conflict (agreement_id) do update set meta_tsv = excluded.meta_tsv, updated_at = excluded.updated_at
    $fn$;

    -- The documents' vector of one agreement (no row without searchable text). A tsvector holds at most 1 MB:
    -- the text of a huge document falls back to its words without positions (phrases then match loosely), or,
    -- beyond even that, to none.
    create function p2ma_refresh_document_search(agreement uuid) returns void language plpgsql as $fn$
    declare
      v tsvector;
    begin
      begin
        select p2ma_tsvector_agg(tsv order by document_id, page) into v from document_pages where agreement_id = agreement and searchable;
      exception when program_limit_exceeded then
        begin
          select p2ma_tsvector_agg(strip(tsv)) into v from document_pages where agreement_id = agreement and searchable;
        exception when program_limit_exceeded then
          v := null;
        end;
      end;
      if v is null or v = ''::tsvector then
        delete from agreement_texts where agreement_id = agreement;
      else
        insert into agreement_texts (agreement_id, doc_tsv, updated_at) values (agreement, v, now())
        on conflict (agreement_id) do update set doc_tsv = excluded.doc_tsv, updated_at = excluded.updated_at;
      end if;
    end $fn$;

    -- Which extracted pages count for search: those of live documents in their current version. The versioned
    -- roles are the ones of VERSIONED_ROLES in src/documents/document.service.ts.
    create function p2ma_refresh_page_visibility(agreement uuid) returns integer language plpgsql as $fn$
    declare
      changed integer;
    begin
      update document_pages p set searchable = v.current
      from (
        select d.id, d.deleted_at is null and (d.role not in ('naskah_ttd','adendum','salinan_publik') or d.version = (
          select max(d2.version) from documents d2 where d2.agreement_id = d.agreement_id and d2.role = d.role and d2.deleted_at is null
        )) as current
        from documents d where d.agreement_id = agreement
      ) v
      -- the agreement's pages only (by index), never a scan of every page in the register
      where p.agreement_id = agreement and p.document_id = v.id and p.searchable is distinct from v.current;
      get diagnostics changed = row_count;
      return changed;
    end $fn$;

    create function p2ma_search_agreements_new() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_agreement_search(array(select id from new_rows));
      return null;
    end $fn$;
    create trigger agreements_search_insert after insert on agreements
      referencing new table as new_rows for each statement execute function p2ma_search_agreements_new();

    create function p2ma_search_agreements_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_agreement_search(array(
        select n.id from new_rows n join old_rows o on o.id = n.id
        where (n.title, n.number_first, n.number_second, n.scope_other, n.purpose, n.background, n.signing_place)
          is distinct from (o.title, o.number_first, o.number_second, o.scope_other, o.purpose, o.background, o.signing_place)));
      return null;
    end $fn$;
    create trigger agreements_search_update after update on agreements
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_search_agreements_changed();

    -- Partners, scopes and signatories: one trigger function per transition table name, shared by the tables.
    create function p2ma_search_links_new() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_agreement_search(array(select distinct agreement_id from new_rows));
      return null;
    end $fn$;
    create function p2ma_search_links_old() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_agreement_search(array(select distinct agreement_id from old_rows));
      return null;
    end $fn$;
    create trigger agreement_partners_search_insert after insert on agreement_partners
      referencing new table as new_rows for each statement execute function p2ma_search_links_new();
    create trigger agreement_partners_search_delete after delete on agreement_partners
      referencing old table as old_rows for each statement execute function p2ma_search_links_old();
    create trigger agreement_scopes_search_insert after insert on agreement_scopes
      referencing new table as new_rows for each statement execute function p2ma_search_links_new();
    create trigger agreement_scopes_search_delete after delete on agreement_scopes
      referencing old table as old_rows for each statement execute function p2ma_search_links_old();
    create trigger signatories_search_insert after insert on signatories
      referencing new table as new_rows for each statement execute function p2ma_search_links_new();
    create trigger signatories_search_update after update on signatories
      referencing new table as new_rows for each statement execute function p2ma_search_links_new();
    create trigger signatories_search_delete after delete on signatories
      referencing old table as old_rows for each statement execute function p2ma_search_links_old();

    -- A renamed partner (or scope) changes the search document of every agreement that names it.
    create function p2ma_search_partners_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_agreement_search(array(
        select distinct ap.agreement_id from agreement_partners ap
        join new_rows n on n.id = ap.partner_id join old_rows o on o.id = n.id
        where (n.name, n.search_name) is distinct from (o.name, o.search_name)));
      return null;
    end $fn$;
    create trigger partners_search_update after update on partners
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_search_partners_changed();

    create function p2ma_search_scopes_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_agreement_search(array(
        select distinct x.agreement_id from agreement_scopes x
        join new_rows n on n.code = x.scope_code join old_rows o on o.code = n.code where n.name is distinct from o.name));
      return null;
    end $fn$;
    create trigger scopes_search_update after update on scopes
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_search_scopes_changed();

    -- A new version supersedes the previous one; a deleted document leaves search (and its predecessor returns).
    create function p2ma_search_documents_changed() returns trigger language plpgsql as $fn$
    begin
      if p2ma_refresh_page_visibility(new.agreement_id) > 0 then
        perform p2ma_refresh_document_search(new.agreement_id);
      end if;
      return null;
    end $fn$;
    create trigger documents_search_insert after insert on documents for each row execute function p2ma_search_documents_changed();
    create trigger documents_search_delete after update of deleted_at on documents for each row
      when (old.deleted_at is distinct from new.deleted_at) execute function p2ma_search_documents_changed();

    select p2ma_refresh_agreement_search(array(select id from agreements));
  `.execute(db);
}
