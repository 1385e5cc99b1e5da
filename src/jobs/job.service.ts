import { authorize, type Actor } from '../access/access.js';
import type { JobState } from '../db/schema-intelligence.js';
import type { AppDeps } from '../http/context.js';
import { notFound } from '../http/errors.js';
import * as repo from './job.repository.js';

/**
 * Administrators see every job; everyone else sees the jobs of documents in their part of the tree (and a
 * job about nothing they may read does not exist for them).
 */
function scopeOf(actor: Actor): string | null {
  authorize(actor, 'document.read');
  return actor.role === 'admin' ? null : actor.unitPath;
}

export async function listJobs(deps: AppDeps, actor: Actor, q: { state?: JobState | undefined; kind?: string | undefined; documentId?: string | undefined; page: number; pageSize: number }) {
  return repo.listJobs(deps.database.db, { scopePrefix: scopeOf(actor), state: q.state, kind: q.kind, documentId: q.documentId }, q.page, q.pageSize);
}

export async function getJob(deps: AppDeps, actor: Actor, id: string) {
  const job = await repo.getJobInScope(deps.database.db, id, scopeOf(actor));
  if (!job) throw notFound();
  return job;
}
