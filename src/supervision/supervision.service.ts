import { authorize, inScope, scopePrefix, type Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, type FieldProblem } from '../http/errors.js';
import { todayIn } from '../shared/dates.js';
import { pick } from './answer-values.js';
import * as followupRepo from './followup.repository.js';
import { seesPlan, getManageablePlan, getVisiblePlan } from './supervision.access.js';
import { presentFollowup, presentPlan, presentSummary, type VisitCounts } from './supervision.presenter.js';
import type { PlanInput, PlanPatch, PlanStatus } from './supervision.schemas.js';
import * as repo from './supervision.repository.js';
import { currentTemplateId, getTemplate } from './template.repository.js';
import * as ws from './worksheet.repository.js';

type Src = { actor: Actor; ip: string | null };

/** One step forward, or back from "dilaporkan" to "berjalan" to correct the record. */
const NEXT: Record<PlanStatus, PlanStatus[]> = { direncanakan: ['berjalan'], berjalan: ['dilaporkan'], dilaporkan: ['ditutup', 'berjalan'], ditutup: [] };

export async function list(deps: AppDeps, actor: Actor, q: { status?: PlanStatus | undefined; year?: number | undefined }) {
  authorize(actor, 'supervision.read');
  const { db } = deps.database;
  const plans = await repo.listVisiblePlans(db, { all: actor.role === 'admin', userId: actor.userId, prefix: actor.unitPath }, q);
  const ids = plans.map((p) => p.id);
  const [visits, team, counts] = [await repo.visitsOf(db, ids), await repo.teamOf(db, ids), await followupRepo.followupCountsByPlan(db, ids, todayIn(deps.now()))];
  return plans.map((p) => presentSummary(p, visits, team, counts.find((c) => c.plan_id === p.id)));
}

export async function detail(deps: AppDeps, actor: Actor, id: string) {
  const { db } = deps.database;
  const vp = await getVisiblePlan(db, actor, id);
  const visitIds = vp.visits.map((v) => v.id);
  const [answers, assessments, unregistered, recommendations, fus] = [
    await ws.answersOf(db, visitIds),
    await ws.assessmentsOf(db, visitIds),
    await ws.unregisteredOf(db, visitIds),
    await repo.recommendationsOf(db, id),
    await followupRepo.followupsOfPlan(db, id),
  ];
  const counts = new Map<string, VisitCounts>();
  for (const v of vp.visits) {
    const inForce = await ws.agreementsForVisit(db, v, deps.config.expiryWindowDays);
    counts.set(v.id, {
      agreementsInForce: inForce.length,
      answered: new Set(answers.filter((a) => a.visit_id === v.id && a.agreement_id && a.value !== null).map((a) => a.agreement_id)).size,
      assessed: assessments.filter((a) => a.visit_id === v.id).length,
      unregistered: unregistered.filter((u) => u.visit_id === v.id).length,
    });
  }
  const evidence = await followupRepo.evidenceOf(db, fus.map((f) => f.id));
  const today = todayIn(deps.now());
  return presentPlan(vp.plan, {
    visits: vp.visits,
    team: vp.team,
    counts,
    recommendations,
    followups: fus.map((f) => presentFollowup(f, evidence, actor, today, vp.canManage)),
    canManage: vp.canManage,
    canRecord: vp.canRecord,
  });
}

export async function teamCandidates(deps: AppDeps, actor: Actor, q?: string) {
  authorize(actor, 'supervision.manage');
  const rows = await repo.teamCandidates(deps.database.db, scopePrefix(actor), q);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, role: r.role, unitName: r.unit_name }));
}

/** Names every problem of a plan's team, units and period; nothing is saved while any remain. */
async function checkPlan(deps: AppDeps, actor: Actor, p: { periodStart: string; periodEnd: string; team: PlanInput['team']; units: PlanInput['units'] }): Promise<FieldProblem[]> {
  const { db } = deps.database;
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message: pick(message, actor.locale) });
  if (p.periodEnd < p.periodStart) add('periodEnd', 'Akhir periode tidak boleh sebelum awal periode. || The period cannot end before it starts.');
  if (p.team.filter((m) => m.role === 'ketua').length !== 1) add('team', 'Tim memerlukan tepat satu ketua. || The team needs exactly one chair.');
  const userIds = p.team.map((m) => m.userId);
  if (new Set(userIds).size !== userIds.length) add('team', 'Anggota tim tercantum dua kali. || A team member is listed twice.');
  const users = await repo.usersByIds(db, [...new Set(userIds)]);
  p.team.forEach((m, i) => {
    const u = users.find((x) => x.id === m.userId);
    if (!u || u.disabled_at) add(`team.${i}.userId`, 'Pengguna tidak ditemukan atau nonaktif. || User not found or disabled.');
    else if (u.role === 'pimpinan') add(`team.${i}.userId`, 'Pimpinan membaca laporan, bukan anggota tim supervisi. || Leadership reads reports; it is not a supervision team member.');
  });
  const unitIds = p.units.map((u) => u.unitId);
  if (new Set(unitIds).size !== unitIds.length) add('units', 'Unit yang dikunjungi tercantum dua kali. || A visited unit is listed twice.');
  const units = await repo.unitsByIds(db, [...new Set(unitIds)]);
  p.units.forEach((u, i) => {
    const unit = units.find((x) => x.id === u.unitId);
    // A manager plans visits only inside their own subtree (the Biro: everywhere).
    if (!unit || !inScope(actor, unit.path)) add(`units.${i}.unitId`, 'Unit tidak ditemukan atau di luar cakupan Anda. || Unit not found or outside your scope.');
    if (u.visitDate < p.periodStart || u.visitDate > p.periodEnd) add(`units.${i}.visitDate`, 'Tanggal kunjungan harus di dalam periode supervisi. || The visit date must be within the supervision period.');
  });
  return problems;
}

