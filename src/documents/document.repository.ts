import { sql, type Insertable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DocumentRole, DocumentsTable } from '../db/schema-registry.js';

const DOCUMENT_COLUMNS = [
  'd.id',
  'd.agreement_id',
  'd.report_id',
  'd.role',
  'd.version',
  'd.filename',
  'd.sha256',
  'd.size',
  'd.mime',
  'd.readable',
  'd.unreadable_reason',
  'd.page_count',
  'd.uploaded_by',
  'd.uploaded_at',
] as const;

function documentsWithUploader(db: Executor) {
  return db
    .selectFrom('documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    // Text extraction: its outcome, and the live progress of its job while it runs.
    .leftJoin('document_extractions as x', 'x.document_id', 'd.id')
    .leftJoin('jobs as xj', 'xj.id', 'x.job_id')
    .select(DOCUMENT_COLUMNS)
    .select('u.display_name as uploader_name')
    .select(['x.state as extraction_state', 'x.method as extraction_method', 'x.pages_done as extraction_pages_done', 'x.pages_total as extraction_pages_total', 'x.error as extraction_error'])
    .select(['xj.progress_done as extraction_job_done', 'xj.progress_total as extraction_job_total', 'xj.last_error as extraction_job_error'])
    // How much text was read (the documents list shows it); summed only for a finished extraction.
    .select(sql<number | null>`case when x.state = 'done' then (select coalesce(sum(length(p.text)), 0) from document_pages p where p.document_id = d.id) end`.as('extraction_characters'))
    .where('d.deleted_at', 'is', null);
}

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof getDocument>>>;

/** A live (not deleted) document, before any access check: callers name the result `unsafe…`. */
export function getDocument(db: Executor, id: string) {
  return documentsWithUploader(db).where('d.id', '=', id).executeTakeFirst();
}

/** Every live document of an agreement, all versions, newest version first within each role. */
export function listDocuments(db: Executor, agreementId: string) {
  return documentsWithUploader(db)
    .where('d.agreement_id', '=', agreementId)
    .orderBy('d.role')
    .orderBy('d.version', 'desc')
    .orderBy('d.uploaded_at', 'desc')
    .orderBy('d.id')
    .execute();
}

/**
 * Serialises uploads to one agreement for the rest of the transaction, so two uploads of the same role
 * cannot both take the same version number.
 */
export async function lockAgreementForDocuments(db: Executor, agreementId: string): Promise<void> {
  await db.selectFrom('agreements').select('id').where('id', '=', agreementId).forUpdate().execute();
}

/** Highest version ever given for (agreement, role), deleted ones included: numbers are never reused. */
export async function maxVersion(db: Executor, agreementId: string, role: DocumentRole): Promise<number> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('agreement_id', '=', agreementId)
    .where('role', '=', role)
    .executeTakeFirst();
  return row?.max ?? 0;
}

/** The earliest live document of this agreement with the same content, if any. */
export async function findSameContent(db: Executor, agreementId: string, sha256: string): Promise<string | null> {
  const row = await db
    .selectFrom('documents')
    .select('id')
    .where('agreement_id', '=', agreementId)
    .where('sha256', '=', sha256)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertDocument(db: Executor, values: Insertable<DocumentsTable>): Promise<string> {
  const row = await db.insertInto('documents').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function softDeleteDocument(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('documents').set({ deleted_at: at }).where('id', '=', id).execute();
}

export async function reportOfAgreement(db: Executor, reportId: string, agreementId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('id', '=', reportId)
    .where('agreement_id', '=', agreementId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
