import { authorize, inScope, scopePrefix, type Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, type FieldProblem } from '../http/errors.js';
import { todayIn } from '../shared/dates.js';
import { getUnit } from '../units/unit.repository.js';
import { getVisibleAgreement } from './agreement.access.js';
import { listPage, type AgreementFilter } from './agreement.query.js';
import * as repo from './agreement.repository.js';
import type { AgreementInput, AgreementPatch, ListQuery } from './agreement.schemas.js';
import { endDateFrom, formatDuration, parseDuration } from './duration.js';
import { EDITABLE_BY_OPERATOR } from '../workflow/state-machine.js';

type Src = { actor: Actor; ip: string | null };

export function today(deps: AppDeps) {
  return todayIn(deps.now());
}

/** Turns list query parameters into a filter bounded by the caller's scope. */
export async function filterFor(deps: AppDeps, actor: Actor, q: Omit<ListQuery, 'sort' | 'dir' | 'page' | 'pageSize'>): Promise<AgreementFilter> {
  authorize(actor, 'agreement.read');
  let unitPrefix: string | undefined;
  if (q.unitId) {
    const unit = await getUnit(deps.database.db, q.unitId);
    if (!unit || !inScope(actor, unit.path)) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'unitId', message: 'Unit tidak ditemukan.' }]);
    unitPrefix = unit.path;
  }
  const { unitId: _unitId, ...rest } = q;
  return { ...rest, scopePrefix: scopePrefix(actor), unitPrefix };
}

