import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AuditRow } from '../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  changes: Record<string, unknown>;
}

/** Sorted-key JSON, so the hash survives jsonb's reordering of keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, e: AuditEntryInput): string {
  const body = canonicalJson({
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    ip: e.ip,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    unitId: e.unitId,
    changes: e.changes,
  });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one entry to the chain. Must run inside the transaction of the change it records; the
 * advisory lock orders concurrent writers (also across app instances) so each entry links to the one before.
 */
export async function appendAuditEntry(tx: Executor, entry: AuditEntryInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(727274001)`.execute(tx);
  const last = await tx.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Microsecond-free timestamps: what we hash is exactly what the database gives back.
  const occurredAt = new Date(Math.floor(entry.occurredAt.getTime()));
  const hash = entryHash(prevHash, { ...entry, occurredAt });
  await tx
    .insertInto('audit_events')
    .values({
      occurred_at: occurredAt,
      actor_id: entry.actorId,
      actor_label: entry.actorLabel,
      ip: entry.ip,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      unit_id: entry.unitId,
      changes: JSON.stringify(entry.changes),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listAuditEvents(db: Executor, f: AuditFilter, page: number, pageSize: number): Promise<{ rows: AuditRow[]; total: number }> {
  let q = db.selectFrom('audit_events');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.from) q = q.where('occurred_at', '>=', sql<Date>`${f.from}::date`);
  if (f.to) q = q.where('occurred_at', '<', sql<Date>`${f.to}::date + 1`);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Walks the chain in batches; answers the first entry whose link or content does not match. */
export async function verifyAuditChain(db: Executor): Promise<{ checked: number; brokenAt: number | null; reason?: string }> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(1000).execute();
    if (rows.length === 0) return { checked, brokenAt: null };
    for (const r of rows) {
      if (r.prev_hash !== prevHash) return { checked, brokenAt: r.id, reason: 'prev_hash does not match the previous entry' };
      const expected = entryHash(prevHash, {
        occurredAt: r.occurred_at,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        ip: r.ip,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        unitId: r.unit_id,
        changes: (r.changes ?? {}) as Record<string, unknown>,
      });
      if (expected !== r.hash) return { checked, brokenAt: r.id, reason: 'content does not match its hash' };
      prevHash = r.hash;
      checked++;
      afterId = r.id;
    }
  }
}
