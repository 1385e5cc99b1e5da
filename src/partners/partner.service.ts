import { authorize, type Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { PartnerContact } from '../db/schema-registry.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { normalizePartnerName } from './normalize.js';
import * as repo from './partner.repository.js';

type Src = { actor: Actor; ip: string | null };

export interface PartnerInput {
  name: string;
  categoryCode: string;
  address?: string | null | undefined;
  provinceCode?: string | null | undefined;
  regencyCode?: string | null | undefined;
  website?: string | null | undefined;
  contacts?: PartnerContact[] | undefined;
}

export async function suggest(deps: AppDeps, actor: Actor, q: string, limit = 8) {
  authorize(actor, 'partner.read');
  const normalized = normalizePartnerName(q);
  if (normalized.length < 2) return [];
  return repo.suggestPartners(deps.database.db, normalized, limit);
}

export async function list(deps: AppDeps, actor: Actor, f: { q?: string | undefined; category?: string | undefined }, page: number, pageSize: number) {
  authorize(actor, 'partner.read');
  return repo.listPartners(deps.database.db, { ...f, q: f.q ? normalizePartnerName(f.q) : undefined }, page, pageSize);
}

export async function get(deps: AppDeps, actor: Actor, id: string) {
  authorize(actor, 'partner.read');
  const p = await repo.getPartner(deps.database.db, id);
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

async function assertCategory(deps: AppDeps, code: string) {
  if (!(await repo.categoryExists(deps.database.db, code))) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'categoryCode', message: 'Kategori mitra tidak dikenal.' }]);
}

async function assertRegion(deps: AppDeps, province?: string | null, regency?: string | null) {
  if (regency && (!province || !regency.startsWith(`${province}.`))) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'regencyCode', message: 'Kabupaten/kota tidak berada di provinsi yang dipilih.' }]);
  }
  if (province) {
    const found = await deps.database.db.selectFrom('provinces').select('code').where('code', '=', province).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'provinceCode', message: 'Provinsi tidak dikenal.' }]);
  }
}

/** Creating checks for near-duplicates; the caller confirms with `force` after seeing them. */
export async function create(deps: AppDeps, src: Src, input: PartnerInput, force = false) {
  authorize(src.actor, 'partner.write');
  await assertCategory(deps, input.categoryCode);
  await assertRegion(deps, input.provinceCode, input.regencyCode);
  const searchName = normalizePartnerName(input.name);
  if (!force) {
    const similar = (await repo.suggestPartners(deps.database.db, searchName, 5)).filter((p) => p.score >= 0.5);
    if (similar.length) {
      throw new AppError('PARTNER_SIMILAR', { names: similar.map((p) => p.name).join('; ') }, undefined, {
        similar: similar.map((p) => ({ id: p.id, name: p.name, categoryName: p.category_name })),
      });
    }
  }
  const now = deps.now();
  const id = await deps.database.db.transaction().execute(async (tx) => {
    const newId = await repo.insertPartner(tx, {
      name: input.name,
      search_name: searchName,
      category_code: input.categoryCode,
      address: input.address ?? null,
      province_code: input.provinceCode ?? null,
      regency_code: input.regencyCode ?? null,
      website: input.website ?? null,
      contacts: JSON.stringify(input.contacts ?? []),
      created_by: src.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, src, { action: 'partner.create', entityType: 'partner', entityId: newId, unitId: null, changes: diff(null, { name: input.name, category_code: input.categoryCode }) }, now);
    return newId;
  });
  return (await repo.getPartner(deps.database.db, id))!;
}

export async function update(deps: AppDeps, src: Src, id: string, input: Partial<PartnerInput>) {
  authorize(src.actor, 'partner.write');
  const before = await repo.getPartner(deps.database.db, id);
  if (!before || before.merged_into) throw new AppError('NOT_FOUND');
  if (input.categoryCode) await assertCategory(deps, input.categoryCode);
  await assertRegion(deps, input.provinceCode === undefined ? before.province_code : input.provinceCode, input.regencyCode === undefined ? before.regency_code : input.regencyCode);
  const values = {
    name: input.name,
    search_name: input.name ? normalizePartnerName(input.name) : undefined,
    category_code: input.categoryCode,
    address: input.address,
    province_code: input.provinceCode,
    regency_code: input.regencyCode,
    website: input.website,
  };
  const changes = diff(before as unknown as Record<string, unknown>, { ...values, search_name: undefined });
  const contactsChanged = input.contacts !== undefined && JSON.stringify(input.contacts) !== JSON.stringify(before.contacts);
  if (Object.keys(changes).length === 0 && !contactsChanged) return before;
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.updatePartner(tx, id, { ...values, ...(contactsChanged ? { contacts: JSON.stringify(input.contacts) } : {}), updated_at: now });
    await recordAudit(tx, src, { action: 'partner.update', entityType: 'partner', entityId: id, unitId: null, changes: { ...changes, ...(contactsChanged ? { contacts: { from: before.contacts, to: input.contacts } } : {}) } }, now);
  });
  return (await repo.getPartner(deps.database.db, id))!;
}

/** Merges a duplicate into the partner that stays: its agreements follow, the duplicate is kept as a pointer. */
export async function merge(deps: AppDeps, src: Src, duplicateId: string, intoId: string) {
  authorize(src.actor, 'partner.merge');
  if (duplicateId === intoId) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'intoId', message: 'Mitra tidak dapat digabung dengan dirinya sendiri.' }]);
  const { db } = deps.database;
  const [dup, into] = await Promise.all([repo.getPartner(db, duplicateId), repo.getPartner(db, intoId)]);
  if (!dup || dup.merged_into || !into || into.merged_into) throw new AppError('NOT_FOUND');
  const now = deps.now();
  const moved = await db.transaction().execute(async (tx) => {
    const n = await repo.moveAgreementLinks(tx, duplicateId, intoId);
    await repo.updatePartner(tx, duplicateId, { merged_into: intoId, updated_at: now });
    await recordAudit(tx, src, { action: 'partner.merge', entityType: 'partner', entityId: duplicateId, unitId: null, changes: { merged_into: { from: null, to: intoId }, agreements_moved: { from: null, to: n } } }, now);
    return n;
  });
  return { partner: (await repo.getPartner(db, intoId))!, movedAgreements: moved };
}
