import { z } from 'zod';
import { isoDate } from '../http/schemas.js';

/**
 * The supervision API contract (issue #7): one zod schema per request and response. The web app and the offline
 * interview form are built against these shapes; additions are fine, renames are not. See docs/supervision.md.
 */

export const PLAN_STATUSES = ['direncanakan', 'berjalan', 'dilaporkan', 'ditutup'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const QUESTION_TYPES = ['text', 'yes_no', 'scale', 'choice', 'number', 'rupiah'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** An agreement question is answered once per agreement in force; a unit question once per visited unit. */
export const QUESTION_TARGETS = ['agreement', 'unit'] as const;
export const RECOMMENDATIONS = ['lanjutkan', 'perbaiki', 'perpanjang', 'hentikan'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'done'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export const TEAM_ROLES = ['ketua', 'anggota'] as const;
export const OP_STATUSES = ['applied', 'conflict'] as const;

const text = (max: number) => z.string().trim().max(max);
const person = z.object({ id: z.string(), name: z.string() });

// ---------- templates ----------

export const questionDto = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  help: z.string().nullable(),
  type: z.enum(QUESTION_TYPES),
  target: z.enum(QUESTION_TARGETS),
  required: z.boolean(),
  /** choice: the options; scale: exactly four labels, for the values 1, 2, 3, 4. Empty otherwise. */
  options: z.array(z.string()),
  position: z.number().int(),
});
export type QuestionDto = z.infer<typeof questionDto>;

export const templateSummaryDto = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  /** The newest version of its key: new plans use it. */
  current: z.boolean(),
  questionCount: z.number().int(),
  createdAt: z.string(),
});
export const templateDto = templateSummaryDto.extend({ description: z.string().nullable(), createdBy: person.nullable(), questions: z.array(questionDto) });

export const questionInput = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'Kode: huruf kecil, angka, garis bawah (2–40). || Code: lowercase letters, digits, underscores (2–40).' }),
  label: text(500).min(3),
  help: text(1000).nullish(),
  type: z.enum(QUESTION_TYPES),
  target: z.enum(QUESTION_TARGETS),
  required: z.boolean().default(false),
  options: z.array(text(200).min(1)).max(20).default([]),
});
export const templateInput = z.object({
  name: text(200).min(3),
  description: text(2000).nullish(),
  questions: z.array(questionInput).min(1).max(100),
});
export const newTemplateInput = templateInput.extend({ key: z.string().trim().regex(/^[a-z][a-z0-9-]{1,39}$/) });

// ---------- plans ----------

export const teamInput = z.object({ userId: z.uuid(), role: z.enum(TEAM_ROLES), position: text(200).nullish() });
export const unitInput = z.object({ unitId: z.uuid(), visitDate: isoDate });

const planFields = {
  title: text(300).min(5),
  /** Dasar: the legal basis / assignment letter as text (the scanned letter is uploaded separately). */
  basis: text(3000).min(5),
  /** Maksud dan tujuan. */
  purpose: text(3000).nullish(),
  /** Ruang lingkup. */
  scopeText: text(3000).nullish(),
  periodStart: isoDate,
  periodEnd: isoDate,
  region: text(200).min(2),
  provinceCode: z.string().regex(/^\d{2}$/).nullish(),
  team: z.array(teamInput).min(1).max(30),
  units: z.array(unitInput).min(1).max(50),
};
export const planInput = z.object({ ...planFields, templateId: z.uuid().optional() });
export type PlanInput = z.infer<typeof planInput>;
/** Everything optional; `team` and `units` replace the whole list when given. */
export const planPatch = z.object(planFields).partial();
export type PlanPatch = z.infer<typeof planPatch>;
export const statusInput = z.object({ status: z.enum(PLAN_STATUSES) });

export const fileDto = z.object({ filename: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string(), uploadedAt: z.string(), url: z.string() });
const unitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });
const followupCounts = z.object({ open: z.number().int(), inProgress: z.number().int(), done: z.number().int(), overdue: z.number().int() });

export const planSummaryDto = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  periodStart: z.string(),
  periodEnd: z.string(),
  region: z.string(),
  chair: person.nullable(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), visitDate: z.string() })),
  followups: followupCounts,
  createdAt: z.string(),
});

