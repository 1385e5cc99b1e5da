import { authorize, inScope } from '../access/access.js';
import type { Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { invalid } from '../http/errors.js';
import { getUnit } from '../units/unit.repository.js';
import * as repo from './agreement.repository.js';

type Src = { actor: Actor; ip: string | null };

/** The working title of a record started from its signed document, until the form's review replaces it. */
export function draftTitle(filename: string): string {
  const name = filename.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'naskah';
  return `Konsep dari berkas ${name}`;
}

/**
 * "Unggah naskah dulu": a draft agreement (workflow state draft, no partner yet) to hold a signed document
 * whose text then fills the form. Only the unit is known before reading the document: the kind starts as
 * given (PKS by default) and the title names the file. Saving the form later requires everything the
 * ordinary form requires (a partner, a real title), so a draft never reaches verification half-filled.
 */
export async function createDraftFromDocument(deps: AppDeps, src: Src, input: { unitId: string; filename: string; kindCode?: string | undefined }): Promise<string> {
  authorize(src.actor, 'agreement.write');
  const { db } = deps.database;
  const unit = await getUnit(db, input.unitId);
  if (!unit || !inScope(src.actor, unit.path)) throw invalid([{ path: 'unitId', message: 'Unit pemrakarsa tidak ditemukan atau di luar cakupan Anda.' }]);
  const kindCode = input.kindCode ?? 'pks';
  if ((await repo.existingCodes(db, 'agreement_kinds', [kindCode])).length === 0) throw invalid([{ path: 'kindCode', message: 'Jenis naskah tidak dikenal.' }]);
  const now = deps.now();
  const values = {
    unit_id: unit.id, kind_code: kindCode, title: draftTitle(input.filename), number_first: null, number_second: null, signing_place: null, signing_date: null,
    start_date: null, end_date: null, duration_text: null, scope_other: null, purpose: null, background: null, financing: null, confidentiality: 'public' as const,
    confidentiality_reason: null, parent_id: null, amends_id: null, renews_id: null, terminated_on: null, termination_reason: null, import_key: null,
  };
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertAgreement(tx, { ...values, created_by: src.actor.userId, created_at: now, updated_at: now, deleted_at: null, deleted_by: null, workflow_changed_at: null, published_at: null });
    await recordAudit(tx, src, { action: 'agreement.create', entityType: 'agreement', entityId: id, unitId: unit.id, changes: diff(null, { title: values.title, kind_code: kindCode, unit_id: unit.id }) }, now);
    return id;
  });
}
