import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import { recordAudit } from '../audit/audit.js';
import type { RedactionRect } from '../db/schema-redaction.js';
import type { AppDeps } from '../http/context.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { enqueueJob, notifyJobsQueued } from '../jobs/job.queue.js';
import { PermanentJobError, type JobContext, type JobHandler } from '../jobs/worker.js';
import { getDocument } from './document.repository.js';
import { uploadDocument } from './document.service.js';
import { extractionOf } from './extraction.repository.js';
import { ocrAvailability } from './ocr.js';
import { findPii, type Finding } from './redaction-findings.js';
import { renderRedacted } from './redaction-render.js';
import * as repo from './redaction.repository.js';

export const PUBLIC_COPY_JOB = 'document.public_copy';

type Src = { actor: Actor; ip: string | null };

/**
 * A document the caller may change (the public copy is a new document of the same agreement), whose text
 * has been read, and that is a readable PDF (the only kind that can be rendered page by page).
 */
async function redactableDocument(deps: AppDeps, actor: Actor, documentId: string) {
  const { db } = deps.database;
  const unsafeDocument = await getDocument(db, documentId);
  if (!unsafeDocument) throw notFound();
  const agreement = await getVisibleAgreement(db, actor, unsafeDocument.agreement_id, 'document.write');
  const document = unsafeDocument;
  const extraction = await extractionOf(db, document.id);
  if (!extraction || extraction.state === 'queued' || extraction.state === 'running') throw new AppError('EXTRACTION_PENDING');
  if (document.mime !== 'application/pdf' || !document.readable || !document.page_count) throw new AppError('REDACTION_UNSUPPORTED');
  return { document, agreement, pageCount: document.page_count };
}

export async function documentPii(deps: AppDeps, actor: Actor, documentId: string) {
  const { document, pageCount } = await redactableDocument(deps, actor, documentId);
  const findings = await findPii(deps, document);
  const latest = await repo.latestPublicCopy(deps.database.db, document.id);
  return { documentId: document.id, pageCount, findings, publicCopy: latest ?? null };
}

export async function latestPublicCopy(deps: AppDeps, actor: Actor, documentId: string) {
  const { db } = deps.database;
  const unsafeDocument = await getDocument(db, documentId);
  if (!unsafeDocument) throw notFound();
  await getVisibleAgreement(db, actor, unsafeDocument.agreement_id, 'document.write');
  return (await repo.latestPublicCopy(db, unsafeDocument.id)) ?? null;
}

export interface PublicCopyRequest {
  findingIds: string[];
  rectangles?: RedactionRect[] | undefined;
}

/**
 * Queues making the public copy: the accepted findings' boxes and the extra rectangles are recorded with
 * the request (kinds and places, never the personal data) and a job renders it. The findings are computed
 * again here, so the ids the reviewer accepted must still name the same text on the same place.
 */
export async function requestPublicCopy(deps: AppDeps, src: Src, documentId: string, body: PublicCopyRequest) {
  const { db } = deps.database;
  const { document, agreement, pageCount } = await redactableDocument(deps, src.actor, documentId);
  const manual = body.rectangles ?? [];
  const problems = manual.flatMap((r, i) => (r.page > pageCount ? [{ path: `rectangles.${i}.page`, message: `Halaman ${r.page} tidak ada (berkas ini ${pageCount} halaman).` }] : []));
  if (problems.length) throw invalid(problems);
  if (!(await ocrAvailability(deps.config.extraction.ocr)).pdftoppm) throw new AppError('REDACTION_TOOL_MISSING');

  const findings = new Map((await findPii(deps, document)).map((f) => [f.id, f]));
  const accepted: Finding[] = [];
  for (const id of new Set(body.findingIds)) {
    const f = findings.get(id);
    if (!f) throw new AppError('PII_FINDINGS_CHANGED');
    accepted.push(f);
  }
  const lost = accepted.filter((f) => !f.located).length;
  if (lost) throw new AppError('PII_NOT_LOCATED', { count: lost });
  const rectangles = [...accepted.flatMap((f) => f.boxes), ...manual];

  const now = deps.now();
  const id = await db.transaction().execute(async (tx) => {
    const jobId = await enqueueJob(tx, { kind: PUBLIC_COPY_JOB, payload: { documentId: document.id, ip: src.ip }, documentId: document.id, maxAttempts: 3 }, now);
    const summary = accepted.map((f) => ({ id: f.id, kind: f.kind, page: f.page }));
    const copyId = await repo.insertPublicCopy(tx, { sourceDocumentId: document.id, agreementId: agreement.id, jobId, requestedBy: src.actor.userId, findings: summary, rectangles, now });
    const kinds = Object.fromEntries([...new Set(accepted.map((f) => f.kind))].map((k) => [k, accepted.filter((f) => f.kind === k).length]));
    await recordAudit(
      tx,
      src,
      {
        action: 'document.public_copy_request',
        entityType: 'document',
        entityId: document.id,
        unitId: agreement.unit_id,
        changes: { public_copy_id: { from: null, to: copyId }, findings: { from: null, to: kinds }, manual_rectangles: { from: null, to: manual.length }, not_redacted: { from: null, to: findings.size - accepted.length } },
      },
      now,
    );
    return copyId;
  });
  notifyJobsQueued();
  return (await repo.getPublicCopy(db, id))!;
}

