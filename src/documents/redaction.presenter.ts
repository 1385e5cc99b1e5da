import type { Finding } from './redaction-findings.js';
import type { PublicCopyRow } from './redaction.repository.js';

export function presentFinding(f: Finding) {
  return { id: f.id, kind: f.kind, page: f.page, text: f.text, start: f.start, end: f.end, snippet: f.snippet, boxes: f.boxes, located: f.located, redact: true };
}

/**
 * Where a public copy stands: done once its document exists, failed when the job gave up, otherwise the
 * job's own state and progress. The recorded rectangles stay on the server (counts only).
 */
export function presentPublicCopy(c: PublicCopyRow) {
  const live = c.job_state === 'queued' || c.job_state === 'running';
  const state = c.result_document_id ? 'done' : !live || c.error ? 'failed' : c.job_state!;
  return {
    id: c.id,
    sourceDocumentId: c.source_document_id,
    state: state as 'queued' | 'running' | 'done' | 'failed',
    jobId: c.job_id,
    progress: { done: c.progress_done ?? 0, total: c.progress_total ?? null },
    error: c.error ?? (state === 'failed' ? c.last_error : null) ?? null,
    findings: c.findings.length,
    rectangles: c.rectangles.length,
    requestedAt: c.requested_at.toISOString(),
    resultDocument: c.result_document_id ? { id: c.result_document_id, contentUrl: `/api/v1/documents/${c.result_document_id}/content` } : null,
  };
}
