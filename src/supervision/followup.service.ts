import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { authorize, inScope, mayDo, type Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { todayIn } from '../shared/dates.js';
import { getUnit } from '../units/unit.repository.js';
import { pick } from './answer-values.js';
import { storeUpload } from './files.js';
import { notifyFollowupAnswered, notifyFollowupCreated } from './followup-notify.js';
import * as repo from './followup.repository.js';
import { getManageablePlan, getVisiblePlan, type VisiblePlan } from './supervision.access.js';
import { presentFollowup, presentRecommendation } from './supervision.presenter.js';
import type { followupInput, followupPatch, followupResponse, recommendationInput, recommendationPatch } from './supervision.schemas.js';
import * as planRepo from './supervision.repository.js';

type Src = { actor: Actor; ip: string | null };
interface Upload {
  stream: Readable;
  filename?: string | undefined;
  truncated?: () => boolean;
}

function assertUnitInPlan(vp: VisiblePlan, unitId: string | null | undefined, actor: Actor) {
  if (unitId && !vp.visits.some((v) => v.unit_id === unitId)) {
    throw new AppError('FOLLOWUP_UNIT_NOT_IN_PLAN', {}, [{ path: 'unitId', message: pick('Unit tidak dikunjungi dalam rencana ini. || The unit is not visited in this plan.', actor.locale) }]);
  }
}

// ---------- recommendations ----------

export async function addRecommendation(deps: AppDeps, src: Src, planId: string, input: z.infer<typeof recommendationInput>) {
  const { db } = deps.database;
  const vp = await getManageablePlan(db, src.actor, planId);
  assertUnitInPlan(vp, input.unitId, src.actor);
  const now = deps.now();
  const id = await db.transaction().execute(async (tx) => {
    const id = await planRepo.insertRecommendation(tx, { plan_id: planId, unit_id: input.unitId, text: input.text, created_by: src.actor.userId, created_at: now, updated_at: now });
    await recordAudit(tx, src, { action: 'recommendation.create', entityType: 'supervision', entityId: planId, unitId: input.unitId, changes: { recommendation: { from: null, to: input.text }, unit_id: { from: null, to: input.unitId } } }, now);
    return id;
  });
  return presentRecommendation((await planRepo.recommendationsOf(db, planId)).find((r) => r.id === id)!);
}

export async function editRecommendation(deps: AppDeps, src: Src, planId: string, id: string, patch: z.infer<typeof recommendationPatch>) {
  const { db } = deps.database;
  const vp = await getManageablePlan(db, src.actor, planId);
  const existing = await planRepo.getRecommendation(db, planId, id);
  if (!existing) throw new AppError('NOT_FOUND');
  assertUnitInPlan(vp, patch.unitId, src.actor);
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await planRepo.updateRecommendation(tx, id, { unit_id: patch.unitId, text: patch.text, updated_at: now });
    await recordAudit(tx, src, { action: 'recommendation.update', entityType: 'supervision', entityId: planId, unitId: existing.unit_id, changes: diff(existing as unknown as Record<string, unknown>, { unit_id: patch.unitId, text: patch.text }) }, now);
  });
  return presentRecommendation((await planRepo.recommendationsOf(db, planId)).find((r) => r.id === id)!);
}

export async function removeRecommendation(deps: AppDeps, src: Src, planId: string, id: string) {
  const { db } = deps.database;
  await getManageablePlan(db, src.actor, planId);
  const existing = await planRepo.getRecommendation(db, planId, id);
  if (!existing) throw new AppError('NOT_FOUND');
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await planRepo.deleteRecommendation(tx, id);
    await recordAudit(tx, src, { action: 'recommendation.delete', entityType: 'supervision', entityId: planId, unitId: existing.unit_id, changes: { recommendation: { from: existing.text, to: null } } }, now);
  });
}

// ---------- follow-ups ----------

async function present(deps: AppDeps, actor: Actor, rows: repo.FollowupRow[]) {
  const { db } = deps.database;
  const evidence = await repo.evidenceOf(db, rows.map((r) => r.id));
  const today = todayIn(deps.now());
  const manage = new Map<string, boolean>();
  for (const planId of new Set(rows.map((r) => r.plan_id))) manage.set(planId, (await getVisiblePlan(db, actor, planId)).canManage);
  return rows.map((r) => presentFollowup(r, evidence, actor, today, manage.get(r.plan_id) ?? false));
}

