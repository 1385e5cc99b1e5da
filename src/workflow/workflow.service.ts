import { authorize, scopePrefix, type Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import * as agreements from '../agreements/agreement.service.js';
import { recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { notify, type NotificationEvent } from '../notifications/notify.js';
import { todayIn } from '../shared/dates.js';
import { getUnit } from '../units/unit.repository.js';
import { check, STATE_LABELS, TRANSITIONS, available, type TransitionName } from './state-machine.js';
import * as repo from './workflow.repository.js';

type Src = { actor: Actor; ip: string | null };

export interface TransitionInput {
  reason?: string | undefined;
  details?: { field?: string | undefined; documentId?: string | undefined; message: string }[] | undefined;
}

const EVENT_OF: Record<TransitionName, NotificationEvent> = {
  submit: 'submitted',
  return: 'returned',
  verify: 'verified',
  publish: 'published',
  keep_internal: 'kept_internal',
  withdraw: 'withdrawn',
};

async function context(deps: AppDeps, actor: Actor, agreement: { unit_id: string }) {
  const unit = await getUnit(deps.database.db, agreement.unit_id);
  return { ownerKind: unit!.kind, ownUnit: unit!.id === actor.unitId };
}

export async function workflowInfo(deps: AppDeps, actor: Actor, agreement: { unit_id: string; workflow_state: Parameters<typeof available>[0]; workflow_changed_at: Date | null; confidentiality: 'public' | 'internal' }) {
  const ctx = await context(deps, actor, agreement);
  return {
    state: agreement.workflow_state,
    stateLabel: STATE_LABELS[agreement.workflow_state],
    // An internal agreement is never offered for publication (the transition refuses it anyway).
    available: available(agreement.workflow_state, actor.role, ctx).filter((n) => !(n === 'publish' && agreement.confidentiality === 'internal')),
    changedAt: agreement.workflow_changed_at ? agreement.workflow_changed_at.toISOString() : null,
  };
}

/**
 * Applies one transition of the state machine: checks role, state and preconditions, moves the state
 * only if nobody else moved it first, and records the timeline entry, the audit event and the
 * notifications (with their mails) in the same transaction.
 */
export async function transition(deps: AppDeps, src: Src, agreementId: string, name: TransitionName, input: TransitionInput) {
  const { db } = deps.database;
  const a = await getVisibleAgreement(db, src.actor, agreementId);
  const t = TRANSITIONS[name];
  const refusal = check(name, a.workflow_state, src.actor.role, await context(deps, src.actor, a));
  if (refusal) throw new AppError('TRANSITION_NOT_ALLOWED', { state: STATE_LABELS[a.workflow_state] });
  if (t.needsReason && !input.reason?.trim()) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', message: 'Alasan wajib diisi.' }]);
  if (name === 'submit' && !a.signing_date) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'signingDate', message: 'Naskah yang diajukan harus sudah ditandatangani (isi tanggal penandatanganan).' }]);
  if (name === 'publish') {
    if (a.confidentiality !== 'public') throw new AppError('TRANSITION_NOT_ALLOWED', { state: 'internal' });
    if (!(await repo.hasCurrentPublicCopy(db, agreementId))) throw new AppError('PUBLIC_COPY_REQUIRED');
  }
  const now = deps.now();
  const extra = name === 'publish' ? { published_at: now } : name === 'keep_internal' ? { confidentiality: 'internal' as const, confidentiality_reason: input.reason!.trim() } : {};
  await db.transaction().execute(async (tx) => {
    const moved = await repo.moveState(tx, agreementId, a.workflow_state, t.to, now, extra);
    if (!moved) throw new AppError('ALREADY_PROCESSED');
    await repo.insertEvent(tx, { agreement_id: agreementId, action: name, from_state: a.workflow_state, to_state: t.to, actor_id: src.actor.userId, reason: input.reason?.trim() || null, details: input.details ?? [], occurred_at: now });
    await recordAudit(tx, src, { action: 'agreement.transition', entityType: 'agreement', entityId: agreementId, unitId: a.unit_id, changes: { workflow_state: { from: a.workflow_state, to: t.to }, ...(input.reason ? { reason: { from: null, to: input.reason } } : {}) } }, now);
    const who = name === 'submit' ? await repo.recipients(tx, a.unit_path, ['verifikator'], false) : await repo.recipients(tx, a.unit_path, ['operator'], true);
    const creator = a.created_by ? await tx.selectFrom('users').select(['id', 'email']).where('id', '=', a.created_by).where('disabled_at', 'is', null).executeTakeFirst() : undefined;
    const recipients = [...who, ...(creator && name !== 'submit' ? [creator] : [])].filter((r) => r.id !== src.actor.userId);
    await notify(
      tx,
      recipients,
      {
        event: EVENT_OF[name],
        agreementId,
        title: `${STATE_LABELS[t.to]}: ${a.title.slice(0, 90)}`,
        body: `${src.actor.displayName} mengubah status naskah "${a.title}" (${a.unit_name}) menjadi ${STATE_LABELS[t.to]}.${input.reason ? `\nAlasan: ${input.reason}` : ''}${(input.details ?? []).map((d) => `\n- ${d.field ? `${d.field}: ` : ''}${d.message}`).join('')}`,
        link: `/app/kerja-sama/${agreementId}`,
      },
      now,
      deps.config.publicUrl,
    );
  });
}

