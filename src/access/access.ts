import type { Role } from '../db/schema.js';
import { AppError } from '../http/errors.js';

/** The signed-in caller, as every use case sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  /** Materialised path of the caller's unit ("/…/unitId/"): the caller's scope is every unit under it. */
  unitPath: string;
  mustChangePassword: boolean;
  locale: 'id' | 'en';
}

/**
 * Every action the API can take, and who may take it. Anything not listed is denied.
 * Scope is separate: an allowed role still only reaches units inside its own subtree (admins: all).
 */
const POLICY = {
  'unit.read': ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'],
  'unit.manage': ['admin'],
  'user.read': ['admin', 'verifikator'],
  'user.manage': ['admin'],
  'audit.read': ['admin'],
  'agreement.read': ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'],
  'agreement.write': ['admin', 'verifikator', 'operator'],
  'agreement.delete': ['admin', 'verifikator', 'operator'],
  'agreement.restore': ['admin', 'verifikator'],
  'trash.empty': ['admin'],
  'document.read': ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'],
  'document.write': ['admin', 'verifikator', 'operator'],
  'report.write': ['admin', 'verifikator', 'operator'],
  'partner.read': ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'],
  'partner.write': ['admin', 'verifikator', 'operator'],
  'partner.merge': ['admin'],
  'list.manage': ['admin'],
  'import.run': ['admin', 'verifikator', 'operator'],
  'monitoring.read': ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'],
  'storage.verify': ['admin'],
  'backup.manage': ['admin'],
  // Supervision: plans are further scoped by team membership and visited units (supervision/supervision.access.ts).
  'supervision.read': ['admin', 'verifikator', 'operator', 'pokja', 'pimpinan'],
  'supervision.manage': ['admin', 'pokja', 'verifikator'],
  'supervision.record': ['admin', 'pokja', 'verifikator', 'operator'],
  'followup.answer': ['admin', 'verifikator', 'operator'],
  'template.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** The unit-path prefix a caller may reach; admins reach the whole tree. */
export function scopePrefix(actor: Actor): string {
  return actor.role === 'admin' ? '/' : actor.unitPath;
}

export function inScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(scopePrefix(actor));
}

export function mayDo(actor: Actor, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(actor.role);
}

/**
 * The one access check. A target outside the caller's scope is "not found" (nobody learns it exists);
 * inside the scope, a role that may not act gets "forbidden".
 */
export function authorize(actor: Actor, action: Action, target?: { unitPath: string } | null): void {
  if (target !== undefined) {
    if (target === null || !inScope(actor, target.unitPath)) throw new AppError('NOT_FOUND');
  }
  if (!mayDo(actor, action)) {
    // Reading is the precondition of everything: a role that may not read this kind of record does not see it.
    if (action.endsWith('.read')) throw new AppError('NOT_FOUND');
    throw new AppError('FORBIDDEN');
  }
}
