import type { Actor } from '../access/access.js';
import * as agreements from '../agreements/agreement.service.js';
import { recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, type FieldProblem } from '../http/errors.js';
import * as partners from '../partners/partner.service.js';
import { findPartner, type PlannedRow } from './import.plan.js';
import * as repo from './import.repository.js';

type Src = { actor: Actor; ip: string | null };

/** Rows between progress updates: often enough for a smooth progress bar, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 50;
/** Problems kept on the import for the operator to read afterwards; beyond this only the count grows. */
const MAX_KEPT_PROBLEMS = 1000;

export interface RunProblem {
  row: number;
  problems: FieldProblem[];
}

export interface RunJob {
  importId: string;
  done: Promise<void>;
  /** Set when the server shuts down: the run stops after the current row and says so. */
  stop: boolean;
}

/**
 * Runs in this process. Background runs (large files) are tracked per app so that shutting the server down
 * stops them cleanly; a durable job queue that survives restarts is a later issue.
 */
const jobsByApp = new WeakMap<AppDeps, Map<string, RunJob>>();

export function jobsOf(deps: AppDeps): Map<string, RunJob> {
  let jobs = jobsByApp.get(deps);
  if (!jobs) jobsByApp.set(deps, (jobs = new Map()));
  return jobs;
}

export async function stopAllJobs(deps: AppDeps): Promise<void> {
  const jobs = [...jobsOf(deps).values()];
  for (const j of jobs) j.stop = true;
  await Promise.allSettled(jobs.map((j) => j.done));
}

export function startJob(deps: AppDeps, importId: string, work: (job: RunJob) => Promise<void>, onError: (err: unknown) => void): RunJob {
  const job: RunJob = { importId, stop: false, done: Promise.resolve() };
  // Nobody awaits a background run: its failure must be reported here, never become an unhandled rejection.
  job.done = work(job)
    .catch(onError)
    .finally(() => jobsOf(deps).delete(importId));
  jobsOf(deps).set(importId, job);
  return job;
}

/**
 * Saves the valid rows of a plan, each through the agreements `create` use case (same checks, same audit
 * entry, same access rules as the form) with the row's import key. Every agreement is its own transaction —
 * the use case opens it — so a run that stops halfway keeps what it saved, and running it again picks up
 * where it stopped: rows already saved are recognised by their import key. Progress is written every
 * PROGRESS_EVERY rows; the `import.run` audit entry and the final counts are written together at the end.
 */
export async function executePlan(deps: AppDeps, src: Src, importId: string, plan: PlannedRow[], job: Pick<RunJob, 'stop'>, log?: (err: unknown) => void): Promise<void> {
  const { db } = deps.database;
  const counts = { processed: 0, created: 0, skipped: 0, invalid: 0 };
  const problems: RunProblem[] = [];
  const partnerIds = new Map<string, string>();
  // Counts only: the problems list is written once at the end, so progress polling stays cheap.
  const progress = () =>
    repo.updateImport(db, importId, {
      processed_rows: counts.processed,
      created_rows: counts.created,
      skipped_rows: counts.skipped,
      invalid_rows: counts.invalid,
      updated_at: deps.now(),
    });
  const keep = (p: RunProblem) => {
    if (problems.length < MAX_KEPT_PROBLEMS) problems.push(p);
  };

  let failure: string | null = null;
  try {
    for (const row of plan) {
      if (job.stop) {
        failure = 'Server berhenti sebelum impor selesai. Jalankan impor lagi untuk melanjutkan; baris yang sudah masuk tidak akan terduplikasi.';
        break;
      }
      if (row.status === 'duplicate') counts.skipped++;
      else if (row.status === 'invalid') {
        counts.invalid++;
        keep({ row: row.row, problems: row.problems });
      } else {
        const outcome = await saveRow(deps, src, row, partnerIds);
        if (outcome === 'created') counts.created++;
        else if (outcome === 'exists') counts.skipped++;
        else {
          counts.invalid++;
          keep({ row: row.row, problems: outcome });
        }
      }
      counts.processed++;
      if (counts.processed % PROGRESS_EVERY === 0) await progress();
      // PGlite answers through microtasks only: without a macrotask break, a long run would starve every other
      // request (and the 202 answer itself) until it finished.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    log?.(err);
    failure = 'Impor terhenti karena kesalahan pada server. Jalankan impor lagi untuk melanjutkan; baris yang sudah masuk tidak akan terduplikasi.';
  }

  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await repo.updateImport(tx, importId, {
      status: failure ? 'failed' : 'done',
      failure,
      processed_rows: counts.processed,
      created_rows: counts.created,
      skipped_rows: counts.skipped,
      invalid_rows: counts.invalid,
      problems: JSON.stringify(problems),
      updated_at: now,
      finished_at: now,
    });
    const imp = await repo.getImport(tx, importId);
    await recordAudit(
      tx,
      src,
      {
        action: 'import.run',
        entityType: 'import',
        entityId: importId,
        unitId: imp?.unit_id ?? null,
        changes: {
          filename: { from: null, to: imp?.filename ?? null },
          rows: { from: null, to: plan.length },
          created: { from: null, to: counts.created },
          already_present: { from: null, to: counts.skipped },
          invalid: { from: null, to: counts.invalid },
          status: { from: 'running', to: failure ? 'failed' : 'done' },
        },
      },
      now,
    );
  });
}

/** 'created', 'exists' (someone saved the same row meanwhile), or the problems that kept it out. */
async function saveRow(deps: AppDeps, src: Src, row: PlannedRow, partnerIds: Map<string, string>): Promise<'created' | 'exists' | FieldProblem[]> {
  const a = row.agreement;
  try {
    const ids: string[] = [];
    for (const p of row.partners) ids.push(await partnerFor(deps, src, p, partnerIds));
    await agreements.create(
      deps,
      src,
      {
        unitId: a.unitId!,
        kindCode: a.kindCode!,
        title: a.title,
        numberFirst: a.numberFirst,
        numberSecond: a.numberSecond,
        partnerIds: ids,
        signatories: [],
        signingPlace: a.signingPlace,
        signingDate: a.signingDate,
        startDate: a.startDate,
        // With a duration the use case computes the end date itself (and would refuse a second, different one).
        endDate: a.duration ? null : a.endDate,
        duration: a.duration,
        scopeCodes: a.scopeCodes,
        scopeOther: a.scopeOther,
        purpose: a.purpose,
        confidentiality: 'public',
      },
      { importKey: row.importKey },
    );
    return 'created';
  } catch (err) {
    if (isUniqueViolation(err)) return 'exists';
    if (err instanceof AppError && err.status < 500) return err.fields?.length ? err.fields : [{ path: 'row', message: err.messageFor('id') }];
    throw err;
  }
}

/**
 * The partner id for a name: the one the preview matched, one this run already created or found, or a new
 * partner (created through the partner service; `force` because the near-duplicate check was done here, with
 * a stricter rule, and the operator has seen the result in the preview).
 */
async function partnerFor(deps: AppDeps, src: Src, p: PlannedRow['partners'][number], cache: Map<string, string>): Promise<string> {
  if (p.partnerId) return p.partnerId;
  const known = cache.get(p.normalized);
  if (known) return known;
  // A row earlier in this run may have created a partner this name is a typo of.
  const found = await findPartner(deps.database.db, p.normalized);
  const id = found ? found.id : (await partners.create(deps, src, { name: p.name, categoryCode: p.categoryCode! }, true)).id;
  cache.set(p.normalized, id);
  return id;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
