import type { JobRow } from './job.repository.js';

/** What a client may know about a job: never its payload or the worker holding it. */
export function presentJob(j: JobRow) {
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    documentId: j.document_id,
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    runAt: j.run_at.toISOString(),
    progress: { done: j.progress_done, total: j.progress_total },
    lastError: j.last_error,
    createdAt: j.created_at.toISOString(),
    updatedAt: j.updated_at.toISOString(),
    finishedAt: j.finished_at ? j.finished_at.toISOString() : null,
  };
}
