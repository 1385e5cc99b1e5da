import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the register list, its count, the monitoring overview and search at 100,000 agreements
 * (see "Performance" in docs/architecture.md).
 *
 * The register's filters and the overview read a handful of narrow columns of every matching agreement. The
 * agreement rows are wide (~300 bytes), so any filter matching a quarter of the register read every heap page.
 * Covering indexes hold exactly the columns those queries read, so PostgreSQL answers them with index-only
 * scans over a few hundred pages. Index-only scans need the visibility map: PostgreSQL's autovacuum keeps it;
 * PGlite has no autovacuum, so `refreshStatistics` (src/db/statistics.ts) vacuums and analyses there.
 *
 * The status filters compare `coalesce(end_date, 'infinity')` (no end date = never ends), so every status
 * is one range over one index key instead of an OR that forces a bitmap scan of the heap.
 *
 * The monitoring overview keeps each unit's figures for a day (`monitoring_unit_figures`) with the unit's
 * register version at the time; statement triggers bump a unit's version whenever anything its figures depend
 * on changes (its agreements, a renewal pointing at them, their signed copies, reports, partners or a partner's
 * category). A figure whose version is not the current one is never used: the overview recomputes only the
 * units that changed, and everything once a day (statuses move with the date).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Status, "ends within" and the overview, for the whole register (the Biro's scope).
    create index agreements_live_end_cover on agreements ((coalesce(end_date, 'infinity'::date)))
      include (id, unit_id, kind_code, signing_date, end_date, terminated_on, created_at, workflow_state)
      where deleted_at is null;
    -- The same for one subtree (a Kanwil's or a UPT's units): a range per unit.
    create index agreements_live_unit_cover on agreements (unit_id, (coalesce(end_date, 'infinity'::date)))
      include (id, kind_code, signing_date, end_date, terminated_on, created_at, workflow_state)
      where deleted_at is null;
    -- Signing year, and the list's default order (newest signed first, then id): a page of a broad filter is
    -- the first matches along this index, not a sort of every match.
    create index agreements_live_signing_cover on agreements (signing_date desc nulls last, id)
      include (unit_id, kind_code, end_date, terminated_on, created_at, workflow_state)
      where deleted_at is null;

    -- "Has a partner of category X" and "has scope X" as index-only semi-joins.
    create index agreement_partners_partner_cover on agreement_partners (partner_id, agreement_id);
    drop index agreement_partners_partner_idx;
    create index partners_category_cover on partners (category_code, id);
    create index agreement_scopes_scope_cover on agreement_scopes (scope_code, agreement_id);
    drop index agreement_scopes_scope_idx;

    -- "Has a live signed copy" (list column, overview, the no-signed-document filter).
    create index documents_signed_live_idx on documents (agreement_id) where role = 'naskah_ttd' and deleted_at is null;
    -- PNBP and beneficiaries per year without reading report rows.
    create index reports_live_cover on reports (agreement_id) include (period_end, pnbp_amount, beneficiaries) where deleted_at is null;

    create table register_unit_versions (
      unit_id uuid primary key references units(id) on delete cascade,
      version bigint not null default 0
    );
    create table monitoring_unit_figures (
      unit_id uuid primary key references units(id) on delete cascade,
      -- the unit's register version the figures were computed from, and for which day and expiry window
      version bigint not null,
      day date not null,
      window_days integer not null,
      figures jsonb not null,
      computed_at timestamptz not null default now()
    );

    -- Ordered, so two writers touching the same units lock their version rows in the same order.
    create function p2ma_touch_units(ids uuid[]) returns void language sql as $fn$
      insert into register_unit_versions as v (unit_id, version)
      select u, 1 from (select distinct u from unnest(ids) as u where u is not null order by u) x
      on conflict (unit_id) do update set version = v.version + 1
    $fn$;

    -- One function for every table and event; each branch reads only the transition tables its event has.
    create function p2ma_register_changed() returns trigger language plpgsql as $fn$
    declare
      agreement_ids uuid[];
      unit_ids uuid[] := '{}';
    begin
      if TG_TABLE_NAME = 'agreements' then
        -- the rows' units, and the units of the agreements they renew (a renewal changes that one's status)
        if TG_OP in ('INSERT', 'UPDATE') then
          unit_ids := unit_ids || array(select unit_id from new_rows) || array(select a.unit_id from agreements a where a.id in (select renews_id from new_rows));
        end if;
        if TG_OP in ('UPDATE', 'DELETE') then
          unit_ids := unit_ids || array(select unit_id from old_rows) || array(select a.unit_id from agreements a where a.id in (select renews_id from old_rows));
        end if;
      elsif TG_TABLE_NAME = 'partners' then
        unit_ids := array(
          select a.unit_id from new_rows n join old_rows o on o.id = n.id
          join agreement_partners ap on ap.partner_id = n.id join agreements a on a.id = ap.agreement_id
          where n.category_code is distinct from o.category_code);
      else
        -- documents, reports, agreement_partners: the unit of the agreement they belong to
        agreement_ids := '{}';
        if TG_OP in ('INSERT', 'UPDATE') then agreement_ids := agreement_ids || array(select agreement_id from new_rows); end if;
        if TG_OP in ('UPDATE', 'DELETE') then agreement_ids := agreement_ids || array(select agreement_id from old_rows); end if;
        unit_ids := array(select a.unit_id from agreements a where a.id = any(agreement_ids));
      end if;
      if cardinality(unit_ids) > 0 then
        perform p2ma_touch_units(unit_ids);
      end if;
      return null;
    end $fn$;

    create trigger agreements_register_insert after insert on agreements referencing new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger agreements_register_update after update on agreements referencing old table as old_rows new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger agreements_register_delete after delete on agreements referencing old table as old_rows for each statement execute function p2ma_register_changed();
    create trigger documents_register_insert after insert on documents referencing new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger documents_register_update after update on documents referencing old table as old_rows new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger documents_register_delete after delete on documents referencing old table as old_rows for each statement execute function p2ma_register_changed();
    create trigger reports_register_insert after insert on reports referencing new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger reports_register_update after update on reports referencing old table as old_rows new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger reports_register_delete after delete on reports referencing old table as old_rows for each statement execute function p2ma_register_changed();
    create trigger agreement_partners_register_insert after insert on agreement_partners referencing new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger agreement_partners_register_update after update on agreement_partners referencing old table as old_rows new table as new_rows for each statement execute function p2ma_register_changed();
    create trigger agreement_partners_register_delete after delete on agreement_partners referencing old table as old_rows for each statement execute function p2ma_register_changed();
    create trigger partners_register_update after update on partners referencing old table as old_rows new table as new_rows for each statement execute function p2ma_register_changed();
  `.execute(db);
}
