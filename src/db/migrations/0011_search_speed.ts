import { sql, type Kysely } from 'kysely';

/**
 * Search speed (issue 4). Each new agreement rewrote its search row once per statement that touched it (the
 * agreement, then its partners, scopes, signatories): at 100,000 agreements the table held ~2.5× its live size,
 * and every search read the dead rows too. The triggers of 0004 now only note which agreements changed; one
 * deferred trigger writes their search rows once, when the transaction commits. Within the writing transaction
 * the search row is therefore not yet current (no code searches inside a write). CLUSTER rewrites the table
 * once without the dead rows of the past.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter function p2ma_refresh_agreement_search(uuid[]) rename to p2ma_write_agreement_search;

    -- Agreements whose search row the current transaction must write (never holds committed rows).
    create table agreement_search_pending (agreement_id uuid not null);
    -- One row per transaction with pending agreements: its deferred trigger writes them at commit.
    create table agreement_search_flush (queued_at timestamptz not null default now());

    create function p2ma_refresh_agreement_search(ids uuid[]) returns void language plpgsql as $fn$
    begin
      if coalesce(cardinality(ids), 0) = 0 then return; end if;
      insert into agreement_search_pending (agreement_id) select distinct u from unnest(ids) u where u is not null;
      -- a transaction-local flag (rolled back with a savepoint, like the rows), so the flush is queued once
      if current_setting('p2ma.search_flush_queued', true) is distinct from 'on' then
        perform set_config('p2ma.search_flush_queued', 'on', true);
        insert into agreement_search_flush default values;
      end if;
    end $fn$;

    create function p2ma_flush_agreement_search() returns trigger language plpgsql as $fn$
    begin
      perform p2ma_write_agreement_search(array(select distinct agreement_id from agreement_search_pending));
      delete from agreement_search_pending;
      delete from agreement_search_flush;
      perform set_config('p2ma.search_flush_queued', 'off', true);
      return null;
    end $fn$;
    create constraint trigger agreement_search_flush_at_commit after insert on agreement_search_flush
      deferrable initially deferred for each row execute function p2ma_flush_agreement_search();

    cluster agreement_search using agreement_search_pkey;
    analyze agreement_search;
  `.execute(db);
}
