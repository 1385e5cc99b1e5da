import type { UnitRow } from '../db/schema.js';

export function presentUnit(u: UnitRow, today: string) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parent_id,
    provinceCode: u.province_code,
    regencyCode: u.regency_code,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    active: u.valid_to === null || u.valid_to >= today,
  };
}
export type UnitDto = ReturnType<typeof presentUnit>;