export const recommendationDto = z.object({ id: z.string(), unitId: z.string().nullable(), unitName: z.string().nullable(), text: z.string(), createdAt: z.string() });
export const evidenceDto = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number().int(), uploadedAt: z.string(), uploadedBy: person.nullable(), url: z.string() });
export const followupDto = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  dueDate: z.string(),
  status: z.enum(FOLLOWUP_STATUSES),
  /** Not done and past its due date (WIB). */
  overdue: z.boolean(),
  response: z.string().nullable(),
  respondedBy: person.nullable(),
  respondedAt: z.string().nullable(),
  recommendationId: z.string().nullable(),
  agreementId: z.string().nullable(),
  /** Set when the follow-up was created from an agreement recorded as "belum terdaftar". */
  unregisteredId: z.string().nullable(),
  evidence: z.array(evidenceDto),
  createdAt: z.string(),
  updatedAt: z.string(),
  permissions: z.object({ answer: z.boolean(), manage: z.boolean() }),
});
export type FollowupDto = z.infer<typeof followupDto>;

export const visitSummaryDto = z.object({
  id: z.string(),
  unit: unitRef,
  visitDate: z.string(),
  templateId: z.string(),
  agreementsInForce: z.number().int(),
  answered: z.number().int(),
  assessed: z.number().int(),
  unregistered: z.number().int(),
});

