import { getProvinces, getRegencies } from 'idn-area-data';
import type { Executor } from '../db/database.js';

/**
 * Loads Indonesia's provinces and regencies from `idn-area-data` (maintained, follows the Kemendagri
 * regulation). Idempotent: inserts what is missing, renames what changed.
 */
export async function loadRegions(db: Executor): Promise<{ provinces: number; regencies: number }> {
  const [provinces, regencies] = await Promise.all([getProvinces(), getRegencies()]);
  const existing = await db.selectFrom('provinces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const existingReg = await db.selectFrom('regencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) === provinces.length && Number(existingReg.n) === regencies.length) return { provinces: provinces.length, regencies: regencies.length };
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < provinces.length; i += 500) {
      await tx
        .insertInto('provinces')
        .values(provinces.slice(i, i + 500).map((p) => ({ code: p.code, name: titleCase(p.name) })))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute();
    }
    for (let i = 0; i < regencies.length; i += 500) {
      await tx
        .insertInto('regencies')
        .values(regencies.slice(i, i + 500).map((r) => ({ code: r.code, province_code: r.province_code, name: titleCase(r.name) })))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), province_code: eb.ref('excluded.province_code') })))
        .execute();
    }
  });
  return { provinces: provinces.length, regencies: regencies.length };
}

const KEEP_UPPER = new Set(['DKI', 'DI']);

/** "KABUPATEN ACEH SELATAN" → "Kabupaten Aceh Selatan"; keeps "DKI", "DI". */
export function titleCase(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => (KEEP_UPPER.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ');
}
