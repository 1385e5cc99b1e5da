import { sql, type Kysely } from 'kysely';

/**
 * The public portal's cache key. `publication_state.version` changes in the same transaction as anything a public
 * page or open-data answer shows: a published (or formerly published) agreement, its partners, scopes and
 * signatories, a public copy and its pages, the units, partners and managed lists. The portal keeps rendered
 * answers in memory tagged with the version they were made at and reads the version before answering
 * (src/publication/page-cache.ts), so a withdrawn agreement is never served from the cache once the withdrawal
 * has committed.
 *
 * The bump is a DEFERRED constraint trigger: it runs at commit, once per transaction (a transaction-local flag
 * skips the later events), so the single row is locked only for the instant before the commit. An immediate
 * trigger would hold that lock for the writer's whole transaction, serialise every writer behind it and could
 * deadlock two writers that touch agreements in different orders.
 *
 * Also `agreement_public_search.published`: whether the agreement meets the publication rule, kept by triggers, with
 * GIN indexes over the published rows only. A broad search then ranks and counts its matches on this one table
 * instead of joining all published agreements first; the rows it shows are still read through `published()`
 * (publication.repository.ts), so a wrong flag could only miscount, never show an unpublished agreement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table publication_state (
      one boolean primary key default true check (one),
      version bigint not null
    );
    insert into publication_state (one, version) values (true, 1);

    create function p2ma_publication_touch() returns void language plpgsql as $fn$
    begin
      if current_setting('p2ma.publication_bumped', true) is distinct from 'on' then
        perform set_config('p2ma.publication_bumped', 'on', true);
        -- A random value, not a counter: only equality matters, and a restored backup (or a database recreated
        -- under a running process) must not bring back a number that a kept answer already carries.
        update publication_state set version = floor(random() * 9007199254740991)::bigint;
      end if;
    end $fn$;
    create function p2ma_publication_bump() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_publication_touch();
      return null;
    end $fn$;

    -- Links and pages count when, at commit, their agreement is published or their document is a public copy
    -- (an agreement published or withdrawn in the same transaction bumps through its own trigger).
    create function p2ma_publication_bump_linked() returns trigger language plpgsql as $fn$
    declare
      agreement uuid := case when tg_op = 'DELETE' then old.agreement_id else new.agreement_id end;
    begin
      if exists (select 1 from agreements a where a.id = agreement and a.workflow_state = 'diterbitkan') then
        perform p2ma_publication_touch();
      end if;
      return null;
    end $fn$;
    create function p2ma_publication_bump_page() returns trigger language plpgsql as $fn$
    declare
      doc uuid := case when tg_op = 'DELETE' then old.document_id else new.document_id end;
    begin
      if exists (select 1 from documents d where d.id = doc and d.role = 'salinan_publik') then
        perform p2ma_publication_touch();
      end if;
      return null;
    end $fn$;

    create constraint trigger agreements_publication_insert after insert on agreements deferrable initially deferred
      for each row when (new.workflow_state = 'diterbitkan') execute function p2ma_publication_bump();
    create constraint trigger agreements_publication_update after update on agreements deferrable initially deferred
      for each row when (old.workflow_state = 'diterbitkan' or new.workflow_state = 'diterbitkan') execute function p2ma_publication_bump();
    create constraint trigger agreements_publication_delete after delete on agreements deferrable initially deferred
      for each row when (old.workflow_state = 'diterbitkan') execute function p2ma_publication_bump();

    create constraint trigger documents_publication_insert after insert on documents deferrable initially deferred
      for each row when (new.role = 'salinan_publik') execute function p2ma_publication_bump();
    create constraint trigger documents_publication_update after update on documents deferrable initially deferred
      for each row when (old.role = 'salinan_publik' or new.role = 'salinan_publik') execute function p2ma_publication_bump();
    create constraint trigger documents_publication_delete after delete on documents deferrable initially deferred
      for each row when (old.role = 'salinan_publik') execute function p2ma_publication_bump();
  `.execute(db);

  await sql`
    alter table agreement_public_search add column published boolean not null default false;
    create function p2ma_public_visible(ids uuid[]) returns void language sql as $fn$
      update agreement_public_search s
      set published = (a.workflow_state = 'diterbitkan' and a.confidentiality = 'public' and a.deleted_at is null and a.published_at is not null)
      from agreements a
      where a.id = s.agreement_id and a.id = any(ids)
        and s.published is distinct from (a.workflow_state = 'diterbitkan' and a.confidentiality = 'public' and a.deleted_at is null and a.published_at is not null)
    $fn$;
    -- Named to run after agreements_public_search_insert (triggers fire in name order), which makes the row.
    create function p2ma_public_visible_new() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_public_visible(array(select id from new_rows));
      return null;
    end $fn$;
    create trigger agreements_public_visible_insert after insert on agreements
      referencing new table as new_rows for each statement execute function p2ma_public_visible_new();
    create function p2ma_public_visible_changed() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_public_visible(array(
        select n.id from new_rows n join old_rows o on o.id = n.id
        where (n.workflow_state, n.confidentiality, n.deleted_at, n.published_at) is distinct from (o.workflow_state, o.confidentiality, o.deleted_at, o.published_at)));
      return null;
    end $fn$;
    create trigger agreements_public_visible_update after update on agreements
      referencing old table as old_rows new table as new_rows for each statement execute function p2ma_public_visible_changed();
    select p2ma_public_visible(array(select id from agreements));
    create index agreement_public_search_published_meta_idx on agreement_public_search using gin (meta_tsv) where published;
    create index agreement_public_search_published_doc_idx on agreement_public_search using gin (doc_tsv) where published;
  `.execute(db);

  for (const table of ['agreement_partners', 'agreement_scopes', 'signatories']) {
    await sql`create constraint trigger ${sql.raw(`${table}_publication`)} after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function p2ma_publication_bump_linked()`.execute(db);
  }
  await sql`create constraint trigger document_pages_publication after insert or update or delete on document_pages
    deferrable initially deferred for each row execute function p2ma_publication_bump_page()`.execute(db);
  // Names, places in the tree and the managed lists show on every page (rows, filters, figures); they change rarely.
  for (const table of ['units', 'partners', 'agreement_kinds', 'partner_categories', 'scopes']) {
    await sql`create constraint trigger ${sql.raw(`${table}_publication`)} after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function p2ma_publication_bump()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists agreements_public_visible_insert on agreements; drop trigger if exists agreements_public_visible_update on agreements;
    drop function if exists p2ma_public_visible_new(); drop function if exists p2ma_public_visible_changed(); drop function if exists p2ma_public_visible(uuid[]);
    alter table agreement_public_search drop column if exists published`.execute(db);
  for (const table of ['agreements_publication_insert', 'agreements_publication_update', 'agreements_publication_delete']) await sql`drop trigger if exists ${sql.raw(table)} on agreements`.execute(db);
  for (const table of ['documents_publication_insert', 'documents_publication_update', 'documents_publication_delete']) await sql`drop trigger if exists ${sql.raw(table)} on documents`.execute(db);
  for (const table of ['agreement_partners', 'agreement_scopes', 'signatories', 'document_pages', 'units', 'partners', 'agreement_kinds', 'partner_categories', 'scopes']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_publication`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists p2ma_publication_bump_linked(); drop function if exists p2ma_publication_bump_page(); drop function if exists p2ma_publication_bump(); drop function if exists p2ma_publication_touch(); drop table if exists publication_state`.execute(db);
}
