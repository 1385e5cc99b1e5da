import type { Executor } from '../db/database.js';

/** One row per distinct stored content; documents (and imports) point at it by SHA-256. */
export async function ensureBlobRow(db: Executor, blob: { sha256: string; size: number; mime: string }): Promise<void> {
  await db.insertInto('blobs').values(blob).onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

export async function blobRowExists(db: Executor, sha256: string): Promise<boolean> {
  return (await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
}

/** A page of blob rows in SHA-256 order after `after`: lets verification walk any number of rows in bounded memory. */
export function blobRowsAfter(db: Executor, after: string, limit: number) {
  return db.selectFrom('blobs').select(['sha256', 'size']).where('sha256', '>', after).orderBy('sha256').limit(limit).execute();
}

/** Which of these SHA-256 values have a row. */
export async function knownBlobs(db: Executor, shas: string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await db.selectFrom('blobs').select('sha256').where('sha256', 'in', shas).execute();
  return new Set(rows.map((r) => r.sha256));
}
