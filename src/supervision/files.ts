import type { Readable } from 'node:stream';
import type { Executor } from '../db/database.js';
import type { AppDeps } from '../http/context.js';
import { AppError, invalid } from '../http/errors.js';
import { formatBytes, storedSource, type PutResult } from '../storage/blob-store.js';
import { blobRowExists, ensureBlobRow } from '../storage/blob.repository.js';
import { FILE_KINDS, safeFilename, sniffFileType } from '../storage/sniff.js';

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  filename: string;
}

/**
 * Streams an assignment letter or a piece of evidence into the content-addressed store, with the vault's rules:
 * the type comes from the bytes (PDF, DOCX, JPEG, PNG), the size limit holds while streaming. `record` writes
 * the rows that refer to the file (in one transaction with its blob row); if anything fails, content this upload
 * wrote and nobody refers to is removed again.
 */
export async function storeUpload<T>(deps: AppDeps, input: { stream: Readable; filename?: string | undefined; truncated?: () => boolean }, record: (tx: Executor, file: StoredFile) => Promise<T>): Promise<T> {
  const maxBytes = deps.config.uploadMaxBytes;
  const stored = await deps.storage.put(input.stream, { maxBytes });
  try {
    if (input.truncated?.()) throw new AppError('FILE_TOO_LARGE', { max: formatBytes(maxBytes) });
    if (stored.size === 0) throw invalid([{ path: 'file', message: 'Berkas kosong.' }]);
    const kind = await sniffFileType(storedSource(deps.storage, stored.sha256, stored.size));
    if (!kind) throw new AppError('UNSUPPORTED_FILE_TYPE');
    const file = { sha256: stored.sha256, size: stored.size, mime: FILE_KINDS[kind].mime, filename: safeFilename(input.filename, kind) };
    return await deps.database.db.transaction().execute(async (tx) => {
      await ensureBlobRow(tx, { sha256: file.sha256, size: file.size, mime: file.mime });
      return record(tx, file);
    });
  } catch (err) {
    await discard(deps, stored);
    throw err;
  }
}

async function discard(deps: AppDeps, stored: PutResult) {
  if (!stored.created) return;
  try {
    if (!(await blobRowExists(deps.database.db, stored.sha256))) await deps.storage.delete(stored.sha256);
  } catch {
    /* an orphan left here is reported by `p2ma storage verify` */
  }
}