/** The job that renders a public copy and stores it as the agreement's next `salinan_publik` version. */
export function publicCopyJobHandler(deps: AppDeps): JobHandler {
  return {
    timeoutMs: 2 * 3600_000,
    run: (ctx) => makePublicCopy(deps, ctx),
    async onFailed(job, error, db) {
      const row = await db.selectFrom('public_copies').select('id').where('job_id', '=', job.id).executeTakeFirst();
      if (row) await repo.setPublicCopyError(db, row.id, error, deps.now());
    },
  };
}

async function makePublicCopy(deps: AppDeps, ctx: JobContext): Promise<void> {
  const { db } = deps.database;
  const copy = await db.selectFrom('public_copies').select(['id']).where('job_id', '=', ctx.job.id).executeTakeFirst();
  const row = copy ? await repo.getPublicCopy(db, copy.id) : null;
  if (!row) throw new PermanentJobError('Permintaan salinan publik tidak ditemukan.');
  if (row.result_document_id) return; // made by an earlier attempt that lost its lease after storing it
  const source = await getDocument(db, row.source_document_id);
  if (!source) throw new PermanentJobError('Berkas sumber sudah dihapus.');
  const actor = row.requested_by ? await repo.actorOf(db, row.requested_by) : null;
  if (!actor) throw new PermanentJobError('Akun yang meminta salinan publik sudah tidak aktif.');
  const cfg = deps.config.extraction.ocr;
  if (!(await ocrAvailability(cfg)).pdftoppm) throw new PermanentJobError('Alat pdftoppm (poppler-utils) tidak terpasang di server.');
  const pageCount = source.page_count ?? 0;
  const ip = typeof ctx.job.payload.ip === 'string' ? ctx.job.payload.ip : null;
  const src: Src = { actor, ip };
  let unitId: string;
  try {
    unitId = (await getVisibleAgreement(db, actor, source.agreement_id, 'document.write')).unit_id;
  } catch (err) {
    // The requester lost the right to change this agreement meanwhile: retrying cannot help.
    if (err instanceof AppError) throw new PermanentJobError(err.message);
    throw err;
  }

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'p2ma-redact-'));
  try {
    const input = path.join(dir, 'asli.pdf');
    const output = path.join(dir, 'salinan.pdf');
    await pipeline(await deps.storage.get(source.sha256), fs.createWriteStream(input));
    await ctx.progress(0, pageCount);
    await renderRedacted(cfg, input, pageCount, row.rectangles, output, { signal: ctx.signal, onPage: (n) => ctx.progress(n, pageCount) });
    const base = source.filename.replace(/\.pdf$/i, '');
    await uploadDocument(deps, src, source.agreement_id, {
      role: 'salinan_publik',
      filename: `${base}-salinan-publik.pdf`,
      stream: fs.createReadStream(output),
      afterInsert: async (tx, documentId, now) => {
        await repo.setPublicCopyResult(tx, row.id, documentId, now);
        await recordAudit(
          tx,
          src,
          {
            action: 'document.redact',
            entityType: 'document',
            entityId: documentId,
            unitId,
            changes: { source_document_id: { from: null, to: source.id }, public_copy_id: { from: null, to: row.id }, rectangles: { from: null, to: row.rectangles.length } },
          },
          now,
        );
      },
    });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
