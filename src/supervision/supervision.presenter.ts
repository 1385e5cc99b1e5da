import type { Actor } from '../access/access.js';
import { mayDo } from '../access/access.js';
import type * as followups from './followup.repository.js';
import type { FollowupDto, PlanDetailDto } from './supervision.schemas.js';
import type * as repo from './supervision.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);

export function presentFollowup(f: followups.FollowupRow, evidence: followups.EvidenceRow[], actor: Actor, today: string, canManage: boolean): FollowupDto {
  return {
    id: f.id,
    planId: f.plan_id,
    planTitle: f.plan_title,
    unit: { id: f.unit_id, name: f.unit_name },
    title: f.title,
    dueDate: f.due_date,
    status: f.status,
    overdue: f.status !== 'done' && f.due_date < today,
    response: f.response,
    respondedBy: person(f.responded_by, f.responded_by_name),
    respondedAt: iso(f.responded_at),
    recommendationId: f.recommendation_id,
    agreementId: f.agreement_id,
    unregisteredId: f.unregistered_id,
    evidence: evidence
      .filter((e) => e.followup_id === f.id)
      .map((e) => ({ id: e.id, filename: e.filename, mime: e.mime, size: Number(e.size), uploadedAt: e.uploaded_at.toISOString(), uploadedBy: person(e.uploaded_by, e.uploaded_by_name), url: `/api/v1/followups/${f.id}/evidence/${e.id}/content` })),
    createdAt: f.created_at.toISOString(),
    updatedAt: f.updated_at.toISOString(),
    permissions: {
      // The unit answers, and so does its Kanwil: both have the unit in their subtree.
      answer: mayDo(actor, 'followup.answer') && (actor.role === 'admin' || f.unit_path.startsWith(actor.unitPath)),
      manage: canManage,
    },
  };
}

export function presentRecommendation(r: repo.RecommendationRow) {
  return { id: r.id, unitId: r.unit_id, unitName: r.unit_name, text: r.text, createdAt: r.created_at.toISOString() };
}

export interface VisitCounts {
  agreementsInForce: number;
  answered: number;
  assessed: number;
  unregistered: number;
}

export function presentPlan(
  p: repo.PlanRow,
  ctx: {
    visits: repo.VisitRow[];
    team: repo.TeamRow[];
    counts: Map<string, VisitCounts>;
    recommendations: repo.RecommendationRow[];
    followups: FollowupDto[];
    canManage: boolean;
    canRecord: boolean;
  },
): PlanDetailDto {
  return {
    id: p.id,
    title: p.title,
    basis: p.basis,
    purpose: p.purpose,
    scopeText: p.scope_text,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    region: p.region,
    provinceCode: p.province_code,
    status: p.status,
    template: { id: p.template_id, key: p.template_key, version: p.template_version, name: p.template_name },
    assignmentLetter:
      p.letter_sha256 && p.letter_uploaded_at
        ? { filename: p.letter_filename ?? 'surat-tugas', mime: p.letter_mime ?? 'application/octet-stream', size: Number(p.letter_size ?? 0), sha256: p.letter_sha256, uploadedAt: p.letter_uploaded_at.toISOString(), url: `/api/v1/supervisions/${p.id}/assignment-letter/content` }
        : null,
    team: ctx.team.map((m) => ({ userId: m.user_id, name: m.display_name, username: m.username, role: m.role, position: m.position, unitName: m.unit_name })),
    visits: ctx.visits.map((v) => ({
      id: v.id,
      unit: { id: v.unit_id, code: v.unit_code, name: v.unit_name, kind: v.unit_kind },
      visitDate: v.visit_date,
      templateId: v.template_id,
      ...(ctx.counts.get(v.id) ?? { agreementsInForce: 0, answered: 0, assessed: 0, unregistered: 0 }),
    })),
    recommendations: ctx.recommendations.map(presentRecommendation),
    followups: ctx.followups,
    permissions: { manage: ctx.canManage, record: ctx.canRecord && (p.status === 'direncanakan' || p.status === 'berjalan') },
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    reportedAt: iso(p.reported_at),
    closedAt: iso(p.closed_at),
  };
}

export function presentSummary(
  p: { id: string; title: string; status: PlanDetailDto['status']; period_start: string; period_end: string; region: string; created_at: Date },
  visits: repo.VisitRow[],
  team: repo.TeamRow[],
  counts: { open: number; in_progress: number; done: number; overdue: number } | undefined,
) {
  const chair = team.find((m) => m.plan_id === p.id && m.role === 'ketua');
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    region: p.region,
    chair: chair ? { id: chair.user_id, name: chair.display_name } : null,
    units: visits.filter((v) => v.plan_id === p.id).map((v) => ({ unitId: v.unit_id, unitName: v.unit_name, visitDate: v.visit_date })),
    followups: { open: counts?.open ?? 0, inProgress: counts?.in_progress ?? 0, done: counts?.done ?? 0, overdue: counts?.overdue ?? 0 },
    createdAt: p.created_at.toISOString(),
  };
}
