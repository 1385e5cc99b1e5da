import type { Role, UnitKind } from '../db/schema.js';
import type { WorkflowState } from '../db/schema-workflow.js';

/**
 * The one place that says which transition is allowed from which state, by whom. Everything else
 * (routes, services, the web app's buttons) asks this table.
 *
 *   draft ──submit──▶ diajukan ──return──▶ dikembalikan ──submit──▶ diajukan
 *                      │verify                                      
 *                      ▼                                            
 *   (own record of a Kanwil/Biro: draft ──verify──▶) diverifikasi ──publish──▶ diterbitkan ──withdraw──▶ ditarik
 *                                                    └─keep_internal─▶ ditetapkan_internal
 */
export const TRANSITIONS = {
  submit: { from: ['draft', 'dikembalikan'], to: 'diajukan', roles: ['operator', 'verifikator', 'admin'], needsReason: false },
  return: { from: ['diajukan'], to: 'dikembalikan', roles: ['verifikator', 'admin'], needsReason: true },
  verify: { from: ['diajukan', 'draft'], to: 'diverifikasi', roles: ['verifikator', 'admin'], needsReason: false },
  publish: { from: ['diverifikasi'], to: 'diterbitkan', roles: ['verifikator', 'admin'], needsReason: false },
  keep_internal: { from: ['diverifikasi'], to: 'ditetapkan_internal', roles: ['verifikator', 'admin'], needsReason: true },
  withdraw: { from: ['diterbitkan'], to: 'ditarik', roles: ['verifikator', 'admin'], needsReason: true },
} as const satisfies Record<string, { from: readonly WorkflowState[]; to: WorkflowState; roles: readonly Role[]; needsReason: boolean }>;

export type TransitionName = keyof typeof TRANSITIONS;

export const STATE_LABELS: Record<WorkflowState, string> = {
  draft: 'Draf',
  diajukan: 'Diajukan ke Kanwil',
  dikembalikan: 'Dikembalikan untuk diperbaiki',
  diverifikasi: 'Terverifikasi',
  diterbitkan: 'Diterbitkan',
  ditetapkan_internal: 'Ditetapkan internal',
  ditarik: 'Ditarik dari publikasi',
};

export type Refusal = 'ROLE' | 'STATE';

/**
 * Whether `role` may apply `name` to an agreement in `state`, owned by a unit of `ownerKind`.
 * A verifier may verify straight from draft only what its own office records (a Kanwil's or the
 * Biro's own agreement): a UPT's agreement reaches verification through a submission.
 */
export function check(name: TransitionName, state: WorkflowState, role: Role, ctx: { ownerKind: UnitKind; ownUnit: boolean }): Refusal | null {
  const t = TRANSITIONS[name];
  if (!(t.roles as readonly Role[]).includes(role)) return 'ROLE';
  if (!(t.from as readonly WorkflowState[]).includes(state)) return 'STATE';
  if (name === 'verify' && state === 'draft' && !(ctx.ownUnit && ['kanwil', 'biro', 'eselon1'].includes(ctx.ownerKind))) return 'STATE';
  return null;
}

/** The transitions a caller can offer as buttons for an agreement in `state`. */
export function available(state: WorkflowState, role: Role, ctx: { ownerKind: UnitKind; ownUnit: boolean }): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((n) => check(n, state, role, ctx) === null);
}

/** States in which the owning unit's operator may still edit the record. */
export const EDITABLE_BY_OPERATOR: readonly WorkflowState[] = ['draft', 'dikembalikan'];
