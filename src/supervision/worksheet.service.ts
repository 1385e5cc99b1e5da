import type { Actor } from '../access/access.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { getVisiblePlan } from './supervision.access.js';
import { presentTemplate } from './template.service.js';
import { getTemplate } from './template.repository.js';
import * as repo from './worksheet.repository.js';

const person = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);

/**
 * Everything the interview form needs for one visited unit, in one answer (the offline form caches it): the
 * questionnaire version of the visit, the unit's agreements in force with their documents and reports, and every
 * recorded answer and assessment with its revision (the base for the next sync op).
 */
export async function worksheet(deps: AppDeps, actor: Actor, planId: string, visitId: string) {
  const { db } = deps.database;
  const vp = await getVisiblePlan(db, actor, planId);
  const visit = vp.visits.find((v) => v.id === visitId);
  if (!visit) throw new AppError('NOT_FOUND');
  const template = await presentTemplate(db, (await getTemplate(db, visit.template_id))!);
  const agreements = await repo.agreementsForVisit(db, visit, deps.config.expiryWindowDays);
  const answers = await repo.answersOf(db, [visit.id]);
  const assessments = await repo.assessmentsOf(db, [visit.id]);
  const unregistered = await repo.unregisteredOf(db, [visit.id]);
  const users = await repo.visitUsers(db, [visit.interviewees_by, visit.findings_by].filter((x): x is string => !!x));
  const nameOf = (id: string | null) => users.find((u) => u.id === id)?.display_name;
  return {
    id: visit.id,
    planId,
    planStatus: vp.plan.status,
    unit: { id: visit.unit_id, code: visit.unit_code, name: visit.unit_name, kind: visit.unit_kind },
    visitDate: visit.visit_date,
    template,
    interviewees: { value: visit.interviewees ?? [], revision: visit.interviewees_revision, updatedBy: person(visit.interviewees_by, nameOf(visit.interviewees_by)), updatedAt: visit.interviewees_at?.toISOString() ?? null },
    findings: { value: visit.findings, revision: visit.findings_revision, updatedBy: person(visit.findings_by, nameOf(visit.findings_by)), updatedAt: visit.findings_at?.toISOString() ?? null },
    agreements: agreements.map((a) => ({
      id: a.id,
      title: a.title,
      kindName: a.kind_name,
      numberFirst: a.number_first,
      partnerNames: a.partner_names,
      signingDate: a.signing_date,
      endDate: a.end_date,
      durationText: a.duration_text,
      status: a.status,
      documents: Number(a.documents),
      reports: Number(a.reports),
      pnbpTotal: Number(a.pnbp_total),
      beneficiaries: Number(a.beneficiaries),
    })),
    answers: answers.map((a) => ({ agreementId: a.agreement_id, questionId: a.question_id, value: a.value, revision: a.revision, updatedBy: person(a.updated_by, a.updated_by_name), updatedAt: a.updated_at.toISOString() })),
    assessments: assessments.map((s) => ({
      agreementId: s.agreement_id,
      benefitsUnit: s.benefits_unit,
      mutual: s.mutual,
      recommendation: s.recommendation,
      note: s.note,
      revision: s.revision,
      updatedBy: person(s.updated_by, s.updated_by_name),
      updatedAt: s.updated_at.toISOString(),
    })),
    unregistered: unregistered.map((u) => ({ id: u.id, partnerName: u.partner_name, title: u.title, note: u.note, followupId: u.followup_id, createdAt: u.created_at.toISOString() })),
    permissions: { record: vp.canRecord && (vp.plan.status === 'direncanakan' || vp.plan.status === 'berjalan') },
  };
}
