import { EventEmitter } from 'node:events';
import type { Executor } from '../db/database.js';
import { insertJob, type NewJob } from './job.repository.js';

/**
 * In-process nudge: a worker in this process starts a job queued here at once instead of at its next
 * poll. Only a hint (the table is the truth): other instances find the job by polling.
 */
export const jobSignals = new EventEmitter();
jobSignals.setMaxListeners(50);

/**
 * Queues a job inside the caller's transaction, so the job exists exactly when the change it follows
 * does. Call `notifyJobsQueued()` after the transaction commits.
 */
export function enqueueJob(tx: Executor, job: Omit<NewJob, 'runAt'> & { runAt?: Date }, now: Date): Promise<string> {
  return insertJob(tx, { ...job, runAt: job.runAt ?? now });
}

export function notifyJobsQueued(): void {
  jobSignals.emit('queued');
}
