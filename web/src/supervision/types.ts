/**
 * The supervision API's shapes, taken from the server's own zod contract (type-only imports: nothing of zod
 * reaches the browser bundle, and a change on the server breaks the web build instead of the user's form).
 */
import type { z } from 'zod';
import type * as S from '../../../src/supervision/supervision.schemas.js';

export type PlanStatus = S.PlanStatus;
export type QuestionType = S.QuestionType;
export type Recommendation = S.Recommendation;
export type FollowupStatus = S.FollowupStatus;
export type Question = S.QuestionDto;
export type TemplateSummary = z.infer<typeof S.templateSummaryDto>;
export type Template = z.infer<typeof S.templateDto>;
export type QuestionInput = z.input<typeof S.questionInput>;
export type PlanSummary = z.infer<typeof S.planSummaryDto>;
export type PlanDetail = S.PlanDetailDto;
export type PlanInput = S.PlanInput;
export type TeamCandidate = z.infer<typeof S.teamCandidateDto>;
export type VisitSummary = z.infer<typeof S.visitSummaryDto>;
export type Worksheet = z.infer<typeof S.worksheetDto>;
export type WorksheetAgreement = z.infer<typeof S.worksheetAgreementDto>;
export type Assessment = z.infer<typeof S.assessmentValue>;
export type Interviewee = z.infer<typeof S.interviewee>;
export type Followup = S.FollowupDto;
export type RecommendationItem = z.infer<typeof S.recommendationDto>;
export type SyncOp = S.SyncOp;
export type SyncResult = S.OpResult;
export type AgreementSupervision = z.infer<typeof S.agreementSupervisionDto>;
export type SupervisionFigures = z.infer<typeof S.supervisionFiguresDto>;

// Kept here rather than imported as values: importing the schema module would put zod in the bundle.
export const PLAN_STATUSES: readonly PlanStatus[] = ['direncanakan', 'berjalan', 'dilaporkan', 'ditutup'];
export const QUESTION_TYPES: readonly QuestionType[] = ['text', 'yes_no', 'scale', 'choice', 'number', 'rupiah'];
export const RECOMMENDATIONS: readonly Recommendation[] = ['lanjutkan', 'perbaiki', 'perpanjang', 'hentikan'];
export const FOLLOWUP_STATUSES: readonly FollowupStatus[] = ['open', 'in_progress', 'done'];

/** The next status a manager may move a plan to (one step forward; a report can be reopened). */
export const NEXT_STATUS: Record<PlanStatus, readonly PlanStatus[]> = {
  direncanakan: ['berjalan'],
  berjalan: ['dilaporkan'],
  dilaporkan: ['ditutup', 'berjalan'],
  ditutup: [],
};
