import { authorize, type Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import { recordAudit } from '../audit/audit.js';
import type { Executor } from '../db/database.js';
import type { AppDeps } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { enqueueJob, notifyJobsQueued } from '../jobs/job.queue.js';
import { EXTRACT_JOB } from './extraction.js';
import * as repo from './extraction.repository.js';

type Src = { actor: Actor; ip: string | null };

/** Re-queueing in batches keeps each transaction short on a register with thousands of documents. */
const BATCH = 500;

/**
 * Queues reading the document's text, in the caller's transaction (the upload's): the job exists exactly
 * when the document does. A job already waiting for the document is reused. Call `notifyJobsQueued()` after
 * the commit.
 */
export async function queueDocumentExtraction(tx: Executor, documentId: string, now: Date): Promise<string> {
  const jobId = await enqueueJob(tx, { kind: EXTRACT_JOB, payload: { documentId }, documentId, dedupeKey: documentId, maxAttempts: 3 }, now);
  await repo.queueExtraction(tx, documentId, jobId, now);
  return jobId;
}

/**
 * Reads a document again (`p2ma extract --document ID`) or every live document (`--all`, administrators
 * only), e.g. after OCR was installed on the server. Returns the ids of the queued jobs.
 */
export async function requeueExtraction(deps: AppDeps, src: Src, target: { documentId: string } | { all: true }): Promise<string[]> {
  const { db } = deps.database;
  authorize(src.actor, 'document.write');
  let unitId: string | null = null;
  if ('documentId' in target) {
    const [unsafeDocument] = await repo.documentsToExtract(db, target.documentId);
    if (!unsafeDocument) throw notFound();
    unitId = (await getVisibleAgreement(db, src.actor, unsafeDocument.agreement_id, 'document.write')).unit_id;
  } else if (src.actor.role !== 'admin') {
    authorize(src.actor, 'storage.verify');
  }
  const documents = await repo.documentsToExtract(db, 'documentId' in target ? target.documentId : null);
  const jobIds: string[] = [];
  const now = deps.now();
  for (let i = 0; i < documents.length; i += BATCH) {
    const batch = documents.slice(i, i + BATCH);
    await db.transaction().execute(async (tx) => {
      for (const d of batch) jobIds.push(await queueDocumentExtraction(tx, d.id, now));
      if (i === 0) {
        await recordAudit(
          tx,
          src,
          { action: 'document.reextract', entityType: 'document', entityId: 'documentId' in target ? target.documentId : null, unitId, changes: { documents: { from: null, to: documents.length } } },
          now,
        );
      }
    });
  }
  notifyJobsQueued();
  return jobIds;
}
