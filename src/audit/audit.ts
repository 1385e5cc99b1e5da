import type { Executor } from '../db/database.js';
import type { RequestContext } from '../http/context.js';
import { appendAuditEntry } from './audit.repository.js';

/** Every audited action, typed: a new kind of change gets a name here first. */
export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.logout_all'
  | 'user.create'
  | 'user.update'
  | 'user.password_change'
  | 'user.password_reset'
  | 'user.totp_enable'
  | 'user.totp_disable'
  | 'token.create'
  | 'token.revoke'
  | 'unit.create'
  | 'unit.update'
  | 'unit.close'
  | 'document.upload'
  | 'document.delete'
  | 'document.reextract'
  | 'document.public_copy_request'
  | 'document.redact'
  | 'system.seed'
  | 'partner.create'
  | 'partner.update'
  | 'partner.merge'
  | 'agreement.create'
  | 'agreement.update'
  | 'agreement.delete'
  | 'agreement.restore'
  | 'agreement.purge'
  | 'agreement.terminate'
  | 'agreement.transition'
  | 'comment.create'
  | 'ical.create'
  | 'ical.revoke'
  | 'report.create'
  | 'report.update'
  | 'report.delete'
  | 'list.update'
  | 'import.upload'
  | 'import.run'
  | 'system.restore'
  | 'backup.create'
  | 'backup.download'
  | 'supervision.create'
  | 'supervision.update'
  | 'supervision.status'
  | 'supervision.letter'
  | 'supervision.record'
  | 'recommendation.create'
  | 'recommendation.update'
  | 'recommendation.delete'
  | 'followup.create'
  | 'followup.update'
  | 'followup.respond'
  | 'followup.evidence'
  | 'template.create';

export interface AuditEvent {
  action: AuditAction;
  entityType: 'user' | 'unit' | 'session' | 'token' | 'system' | 'document' | 'partner' | 'agreement' | 'report' | 'list' | 'import' | 'backup' | 'supervision' | 'followup' | 'template';
  entityId: string | null;
  unitId: string | null;
  changes?: Record<string, unknown>;
}

export type AuditSource = Pick<RequestContext, 'ip'> & { actor: { userId: string; username: string } | null; label?: string };

const SECRET_FIELDS = new Set(['password_hash', 'totp_secret', 'token_hash', 'csrf_token']);

export async function recordAudit(tx: Executor, source: AuditSource, event: AuditEvent, now: Date): Promise<void> {
  await appendAuditEntry(tx, {
    occurredAt: now,
    actorId: source.actor?.userId ?? null,
    actorLabel: source.label ?? source.actor?.username ?? 'sistem',
    ip: source.ip,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    unitId: event.unitId,
    changes: event.changes ?? {},
  });
}

/** Before/after of the fields that changed; secrets are named but never copied. */
export function diff<T extends Record<string, unknown>>(before: T | null, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before ? before[key] : null;
    if (normalise(from) === normalise(to)) continue;
    out[key] = SECRET_FIELDS.has(key) ? { from: '[rahasia]', to: '[diubah]' } : { from: normalise(from), to: normalise(to) };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}
