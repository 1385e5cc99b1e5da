import { sql } from 'kysely';
import { inScope, type Actor } from '../access/access.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { addDays, todayIn } from '../shared/dates.js';
import { getUnit } from '../units/unit.repository.js';

export type ComplianceType = 'no_signed_copy' | 'waiting_too_long' | 'ending_no_decision' | 'no_report_this_year';

/**
 * The Kanwil's worklist: what its units still owe. Each line names the unit and, where there is one,
 * the agreement, so the web app can link to the place to act.
 */
export async function complianceLines(deps: AppDeps, actor: Actor, unitId?: string) {
  const { db } = deps.database;
  const base = await getUnit(db, unitId ?? actor.unitId);
  if (!base || !inScope(actor, base.path)) throw new AppError('NOT_FOUND');
  const today = todayIn(deps.now());
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const stale = addDays(today, -deps.config.submissionStaleDays);
  const rows = await sql<{ type: ComplianceType; unit_id: string; unit_name: string; agreement_id: string | null; title: string | null; end_date: string | null; since: Date | null }>`
    with live as (
      select a.*, u.name as unit_name from agreements a join units u on u.id = a.unit_id
      where a.deleted_at is null and u.path like ${`${base.path}%`}
    )
    select 'no_signed_copy' as type, unit_id, unit_name, id as agreement_id, title, end_date, null::timestamptz as since from live
      where signing_date is not null and not exists (select 1 from documents d where d.agreement_id = live.id and d.role = 'naskah_ttd' and d.deleted_at is null)
    union all
    select 'waiting_too_long', unit_id, unit_name, id, title, end_date, workflow_changed_at from live
      where workflow_state = 'diajukan' and workflow_changed_at < ${stale}::date
    union all
    select 'ending_no_decision', unit_id, unit_name, id, title, end_date, null from live
      where signing_date is not null and terminated_on is null and end_date between ${today}::date and ${today}::date + ${deps.config.expiryWindowDays}::int
        and not exists (select 1 from agreements r where r.renews_id = live.id and r.deleted_at is null)
    union all
    select 'no_report_this_year', unit_id, unit_name, id, title, end_date, null from live
      where signing_date is not null and terminated_on is null and (end_date is null or end_date >= ${yearStart}::date) and signing_date < ${today}::date
        and not exists (select 1 from reports r where r.agreement_id = live.id and r.deleted_at is null and r.period_end >= ${yearStart}::date)
    order by 1, 3, 5
    limit 2000`.execute(db);
  return rows.rows.map((r) => ({
    type: r.type,
    unit: { id: r.unit_id, name: r.unit_name },
    agreement: r.agreement_id ? { id: r.agreement_id, title: r.title ?? '' } : null,
    endDate: r.end_date,
    ageDays: r.since ? Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${todayIn(r.since)}T00:00:00Z`)) / 86_400_000) : null,
  }));
}