export async function list(deps: AppDeps, actor: Actor, q: ListQuery) {
  const filter = await filterFor(deps, actor, q);
  const t = today(deps);
  const w = deps.config.expiryWindowDays;
  const { db } = deps.database;
  return listPage(db, filter, t, w, { sort: q.sort, dir: q.dir, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

export async function detail(deps: AppDeps, actor: Actor, id: string) {
  await getVisibleAgreement(deps.database.db, actor, id);
  const { db } = deps.database;
  const t = today(deps);
  const w = deps.config.expiryWindowDays;
  const row = (await repo.getDetailRow(db, id, t, w))!;
  const [partners, scopes, signatories, relatives] = await Promise.all([repo.partnersOf(db, id), repo.scopesOf(db, id), repo.signatoriesOf(db, id), repo.relatives(db, row, t, w)]);
  return { row, partners, scopes, signatories, relatives: relatives.map((r) => ({ ...r, visible: inScope(actor, r.unit_path) })) };
}

interface Normalised {
  values: Omit<Parameters<typeof repo.insertAgreement>[1], 'created_by' | 'created_at' | 'updated_at'>;
  problems: FieldProblem[];
}

/** Checks everything the form can get wrong, and names each problem; nothing is saved while any remain. */
async function normalise(deps: AppDeps, actor: Actor, input: AgreementInput, selfId?: string): Promise<Normalised> {
  const { db } = deps.database;
  const problems: FieldProblem[] = [];
  const unit = await getUnit(db, input.unitId);
  if (!unit || !inScope(actor, unit.path)) problems.push({ path: 'unitId', message: 'Unit pemrakarsa tidak ditemukan atau di luar cakupan Anda.' });
  if ((await repo.existingCodes(db, 'agreement_kinds', [input.kindCode])).length === 0) problems.push({ path: 'kindCode', message: 'Jenis naskah tidak dikenal.' });
  const knownScopes = await repo.existingCodes(db, 'scopes', input.scopeCodes);
  for (const code of input.scopeCodes) if (!knownScopes.includes(code)) problems.push({ path: 'scopeCodes', message: `Ruang lingkup tidak dikenal: ${code}.` });
  const partnerIds = [...new Set(input.partnerIds)];
  const livePartners = await repo.livePartnerIds(db, partnerIds);
  if (livePartners.length !== partnerIds.length) problems.push({ path: 'partnerIds', message: 'Mitra tidak ditemukan (mungkin sudah digabung). Pilih ulang mitra.' });

  let endDate = input.endDate ?? null;
  let durationText = input.duration ?? null;
  const start = input.startDate ?? input.signingDate ?? null;
  if (input.duration) {
    const d = parseDuration(input.duration);
    if (!d) problems.push({ path: 'duration', message: 'Jangka waktu tidak terbaca. Tulis misalnya "3 tahun", "18 bulan" atau "2 tahun 6 bulan".' });
    else {
      durationText = formatDuration(d);
      if (!start) problems.push({ path: 'startDate', message: 'Tanggal mulai (atau tanggal penandatanganan) diperlukan untuk menghitung tanggal berakhir dari jangka waktu.' });
      else {
        const computed = endDateFrom(start, d);
        if (endDate && endDate !== computed) problems.push({ path: 'endDate', message: `Tanggal berakhir tidak sesuai jangka waktu ${durationText} (seharusnya ${computed}). Isi salah satu saja.` });
        endDate = computed;
      }
    }
  }
  if (endDate && start && endDate < start) problems.push({ path: 'endDate', message: 'Tanggal berakhir tidak boleh sebelum tanggal mulai.' });
  if (input.confidentiality === 'internal' && !input.confidentialityReason) {
    problems.push({ path: 'confidentialityReason', message: 'Alasan pengecualian wajib diisi untuk naskah internal (UU 14/2008 Pasal 17).' });
  }
  for (const [field, id] of [['parentId', input.parentId], ['amendsId', input.amendsId], ['renewsId', input.renewsId]] as const) {
    if (!id) continue;
    const target = await repo.relationTarget(db, id);
    // A UPT may hang its PKS under an MoU of its Kanwil or the Biro: ancestors of its unit count as reachable.
    const reachable = target && unit && (inScope(actor, target.unit_path) || unit.path.includes(`/${target.unit_id}/`));
    if (!target || !reachable || id === selfId) problems.push({ path: field, message: 'Naskah terkait tidak ditemukan.' });
    else if (field === 'parentId' && target.kind_code !== 'mou') problems.push({ path: field, message: 'Naskah induk harus berupa Nota Kesepahaman.' });
  }
  return {
    problems,
    values: {
      unit_id: input.unitId,
      kind_code: input.kindCode,
      title: input.title,
      number_first: input.numberFirst || null,
      number_second: input.numberSecond || null,
      signing_place: input.signingPlace || null,
      signing_date: input.signingDate ?? null,
      start_date: start,
      end_date: endDate,
      duration_text: durationText,
      scope_other: input.scopeOther || null,
      purpose: input.purpose || null,
      background: input.background || null,
      financing: input.financing || null,
      confidentiality: input.confidentiality,
      confidentiality_reason: input.confidentiality === 'internal' ? (input.confidentialityReason ?? null) : null,
      parent_id: input.parentId ?? null,
      amends_id: input.amendsId ?? null,
      renews_id: input.renewsId ?? null,
    },
  };
}

async function assertNumberFree(deps: AppDeps, unitId: string, number: string | null, confirmed: boolean | undefined, selfId?: string) {
  if (!number || confirmed) return;
  const same = await repo.findSameNumber(deps.database.db, unitId, number, selfId);
  if (same) throw new AppError('DUPLICATE_NUMBER', { number, title: same.title.slice(0, 80) }, [{ path: 'numberFirst', message: 'Nomor ini sudah dipakai di unit yang sama.' }], { duplicate: { id: same.id, title: same.title } });
}

export async function relationCandidates(deps: AppDeps, actor: Actor, unitId: string, q?: string, kind?: string) {
  authorize(actor, 'agreement.read');
  const unit = await getUnit(deps.database.db, unitId);
  if (!unit || !inScope(actor, unit.path)) throw new AppError('NOT_FOUND');
  return repo.relationCandidates(deps.database.db, scopePrefix(actor), unit.path, q, kind, today(deps), deps.config.expiryWindowDays);
}

/** The agreement's own changes plus those of its documents and reports, newest first. */
export async function history(deps: AppDeps, actor: Actor, id: string) {
  await getVisibleAgreement(deps.database.db, actor, id);
  return repo.historyOf(deps.database.db, id);
}

export async function checkNumber(deps: AppDeps, actor: Actor, unitId: string, number: string, exceptId?: string) {
  authorize(actor, 'agreement.read');
  const unit = await getUnit(deps.database.db, unitId);
  if (!unit || !inScope(actor, unit.path)) throw new AppError('NOT_FOUND');
  return repo.findSameNumber(deps.database.db, unitId, number, exceptId);
}

export async function create(deps: AppDeps, src: Src, input: AgreementInput, extra: { importKey?: string } = {}) {
  authorize(src.actor, 'agreement.write');
  const { values, problems } = await normalise(deps, src.actor, input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  await assertNumberFree(deps, input.unitId, values.number_first ?? null, input.confirmDuplicateNumber);
  const now = deps.now();
  const id = await deps.database.db.transaction().execute(async (tx) => {
    const newId = await repo.insertAgreement(tx, { ...values, import_key: extra.importKey ?? null, created_by: src.actor.userId, created_at: now, updated_at: now });
    await repo.replacePartners(tx, newId, [...new Set(input.partnerIds)]);
    await repo.replaceScopes(tx, newId, [...new Set(input.scopeCodes)]);
    await repo.replaceSignatories(tx, newId, input.signatories);
    await recordAudit(tx, src, { action: 'agreement.create', entityType: 'agreement', entityId: newId, unitId: input.unitId, changes: diff(null, { title: values.title, kind_code: values.kind_code, number_first: values.number_first, unit_id: values.unit_id }) }, now);
    return newId;
  });
  return id;
}

export async function update(deps: AppDeps, src: Src, id: string, patch: AgreementPatch) {
  const existing = await getVisibleAgreement(deps.database.db, src.actor, id, 'agreement.write');
  if (src.actor.role === 'operator' && !EDITABLE_BY_OPERATOR.includes(existing.workflow_state)) throw new AppError('EDIT_LOCKED');
  const { db } = deps.database;
  const [partners, scopes, signatories] = await Promise.all([repo.partnersOf(db, id), repo.scopesOf(db, id), repo.signatoriesOf(db, id)]);
  const merged: AgreementInput = {
    unitId: patch.unitId ?? existing.unit_id,
    kindCode: patch.kindCode ?? existing.kind_code,
    title: patch.title ?? existing.title,
    numberFirst: patch.numberFirst !== undefined ? patch.numberFirst : existing.number_first,
    numberSecond: patch.numberSecond !== undefined ? patch.numberSecond : existing.number_second,
    partnerIds: patch.partnerIds ?? partners.map((p) => p.id),
    signatories: patch.signatories ?? signatories.map((s) => ({ party: s.party, name: s.name, position: s.position, nip: s.nip })),
    signingPlace: patch.signingPlace !== undefined ? patch.signingPlace : existing.signing_place,
    signingDate: patch.signingDate !== undefined ? patch.signingDate : existing.signing_date,
    startDate: patch.startDate !== undefined ? patch.startDate : existing.start_date,
    // A new duration recomputes the end date; a new end date drops the stored duration.
    endDate: patch.duration ? (patch.endDate ?? null) : patch.endDate !== undefined ? patch.endDate : existing.end_date,
    duration: patch.duration ?? null,
    scopeCodes: patch.scopeCodes ?? scopes.map((s) => s.code),
    scopeOther: patch.scopeOther !== undefined ? patch.scopeOther : existing.scope_other,
    purpose: patch.purpose !== undefined ? patch.purpose : existing.purpose,
    background: patch.background !== undefined ? patch.background : existing.background,
    financing: patch.financing !== undefined ? patch.financing : existing.financing,
    confidentiality: patch.confidentiality ?? existing.confidentiality,
    confidentialityReason: patch.confidentialityReason !== undefined ? patch.confidentialityReason : existing.confidentiality_reason,
    parentId: patch.parentId !== undefined ? patch.parentId : existing.parent_id,
    amendsId: patch.amendsId !== undefined ? patch.amendsId : existing.amends_id,
    renewsId: patch.renewsId !== undefined ? patch.renewsId : existing.renews_id,
  };
  const { values, problems } = await normalise(deps, src.actor, merged, id);
  if (!patch.duration && patch.endDate === undefined) values.duration_text = existing.duration_text;
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  // Only a changed number (or unit) is checked again: an agreement saved once with a confirmed duplicate stays editable.
  const numberChanged = (values.number_first ?? '').toLowerCase() !== (existing.number_first ?? '').toLowerCase() || merged.unitId !== existing.unit_id;
  if (numberChanged) await assertNumberFree(deps, merged.unitId, values.number_first ?? null, patch.confirmDuplicateNumber, id);
  const changes = diff(existing as unknown as Record<string, unknown>, values);
  const partnersChanged = patch.partnerIds !== undefined && patch.partnerIds.join() !== partners.map((p) => p.id).join();
  const scopesChanged = patch.scopeCodes !== undefined && [...patch.scopeCodes].sort().join() !== scopes.map((s) => s.code).sort().join();
  if (partnersChanged) changes.partners = { from: partners.map((p) => p.name), to: patch.partnerIds };
  if (scopesChanged) changes.scopes = { from: scopes.map((s) => s.code), to: patch.scopeCodes };
  if (patch.signatories) changes.signatories = { from: signatories.length, to: patch.signatories.length };
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await repo.updateAgreement(tx, id, { ...values, updated_at: now });
    if (partnersChanged) await repo.replacePartners(tx, id, [...new Set(merged.partnerIds)]);
    if (scopesChanged) await repo.replaceScopes(tx, id, [...new Set(merged.scopeCodes)]);
    if (patch.signatories) await repo.replaceSignatories(tx, id, patch.signatories);
    await recordAudit(tx, src, { action: 'agreement.update', entityType: 'agreement', entityId: id, unitId: merged.unitId, changes }, now);
  });
}

export async function terminate(deps: AppDeps, src: Src, id: string, on: string, reason: string) {
  const existing = await getVisibleAgreement(deps.database.db, src.actor, id, 'agreement.write');
  if (!existing.signing_date) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'terminatedOn', message: 'Naskah yang belum ditandatangani tidak dapat diakhiri.' }]);
  if (on < existing.signing_date) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'terminatedOn', message: 'Tanggal pengakhiran tidak boleh sebelum tanggal penandatanganan.' }]);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updateAgreement(tx, id, { terminated_on: on, termination_reason: reason, updated_at: now });
    await recordAudit(tx, src, { action: 'agreement.terminate', entityType: 'agreement', entityId: id, unitId: existing.unit_id, changes: diff(existing as unknown as Record<string, unknown>, { terminated_on: on, termination_reason: reason }) }, now);
  });
}

