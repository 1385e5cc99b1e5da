import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** A random sample of stored files the database knows. */
export async function sampleBlobs(db: Executor, n: number): Promise<{ sha256: string; size: number }[]> {
  const rows = await db.selectFrom('blobs').select(['sha256', 'size']).orderBy(sql`random()`).limit(n).execute();
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
}
