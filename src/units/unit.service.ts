import crypto from 'node:crypto';
import { authorize, scopePrefix, type Actor } from '../access/access.js';
import { diff, recordAudit } from '../audit/audit.js';
import type { UnitKind, UnitRow } from '../db/schema.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { addDays, todayIn } from '../shared/dates.js';
import * as repo from './unit.repository.js';

type Src = { actor: Actor; ip: string | null };

export async function listUnits(deps: AppDeps, actor: Actor, includeInactive: boolean) {
  authorize(actor, 'unit.read');
  return repo.listUnitsUnder(deps.database.db, scopePrefix(actor), includeInactive, todayIn(deps.now()));
}

/** Reads a unit the caller may see; anything else is "not found". */
export async function getVisibleUnit(deps: AppDeps, actor: Actor, id: string): Promise<UnitRow> {
  const unsafeUnit = await repo.getUnit(deps.database.db, id);
  authorize(actor, 'unit.read', unsafeUnit ? { unitPath: unsafeUnit.path } : null);
  return unsafeUnit!;
}

export async function getUnitDetail(deps: AppDeps, actor: Actor, id: string) {
  const unit = await getVisibleUnit(deps, actor, id);
  const ancestorIds = unit.path.split('/').filter(Boolean);
  const [history, ancestors] = await Promise.all([repo.unitHistory(deps.database.db, id), repo.getUnitsByIds(deps.database.db, ancestorIds)]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  return { unit, history, path: ancestorIds.map((aid) => byId.get(aid)).filter((a) => a !== undefined) };
}

export interface CreateUnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  provinceCode?: string | null | undefined;
  regencyCode?: string | null | undefined;
  validFrom?: string | undefined;
}

export async function createUnit(deps: AppDeps, src: Src, input: CreateUnitInput) {
  const { db } = deps.database;
  const parent = input.parentId ? await repo.getUnit(db, input.parentId) : null;
  if (input.parentId) authorize(src.actor, 'unit.read', parent ? { unitPath: parent.path } : null);
  authorize(src.actor, 'unit.manage');
  if (!parent && input.kind !== 'biro') throw new AppError('VALIDATION_FAILED', {}, [{ path: 'parentId', message: 'Unit induk wajib dipilih.' }]);
  if (await repo.codeTaken(db, input.code)) throw new AppError('DUPLICATE_UNIT_CODE');
  const id = crypto.randomUUID();
  const now = deps.now();
  const values = {
    id,
    code: input.code,
    name: input.name,
    kind: input.kind,
    parent_id: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    province_code: input.provinceCode ?? null,
    regency_code: input.regencyCode ?? null,
    valid_from: input.validFrom ?? todayIn(now),
  };
  await db.transaction().execute(async (tx) => {
    await repo.insertUnit(tx, values);
    await recordAudit(tx, src, { action: 'unit.create', entityType: 'unit', entityId: id, unitId: id, changes: diff(null, { code: values.code, name: values.name, kind: values.kind, parent_id: values.parent_id }) }, now);
  });
  return (await repo.getUnit(db, id))!;
}

export interface UpdateUnitInput {
  code?: string | undefined;
  name?: string | undefined;
  kind?: UnitKind | undefined;
  parentId?: string | undefined;
  provinceCode?: string | null | undefined;
  regencyCode?: string | null | undefined;
  effectiveDate?: string | undefined;
}

/**
 * Renames, recodes or moves a unit. The unit keeps its id (so agreements stay attached) and the
 * previous identity is kept in `unit_versions` for the period it was valid.
 */
export async function updateUnit(deps: AppDeps, src: Src, id: string, input: UpdateUnitInput) {
  const { db } = deps.database;
  const unit = await getVisibleUnit(deps, src.actor, id);
  authorize(src.actor, 'unit.manage');
  const now = deps.now();
  const effective = input.effectiveDate ?? todayIn(now);

  let newParent: UnitRow | undefined;
  if (input.parentId !== undefined && input.parentId !== unit.parent_id) {
    newParent = await repo.getUnit(db, input.parentId);
    if (!newParent) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'parentId', message: 'Unit induk tidak ditemukan.' }]);
    if (newParent.path.startsWith(unit.path)) throw new AppError('UNIT_CYCLE');
  }
  if (input.code && input.code.toLowerCase() !== unit.code.toLowerCase() && (await repo.codeTaken(db, input.code, id))) throw new AppError('DUPLICATE_UNIT_CODE');

  const identityChanged =
    (input.code !== undefined && input.code !== unit.code) ||
    (input.name !== undefined && input.name !== unit.name) ||
    (input.kind !== undefined && input.kind !== unit.kind) ||
    newParent !== undefined;
  if (identityChanged && effective < unit.valid_from) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'effectiveDate', message: `Tanggal berlaku tidak boleh sebelum ${unit.valid_from}.` }]);
  }
  // A change effective on the unit's first day is a correction, not a new period: no history entry.
  const newPeriod = identityChanged && effective > unit.valid_from;

  const values = {
    code: input.code,
    name: input.name,
    kind: input.kind,
    parent_id: newParent?.id,
    province_code: input.provinceCode,
    regency_code: input.regencyCode,
  };
  const changes = diff(unit as unknown as Record<string, unknown>, values);
  if (Object.keys(changes).length === 0) return unit;

  await db.transaction().execute(async (tx) => {
    if (newPeriod) {
      await repo.insertVersion(tx, { unit_id: id, code: unit.code, name: unit.name, kind: unit.kind, parent_id: unit.parent_id, valid_from: unit.valid_from, valid_to: addDays(effective, -1) });
    }
    const newPath = newParent ? `${newParent.path}${id}/` : undefined;
    await repo.updateUnitRow(tx, id, { ...values, ...(newPeriod ? { valid_from: effective } : {}), updated_at: now });
    if (newPath) await repo.rewriteSubtreePaths(tx, unit.path, newPath);
    await recordAudit(tx, src, { action: 'unit.update', entityType: 'unit', entityId: id, unitId: id, changes: { ...changes, ...(identityChanged ? { effective_date: { from: null, to: effective } } : {}) } }, now);
  });
  return (await repo.getUnit(db, id))!;
}

export async function closeUnit(deps: AppDeps, src: Src, id: string, validTo: string) {
  const { db } = deps.database;
  const unit = await getVisibleUnit(deps, src.actor, id);
  authorize(src.actor, 'unit.manage');
  if (validTo < unit.valid_from) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'validTo', message: `Tanggal tutup tidak boleh sebelum ${unit.valid_from}.` }]);
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await repo.updateUnitRow(tx, id, { valid_to: validTo, updated_at: now });
    await recordAudit(tx, src, { action: 'unit.close', entityType: 'unit', entityId: id, unitId: id, changes: diff(unit as unknown as Record<string, unknown>, { valid_to: validTo }) }, now);
  });
  return (await repo.getUnit(db, id))!;
}
