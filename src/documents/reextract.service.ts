import type { Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import type { AppDeps } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import { documentsToExtract, extractionOf } from './extraction.repository.js';
import { requeueExtraction } from './extraction.service.js';

type Src = { actor: Actor; ip: string | null };

/**
 * "Ekstrak ulang" from the documents list: reads one live document again (e.g. after OCR was installed or a
 * limit raised). Refused while a reading is queued or running, so two jobs never race over its pages.
 */
export async function reextractDocument(deps: AppDeps, src: Src, documentId: string): Promise<string> {
  const { db } = deps.database;
  const [unsafeDocument] = await documentsToExtract(db, documentId);
  if (!unsafeDocument) throw notFound();
  await getVisibleAgreement(db, src.actor, unsafeDocument.agreement_id, 'document.write');
  const current = await extractionOf(db, documentId);
  if (current && (current.state === 'queued' || current.state === 'running')) throw new AppError('EXTRACTION_PENDING');
  const [jobId] = await requeueExtraction(deps, src, { documentId });
  return jobId!;
}
