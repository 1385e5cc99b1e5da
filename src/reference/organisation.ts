import crypto from 'node:crypto';
import type { Executor } from '../db/database.js';
import { titleCase } from './regions.js';

export const BIRO_CODE = 'BIRO-HKPK';

/**
 * The fixed top of the tree, created once on an empty database: the Biro (the centre that runs P2MA)
 * and one Kanwil per province. After that the tree is managed in the app, never overwritten.
 */
export async function ensureOrganisationRoot(db: Executor): Promise<boolean> {
  const any = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const provinces = await db.selectFrom('provinces').selectAll().orderBy('code').execute();
  const biroId = crypto.randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('units')
      .values({ id: biroId, code: BIRO_CODE, name: 'Biro Hukum, Komunikasi Publik, dan Kerja Sama', kind: 'biro', parent_id: null, path: `/${biroId}/`, valid_from: '2024-10-21' })
      .execute();
    const kanwil = provinces.map((p) => {
      const id = crypto.randomUUID();
      return { id, code: kanwilCode(p.code), name: `Kantor Wilayah ${titleCase(p.name)}`, kind: 'kanwil' as const, parent_id: biroId, path: `/${biroId}/${id}/`, province_code: p.code, valid_from: '2024-10-21' };
    });
    if (kanwil.length) await tx.insertInto('units').values(kanwil).execute();
  });
  return true;
}

export function kanwilCode(provinceCode: string): string {
  return `KW-${provinceCode}`;
}
