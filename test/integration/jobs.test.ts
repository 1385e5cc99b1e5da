import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { enqueueJob } from '../../src/jobs/job.queue.js';
import { claimJobs, getJob } from '../../src/jobs/job.repository.js';
import { JobWorker, PermanentJobError, type JobHandler, type WorkerOptions } from '../../src/jobs/worker.js';
import { startTestApp, TestClock, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { insertAgreement } from '../helpers/fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function worker(db: Database, clock: { now: () => Date }, handlers: Record<string, JobHandler>, opts: Partial<WorkerOptions> = {}) {
  return new JobWorker({ db: db.db, now: clock.now }, { handlers, concurrency: 2, leaseMs: 1000, pollMs: 20, backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 }, ...opts });
}

async function enqueue(db: Database, clock: TestClock, kind: string, n: number, extra: { maxAttempts?: number; documentId?: string } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await enqueueJob(db.db, { kind, payload: { i }, ...extra }, clock.now()));
  return ids;
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await sleep(20);
  }
}

const states = async (db: Database, ids: string[]) => (await db.db.selectFrom('jobs').select('state').where('id', 'in', ids).execute()).map((r) => r.state);

describe.each(DATABASES)('the job queue on %s', (kind) => {
  let t: TestApp;
  let db: Database;
  let clock: TestClock;

  beforeAll(async () => {
    t = await startTestApp(kind);
    db = t.deps.database;
    clock = t.clock;
  });
  afterAll(async () => t?.close());

  it('runs every job once and never more at a time than its concurrency', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    const ids = await enqueue(db, clock, 'test.concurrency', 9);
    const w = worker(db, clock, {
      'test.concurrency': {
        async run(ctx) {
          active++;
          peak = Math.max(peak, active);
          await sleep(40);
          seen.push(ctx.job.payload.i as number);
          await ctx.progress(1, 1);
          active--;
        },
      },
    }, { concurrency: 3 });
    await w.drain();
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await states(db, ids)).toEqual(Array(9).fill('done'));
    const one = await getJob(db.db, ids[0]!);
    expect(one).toMatchObject({ attempts: 1, progress_done: 1, progress_total: 1, last_error: null });
  });

  it('retries a failing job with exponential backoff, then fails it for good and says why', async () => {
    const failures: string[] = [];
    const handler: JobHandler = {
      async run() {
        throw new Error('layanan penyimpanan tidak menjawab');
      },
      async onFailed(job, error) {
        failures.push(`${job.id}: ${error}`);
      },
    };
    const [id] = await enqueue(db, clock, 'test.flaky', 1, { maxAttempts: 3 });
    const w = worker(db, clock, { 'test.flaky': handler });
    const t0 = clock.now().getTime();

    await w.drain();
    let job = (await getJob(db.db, id!))!;
    expect(job).toMatchObject({ state: 'queued', attempts: 1, last_error: 'layanan penyimpanan tidak menjawab' });
    expect(job.run_at.getTime() - t0).toBe(1000);

    await w.drain(); // not due yet: nothing runs
    expect((await getJob(db.db, id!))!.attempts).toBe(1);

    clock.advance(1000);
    await w.drain();
    job = (await getJob(db.db, id!))!;
    expect(job).toMatchObject({ state: 'queued', attempts: 2 });
    expect(job.run_at.getTime() - clock.now().getTime()).toBe(2000);

    clock.advance(2000);
    await w.drain();
    job = (await getJob(db.db, id!))!;
    expect(job).toMatchObject({ state: 'failed', attempts: 3, last_error: 'layanan penyimpanan tidak menjawab' });
    expect(job.finished_at).not.toBeNull();
    expect(failures).toEqual([`${id}: layanan penyimpanan tidak menjawab`]);
  });

  it('succeeds on a later attempt, and fails at once on an error retrying cannot fix', async () => {
    let calls = 0;
    const [flaky] = await enqueue(db, clock, 'test.once', 1);
    const [broken] = await enqueue(db, clock, 'test.permanent', 1);
    const w = worker(db, clock, {
      'test.once': { async run() { if (++calls === 1) throw new Error('sekali gagal'); } },
      'test.permanent': { async run() { throw new PermanentJobError('berkas tidak ada'); } },
    });
    await w.drain();
    clock.advance(1000);
    await w.drain();
    expect(await getJob(db.db, flaky!)).toMatchObject({ state: 'done', attempts: 2, last_error: null });
    expect(await getJob(db.db, broken!)).toMatchObject({ state: 'failed', attempts: 1, last_error: 'berkas tidak ada' });
  });

  it('takes over a job whose worker died once its lease has expired, and gives up on one out of attempts', async () => {
    const [orphan] = await enqueue(db, clock, 'test.lease', 1);
    const [lastTry] = await enqueue(db, clock, 'test.lease', 1, { maxAttempts: 1 });
    const now = clock.now();
    // A worker claims both and dies without a word.
    const claimed = await claimJobs(db.db, { worker: 'dead-host:1', kinds: ['test.lease'], limit: 5, now, leaseUntil: new Date(now.getTime() + 1000) });
    expect(claimed.map((c) => c.id).sort()).toEqual([orphan, lastTry].sort());

    const ran: string[] = [];
    const w = worker(db, clock, { 'test.lease': { async run(ctx) { ran.push(ctx.job.id); } } });
    await w.drain();
    expect(ran).toEqual([]); // the lease still holds

    clock.advance(1001);
    await w.drain();
    expect(ran).toEqual([orphan]);
    expect(await getJob(db.db, orphan!)).toMatchObject({ state: 'done', attempts: 2 });
    const gaveUp = (await getJob(db.db, lastTry!))!;
    expect(gaveUp).toMatchObject({ state: 'failed', attempts: 1 });
    expect(gaveUp.last_error).toBe('Pekerja dead-host:1 berhenti sebelum selesai (masa sewa habis).');
  });

  it('renews the lease of a job that runs longer than its lease, so no other worker takes it', async () => {
    const [id] = await enqueue(db, clock, 'test.long', 1);
    const real = { now: () => new Date() };
    await db.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', id!).execute();
    const runs: string[] = [];
    const long = (name: string): JobHandler => ({
      async run() {
        runs.push(name);
        await sleep(2500);
      },
    });
    const a = worker(db, real, { 'test.long': long('a') }, { leaseMs: 1000 }).start();
    await until(async () => runs.length === 1);
    const b = worker(db, real, { 'test.long': long('b') }, { leaseMs: 1000, pollMs: 50 }).start();
    await until(async () => (await getJob(db.db, id!))!.state === 'done', 20_000);
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toEqual(['a']);
    expect(await getJob(db.db, id!)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('a worker that lost its job (lease taken over) is stopped and cannot write its results', async () => {
    const [id] = await enqueue(db, clock, 'test.lost', 1);
    let wrote = false;
    let reason: unknown;
    const w = worker(db, clock, {
      'test.lost': {
        async run(ctx) {
          // Another worker takes the job over (as if this one had stalled past its lease).
          await db.db.updateTable('jobs').set({ locked_by: 'other:2' }).where('id', '=', ctx.job.id).execute();
          await until(async () => ctx.signal.aborted);
          reason = ctx.signal.reason;
          await ctx.transaction(async () => {
            wrote = true;
          }).catch(() => {});
        },
      },
    });
    w.start();
    await until(async () => reason !== undefined);
    await w.stop(1000);
    expect(wrote).toBe(false);
    expect((reason as Error).name).toBe('LeaseLostError');
    expect(await getJob(db.db, id!)).toMatchObject({ state: 'running', locked_by: 'other:2' });
    await db.db.updateTable('jobs').set({ state: 'done' }).where('id', '=', id!).execute();
  });

  it('lists jobs for administrators, and to others only the jobs of documents in their scope', async () => {
    const kra = await insertAgreement(t, { unitCode: 'UPT-33-LPSK-KRA' });
    const other = await insertAgreement(t, { unitCode: 'KW-33' });
    await db.db.insertInto('blobs').values({ sha256: 'a'.repeat(64), size: 1, mime: 'application/pdf' }).onConflict((oc) => oc.doNothing()).execute();
    const doc = async (agreementId: string) =>
      (await db.db.insertInto('documents').values({ agreement_id: agreementId, role: 'lampiran', filename: 'x.pdf', sha256: 'a'.repeat(64), size: 1, mime: 'application/pdf' }).returning('id').executeTakeFirstOrThrow()).id;
    const [mine] = await enqueue(db, clock, 'test.api', 1, { documentId: await doc(kra) });
    const [theirs] = await enqueue(db, clock, 'test.api', 1, { documentId: await doc(other) });
    const [system] = await enqueue(db, clock, 'test.api', 1);

    const admin = await t.login('admin');
    const all = await admin.req('GET', '/api/v1/jobs?kind=test.api');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.jobs.map((j: { id: string }) => j.id).sort()).toEqual([mine, theirs, system].sort());
    expect(all.body.jobs[0]).toEqual({
      id: expect.any(String), kind: 'test.api', state: 'queued', documentId: expect.toBeOneOf([expect.any(String), null]), attempts: 0, maxAttempts: 5,
      runAt: expect.any(String), progress: { done: 0, total: null }, lastError: null, createdAt: expect.any(String), updatedAt: expect.any(String), finishedAt: null,
    });

    const op = await t.login('upt.karanganyar');
    const scoped = await op.req('GET', '/api/v1/jobs?kind=test.api');
    expect(scoped.body).toMatchObject({ total: 1, jobs: [{ id: mine }] });
    expect((await op.req('GET', `/api/v1/jobs/${mine}`)).body.job).toMatchObject({ id: mine, state: 'queued' });
    expect((await op.req('GET', `/api/v1/jobs/${theirs}`)).status).toBe(404);
    expect((await op.req('GET', `/api/v1/jobs/${system}`)).status).toBe(404);
    expect((await admin.req('GET', `/api/v1/jobs/${system}`)).status).toBe(200);
    await db.db.updateTable('jobs').set({ state: 'done' }).where('kind', '=', 'test.api').execute();
  });
});