export const planDetailDto = z.object({
  id: z.string(),
  title: z.string(),
  basis: z.string(),
  purpose: z.string().nullable(),
  scopeText: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  region: z.string(),
  provinceCode: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  template: z.object({ id: z.string(), key: z.string(), version: z.number().int(), name: z.string() }),
  assignmentLetter: fileDto.nullable(),
  team: z.array(z.object({ userId: z.string(), name: z.string(), username: z.string(), role: z.enum(TEAM_ROLES), position: z.string().nullable(), unitName: z.string() })),
  visits: z.array(visitSummaryDto),
  recommendations: z.array(recommendationDto),
  followups: z.array(followupDto),
  /** What the caller may do: manage = edit plan, status, recommendations, follow-ups; record = sync interview data. */
  permissions: z.object({ manage: z.boolean(), record: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  reportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type PlanDetailDto = z.infer<typeof planDetailDto>;

export const listQuery = z.object({
  status: z.enum(PLAN_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const teamCandidateDto = z.object({ id: z.string(), displayName: z.string(), username: z.string(), role: z.string(), unitName: z.string() });

// ---------- the visit worksheet ----------

const revisioned = <T extends z.ZodType>(value: T) => z.object({ value, revision: z.number().int(), updatedBy: person.nullable(), updatedAt: z.string().nullable() });
export const interviewee = z.object({ name: text(150).min(2), position: text(200).min(2) });

export const worksheetAgreementDto = z.object({
  id: z.string(),
  title: z.string(),
  kindName: z.string(),
  numberFirst: z.string().nullable(),
  partnerNames: z.string().nullable(),
  signingDate: z.string().nullable(),
  endDate: z.string().nullable(),
  durationText: z.string().nullable(),
  /** Registry status on the visit date. */
  status: z.string(),
  documents: z.number().int(),
  reports: z.number().int(),
  pnbpTotal: z.number(),
  beneficiaries: z.number().int(),
});
export const answerDto = z.object({ agreementId: z.string().nullable(), questionId: z.string(), value: z.unknown(), revision: z.number().int(), updatedBy: person.nullable(), updatedAt: z.string() });
export const assessmentValue = z.object({
  benefitsUnit: z.boolean().nullable(),
  mutual: z.boolean().nullable(),
  recommendation: z.enum(RECOMMENDATIONS).nullable(),
  note: text(3000).nullable(),
});
export const assessmentDto = assessmentValue.extend({ agreementId: z.string(), revision: z.number().int(), updatedBy: person.nullable(), updatedAt: z.string() });
export const unregisteredDto = z.object({ id: z.string(), partnerName: z.string(), title: z.string(), note: z.string().nullable(), followupId: z.string().nullable(), createdAt: z.string() });

export const worksheetDto = z.object({
  id: z.string(),
  planId: z.string(),
  planStatus: z.enum(PLAN_STATUSES),
  unit: unitRef,
  visitDate: z.string(),
  template: templateDto,
  interviewees: revisioned(z.array(interviewee)),
  findings: revisioned(z.string().nullable()),
  agreements: z.array(worksheetAgreementDto),
  answers: z.array(answerDto),
  assessments: z.array(assessmentDto),
  unregistered: z.array(unregisteredDto),
  permissions: z.object({ record: z.boolean() }),
});

// ---------- sync (offline interview form) ----------

const opBase = { opId: z.uuid(), visitId: z.uuid() };
const base = z.number().int().min(0).describe('The revision the client last saw (0: none)');
export const syncOp = z.discriminatedUnion('type', [
  z.object({ ...opBase, type: z.literal('answer.set'), agreementId: z.uuid().nullable(), questionId: z.uuid(), value: z.unknown().describe('by question type; null clears'), baseRevision: base }),
  z.object({ ...opBase, type: z.literal('assessment.set'), agreementId: z.uuid(), baseRevision: base, ...assessmentValue.shape }),
  z.object({ ...opBase, type: z.literal('interviewees.set'), baseRevision: base, interviewees: z.array(interviewee).max(30) }),
  z.object({ ...opBase, type: z.literal('findings.set'), baseRevision: base, findings: text(10000).nullable() }),
  z.object({ ...opBase, type: z.literal('unregistered.add'), partnerName: text(300).min(2), title: text(1000).min(3), note: text(3000).nullish(), dueDate: isoDate.nullish() }),
]);
export type SyncOp = z.infer<typeof syncOp>;
export const syncInput = z.object({ ops: z.array(syncOp).min(1).max(500) });

export const opResultDto = z.object({
  opId: z.string(),
  status: z.enum(OP_STATUSES),
  /** The record's revision after the op (applied) or the server's (conflict). */
  revision: z.number().int(),
  /** unregistered.add: the new record and its follow-up. */
  id: z.string().nullable(),
  followupId: z.string().nullable(),
  /** conflict: what the server holds and who wrote it; never overwritten by the op. */
  current: z.object({ value: z.unknown(), revision: z.number().int(), updatedBy: person.nullable(), updatedAt: z.string().nullable() }).nullable(),
  /** True when this opId had been applied before: the first result, unchanged. */
  replayed: z.boolean(),
});
export type OpResult = z.infer<typeof opResultDto>;
export const syncResultDto = z.object({ results: z.array(opResultDto) });

// ---------- recommendations and follow-ups ----------

export const recommendationInput = z.object({ unitId: z.uuid().nullable().default(null), text: text(3000).min(5) });
export const recommendationPatch = z.object({ unitId: z.uuid().nullable().optional(), text: text(3000).min(5).optional() });
export const followupInput = z.object({
  unitId: z.uuid(),
  title: text(1000).min(5),
  dueDate: isoDate,
  recommendationId: z.uuid().nullish(),
  agreementId: z.uuid().nullish(),
});
export const followupPatch = z.object({ title: text(1000).min(5).optional(), dueDate: isoDate.optional(), status: z.enum(FOLLOWUP_STATUSES).optional() });
export const followupResponse = z.object({ status: z.enum(['in_progress', 'done']), response: text(5000).min(3) });
export const followupQuery = z.object({
  status: z.enum(FOLLOWUP_STATUSES).optional(),
  overdue: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  unitId: z.uuid().optional(),
  planId: z.uuid().optional(),
});

// ---------- back into monitoring ----------

export const agreementSupervisionDto = z.object({
  planId: z.string(),
  planTitle: z.string(),
  planStatus: z.enum(PLAN_STATUSES),
  visitId: z.string(),
  visitDate: z.string(),
  unitName: z.string(),
  assessment: assessmentValue.nullable(),
  ratings: z.array(z.object({ code: z.string(), label: z.string(), value: z.number().int() })),
});

export const supervisionFiguresDto = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  year: z.number().int(),
  plans: z.object({ direncanakan: z.number().int(), berjalan: z.number().int(), dilaporkan: z.number().int(), ditutup: z.number().int() }),
  unitsSupervised: z.number().int(),
  units: z.array(z.object({ id: z.string(), name: z.string(), lastVisit: z.string() })),
  agreementsAssessed: z.number().int(),
  beneficial: z.number().int(),
  notBeneficial: z.number().int(),
  mutual: z.number().int(),
  recommendations: z.object({ lanjutkan: z.number().int(), perbaiki: z.number().int(), perpanjang: z.number().int(), hentikan: z.number().int() }),
  followups: followupCounts,
});
export const figuresQuery = z.object({ unitId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