export async function remove(deps: AppDeps, src: Src, id: string) {
  const existing = await getVisibleAgreement(deps.database.db, src.actor, id, 'agreement.delete');
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.softDelete(tx, id, src.actor.userId, now);
    await recordAudit(tx, src, { action: 'agreement.delete', entityType: 'agreement', entityId: id, unitId: existing.unit_id, changes: { title: { from: existing.title, to: null } } }, now);
  });
}

export async function restore(deps: AppDeps, src: Src, id: string) {
  const existing = await getVisibleAgreement(deps.database.db, src.actor, id, 'agreement.restore', { includeDeleted: true });
  if (!existing.deleted_at) throw new AppError('NOT_FOUND');
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.restore(tx, id);
    await recordAudit(tx, src, { action: 'agreement.restore', entityType: 'agreement', entityId: id, unitId: existing.unit_id }, now);
  });
}

export async function listTrash(deps: AppDeps, actor: Actor) {
  authorize(actor, 'agreement.restore');
  return repo.trash(deps.database.db, scopePrefix(actor));
}

export async function emptyTrash(deps: AppDeps, src: Src) {
  authorize(src.actor, 'trash.empty');
  const now = deps.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const rows = await repo.trash(tx, '/');
    const n = await repo.purgeDeleted(tx, rows.map((r) => r.id));
    await recordAudit(tx, src, { action: 'agreement.purge', entityType: 'agreement', entityId: null, unitId: null, changes: { purged: { from: rows.map((r) => r.id), to: null } } }, now);
    return n;
  });
}