export async function timeline(deps: AppDeps, actor: Actor, agreementId: string) {
  await getVisibleAgreement(deps.database.db, actor, agreementId);
  return repo.timeline(deps.database.db, agreementId);
}

export async function listComments(deps: AppDeps, actor: Actor, agreementId: string) {
  await getVisibleAgreement(deps.database.db, actor, agreementId);
  return repo.comments(deps.database.db, agreementId);
}

/** Everyone working on the submission hears of a comment: the unit's operators, the verifiers above, the author of the record. */
export async function addComment(deps: AppDeps, src: Src, agreementId: string, body: string) {
  const { db } = deps.database;
  const a = await getVisibleAgreement(db, src.actor, agreementId);
  if (src.actor.role === 'pimpinan') throw new AppError('FORBIDDEN');
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await repo.insertComment(tx, agreementId, src.actor.userId, body, now);
    const ops = await repo.recipients(tx, a.unit_path, ['operator'], true);
    const verifiers = await repo.recipients(tx, a.unit_path, ['verifikator'], false);
    await notify(tx, [...ops, ...verifiers].filter((r) => r.id !== src.actor.userId), { event: 'comment', agreementId, title: `Komentar: ${a.title.slice(0, 90)}`, body: `${src.actor.displayName}: ${body}`, link: `/app/kerja-sama/${agreementId}` }, now, deps.config.publicUrl);
  });
}

/** The verifier's work queue, oldest first, with the checklist a verifier goes through. */
export async function queue(deps: AppDeps, actor: Actor) {
  if (actor.role !== 'verifikator' && actor.role !== 'admin') throw new AppError('NOT_FOUND');
  const rows = await repo.queue(deps.database.db, scopePrefix(actor));
  const today = todayIn(deps.now());
  return rows.map((r) => ({
    id: r.id,
    submittedAt: r.workflow_changed_at,
    ageDays: r.workflow_changed_at ? Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${todayIn(r.workflow_changed_at)}T00:00:00Z`)) / 86_400_000) : 0,
    checklist: {
      signedCopy: r.signed_copy,
      signedCopyReadable: r.signed_copy_readable,
      bothNumbers: Boolean(r.number_first && r.number_second),
      datesConsistent: Boolean(r.signing_date && r.start_date && r.end_date && r.end_date >= r.start_date),
      publicCopy: r.public_copy,
    },
  }));
}

/** "Perpanjang": a new draft linked to the old one, prefilled from it; dates are left for the new signing. */
export async function renew(deps: AppDeps, src: Src, agreementId: string) {
  const d = await agreements.detail(deps, src.actor, agreementId);
  authorize(src.actor, 'agreement.write');
  const { row } = d;
  return agreements.create(deps, src, {
    unitId: row.unit_id,
    kindCode: row.kind_code,
    title: row.title,
    numberFirst: null,
    numberSecond: null,
    partnerIds: d.partners.map((p) => p.id),
    signatories: d.signatories.map((s) => ({ party: s.party, name: s.name, position: s.position, nip: s.nip })),
    signingPlace: row.signing_place,
    signingDate: null,
    startDate: null,
    endDate: null,
    duration: null,
    scopeCodes: d.scopes.map((s) => s.code),
    scopeOther: row.scope_other,
    purpose: row.purpose,
    background: row.background,
    financing: row.financing,
    confidentiality: row.confidentiality,
    confidentialityReason: row.confidentiality_reason,
    parentId: row.parent_id,
    amendsId: null,
    renewsId: row.id,
  });
}


