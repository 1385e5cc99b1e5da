import type { Actor } from '../access/access.js';
import type { Executor } from '../db/database.js';
import type { RedactionRect } from '../db/schema-redaction.js';

/** The pages of a document with the OCR word boxes of scanned pages (redaction). */
export function pagesWithWords(db: Executor, documentId: string) {
  return db.selectFrom('document_pages').select(['page', 'method', 'text', 'words']).where('document_id', '=', documentId).orderBy('page').execute();
}

/** The names of the agreement's recorded signatories: officials, never redacted. */
export async function signatoryNames(db: Executor, agreementId: string): Promise<string[]> {
  const rows = await db.selectFrom('signatories').select('name').where('agreement_id', '=', agreementId).execute();
  return rows.map((r) => r.name);
}

export async function insertPublicCopy(
  db: Executor,
  values: { sourceDocumentId: string; agreementId: string; jobId: string; requestedBy: string; findings: { id: string; kind: string; page: number }[]; rectangles: RedactionRect[]; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('public_copies')
    .values({
      source_document_id: values.sourceDocumentId,
      agreement_id: values.agreementId,
      job_id: values.jobId,
      requested_by: values.requestedBy,
      requested_at: values.now,
      findings: JSON.stringify(values.findings),
      rectangles: JSON.stringify(values.rectangles),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function publicCopies(db: Executor) {
  return db
    .selectFrom('public_copies as c')
    .leftJoin('jobs as j', 'j.id', 'c.job_id')
    .select(['c.id', 'c.source_document_id', 'c.agreement_id', 'c.job_id', 'c.requested_by', 'c.requested_at', 'c.findings', 'c.rectangles', 'c.result_document_id', 'c.error', 'c.finished_at'])
    .select(['j.state as job_state', 'j.progress_done', 'j.progress_total', 'j.last_error']);
}
export type PublicCopyRow = NonNullable<Awaited<ReturnType<typeof getPublicCopy>>>;

export function getPublicCopy(db: Executor, id: string) {
  return publicCopies(db).where('c.id', '=', id).executeTakeFirst();
}

/** The latest public copy requested from a document, with the progress of its job. */
export function latestPublicCopy(db: Executor, sourceDocumentId: string) {
  return publicCopies(db).where('c.source_document_id', '=', sourceDocumentId).orderBy('c.requested_at', 'desc').orderBy('c.id', 'desc').executeTakeFirst();
}

export async function setPublicCopyResult(db: Executor, id: string, resultDocumentId: string, now: Date): Promise<void> {
  await db.updateTable('public_copies').set({ result_document_id: resultDocumentId, error: null, finished_at: now }).where('id', '=', id).execute();
}

export async function setPublicCopyError(db: Executor, id: string, error: string, now: Date): Promise<void> {
  await db.updateTable('public_copies').set({ error: error.slice(0, 1000), finished_at: now }).where('id', '=', id).execute();
}

/** The account that asked for a public copy, as the job acts for it; null when it is gone or disabled. */
export async function actorOf(db: Executor, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'users.must_change_password', 'users.disabled_at', 'users.locale', 'units.path as unit_path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.disabled_at) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    mustChangePassword: row.must_change_password,
    locale: row.locale,
  };
}