export async function createFollowup(deps: AppDeps, src: Src, planId: string, input: z.infer<typeof followupInput>) {
  const { db } = deps.database;
  const vp = await getManageablePlan(db, src.actor, planId);
  assertUnitInPlan(vp, input.unitId, src.actor);
  if (input.recommendationId && !(await planRepo.getRecommendation(db, planId, input.recommendationId))) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'recommendationId', message: pick('Rekomendasi tidak ada pada rencana ini. || The recommendation is not part of this plan.', src.actor.locale) }]);
  }
  if (input.agreementId) {
    const unit = vp.visits.find((v) => v.unit_id === input.unitId)!;
    const own = await db.selectFrom('agreements').innerJoin('units', 'units.id', 'agreements.unit_id').select('agreements.id').where('agreements.id', '=', input.agreementId).where('units.path', 'like', `${unit.unit_path}%`).executeTakeFirst();
    if (!own) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'agreementId', message: pick('Naskah bukan milik unit tindak lanjut. || The agreement does not belong to the follow-up unit.', src.actor.locale) }]);
  }
  const now = deps.now();
  const id = await db.transaction().execute(async (tx) => {
    const id = await repo.insertFollowup(tx, { plan_id: planId, unit_id: input.unitId, title: input.title, due_date: input.dueDate, recommendation_id: input.recommendationId ?? null, agreement_id: input.agreementId ?? null, unregistered_id: null, created_by: src.actor.userId, created_at: now, updated_at: now });
    await recordAudit(tx, src, { action: 'followup.create', entityType: 'followup', entityId: id, unitId: input.unitId, changes: diff(null, { title: input.title, due_date: input.dueDate, plan_id: planId }) }, now);
    const unit = vp.visits.find((v) => v.unit_id === input.unitId)!;
    await notifyFollowupCreated(tx, deps, { id, title: input.title, dueDate: input.dueDate, unitPath: unit.unit_path, unitName: unit.unit_name, planTitle: vp.plan.title, agreementId: input.agreementId ?? null }, now);
    return id;
  });
  return get(deps, src.actor, id);
}

/** A follow-up the caller may see: through its plan (team, or a visited unit in the caller's subtree). */
async function visibleFollowup(deps: AppDeps, actor: Actor, id: string) {
  const unsafeFollowup = await repo.getFollowup(deps.database.db, id);
  if (!unsafeFollowup) throw new AppError('NOT_FOUND');
  const vp = await getVisiblePlan(deps.database.db, actor, unsafeFollowup.plan_id);
  return { followup: unsafeFollowup, vp };
}

export async function get(deps: AppDeps, actor: Actor, id: string) {
  const { followup } = await visibleFollowup(deps, actor, id);
  return (await present(deps, actor, [followup]))[0]!;
}

export async function list(deps: AppDeps, actor: Actor, q: { status?: string | undefined; overdue?: boolean | undefined; unitId?: string | undefined; planId?: string | undefined }) {
  authorize(actor, 'supervision.read');
  const { db } = deps.database;
  let unitPrefix: string | undefined;
  if (q.unitId) {
    const unit = await getUnit(db, q.unitId);
    if (!unit || !inScope(actor, unit.path)) throw new AppError('NOT_FOUND');
    unitPrefix = unit.path;
  }
  const rows = await repo.listVisibleFollowups(db, { all: actor.role === 'admin', userId: actor.userId, prefix: actor.unitPath }, { status: q.status, overdueBefore: q.overdue ? todayIn(deps.now()) : undefined, unitPrefix, planId: q.planId });
  return present(deps, actor, rows);
}

export async function editFollowup(deps: AppDeps, src: Src, id: string, patch: z.infer<typeof followupPatch>) {
  const { followup } = await visibleFollowup(deps, src.actor, id);
  await getManageablePlan(deps.database.db, src.actor, followup.plan_id);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updateFollowup(tx, id, { title: patch.title, due_date: patch.dueDate, status: patch.status, updated_at: now });
    await recordAudit(tx, src, { action: 'followup.update', entityType: 'followup', entityId: id, unitId: followup.unit_id, changes: diff(followup as unknown as Record<string, unknown>, { title: patch.title, due_date: patch.dueDate, status: patch.status }) }, now);
  });
  return get(deps, src.actor, id);
}

