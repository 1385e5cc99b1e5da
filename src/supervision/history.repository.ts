import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** Every visit that recorded something on an agreement, newest first, with the team's assessment. */
export function supervisionsOfAgreement(db: Executor, agreementId: string) {
  return db
    .selectFrom('supervision_visits as v')
    .innerJoin('supervision_plans as p', 'p.id', 'v.plan_id')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .leftJoin('supervision_assessments as s', (j) => j.onRef('s.visit_id', '=', 'v.id').on('s.agreement_id', '=', agreementId))
    .select(['p.id as plan_id', 'p.title as plan_title', 'p.status as plan_status', 'v.id as visit_id', 'v.visit_date', 'u.name as unit_name', 's.benefits_unit', 's.mutual', 's.recommendation', 's.note', 's.revision'])
    .where((eb) =>
      eb.or([
        eb('s.agreement_id', 'is not', null),
        eb.exists(eb.selectFrom('supervision_answers as a').select(sql`1`.as('one')).whereRef('a.visit_id', '=', 'v.id').where('a.agreement_id', '=', agreementId)),
      ]),
    )
    .orderBy('v.visit_date', 'desc')
    .execute();
}

export function ratingsOfAgreement(db: Executor, agreementId: string, visitIds: string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_answers as a')
    .innerJoin('supervision_questions as q', 'q.id', 'a.question_id')
    .select(['a.visit_id', 'q.code', 'q.label', 'q.position', 'a.value'])
    .where('a.agreement_id', '=', agreementId)
    .where('a.visit_id', 'in', visitIds)
    .where('q.type', '=', 'scale')
    .orderBy('q.position')
    .execute();
}

/** Supervision figures for one subtree (`prefix`) and year: the monitoring overview's supervision section. */
export async function supervisionFigures(db: Executor, prefix: string, year: number, today: string) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const inSubtree = sql<boolean>`u.path like ${`${prefix}%`}`;
  const plans = await db
    .selectFrom('supervision_plans as p')
    .select(['p.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.period_start', '<=', to)
    .where('p.period_end', '>=', from)
    .where((eb) => eb.exists(eb.selectFrom('supervision_visits as v').innerJoin('units as u', 'u.id', 'v.unit_id').select(sql`1`.as('one')).whereRef('v.plan_id', '=', 'p.id').where(inSubtree)))
    .groupBy('p.status')
    .execute();
  // Supervised: a visit this year that has happened, in a plan that is under way or done.
  const units = await db
    .selectFrom('supervision_visits as v')
    .innerJoin('supervision_plans as p', 'p.id', 'v.plan_id')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['u.id', 'u.name', (eb) => eb.fn.max<string>('v.visit_date').as('last_visit')])
    .where(inSubtree)
    .where('v.visit_date', '>=', from)
    .where('v.visit_date', '<=', to)
    .where('v.visit_date', '<=', today)
    .where('p.status', '<>', 'direncanakan')
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.name')
    .execute();
  const assessed = await db
    .selectFrom('supervision_assessments as s')
    .innerJoin('supervision_visits as v', 'v.id', 's.visit_id')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where s.benefits_unit is true)::int`.as('beneficial'),
      sql<number>`count(*) filter (where s.benefits_unit is false)::int`.as('not_beneficial'),
      sql<number>`count(*) filter (where s.mutual is true)::int`.as('mutual'),
      sql<number>`count(*) filter (where s.recommendation = 'lanjutkan')::int`.as('lanjutkan'),
      sql<number>`count(*) filter (where s.recommendation = 'perbaiki')::int`.as('perbaiki'),
      sql<number>`count(*) filter (where s.recommendation = 'perpanjang')::int`.as('perpanjang'),
      sql<number>`count(*) filter (where s.recommendation = 'hentikan')::int`.as('hentikan'),
    ])
    .where(inSubtree)
    .where('v.visit_date', '>=', from)
    .where('v.visit_date', '<=', to)
    .executeTakeFirstOrThrow();
  const followups = await db
    .selectFrom('supervision_followups as f')
    .innerJoin('supervision_plans as p', 'p.id', 'f.plan_id')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .select([
      sql<number>`count(*) filter (where f.status = 'open')::int`.as('open'),
      sql<number>`count(*) filter (where f.status = 'in_progress')::int`.as('in_progress'),
      sql<number>`count(*) filter (where f.status = 'done')::int`.as('done'),
      sql<number>`count(*) filter (where f.status <> 'done' and f.due_date < ${today}::date)::int`.as('overdue'),
    ])
    .where(inSubtree)
    .where('p.period_start', '<=', to)
    .where('p.period_end', '>=', from)
    .executeTakeFirstOrThrow();
  return { plans, units, assessed, followups };
}
