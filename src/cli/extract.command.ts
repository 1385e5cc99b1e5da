import type { Actor } from '../access/access.js';
import { jobHandlers } from '../bootstrap.js';
import { requeueExtraction } from '../documents/extraction.service.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { JobWorker } from '../jobs/worker.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `p2ma extract --document ID | --all [--run]`: queues the documents to be read again. The server's worker
 * reads them; with --run this process does (useful with the embedded database, which only one process
 * opens at a time), printing progress, and reports how the documents ended.
 */
export async function runExtractCommand(deps: AppDeps, src: { actor: Actor; ip: null }, o: { document?: string | undefined; all?: boolean | undefined; run?: boolean | undefined }): Promise<number> {
  if (!o.document === !o.all) throw new AppError('VALIDATION_FAILED', {}, [{ path: '--document', message: 'Pilih salah satu: --document ID atau --all.' }]);
  if (o.document && !UUID.test(o.document)) throw new AppError('NOT_FOUND');
  const jobIds = await requeueExtraction(deps, src, o.document ? { documentId: o.document } : { all: true });
  console.log(`${jobIds.length} berkas diantrekan untuk dibaca ulang.`);
  if (!o.run) {
    console.log('Server yang berjalan akan membacanya; tambahkan --run untuk membacanya sekarang di proses ini.');
    return 0;
  }
  const { db } = deps.database;
  const worker = new JobWorker({ db, now: deps.now }, { handlers: jobHandlers(deps), ...deps.config.jobs });
  const report = setInterval(() => void progress(deps, jobIds).then((line) => console.log(line)), 5000);
  try {
    await worker.drain();
  } finally {
    clearInterval(report);
  }
  const rows = await db
    .selectFrom('jobs')
    .innerJoin('document_extractions as x', 'x.document_id', 'jobs.document_id')
    .select(['x.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('jobs.id', 'in', jobIds.length ? jobIds : ['00000000-0000-0000-0000-000000000000'])
    .groupBy('x.state')
    .execute();
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  console.log(`Selesai: ${by.done ?? 0} terbaca, ${by.empty ?? 0} tanpa teks, ${by.failed ?? 0} gagal${by.queued || by.running ? `, ${(by.queued ?? 0) + (by.running ?? 0)} masih antre` : ''}.`);
  return 0;
}

async function progress(deps: AppDeps, jobIds: string[]): Promise<string> {
  if (!jobIds.length) return '';
  const rows = await deps.database.db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('id', 'in', jobIds).groupBy('state').execute();
  return rows.map((r) => `${r.state}: ${r.n}`).join(' · ');
}
