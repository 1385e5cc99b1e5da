import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ImportsTable } from '../db/schema-registry.js';

export async function insertImport(db: Executor, values: Insertable<ImportsTable>) {
  return (await db.insertInto('imports').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** An import with what access and re-reading the file need: its unit's path and the stored file's size. */
export function getImport(db: Executor, id: string) {
  return db
    .selectFrom('imports')
    .innerJoin('units', 'units.id', 'imports.unit_id')
    .innerJoin('blobs', 'blobs.sha256', 'imports.sha256')
    .selectAll('imports')
    .select(['units.path as unit_path', 'units.code as unit_code', 'units.name as unit_name', 'blobs.size as file_size'])
    .where('imports.id', '=', id)
    .executeTakeFirst();
}
export type ImportRow = NonNullable<Awaited<ReturnType<typeof getImport>>>;

export async function updateImport(db: Executor, id: string, values: Updateable<ImportsTable>) {
  await db.updateTable('imports').set(values).where('id', '=', id).execute();
}

/**
 * Marks the import as running, unless it already is: two clicks on "Impor" must not import twice. A run
 * whose progress has not moved since `staleBefore` belongs to a process that died and may be taken over.
 */
export async function claimForRun(db: Executor, id: string, now: Date, staleBefore: Date) {
  const row = await db
    .updateTable('imports')
    .set({ status: 'running', started_at: now, finished_at: null, failure: null, updated_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', 'in', ['previewed', 'done', 'failed']), eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function findMapping(db: Executor, signature: string) {
  return db.selectFrom('import_mappings').select(['mapping', 'updated_at']).where('header_signature', '=', signature).executeTakeFirst();
}

export async function upsertMapping(db: Executor, signature: string, mapping: Record<string, string>, userId: string, now: Date) {
  await db
    .insertInto('import_mappings')
    .values({ header_signature: signature, mapping: JSON.stringify(mapping), created_by: userId, updated_at: now })
    .onConflict((oc) => oc.column('header_signature').doUpdateSet({ mapping: JSON.stringify(mapping), created_by: userId, updated_at: now }))
    .execute();
}

/** The active entries of a managed list, for reading names and abbreviations in the file. */
export function activeKinds(db: Executor) {
  return db.selectFrom('agreement_kinds').select(['code', 'name', 'abbreviation']).where('active', '=', true).execute();
}

export function activeList(db: Executor, table: 'partner_categories' | 'scopes') {
  return db.selectFrom(table).select(['code', 'name']).where('active', '=', true).execute();
}

const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Agreements already carrying one of these import keys, deleted ones included: the unique index
 * (unit_id, import_key) covers the trash too, so a deleted import would still block the same row.
 */
export async function agreementsByImportKey(db: Executor, keys: string[]) {
  const rows: { id: string; unit_id: string; import_key: string | null; title: string; deleted_at: Date | null }[] = [];
  for (const part of chunks(keys)) {
    rows.push(...(await db.selectFrom('agreements').select(['id', 'unit_id', 'import_key', 'title', 'deleted_at']).where('import_key', 'in', part).execute()));
  }
  return rows;
}

/** Live agreements of these units whose first-party number (case-insensitive) is one of `numbers` (lower case). */
export async function agreementsByNumber(db: Executor, unitIds: string[], numbers: string[]) {
  if (unitIds.length === 0) return [];
  const rows: { id: string; unit_id: string; number: string; title: string }[] = [];
  for (const part of chunks(numbers)) {
    rows.push(
      ...(await db
        .selectFrom('agreements')
        .select(['id', 'unit_id', 'title', sql<string>`lower(number_first)`.as('number')])
        .where('deleted_at', 'is', null)
        .where('unit_id', 'in', unitIds)
        .where(sql`lower(number_first)`, 'in', part)
        .execute()),
    );
  }
  return rows;
}

/**
 * The existing partner a name in the file most likely means: the same normalised name, or else the closest by
 * trigram similarity of the whole name (not word similarity: "Dinas Kesehatan" must not land on "Dinas
 * Kesehatan Kabupaten Cilacap"). The caller decides whether the score is high enough.
 */
export async function closestPartner(db: Executor, normalized: string) {
  const same = await db
    .selectFrom('partners')
    .select(['id', 'name', 'search_name', 'category_code', sql<number>`1.0`.as('score')])
    .where('merged_into', 'is', null)
    .where('search_name', '=', normalized)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (same) return { ...same, score: 1 };
  const near = await db
    .selectFrom('partners')
    .select(['id', 'name', 'search_name', 'category_code', sql<number>`similarity(search_name, ${normalized})`.as('score')])
    .where('merged_into', 'is', null)
    .where(sql<boolean>`search_name % ${normalized}`)
    .orderBy('score', 'desc')
    .limit(1)
    .executeTakeFirst();
  return near ? { ...near, score: Number(near.score) } : undefined;
}

/** Records the confirmed mapping, unless a run started meanwhile (a run's mapping must not change under it). */
export async function savePreview(db: Executor, id: string, mapping: string, totalRows: number, now: Date) {
  await db.updateTable('imports').set({ status: 'previewed', mapping, total_rows: totalRows, updated_at: now }).where('id', '=', id).where('status', '!=', 'running').execute();
}
