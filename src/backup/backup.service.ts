import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { authorize, type Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import { createBackup } from './backup.js';
import { backupFileName, isArchiveName, listBackupFiles, selectForPruning, type BackupFile } from './backup-files.js';
import * as runs from './backup-run.repository.js';

type Src = { actor: Actor; ip: string | null };

/** A run still "running" after this long died with its process; it no longer blocks a new one. */
const STALE_RUN_MS = 6 * 60 * 60 * 1000;
export const INSTANCE = `${os.hostname()}:${process.pid}`;

export interface RunView {
  id: string;
  kind: 'scheduled' | 'manual';
  status: 'running' | 'done' | 'failed';
  file: string | null;
  size: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/**
 * An administrator asks for a backup of the running system. It is recorded (and audited) at once and written in
 * the background into the backups directory; the answer names the file to look for. One at a time: a second
 * request while one runs is refused.
 */
export async function startManualBackup(deps: AppDeps, src: Src): Promise<{ run: RunView; finished: Promise<void> }> {
  authorize(src.actor, 'backup.manage');
  const now = deps.now();
  const file = backupFileName(now, 'manual', crypto.randomBytes(4).toString('hex'));
  const id = await deps.database.db.transaction().execute(async (tx) => {
    await runs.lockRunStart(tx);
    if (await runs.activeRun(tx, new Date(now.getTime() - STALE_RUN_MS))) throw new AppError('BACKUP_RUNNING');
    const claimed = await runs.claimRun(tx, { slot: `manual:${crypto.randomUUID()}`, kind: 'manual', instance: INSTANCE, requestedBy: src.actor.userId, file, startedAt: now });
    await recordAudit(tx, src, { action: 'backup.create', entityType: 'backup', entityId: claimed, unitId: null, changes: { file } }, now);
    return claimed!;
  });
  const finished = runBackup(deps, id, file);
  return { run: { id, kind: 'manual', status: 'running', file, size: null, error: null, startedAt: now, finishedAt: null }, finished };
}

/** Writes the archive for a claimed run and records how it ended; never throws (the run row says what went wrong). */
export async function runBackup(deps: AppDeps, runId: string, file: string): Promise<void> {
  const { db } = deps.database;
  try {
    const result = await createBackup(deps, { out: path.join(deps.config.backup.dir, file) });
    await runs.finishRun(db, runId, { status: 'done', size: result.size, error: null, finishedAt: deps.now() });
  } catch (err) {
    const error = err instanceof AppError ? err.messageFor('id') : err instanceof Error ? err.message : String(err);
    await runs.finishRun(db, runId, { status: 'failed', size: null, error: error.slice(0, 2000), finishedAt: deps.now() }).catch(() => {});
  }
}

export async function listBackups(deps: AppDeps, actor: Actor): Promise<{ files: BackupFile[]; runs: RunView[] }> {
  authorize(actor, 'backup.manage');
  const [files, recent] = await Promise.all([listBackupFiles(deps.config.backup.dir), runs.recentRuns(deps.database.db, 20)]);
  return { files, runs: recent.map(presentRun) };
}

/** Opens an archive for download and records who took a copy of everything. */
export async function openBackupDownload(deps: AppDeps, src: Src, name: string): Promise<{ name: string; size: number; stream: Readable }> {
  authorize(src.actor, 'backup.manage');
  if (!isArchiveName(name)) throw notFound();
  const file = path.join(deps.config.backup.dir, name);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) throw notFound();
  const stream = fs.createReadStream(file);
  const now = deps.now();
  await deps.database.db.transaction().execute((tx) =>
    recordAudit(tx, src, { action: 'backup.download', entityType: 'backup', entityId: null, unitId: null, changes: { file: name, size: stat.size } }, now),
  );
  return { name, size: stat.size, stream };
}

/**
 * The scheduled backup for the slot `now` falls in, if no instance has claimed it yet (several instances on one
 * PostgreSQL: the unique slot row lets exactly one through). A server that was down at the scheduled time
 * catches up when it starts. Afterwards retention prunes older scheduled archives.
 */
export async function runScheduledBackup(deps: AppDeps, now = deps.now()): Promise<{ ran: boolean; runId: string | null; pruned: string[] }> {
  const schedule = deps.config.backup.schedule;
  if (!schedule) return { ran: false, runId: null, pruned: [] };
  const slot = dueSlot(schedule, deps.config.backup.timeZone, now);
  const file = backupFileName(now, 'auto');
  const runId = await runs.claimRun(deps.database.db, { slot, kind: 'scheduled', instance: INSTANCE, requestedBy: null, file, startedAt: now });
  if (!runId) return { ran: false, runId: null, pruned: [] };
  await runBackup(deps, runId, file);
  const { keepDaily, keepWeekly, dir } = deps.config.backup;
  const pruned = selectForPruning(await listBackupFiles(dir), keepDaily, keepWeekly);
  for (const name of pruned) await fs.promises.rm(path.join(dir, name), { force: true });
  return { ran: true, runId, pruned };
}

/** "daily:2026-05-01T02:00": the most recent scheduled time at or before `now`, on the schedule's clock. */
export function dueSlot(schedule: { hour: number; minute: number }, timeZone: string, now: Date): string {
  const local = (d: Date) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
    return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  };
  const today = local(now);
  const date = today.minutes >= schedule.hour * 60 + schedule.minute ? today.date : local(new Date(now.getTime() - 86_400_000)).date;
  return `daily:${date}T${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
}

/** Checks the schedule every minute; a backup in progress is not started twice by the same process. */
export function startBackupScheduler(deps: AppDeps, log: { warn: (o: object, msg: string) => void; info: (o: object, msg: string) => void }): () => Promise<void> {
  if (!deps.config.backup.schedule) return async () => {};
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledBackup(deps)
      .then((r) => {
        if (r.ran) log.info({ runId: r.runId, pruned: r.pruned }, 'scheduled backup finished');
      })
      .catch((err: unknown) => log.warn({ err }, 'scheduled backup could not start; retried next minute'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, 60_000);
  timer.unref();
  setTimeout(tick, 5_000).unref();
  // Stopping does not wait for a backup in progress (it may take minutes): its run stays "running", its
  // `.part` file is never mistaken for an archive, and the next slot makes a new one.
  return async () => {
    clearInterval(timer);
  };
}

function presentRun(r: Awaited<ReturnType<typeof runs.recentRuns>>[number]): RunView {
  return { id: r.id, kind: r.kind, status: r.status, file: r.file, size: r.size === null ? null : Number(r.size), error: r.error, startedAt: r.started_at, finishedAt: r.finished_at };
}
