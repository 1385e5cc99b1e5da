import { authorize, type Action, type Actor } from '../access/access.js';
import type { Executor } from '../db/database.js';

/**
 * Loads an agreement (not deleted) and checks the caller may reach it through its owning unit.
 * Anything outside the caller's subtree, deleted, or unknown is "not found".
 */
export async function getVisibleAgreement(db: Executor, actor: Actor, id: string, action: Action = 'agreement.read', opts: { includeDeleted?: boolean } = {}) {
  let q = db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .selectAll('agreements')
    .select(['units.path as unit_path', 'units.name as unit_name', 'units.code as unit_code'])
    .where('agreements.id', '=', id);
  if (!opts.includeDeleted) q = q.where('agreements.deleted_at', 'is', null);
  const unsafeAgreement = await q.executeTakeFirst();
  authorize(actor, 'agreement.read', unsafeAgreement ? { unitPath: unsafeAgreement.unit_path } : null);
  if (action !== 'agreement.read') authorize(actor, action);
  return unsafeAgreement!;
}
export type VisibleAgreement = Awaited<ReturnType<typeof getVisibleAgreement>>;
