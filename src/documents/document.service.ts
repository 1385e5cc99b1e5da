import type { Readable } from 'node:stream';
import type { Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { Tx } from '../db/database.js';
import { DOCUMENT_ROLES, type DocumentRole } from '../db/schema-registry.js';
import type { AppDeps } from '../http/context.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { formatBytes, storedSource, type PutResult } from '../storage/blob-store.js';
import { blobRowExists, ensureBlobRow } from '../storage/blob.repository.js';
import { FILE_KINDS, safeFilename, sniffFileType } from '../storage/sniff.js';
import { notifyJobsQueued } from '../jobs/job.queue.js';
import * as repo from './document.repository.js';
import { queueDocumentExtraction } from './extraction.service.js';
import { inspectPdf } from './pdf-inspect.js';

type Src = { actor: Actor; ip: string | null };

/**
 * Roles with one document per agreement: a new upload becomes the next version and the old versions stay
 * (only the highest live version is current). `lampiran` and `bukti` are collections instead: an agreement
 * has many attachments and much evidence, so every upload there is its own document (version 1), all current.
 */
export const VERSIONED_ROLES: ReadonlySet<DocumentRole> = new Set<DocumentRole>(['naskah_ttd', 'adendum', 'salinan_publik']);

export interface UploadInput {
  role: DocumentRole;
  reportId?: string | undefined;
  filename?: string | undefined;
  /** The file as it arrives; read once, straight into the store. */
  stream: Readable;
  /** True when the transport cut the file short at its own limit (a backstop to the store's check). */
  truncated?: () => boolean;
  /** More writes for the same transaction as the new document (a public copy records where it came from). */
  afterInsert?: (tx: Tx, documentId: string, now: Date) => Promise<void>;
}

export interface UploadResult {
  document: repo.DocumentRow & { current: boolean };
  /** The earlier live document of the same agreement with identical content, if any. */
  duplicateOf: string | null;
  /** Bytes newly written to storage: 0 when the same content was already stored. */
  storedBytes: number;
}

/**
 * Stores an uploaded file and records it as a document of the agreement. Access is checked before a byte is
 * read; the type comes from the stored bytes; a PDF that cannot be opened is kept and marked unreadable.
 * A rejected or failed upload leaves no file behind unless other records already use the same content.
 */
export async function uploadDocument(deps: AppDeps, src: Src, agreementId: string, input: UploadInput): Promise<UploadResult> {
  const { db } = deps.database;
  const agreement = await getVisibleAgreement(db, src.actor, agreementId, 'document.write');
  if (input.reportId && !(await repo.reportOfAgreement(db, input.reportId, agreement.id))) {
    throw invalid([{ path: 'reportId', message: 'Laporan tidak ditemukan pada naskah kerja sama ini.' }]);
  }

  const maxBytes = deps.config.uploadMaxBytes;
  const stored = await deps.storage.put(input.stream, { maxBytes });
  try {
    if (input.truncated?.()) throw new AppError('FILE_TOO_LARGE', { max: formatBytes(maxBytes) });
    if (stored.size === 0) throw invalid([{ path: 'file', message: 'Berkas kosong.' }]);
    const source = storedSource(deps.storage, stored.sha256, stored.size);
    const kind = await sniffFileType(source);
    if (!kind) throw new AppError('UNSUPPORTED_FILE_TYPE');
    const check = kind === 'pdf' ? await inspectPdf(source) : null;

    const now = deps.now();
    const mime = FILE_KINDS[kind].mime;
    const filename = safeFilename(input.filename, kind);
    const { id, duplicateOf } = await db.transaction().execute(async (tx) => {
      await repo.lockAgreementForDocuments(tx, agreement.id);
      await ensureBlobRow(tx, { sha256: stored.sha256, size: stored.size, mime });
      const duplicateOf = await repo.findSameContent(tx, agreement.id, stored.sha256);
      const version = VERSIONED_ROLES.has(input.role) ? (await repo.maxVersion(tx, agreement.id, input.role)) + 1 : 1;
      const values = {
        agreement_id: agreement.id,
        report_id: input.reportId ?? null,
        role: input.role,
        version,
        filename,
        sha256: stored.sha256,
        size: stored.size,
        mime,
        readable: check ? check.readable : true,
        unreadable_reason: check && !check.readable ? check.reason : null,
        page_count: check?.readable ? check.pageCount : null,
        uploaded_by: src.actor.userId,
        uploaded_at: now,
      };
      const id = await repo.insertDocument(tx, values);
      const { uploaded_by: _by, uploaded_at: _at, ...recorded } = values;
      await recordAudit(tx, src, { action: 'document.upload', entityType: 'document', entityId: id, unitId: agreement.unit_id, changes: diff(null, recorded) }, now);
      // Reading the text (search, suggestions) is queued with the document, so no upload is ever left unread.
      await queueDocumentExtraction(tx, id, now);
      await input.afterInsert?.(tx, id, now);
      return { id, duplicateOf };
    });
    notifyJobsQueued();
    const document = (await repo.getDocument(db, id))!;
    return { document: { ...document, current: true }, duplicateOf, storedBytes: stored.created ? stored.size : 0 };
  } catch (err) {
    await discardIfUnreferenced(deps, stored);
    throw err;
  }
}

/**
 * Removes content this upload wrote when no record refers to it. Content that was already stored before
 * (`created: false`) belongs to someone else and is never touched. Best effort: a file left behind here is
 * an orphan that `p2ma storage verify` reports.
 */
async function discardIfUnreferenced(deps: AppDeps, stored: PutResult): Promise<void> {
  if (!stored.created) return;
  try {
    if (!(await blobRowExists(deps.database.db, stored.sha256))) await deps.storage.delete(stored.sha256);
  } catch {
    /* reported later by storage verify */
  }
}

export type ListedDocument = repo.DocumentRow & { current: boolean };

/** All live documents of an agreement (every version), in role order, each marked current or superseded. */
export async function listAgreementDocuments(deps: AppDeps, actor: Actor, agreementId: string): Promise<ListedDocument[]> {
  const { db } = deps.database;
  const agreement = await getVisibleAgreement(db, actor, agreementId, 'document.read');
  const rows = await repo.listDocuments(db, agreement.id);
  const latest = new Map<DocumentRole, number>();
  for (const r of rows) if (VERSIONED_ROLES.has(r.role)) latest.set(r.role, Math.max(latest.get(r.role) ?? 0, r.version));
  const order = (role: DocumentRole) => DOCUMENT_ROLES.indexOf(role);
  return rows
    .map((r) => ({ ...r, current: !VERSIONED_ROLES.has(r.role) || latest.get(r.role) === r.version }))
    .sort((a, b) => order(a.role) - order(b.role));
}

/**
 * A document the caller may read, and a way to open its bytes (opened only when the caller really needs
 * them, e.g. not for a conditional request answered with 304). Outside the caller's scope: "not found".
 */
export async function getDocumentContent(deps: AppDeps, actor: Actor, id: string) {
  const { db } = deps.database;
  const unsafeDocument = await repo.getDocument(db, id);
  if (!unsafeDocument) throw notFound();
  await getVisibleAgreement(db, actor, unsafeDocument.agreement_id, 'document.read');
  const document = unsafeDocument;
  return { document, open: () => deps.storage.get(document.sha256) };
}

/** Soft delete: the row and the stored file stay (history, audit, verification); the document leaves every list. */
export async function deleteDocument(deps: AppDeps, src: Src, id: string): Promise<void> {
  const { db } = deps.database;
  const unsafeDocument = await repo.getDocument(db, id);
  if (!unsafeDocument) throw notFound();
  const agreement = await getVisibleAgreement(db, src.actor, unsafeDocument.agreement_id, 'document.write');
  const document = unsafeDocument;
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await repo.softDeleteDocument(tx, document.id, now);
    await recordAudit(
      tx,
      src,
      {
        action: 'document.delete',
        entityType: 'document',
        entityId: document.id,
        unitId: agreement.unit_id,
        changes: diff<{ deleted_at: Date | null }>({ deleted_at: null }, { deleted_at: now }),
      },
      now,
    );
  });
}
