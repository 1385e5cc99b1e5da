import crypto from 'node:crypto';
import { authorize, type Actor } from '../access/access.js';
import type { AppDeps } from '../http/context.js';
import { BlobMissingError, type BlobStore } from './blob-store.js';
import { blobRowsAfter, knownBlobs } from './blob.repository.js';

export type StorageProblem =
  | { kind: 'missing'; sha256: string }
  | { kind: 'changed'; sha256: string; actual: string; size: number; expectedSize: number }
  | { kind: 'orphan'; sha256: string };

export interface StorageReport {
  checked: number;
  missing: number;
  changed: number;
  orphans: number;
}

const PAGE = 500;

/**
 * Re-hashes every file the database knows (`blobs`) and names the ones that are missing or whose bytes no
 * longer match their SHA-256; then lists stored files no row knows (orphans: reported, never deleted).
 * Walks rows and files in pages and hashes each file as a stream, so memory does not grow with the store.
 */
export async function verifyStorage(deps: AppDeps, actor: Actor, onProblem: (p: StorageProblem) => void = () => {}): Promise<StorageReport> {
  authorize(actor, 'storage.verify');
  const { db } = deps.database;
  const report: StorageReport = { checked: 0, missing: 0, changed: 0, orphans: 0 };

  for (let after = ''; ; ) {
    const rows = await blobRowsAfter(db, after, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      report.checked++;
      const actual = await rehash(deps.storage, row.sha256);
      if (actual === null) {
        report.missing++;
        onProblem({ kind: 'missing', sha256: row.sha256 });
      } else if (actual.sha256 !== row.sha256) {
        report.changed++;
        onProblem({ kind: 'changed', sha256: row.sha256, actual: actual.sha256, size: actual.size, expectedSize: row.size });
      }
    }
    after = rows[rows.length - 1]!.sha256;
  }

  let batch: string[] = [];
  const flush = async () => {
    const known = await knownBlobs(db, batch);
    for (const sha256 of batch) {
      if (known.has(sha256)) continue;
      report.orphans++;
      onProblem({ kind: 'orphan', sha256 });
    }
    batch = [];
  };
  for await (const sha256 of deps.storage.list()) {
    batch.push(sha256);
    if (batch.length >= PAGE) await flush();
  }
  await flush();
  return report;
}

async function rehash(store: BlobStore, sha256: string): Promise<{ sha256: string; size: number } | null> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of await store.get(sha256)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (err) {
    if (err instanceof BlobMissingError) return null;
    throw err;
  }
  return { sha256: hash.digest('hex'), size };
}