describe.each(DATABASES)('jobs across restarts on %s', (kind) => {
  it('survives a restart: interrupted and queued jobs run when the process comes back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-jobs-'));
    const t = kind === 'postgres' ? await startTestApp('postgres') : null;
    const config = t ? t.deps.config.database : ({ kind: 'pglite', dataDir: path.join(dir, 'pglite') } as const);
    const clock = new TestClock();
    try {
      let db = await openDatabase(config);
      await migrateToLatest(db.db);
      const ids = await enqueue(db, clock, 'test.restart', 4);
      let started = 0;
      const first = worker(db, clock, { 'test.restart': { async run(ctx) { started++; await new Promise((r) => ctx.signal.addEventListener('abort', r)); } } });
      first.start();
      await until(async () => started === 2);
      await first.stop(50); // the server shuts down mid-job
      expect(await states(db, ids)).toEqual(Array(4).fill('queued'));
      await db.close();

      db = await openDatabase(config);
      const done: string[] = [];
      await worker(db, clock, { 'test.restart': { async run(ctx) { done.push(ctx.job.id); } } }).drain();
      expect(done.sort()).toEqual([...ids].sort());
      const rows = await db.db.selectFrom('jobs').select(['state', 'attempts']).where('id', 'in', ids).execute();
      // The interrupted attempt was handed back, not counted.
      expect(rows).toEqual(Array(4).fill({ state: 'done', attempts: 1 }));
      await db.close();
    } finally {
      await t?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('two instances sharing PostgreSQL', () => {
  it('never run the same job, and share the work', async () => {
    const t = await startTestApp('postgres');
    const second = await openDatabase(t.deps.config.database);
    try {
      const ids = await enqueue(t.deps.database, t.clock, 'test.shared', 40);
      const runs: { id: string; by: string; start: number; end: number }[] = [];
      const handler = (by: string): JobHandler => ({
        async run(ctx) {
          const start = performance.now();
          await sleep(5 + Math.random() * 15);
          runs.push({ id: ctx.job.id, by, start, end: performance.now() });
        },
      });
      const a = worker(t.deps.database, t.clock, { 'test.shared': handler('a') }, { concurrency: 3, pollMs: 5 });
      const b = worker(second, t.clock, { 'test.shared': handler('b') }, { concurrency: 3, pollMs: 5 });
      a.start();
      b.start();
      await until(async () => (await states(t.deps.database, ids)).every((s) => s === 'done'));
      await Promise.all([a.stop(), b.stop()]);
      expect(runs.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(new Set(runs.map((r) => r.by))).toEqual(new Set(['a', 'b']));
    } finally {
      await second.close();
      await t.close();
    }
  });
});
