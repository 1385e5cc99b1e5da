import { authorize, mayDo, type Actor } from '../access/access.js';
import type { Executor } from '../db/database.js';
import { AppError } from '../http/errors.js';
import * as repo from './supervision.repository.js';

/**
 * A plan is visible to admins, to its team, and to users whose subtree contains a visited unit (the Biro: all;
 * a Kanwil: plans visiting its UPTs; a UPT: plans visiting it). Anyone else gets "not found".
 */
export function seesPlan(actor: Actor, team: { user_id: string }[], visits: { unit_path: string }[]): boolean {
  if (actor.role === 'admin') return true;
  if (team.some((m) => m.user_id === actor.userId)) return true;
  return visits.some((v) => v.unit_path.startsWith(actor.unitPath));
}

export interface VisiblePlan {
  plan: repo.PlanRow;
  visits: repo.VisitRow[];
  team: repo.TeamRow[];
  onTeam: boolean;
  canManage: boolean;
  canRecord: boolean;
}

export async function getVisiblePlan(db: Executor, actor: Actor, id: string): Promise<VisiblePlan> {
  const unsafePlan = await repo.getPlan(db, id);
  if (!unsafePlan) throw new AppError('NOT_FOUND');
  const [visits, team] = await Promise.all([repo.visitsOf(db, [id]), repo.teamOf(db, [id])]);
  if (!mayDo(actor, 'supervision.read') || !seesPlan(actor, team, visits)) throw new AppError('NOT_FOUND');
  const onTeam = team.some((m) => m.user_id === actor.userId);
  const admin = actor.role === 'admin';
  return {
    plan: unsafePlan,
    visits,
    team,
    onTeam,
    // Managers change a plan they are on or made; recording is the team's own work.
    canManage: mayDo(actor, 'supervision.manage') && (admin || onTeam || unsafePlan.created_by === actor.userId),
    canRecord: mayDo(actor, 'supervision.record') && (admin || onTeam),
  };
}

export async function getManageablePlan(db: Executor, actor: Actor, id: string): Promise<VisiblePlan> {
  const v = await getVisiblePlan(db, actor, id);
  authorize(actor, 'supervision.manage');
  if (!v.canManage) throw new AppError('FORBIDDEN');
  return v;
}

export async function getRecordablePlan(db: Executor, actor: Actor, id: string): Promise<VisiblePlan> {
  const v = await getVisiblePlan(db, actor, id);
  authorize(actor, 'supervision.record');
  if (!v.canRecord) throw new AppError('FORBIDDEN');
  if (v.plan.status === 'dilaporkan' || v.plan.status === 'ditutup') throw new AppError('SUPERVISION_LOCKED', { status: v.plan.status });
  return v;
}