export async function create(deps: AppDeps, src: Src, input: PlanInput): Promise<string> {
  authorize(src.actor, 'supervision.manage');
  const { db } = deps.database;
  const problems = await checkPlan(deps, src.actor, input);
  const templateId = input.templateId ?? (await currentTemplateId(db));
  if (!templateId || !(await getTemplate(db, templateId))) problems.push({ path: 'templateId', message: pick('Templat kuesioner tidak ditemukan. || Questionnaire template not found.', src.actor.locale) });
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  const now = deps.now();
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertPlan(tx, {
      title: input.title,
      basis: input.basis,
      purpose: input.purpose ?? null,
      scope_text: input.scopeText ?? null,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      region: input.region,
      province_code: input.provinceCode ?? null,
      template_id: templateId!,
      created_by: src.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceTeam(tx, id, input.team);
    for (const u of input.units) await repo.insertVisit(tx, { plan_id: id, unit_id: u.unitId, visit_date: u.visitDate, template_id: templateId! });
    await recordAudit(tx, src, { action: 'supervision.create', entityType: 'supervision', entityId: id, unitId: null, changes: { title: { from: null, to: input.title }, units: { from: null, to: input.units.map((u) => u.unitId) }, team: { from: null, to: input.team.map((m) => `${m.role}:${m.userId}`) } } }, now);
    return id;
  });
}

export async function update(deps: AppDeps, src: Src, id: string, patch: PlanPatch) {
  const { db } = deps.database;
  const vp = await getManageablePlan(db, src.actor, id);
  if (vp.plan.status === 'ditutup') throw new AppError('SUPERVISION_LOCKED', { status: vp.plan.status });
  const p = vp.plan;
  const merged = {
    periodStart: patch.periodStart ?? p.period_start,
    periodEnd: patch.periodEnd ?? p.period_end,
    team: patch.team ?? vp.team.map((m) => ({ userId: m.user_id, role: m.role, position: m.position })),
    units: patch.units ?? vp.visits.map((v) => ({ unitId: v.unit_id, visitDate: v.visit_date })),
  };
  const problems = await checkPlan(deps, src.actor, merged);
  // Units already visited stay: dropping one would silently lose its interviews and follow-ups.
  const dropped = vp.visits.filter((v) => !merged.units.some((u) => u.unitId === v.unit_id));
  for (const v of dropped) {
    if (await repo.visitHasData(db, v.id, id, v.unit_id)) problems.push({ path: 'units', message: pick(`${v.unit_name} sudah memiliki data supervisi dan tidak dapat dihapus dari rencana. || ${v.unit_name} already has supervision data and cannot be removed from the plan.`, src.actor.locale) });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  const values = {
    title: patch.title,
    basis: patch.basis,
    purpose: patch.purpose === undefined ? undefined : (patch.purpose ?? null),
    scope_text: patch.scopeText === undefined ? undefined : (patch.scopeText ?? null),
    period_start: patch.periodStart,
    period_end: patch.periodEnd,
    region: patch.region,
    province_code: patch.provinceCode === undefined ? undefined : (patch.provinceCode ?? null),
  };
  const changes: Record<string, unknown> = diff(p as unknown as Record<string, unknown>, values);
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await repo.updatePlan(tx, id, { ...values, updated_at: now });
    if (patch.team) {
      await repo.replaceTeam(tx, id, patch.team);
      changes.team = { from: vp.team.map((m) => `${m.role}:${m.user_id}`), to: patch.team.map((m) => `${m.role}:${m.userId}`) };
    }
    if (patch.units) {
      for (const v of dropped) await repo.deleteVisit(tx, v.id);
      for (const u of patch.units) {
        const existing = vp.visits.find((v) => v.unit_id === u.unitId);
        if (!existing) await repo.insertVisit(tx, { plan_id: id, unit_id: u.unitId, visit_date: u.visitDate, template_id: p.template_id });
        else if (existing.visit_date !== u.visitDate) await repo.updateVisitDate(tx, existing.id, u.visitDate);
      }
      changes.units = { from: vp.visits.map((v) => `${v.unit_id}@${v.visit_date}`), to: patch.units.map((u) => `${u.unitId}@${u.visitDate}`) };
    }
    await recordAudit(tx, src, { action: 'supervision.update', entityType: 'supervision', entityId: id, unitId: null, changes }, now);
  });
}

export async function changeStatus(deps: AppDeps, src: Src, id: string, to: PlanStatus) {
  const { db } = deps.database;
  const vp = await getManageablePlan(db, src.actor, id);
  const from = vp.plan.status;
  if (!NEXT[from].includes(to)) throw new AppError('SUPERVISION_STATUS', { from, to });
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    const stamp = to === 'dilaporkan' ? { reported_at: now } : to === 'ditutup' ? { closed_at: now } : to === 'berjalan' ? { reported_at: null } : {};
    if (!(await repo.setStatus(tx, id, from, { status: to, updated_at: now, ...stamp }))) throw new AppError('CONFLICT');
    await recordAudit(tx, src, { action: 'supervision.status', entityType: 'supervision', entityId: id, unitId: null, changes: { status: { from, to } } }, now);
  });
}

export { seesPlan };
