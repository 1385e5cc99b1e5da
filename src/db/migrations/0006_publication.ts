import { sql, type Kysely } from 'kysely';

/**
 * The public portal. Its search needs vectors of the PUBLIC fields only (agreement_search also holds the
 * background, an internal field) and of the public copies' text only (agreement_texts holds the originals'
 * text too), so it keeps its own, maintained by triggers like 0004's: every writer keeps it right without
 * knowing about it. Plus partial indexes over the published set, which is all the portal ever reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agreement_public_search (
      agreement_id uuid primary key references agreements(id) on delete cascade,
      -- A: title and numbers · B: partners · C: scopes, purpose, signatories (names and positions)
      meta_tsv tsvector not null,
      -- the current public copy's pages (salinan_publik), never an original's
      doc_tsv tsvector
    );
    create index agreement_public_search_meta_idx on agreement_public_search using gin (meta_tsv);
    create index agreement_public_search_doc_idx on agreement_public_search using gin (doc_tsv);

    create function p2ma_refresh_public_meta(ids uuid[]) returns void language sql as $fn$
      insert into agreement_public_search as s (agreement_id, meta_tsv)
      select a.id,
        setweight(to_tsvector('p2ma_id', concat_ws(' ', a.title, a.number_first, a.number_second,
          regexp_replace(concat_ws(' ', a.number_first, a.number_second), '[^[:alnum:]]+', ' ', 'g'))), 'A')
        || setweight(to_tsvector('p2ma_id', coalesce(pn.names, '')), 'B')
        || setweight(to_tsvector('p2ma_id', concat_ws(' ', sc.names, a.scope_other, a.purpose, sg.names)), 'C')
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
      on conflict (agreement_id) do update set meta_tsv = excluded.meta_tsv
    $fn$;

    -- A huge public copy falls back to its words without positions, or beyond even that to none (a tsvector
    -- holds at most 1 MB), as p2ma_refresh_document_search does.
    create function p2ma_refresh_public_doc(ids uuid[]) returns void language plpgsql as $fn$
    declare
      agreement uuid;
      v tsvector;
    begin
      foreach agreement in array ids loop
        begin
          select p2ma_tsvector_agg(p.tsv order by p.document_id, p.page) into v
          from document_pages p join documents d on d.id = p.document_id
          where p.agreement_id = agreement and p.searchable and d.role = 'salinan_publik' and d.deleted_at is null;
        exception when program_limit_exceeded then
          begin
            select p2ma_tsvector_agg(strip(p.tsv)) into v
            from document_pages p join documents d on d.id = p.document_id
            where p.agreement_id = agreement and p.searchable and d.role = 'salinan_publik' and d.deleted_at is null;
          exception when program_limit_exceeded then
            v := null;
          end;
        end;
        update agreement_public_search set doc_tsv = nullif(v, ''::tsvector) where agreement_id = agreement;
      end loop;
    end $fn$;

    create function p2ma_public_agreements_new() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_meta(array(select id from new_rows));
      return null;
    end $fn$;
    create trigger agreements_public_search_insert after insert on agreements
      referencing new table as new_rows for each statement execute function p2ma_public_agreements_new();

    create function p2ma_public_agreements_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_meta(array(
        select n.id from new_rows n join old_rows o on o.id = n.id
        where (n.title, n.number_first, n.number_second, n.scope_other, n.purpose)
          is distinct from (o.title, o.number_first, o.number_second, o.scope_other, o.purpose)));
      return null;
    end $fn$;
    create trigger agreements_public_search_update after update on agreements
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_public_agreements_changed();

    create function p2ma_public_links_new() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_meta(array(select distinct agreement_id from new_rows));
      return null;
    end $fn$;
    create function p2ma_public_links_old() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_meta(array(select distinct agreement_id from old_rows));
      return null;
    end $fn$;
    create trigger agreement_partners_public_insert after insert on agreement_partners
      referencing new table as new_rows for each statement execute function p2ma_public_links_new();
    create trigger agreement_partners_public_delete after delete on agreement_partners
      referencing old table as old_rows for each statement execute function p2ma_public_links_old();
    create trigger agreement_scopes_public_insert after insert on agreement_scopes
      referencing new table as new_rows for each statement execute function p2ma_public_links_new();
    create trigger agreement_scopes_public_delete after delete on agreement_scopes
      referencing old table as old_rows for each statement execute function p2ma_public_links_old();
    create trigger signatories_public_insert after insert on signatories
      referencing new table as new_rows for each statement execute function p2ma_public_links_new();
    create trigger signatories_public_update after update on signatories
      referencing new table as new_rows for each statement execute function p2ma_public_links_new();
    create trigger signatories_public_delete after delete on signatories
      referencing old table as old_rows for each statement execute function p2ma_public_links_old();

    create function p2ma_public_partners_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_meta(array(
        select distinct ap.agreement_id from agreement_partners ap
        join new_rows n on n.id = ap.partner_id join old_rows o on o.id = n.id where n.name is distinct from o.name));
      return null;
    end $fn$;
    create trigger partners_public_search_update after update on partners
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_public_partners_changed();

    create function p2ma_public_scopes_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_meta(array(
        select distinct x.agreement_id from agreement_scopes x
        join new_rows n on n.code = x.scope_code join old_rows o on o.code = n.code where n.name is distinct from o.name));
      return null;
    end $fn$;
    create trigger scopes_public_search_update after update on scopes
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_public_scopes_changed();

    -- Pages arrive (extraction), become current or superseded (p2ma_refresh_page_visibility) and go.
    create function p2ma_public_pages_new() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_doc(array(select distinct agreement_id from new_rows));
      return null;
    end $fn$;
    create function p2ma_public_pages_old() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_refresh_public_doc(array(select distinct agreement_id from old_rows));
      return null;
    end $fn$;
    create trigger document_pages_public_insert after insert on document_pages
      referencing new table as new_rows for each statement execute function p2ma_public_pages_new();
    create trigger document_pages_public_update after update on document_pages
      referencing new table as new_rows for each statement execute function p2ma_public_pages_new();
    create trigger document_pages_public_delete after delete on document_pages
      referencing old table as old_rows for each statement execute function p2ma_public_pages_old();

    select p2ma_refresh_public_meta(array(select id from agreements));
    select p2ma_refresh_public_doc(array(select distinct agreement_id from document_pages));

    -- The published set (workflow_state, confidentiality, deleted_at: the condition of publication.repository.ts),
    -- newest publication first (lists, feeds) and in keyset order for the streamed downloads.
    create index agreements_published_idx on agreements(published_at, id)
      where workflow_state = 'diterbitkan' and confidentiality = 'public' and deleted_at is null;
    create index agreements_published_unit_idx on agreements(unit_id)
      where workflow_state = 'diterbitkan' and confidentiality = 'public' and deleted_at is null;
  `.execute(db);
}