/** The unit (or its Kanwil) answers: what was done, and whether it is finished. */
function assertMayAnswer(actor: Actor, followup: repo.FollowupRow) {
  if (!mayDo(actor, 'followup.answer') || !(actor.role === 'admin' || followup.unit_path.startsWith(actor.unitPath))) throw new AppError('FORBIDDEN');
}

export async function respond(deps: AppDeps, src: Src, id: string, input: z.infer<typeof followupResponse>) {
  const { followup, vp } = await visibleFollowup(deps, src.actor, id);
  assertMayAnswer(src.actor, followup);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updateFollowup(tx, id, { status: input.status, response: input.response, responded_by: src.actor.userId, responded_at: now, updated_at: now });
    await recordAudit(tx, src, { action: 'followup.respond', entityType: 'followup', entityId: id, unitId: followup.unit_id, changes: diff(followup as unknown as Record<string, unknown>, { status: input.status, response: input.response }) }, now);
    await notifyFollowupAnswered(tx, deps, { id, title: followup.title, unitName: followup.unit_name, status: input.status, agreementId: followup.agreement_id }, vp.team, src.actor.userId, now);
  });
  return get(deps, src.actor, id);
}

export async function addEvidence(deps: AppDeps, src: Src, id: string, upload: Upload) {
  const { followup, vp } = await visibleFollowup(deps, src.actor, id);
  // Evidence comes from the unit answering, or from the team that checks it.
  if (!vp.canManage) assertMayAnswer(src.actor, followup);
  const now = deps.now();
  await storeUpload(deps, upload, async (tx, file) => {
    const evidenceId = await repo.insertEvidence(tx, { followup_id: id, sha256: file.sha256, filename: file.filename, mime: file.mime, size: file.size, uploaded_by: src.actor.userId, uploaded_at: now });
    await repo.updateFollowup(tx, id, { updated_at: now });
    await recordAudit(tx, src, { action: 'followup.evidence', entityType: 'followup', entityId: id, unitId: followup.unit_id, changes: diff(null, { evidence_id: evidenceId, filename: file.filename, sha256: file.sha256, size: file.size }) }, now);
  });
  return get(deps, src.actor, id);
}

export async function evidenceContent(deps: AppDeps, actor: Actor, id: string, evidenceId: string) {
  await visibleFollowup(deps, actor, id);
  const e = await repo.getEvidence(deps.database.db, id, evidenceId);
  if (!e) throw new AppError('NOT_FOUND');
  return { file: { filename: e.filename, mime: e.mime, size: Number(e.size), sha256: e.sha256 }, open: () => deps.storage.get(e.sha256) };
}

// ---------- the assignment letter ----------

export async function uploadLetter(deps: AppDeps, src: Src, planId: string, upload: Upload) {
  const vp = await getManageablePlan(deps.database.db, src.actor, planId);
  const now = deps.now();
  await storeUpload(deps, upload, async (tx, file) => {
    await planRepo.updatePlan(tx, planId, { letter_sha256: file.sha256, letter_filename: file.filename, letter_mime: file.mime, letter_size: file.size, letter_uploaded_at: now, updated_at: now });
    await recordAudit(tx, src, { action: 'supervision.letter', entityType: 'supervision', entityId: planId, unitId: null, changes: { letter: { from: vp.plan.letter_sha256, to: file.sha256 }, filename: { from: vp.plan.letter_filename, to: file.filename } } }, now);
  });
}

export async function letterContent(deps: AppDeps, actor: Actor, planId: string) {
  const { plan } = await getVisiblePlan(deps.database.db, actor, planId);
  if (!plan.letter_sha256) throw new AppError('NOT_FOUND');
  const sha = plan.letter_sha256;
  return { file: { filename: plan.letter_filename ?? 'surat-tugas', mime: plan.letter_mime ?? 'application/octet-stream', size: Number(plan.letter_size ?? 0), sha256: sha }, open: () => deps.storage.get(sha) };
}
