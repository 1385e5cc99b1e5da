import type { Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, type FieldProblem } from '../http/errors.js';
import * as repo from './report.repository.js';

type Src = { actor: Actor; ip: string | null };

export interface ReportInput {
  periodStart: string;
  periodEnd: string;
  activities: string;
  beneficiaries: number;
  pnbpAmount: number;
  benefitCodes: string[];
  benefitNotes?: string | null | undefined;
  obstacles?: string | null | undefined;
  suggestions?: string | null | undefined;
  internal: boolean;
}

/** Implementation and benefit reports of one agreement, with the totals an agreement page shows. */
export async function listForAgreement(deps: AppDeps, actor: Actor, agreementId: string) {
  await getVisibleAgreement(deps.database.db, actor, agreementId);
  const rows = await repo.reportsOf(deps.database.db, agreementId);
  const benefits = await repo.benefitsOf(deps.database.db, rows.map((r) => r.id));
  const totals = rows.reduce((t, r) => ({ reports: t.reports + 1, beneficiaries: t.beneficiaries + r.beneficiaries, pnbpAmount: t.pnbpAmount + r.pnbp_amount }), { reports: 0, beneficiaries: 0, pnbpAmount: 0 });
  return { rows, benefits, totals };
}

async function check(deps: AppDeps, input: ReportInput, agreement: { signing_date: string | null }) {
  const problems: FieldProblem[] = [];
  if (input.periodEnd < input.periodStart) problems.push({ path: 'periodEnd', message: 'Akhir periode tidak boleh sebelum awal periode.' });
  if (agreement.signing_date && input.periodEnd < agreement.signing_date) problems.push({ path: 'periodEnd', message: 'Periode laporan berakhir sebelum naskah ditandatangani.' });
  const known = await repo.knownBenefitCodes(deps.database.db, input.benefitCodes);
  for (const c of input.benefitCodes) if (!known.includes(c)) problems.push({ path: 'benefitCodes', message: `Jenis manfaat tidak dikenal: ${c}.` });
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
}

function columns(input: ReportInput) {
  return {
    period_start: input.periodStart,
    period_end: input.periodEnd,
    activities: input.activities,
    beneficiaries: input.beneficiaries,
    pnbp_amount: input.pnbpAmount,
    benefit_notes: input.benefitNotes || null,
    obstacles: input.obstacles || null,
    suggestions: input.suggestions || null,
    internal: input.internal,
  };
}

export async function create(deps: AppDeps, src: Src, agreementId: string, input: ReportInput) {
  const agreement = await getVisibleAgreement(deps.database.db, src.actor, agreementId, 'report.write');
  await check(deps, input, agreement);
  const now = deps.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const id = await repo.insertReport(tx, { agreement_id: agreementId, ...columns(input), created_by: src.actor.userId, created_at: now, updated_at: now });
    await repo.replaceBenefits(tx, id, [...new Set(input.benefitCodes)]);
    await recordAudit(tx, src, { action: 'report.create', entityType: 'report', entityId: id, unitId: agreement.unit_id, changes: { ...diff(null, columns(input)), agreement_id: { from: null, to: agreementId } } }, now);
    return id;
  });
}

async function visibleReport(deps: AppDeps, actor: Actor, id: string) {
  const unsafeReport = await repo.getReport(deps.database.db, id);
  if (!unsafeReport) throw new AppError('NOT_FOUND');
  const agreement = await getVisibleAgreement(deps.database.db, actor, unsafeReport.agreement_id, 'report.write');
  return { report: unsafeReport, agreement };
}

export async function update(deps: AppDeps, src: Src, id: string, input: ReportInput) {
  const { report, agreement } = await visibleReport(deps, src.actor, id);
  await check(deps, input, agreement);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updateReport(tx, id, { ...columns(input), updated_at: now });
    await repo.replaceBenefits(tx, id, [...new Set(input.benefitCodes)]);
    await recordAudit(tx, src, { action: 'report.update', entityType: 'report', entityId: id, unitId: agreement.unit_id, changes: diff(report as unknown as Record<string, unknown>, columns(input)) }, now);
  });
  return report.agreement_id;
}

export async function remove(deps: AppDeps, src: Src, id: string) {
  const { agreement } = await visibleReport(deps, src.actor, id);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updateReport(tx, id, { deleted_at: now });
    await recordAudit(tx, src, { action: 'report.delete', entityType: 'report', entityId: id, unitId: agreement.unit_id }, now);
  });
}
