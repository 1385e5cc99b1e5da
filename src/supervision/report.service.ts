import type { Actor } from '../access/access.js';
import type { AppDeps } from '../http/context.js';
import { reportData } from './report-data.js';
import { renderDocx } from './report-docx.js';
import { renderPdf } from './report-pdf.js';

/** Laporan Hasil Supervisi, built from the recorded data each time (never a stale copy). Readers of the plan may download it. */
export async function reportDocx(deps: AppDeps, actor: Actor, planId: string) {
  const data = await reportData(deps, actor, planId);
  return { buffer: await renderDocx(data), filename: `${data.filename}.docx` };
}

export async function reportPdf(deps: AppDeps, actor: Actor, planId: string) {
  const data = await reportData(deps, actor, planId);
  return { buffer: await renderPdf(data), filename: `${data.filename}.pdf` };
}
