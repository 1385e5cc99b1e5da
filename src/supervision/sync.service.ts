import type { Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import type { Executor } from '../db/database.js';
import type { AppDeps } from '../http/context.js';
import { AppError, type ErrorCode, type FieldProblem } from '../http/errors.js';
import { addDays } from '../shared/dates.js';
import { checkAnswerValue, pick, sameValue } from './answer-values.js';
import * as followupRepo from './followup.repository.js';
import { notifyFollowupCreated } from './followup-notify.js';
import { getRecordablePlan, type VisiblePlan } from './supervision.access.js';
import type { OpResult, QuestionType, SyncOp } from './supervision.schemas.js';
import * as planRepo from './supervision.repository.js';
import * as repo from './worksheet.repository.js';

type Src = { actor: Actor; ip: string | null };
type Stored = Omit<OpResult, 'replayed'>;
/** An op's outcome: the result stored for replays, the audit changes, and what a new follow-up needs for its notice. */
interface Applied {
  status: 'applied' | 'conflict';
  stored: Stored;
  changes: Record<string, unknown> | null;
  followupTitle?: string;
  dueDate?: string;
}
type QuestionInfo = { id: string; code: string; type: QuestionType; options: string[]; label: string };
interface Current {
  value: unknown;
  revision: number;
  by: string | null;
  byName: string | null;
  at: Date | null;
}

/**
 * Applies a batch of offline operations. Each opId is applied once (its first result is stored and returned again
 * with `replayed`); an op made against a revision that another team member has since changed is not applied and
 * answers `conflict` with the server's value. The batch is checked first: one invalid op refuses the whole batch
 * (400, nothing applied). Valid batches run in one transaction with one audit event per applied op.
 */
export async function sync(deps: AppDeps, src: Src, planId: string, ops: SyncOp[]): Promise<OpResult[]> {
  const { db } = deps.database;
  const vp = await getRecordablePlan(db, src.actor, planId);
  const known = new Map((await repo.knownOps(db, ops.map((o) => o.opId))).map((k) => [k.op_id, k]));
  const questions = await validate(db, src.actor, vp, ops, known);

  const now = deps.now();
  return db.transaction().execute(async (tx) => {
    const results: OpResult[] = [];
    let applied = 0;
    for (const op of ops) {
      if (!(await repo.claimOp(tx, { op_id: op.opId, plan_id: planId, user_id: src.actor.userId, applied_at: now }))) {
        const first = (await repo.knownOps(tx, [op.opId]))[0];
        results.push({ ...(first?.result as Stored), replayed: true });
        continue;
      }
      const visit = vp.visits.find((v) => v.id === op.visitId)!;
      const result = await apply(tx, src, op, visit, now, questions);
      if (result.status === 'applied' && op.type === 'unregistered.add' && result.stored.followupId) {
        await notifyFollowupCreated(tx, deps, { id: result.stored.followupId, title: result.followupTitle!, dueDate: result.dueDate!, unitPath: visit.unit_path, unitName: visit.unit_name, planTitle: vp.plan.title, agreementId: null }, now);
      }
      if (result.status === 'applied' && result.changes) {
        applied++;
        await recordAudit(tx, src, { action: 'supervision.record', entityType: 'supervision', entityId: planId, unitId: visit.unit_id, changes: { op: { from: null, to: op.type }, visit: { from: null, to: visit.id }, ...result.changes } }, now);
      }
      const stored: Stored = result.stored;
      await repo.setOpResult(tx, op.opId, stored);
      results.push({ ...stored, replayed: false });
    }
    // The first recorded answer means the visits have started.
    if (applied && vp.plan.status === 'direncanakan' && (await planRepo.setStatus(tx, planId, 'direncanakan', { status: 'berjalan', updated_at: now }))) {
      await recordAudit(tx, src, { action: 'supervision.status', entityType: 'supervision', entityId: planId, unitId: null, changes: { status: { from: 'direncanakan', to: 'berjalan' } } }, now);
    }
    return results;
  });
}

async function validate(db: Executor, actor: Actor, vp: VisiblePlan, ops: SyncOp[], known: Map<string, { plan_id: string }>): Promise<Map<string, QuestionInfo>> {
  const problems: (FieldProblem & { code: ErrorCode; params: Record<string, string | number> })[] = [];
  const add = (i: number, field: string, message: string, code: ErrorCode = 'VALIDATION_FAILED', params: Record<string, string | number> = {}) =>
    problems.push({ path: `ops.${i}.${field}`, message: pick(message, actor.locale), code, params });
  const questionIds = ops.flatMap((o) => (o.type === 'answer.set' ? [o.questionId] : []));
  const questions = questionIds.length
    ? await db
        .selectFrom('supervision_questions as q')
        .innerJoin('supervision_templates as t', 't.id', 'q.template_id')
        .select(['q.id', 'q.code', 'q.template_id', 'q.type', 'q.target', 'q.options', 'q.label', 't.version'])
        .where('q.id', 'in', [...new Set(questionIds)])
        .execute()
    : [];
  const agreementsByVisit = new Map<string, Set<string>>();
  for (const v of vp.visits) {
    const ids = ops.flatMap((o) => ('agreementId' in o && o.agreementId && o.visitId === v.id ? [o.agreementId] : []));
    agreementsByVisit.set(v.id, await repo.agreementsOfUnit(db, v.unit_path, [...new Set(ids)]));
  }
  const versionOf = new Map(vp.visits.map((v) => [v.id, v.template_id]));
  const templateVersions = new Map((await db.selectFrom('supervision_templates').select(['id', 'version']).where('id', 'in', [...new Set(vp.visits.map((v) => v.template_id))].concat(['00000000-0000-0000-0000-000000000000'])).execute()).map((t) => [t.id, t.version]));

  ops.forEach((op, i) => {
    const seen = known.get(op.opId);
    if (seen) {
      if (seen.plan_id !== vp.plan.id) add(i, 'opId', 'opId ini sudah dipakai untuk rencana supervisi lain. || This opId was already used for another supervision plan.');
      return;
    }
    const visit = vp.visits.find((v) => v.id === op.visitId);
    if (!visit) return add(i, 'visitId', 'Kunjungan tidak ada pada rencana ini. || The visit is not part of this plan.');
    const ownAgreement = (id: string) => agreementsByVisit.get(visit.id)?.has(id) ?? false;
    if (op.type === 'answer.set') {
      const q = questions.find((x) => x.id === op.questionId);
      if (!q) return add(i, 'questionId', 'Pertanyaan tidak dikenal. || Unknown question.');
      if (q.template_id !== versionOf.get(visit.id)) {
        const version = templateVersions.get(visit.template_id) ?? '?';
        return add(i, 'questionId', `Pertanyaan dari versi kuesioner ${q.version}, sedangkan kunjungan ini memakai versi ${version}. || The question is from questionnaire version ${q.version}; this visit uses version ${version}.`, 'ANSWER_WRONG_TEMPLATE', { version });
      }
      if (q.target === 'agreement' && !op.agreementId) return add(i, 'agreementId', 'Pertanyaan ini dijawab per naskah kerja sama. || This question is answered per agreement.');
      if (q.target === 'unit' && op.agreementId) return add(i, 'agreementId', 'Pertanyaan ini dijawab sekali per unit, tanpa naskah. || This question is answered once per unit, without an agreement.');
      if (op.agreementId && !ownAgreement(op.agreementId)) return add(i, 'agreementId', 'Naskah tidak ditemukan pada unit yang dikunjungi. || The agreement is not one of the visited unit.');
      const checked = checkAnswerValue({ type: q.type, options: q.options ?? [], label: q.label }, op.value);
      if ('code' in checked) return add(i, 'value', checked.message, checked.code, { label: q.label });
    }
    if (op.type === 'assessment.set' && !ownAgreement(op.agreementId)) add(i, 'agreementId', 'Naskah tidak ditemukan pada unit yang dikunjungi. || The agreement is not one of the visited unit.');
    if (op.type === 'unregistered.add' && op.dueDate && op.dueDate < visit.visit_date) add(i, 'dueDate', 'Tenggat tidak boleh sebelum tanggal kunjungan. || The due date cannot be before the visit date.');
  });
  if (problems.length) {
    // The first problem names the error; every problem is listed in `fields`.
    const first = problems[0]!;
    throw new AppError(first.code, first.params, problems.map(({ path, message }) => ({ path, message })));
  }
  return new Map(questions.map((q) => [q.id, q]));
}

/** Another member changed the record since the client saw it: keep the server's value and say so. */
function isConflict(cur: Current | null, base: number, actor: Actor, next: unknown): boolean {
  if (!cur || cur.revision === base) return false;
  if (sameValue(cur.value, next)) return false;
  return cur.by !== actor.userId;
}

function conflict(op: SyncOp, cur: Current): { status: 'conflict'; stored: Stored; changes: null } {
  return {
    status: 'conflict',
    changes: null,
    stored: {
      opId: op.opId,
      status: 'conflict',
      revision: cur.revision,
      id: null,
      followupId: null,
      current: { value: cur.value, revision: cur.revision, updatedBy: cur.by ? { id: cur.by, name: cur.byName ?? '' } : null, updatedAt: cur.at ? cur.at.toISOString() : null },
    },
  };
}

function appliedResult(op: SyncOp, revision: number, changes: Record<string, unknown> | null, ids: { id?: string; followupId?: string } = {}) {
  return { status: 'applied' as const, changes, stored: { opId: op.opId, status: 'applied' as const, revision, id: ids.id ?? null, followupId: ids.followupId ?? null, current: null } };
}

async function apply(tx: Executor, src: Src, op: SyncOp, visit: planRepo.VisitRow, now: Date, questions: Map<string, QuestionInfo>): Promise<Applied> {
  const me = src.actor.userId;
  switch (op.type) {
    case 'answer.set': {
      const q = questions.get(op.questionId)!;
      const value = (checkAnswerValue({ type: q.type, options: q.options ?? [], label: q.label }, op.value) as { value: unknown }).value;
      // Re-read when a concurrent writer created or changed the row between our read and our write.
      for (;;) {
        const row = await repo.lockAnswer(tx, visit.id, op.agreementId, op.questionId);
        const cur: Current | null = row ? { value: row.value, revision: row.revision, by: row.updated_by, byName: row.updated_by_name, at: row.updated_at } : null;
        if (isConflict(cur, op.baseRevision, src.actor, value)) return conflict(op, cur!);
        if (cur && sameValue(cur.value, value)) return appliedResult(op, cur.revision, null);
        const revision = (cur?.revision ?? 0) + 1;
        if (await repo.writeAnswer(tx, { visit_id: visit.id, agreement_id: op.agreementId, question_id: op.questionId, value, revision, updated_by: me, updated_at: now }, cur?.revision ?? null)) {
          return appliedResult(op, revision, { agreement: { from: null, to: op.agreementId }, [q.code]: { from: cur?.value ?? null, to: value } });
        }
      }
    }
    case 'assessment.set': {
      const next = { benefitsUnit: op.benefitsUnit, mutual: op.mutual, recommendation: op.recommendation, note: op.note?.trim() || null };
      for (;;) {
        const row = await repo.lockAssessment(tx, visit.id, op.agreementId);
        const cur: Current | null = row
          ? { value: { benefitsUnit: row.benefits_unit, mutual: row.mutual, recommendation: row.recommendation, note: row.note }, revision: row.revision, by: row.updated_by, byName: row.updated_by_name, at: row.updated_at }
          : null;
        if (isConflict(cur, op.baseRevision, src.actor, next)) return conflict(op, cur!);
        if (cur && sameValue(cur.value, next)) return appliedResult(op, cur.revision, null);
        const revision = (cur?.revision ?? 0) + 1;
        const values = { visit_id: visit.id, agreement_id: op.agreementId, benefits_unit: next.benefitsUnit, mutual: next.mutual, recommendation: next.recommendation, note: next.note, revision, updated_by: me, updated_at: now };
        if (await repo.writeAssessment(tx, values, cur?.revision ?? null)) return appliedResult(op, revision, { agreement: { from: null, to: op.agreementId }, assessment: { from: cur?.value ?? null, to: next } });
      }
    }
    case 'interviewees.set':
    case 'findings.set': {
      const row = (await repo.lockVisit(tx, visit.id))!;
      const isList = op.type === 'interviewees.set';
      const next = isList ? op.interviewees : op.findings?.trim() || null;
      const cur: Current = isList
        ? { value: row.interviewees, revision: row.interviewees_revision, by: row.interviewees_by, byName: row.interviewees_by_name, at: row.interviewees_at }
        : { value: row.findings, revision: row.findings_revision, by: row.findings_by, byName: row.findings_by_name, at: row.findings_at };
      if (isConflict(cur.revision ? cur : null, op.baseRevision, src.actor, next)) return conflict(op, cur);
      if (sameValue(cur.value, next)) return appliedResult(op, cur.revision, null);
      const revision = cur.revision + 1;
      if (isList) await repo.setInterviewees(tx, visit.id, next as typeof op.interviewees, revision, me, now);
      else await repo.setFindings(tx, visit.id, next as string | null, revision, me, now);
      return appliedResult(op, revision, { [isList ? 'interviewees' : 'findings']: { from: cur.value, to: next } });
    }
    case 'unregistered.add': {
      const id = await repo.insertUnregistered(tx, { visit_id: visit.id, partner_name: op.partnerName, title: op.title, note: op.note ?? null, created_by: me, created_at: now });
      // An agreement the registry does not know is a follow-up by itself: the unit hands in its copy.
      const title = `Serahkan salinan naskah kerja sama "${op.title}" dengan ${op.partnerName} kepada Kantor Wilayah untuk dicatat di P2MA`;
      const dueDate = op.dueDate ?? addDays(visit.visit_date, 30);
      const followupId = await followupRepo.insertFollowup(tx, {
        plan_id: visit.plan_id,
        unit_id: visit.unit_id,
        title,
        due_date: dueDate,
        recommendation_id: null,
        agreement_id: null,
        unregistered_id: id,
        created_by: me,
        created_at: now,
        updated_at: now,
      });
      return { ...appliedResult(op, 1, { unregistered: { from: null, to: { partner: op.partnerName, title: op.title } }, followup: { from: null, to: followupId } }, { id, followupId }), followupTitle: title, dueDate };
    }
  }
}
