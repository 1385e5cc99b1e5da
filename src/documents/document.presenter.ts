import { FILE_KINDS } from '../storage/sniff.js';
import type { ListedDocument, UploadResult } from './document.service.js';

const PREVIEWABLE = new Set<string>(Object.values(FILE_KINDS).filter((k) => k.previewable).map((k) => k.mime));

/** Whether a browser may show this type in place (PDF viewer, image) rather than only download it. */
export function isPreviewable(mime: string): boolean {
  return PREVIEWABLE.has(mime);
}

export function presentDocument(d: ListedDocument) {
  return {
    id: d.id,
    agreementId: d.agreement_id,
    reportId: d.report_id,
    role: d.role,
    version: d.version,
    current: d.current,
    filename: d.filename,
    mime: d.mime,
    size: d.size,
    sha256: d.sha256,
    readable: d.readable,
    unreadableReason: d.unreadable_reason,
    pageCount: d.page_count,
    previewable: isPreviewable(d.mime),
    uploadedAt: d.uploaded_at.toISOString(),
    uploadedBy: d.uploaded_by ? { id: d.uploaded_by, name: d.uploader_name ?? '' } : null,
    contentUrl: `/api/v1/documents/${d.id}/content`,
    extraction: presentExtraction(d),
  };
}

/**
 * Where reading the document's text stands: while the job waits or runs, its progress (and the error of a
 * failed attempt that will be retried); afterwards the recorded outcome. Null for documents never queued.
 */
function presentExtraction(d: ListedDocument) {
  if (!d.extraction_state) return null;
  const live = d.extraction_state === 'queued' || d.extraction_state === 'running';
  return {
    state: d.extraction_state,
    pagesDone: live ? (d.extraction_job_done ?? 0) : d.extraction_pages_done!,
    pagesTotal: live ? (d.extraction_job_total ?? d.extraction_pages_total) : d.extraction_pages_total,
    method: d.extraction_method,
    error: live ? (d.extraction_job_error ?? null) : d.extraction_error,
    characters: d.extraction_characters === null ? null : Number(d.extraction_characters),
  };
}
export type DocumentDto = ReturnType<typeof presentDocument>;

export function presentUpload(r: UploadResult) {
  return { document: presentDocument(r.document), duplicateOf: r.duplicateOf, storedBytes: r.storedBytes };
}

/**
 * `attachment` or `inline`, with the name twice: a plain-ASCII fallback for old clients and the exact
 * UTF-8 name (RFC 6266 / RFC 8187) for everyone else. Quotes, backslashes and control characters never pass.
 */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
