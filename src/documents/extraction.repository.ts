import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ExtractionMethod, ExtractionState, PageWords } from '../db/schema-intelligence.js';

export interface ExtractedPage {
  page: number;
  method: ExtractionMethod;
  text: string;
  words: PageWords | null;
}

/** A new extraction waiting for its job (upload, re-queue): progress starts over. */
export async function queueExtraction(db: Executor, documentId: string, jobId: string, now: Date): Promise<void> {
  await db
    .insertInto('document_extractions')
    .values({ document_id: documentId, job_id: jobId, state: 'queued', pages_done: 0, updated_at: now })
    .onConflict((oc) => oc.column('document_id').doUpdateSet({ job_id: jobId, state: 'queued', pages_done: 0, error: null, updated_at: now, finished_at: null }))
    .execute();
}

/** The document as the extraction job needs it, deleted or not (a job may outlive the document). */
export function getDocumentForExtraction(db: Executor, id: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'agreement_id', 'sha256', 'size', 'mime', 'readable', 'unreadable_reason', 'page_count', 'deleted_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type DocumentForExtraction = NonNullable<Awaited<ReturnType<typeof getDocumentForExtraction>>>;

export async function markRunning(db: Executor, documentId: string, jobId: string, pagesTotal: number | null, now: Date): Promise<void> {
  await db
    .insertInto('document_extractions')
    .values({ document_id: documentId, job_id: jobId, state: 'running', pages_total: pagesTotal, updated_at: now })
    .onConflict((oc) => oc.column('document_id').doUpdateSet({ job_id: jobId, state: 'running', pages_total: pagesTotal, pages_done: 0, error: null, updated_at: now }))
    .execute();
}

export interface ExtractionOutcome {
  state: Extract<ExtractionState, 'done' | 'empty' | 'failed'>;
  method: ExtractionMethod | null;
  pages: ExtractedPage[];
  /** Pages the document has (some may have yielded no text). */
  pagesTotal: number | null;
  error: string | null;
}

const INSERT_BATCH = 50;

/**
 * Replaces the document's pages and records the outcome, in the caller's transaction; the page text gets its
 * vector in the same statement, and the agreement's documents vector (what search matches) is rebuilt.
 */
export async function saveExtraction(db: Executor, doc: { id: string; agreement_id: string }, outcome: ExtractionOutcome, now: Date): Promise<void> {
  await db.deleteFrom('document_pages').where('document_id', '=', doc.id).execute();
  for (let i = 0; i < outcome.pages.length; i += INSERT_BATCH) {
    const rows = outcome.pages.slice(i, i + INSERT_BATCH).map((p) => ({
      document_id: doc.id,
      agreement_id: doc.agreement_id,
      page: p.page,
      method: p.method,
      text: p.text,
      words: JSON.stringify(p.words),
      tsv: sql`to_tsvector('p2ma_id', ${p.text})`,
    }));
    await db.insertInto('document_pages').values(rows).execute();
  }
  await sql`select p2ma_refresh_page_visibility(${doc.agreement_id}::uuid)`.execute(db);
  await sql`select p2ma_refresh_document_search(${doc.agreement_id}::uuid)`.execute(db);
  const chars = outcome.pages.reduce((n, p) => n + p.text.length, 0);
  await db
    .updateTable('document_extractions')
    .set({ state: outcome.state, method: outcome.method, pages_done: outcome.pagesTotal ?? outcome.pages.length, pages_total: outcome.pagesTotal, chars, error: outcome.error, updated_at: now, finished_at: now })
    .where('document_id', '=', doc.id)
    .execute();
}

/** When the job gave up: the document says so instead of waiting forever. */
export async function markFailed(db: Executor, documentId: string, error: string, now: Date): Promise<void> {
  await db.updateTable('document_extractions').set({ state: 'failed', error: error.slice(0, 1000), updated_at: now, finished_at: now }).where('document_id', '=', documentId).execute();
}

/** Another document with the same content whose text is already read: its pages can be copied, not re-read. */
export async function findExtractedTwin(db: Executor, sha256: string, exceptId: string): Promise<string | null> {
  const row = await db
    .selectFrom('documents as d')
    .innerJoin('document_extractions as e', 'e.document_id', 'd.id')
    .select('d.id')
    .where('d.sha256', '=', sha256)
    .where('d.id', '!=', exceptId)
    .where('e.state', 'in', ['done', 'empty'])
    .orderBy('e.finished_at', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function readOutcome(db: Executor, documentId: string): Promise<ExtractionOutcome | null> {
  const e = await db.selectFrom('document_extractions').select(['state', 'method', 'pages_total', 'error']).where('document_id', '=', documentId).executeTakeFirst();
  if (!e || (e.state !== 'done' && e.state !== 'empty')) return null;
  const pages = await db.selectFrom('document_pages').select(['page', 'method', 'text', 'words']).where('document_id', '=', documentId).orderBy('page').execute();
  return { state: e.state, method: e.method, pagesTotal: e.pages_total, error: e.error, pages };
}

/** Live documents to read again: one, or all of them (`p2ma extract --all`). */
export function documentsToExtract(db: Executor, documentId: string | null) {
  let q = db.selectFrom('documents').select(['id', 'agreement_id']).where('deleted_at', 'is', null);
  if (documentId) q = q.where('id', '=', documentId);
  return q.orderBy('uploaded_at').execute();
}

/** The pages of a document in order (suggestions, redaction). */
export function pagesOf(db: Executor, documentId: string) {
  return db.selectFrom('document_pages').select(['page', 'method', 'text']).where('document_id', '=', documentId).orderBy('page').execute();
}

export function extractionOf(db: Executor, documentId: string) {
  return db.selectFrom('document_extractions').select(['state', 'method', 'error']).where('document_id', '=', documentId).executeTakeFirst();
}

/**
 * A live MoU whose first- or second-party number is the given one, written with or without "Tahun YYYY" and
 * whatever the punctuation, that the caller may reach: in their scope, or above the agreement's unit.
 */
export async function findMouByNumber(db: Executor, number: string, agreementUnitPath: string, scopePrefix: string) {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const keys = [...new Set([key(number), key(number.replace(/\s+tahun\s+\d{4}\s*$/i, ''))])];
  const normalized = (col: 'a.number_first' | 'a.number_second') => sql<string>`regexp_replace(lower(coalesce(${sql.ref(col)}, '')), '[^a-z0-9]', '', 'g')`;
  return db
    .selectFrom('agreements as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.title'])
    .where('a.kind_code', '=', 'mou')
    .where('a.deleted_at', 'is', null)
    .where((eb) => eb.or([eb(normalized('a.number_first'), 'in', keys), eb(normalized('a.number_second'), 'in', keys)]))
    .where((eb) => eb.or([eb('u.path', 'like', `${scopePrefix}%`), eb(sql<string>`${agreementUnitPath}::text`, 'like', sql<string>`u.path || '%'`)]))
    .orderBy('a.signing_date', 'desc')
    .executeTakeFirst();
}
