import type { Actor } from '../access/access.js';
import type { AppDeps } from '../http/context.js';
import { todayIn } from '../shared/dates.js';
import * as followupRepo from './followup.repository.js';
import { angka, FOLLOWUP_LABELS, hariTanggal, RECOMMENDATION_LABELS, rentang, rupiah, tanggal, yaTidak } from './format.js';
import { getVisiblePlan } from './supervision.access.js';
import * as planRepo from './supervision.repository.js';
import { questionsOf, type QuestionRow } from './template.repository.js';
import * as ws from './worksheet.repository.js';

/** The report's content, already worded and formatted in Bahasa Indonesia: the DOCX and the PDF render the same. */
export interface ReportData {
  /** The unit at the top of the tree (the Biro) that issues the report. */
  issuer: string;
  title: string;
  subtitle: string;
  periodText: string;
  region: string;
  basis: string;
  purpose: string;
  scopeText: string;
  schedule: { unit: string; date: string }[];
  team: { name: string; role: string; position: string }[];
  units: ReportUnit[];
  generalRecommendations: string[];
  followups: { unit: string; title: string; due: string; status: string; response: string }[];
  closing: string;
  place: string;
  signedOn: string;
  filename: string;
}
export interface ReportUnit {
  name: string;
  date: string;
  interviewees: string[];
  agreements: { title: string; meta: string; rows: [string, string][]; assessment: [string, string][] }[];
  unitAnswers: [string, string][];
  findings: string;
  kendala: string;
  saran: string;
  unregistered: string[];
  recommendations: string[];
}

function formatAnswer(q: QuestionRow, value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  switch (q.type) {
    case 'yes_no':
      return yaTidak(value as boolean);
    case 'scale':
      return `${value as number} (${(q.options ?? [])[(value as number) - 1] ?? ''})`;
    case 'rupiah':
      return rupiah(value as number);
    case 'number':
      return angka(value as number);
    default:
      return String(value);
  }
}

export async function reportData(deps: AppDeps, actor: Actor, planId: string): Promise<ReportData> {
  const { db } = deps.database;
  const vp = await getVisiblePlan(db, actor, planId);
  const p = vp.plan;
  const visitIds = vp.visits.map((v) => v.id);
  const answers = await ws.answersOf(db, visitIds);
  const assessments = await ws.assessmentsOf(db, visitIds);
  const unregistered = await ws.unregisteredOf(db, visitIds);
  const recommendations = await planRepo.recommendationsOf(db, planId);
  const followups = await followupRepo.followupsOfPlan(db, planId);
  const questionCache = new Map<string, QuestionRow[]>();
  const units: ReportUnit[] = [];
  for (const v of vp.visits) {
    if (!questionCache.has(v.template_id)) questionCache.set(v.template_id, await questionsOf(db, v.template_id));
    const questions = questionCache.get(v.template_id)!;
    const answerOf = (agreementId: string | null, q: QuestionRow) => answers.find((a) => a.visit_id === v.id && a.agreement_id === agreementId && a.question_id === q.id)?.value;
    const agreements = await ws.agreementsForVisit(db, v, deps.config.expiryWindowDays);
    const unitQ = questions.filter((q) => q.target === 'unit');
    const byCode = (code: string) => unitQ.find((q) => q.code === code);
    const special = ['kendala', 'saran'];
    units.push({
      name: v.unit_name,
      date: hariTanggal(v.visit_date),
      interviewees: (v.interviewees ?? []).map((i) => `${i.name}, ${i.position}`),
      agreements: agreements.map((a) => {
        const s = assessments.find((x) => x.visit_id === v.id && x.agreement_id === a.id);
        return {
          title: a.title,
          meta: [a.kind_name, a.number_first ? `Nomor ${a.number_first}` : null, a.partner_names ? `Mitra: ${a.partner_names}` : null, a.signing_date ? `ditandatangani ${tanggal(a.signing_date)}` : null, a.end_date ? `berakhir ${tanggal(a.end_date)}` : null]
            .filter(Boolean)
            .join('; '),
          rows: questions.filter((q) => q.target === 'agreement').map((q) => [q.label, formatAnswer(q, answerOf(a.id, q))] as [string, string]),
          assessment: [
            ['Bermanfaat bagi unit', yaTidak(s?.benefits_unit)],
            ['Saling menguntungkan', yaTidak(s?.mutual)],
            ['Rekomendasi', s?.recommendation ? RECOMMENDATION_LABELS[s.recommendation] : '-'],
            ['Catatan tim', s?.note ?? '-'],
          ],
        };
      }),
      unitAnswers: unitQ.filter((q) => !special.includes(q.code)).map((q) => [q.label, formatAnswer(q, answerOf(null, q))] as [string, string]),
      findings: v.findings ?? '-',
      kendala: byCode('kendala') ? formatAnswer(byCode('kendala')!, answerOf(null, byCode('kendala')!)) : '-',
      saran: byCode('saran') ? formatAnswer(byCode('saran')!, answerOf(null, byCode('saran')!)) : '-',
      unregistered: unregistered.filter((u) => u.visit_id === v.id).map((u) => `${u.title} (mitra: ${u.partner_name})${u.note ? ` — ${u.note}` : ''}`),
      recommendations: recommendations.filter((r) => r.unit_id === v.unit_id).map((r) => r.text),
    });
  }
  const chair = vp.team.find((m) => m.role === 'ketua');
  const signedOn = p.reported_at ? todayIn(p.reported_at) : todayIn(deps.now());
  const slug = p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const root = await db.selectFrom('units').select('name').where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
  return {
    issuer: root?.name ?? 'Biro Hukum, Komunikasi Publik, dan Kerja Sama',
    title: 'LAPORAN HASIL SUPERVISI KERJA SAMA',
    subtitle: p.title,
    periodText: rentang(p.period_start, p.period_end),
    region: p.region,
    basis: p.basis,
    purpose: p.purpose ?? '-',
    scopeText: p.scope_text ?? '-',
    schedule: vp.visits.map((v) => ({ unit: v.unit_name, date: hariTanggal(v.visit_date) })),
    team: vp.team.map((m) => ({ name: m.display_name, role: m.role === 'ketua' ? 'Ketua' : 'Anggota', position: m.position ?? m.unit_name })),
    units,
    generalRecommendations: recommendations.filter((r) => !r.unit_id).map((r) => r.text),
    followups: followups.map((f) => ({ unit: f.unit_name, title: f.title, due: tanggal(f.due_date), status: FOLLOWUP_LABELS[f.status], response: f.response ?? '-' })),
    closing: `Demikian laporan hasil supervisi kerja sama ini disusun sebagai bahan evaluasi dan tindak lanjut${chair ? ` oleh Tim yang diketuai ${chair.display_name}` : ''}. Atas perhatian dan kerja sama semua pihak diucapkan terima kasih.`,
    place: 'Jakarta',
    signedOn: tanggal(signedOn),
    filename: `laporan-hasil-supervisi-${slug || p.id}`,
  };
}
