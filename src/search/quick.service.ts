import { authorize, scopePrefix, type Actor } from '../access/access.js';
import type { AppDeps } from '../http/context.js';
import { normalizePartnerName } from '../partners/normalize.js';
import * as repo from './quick.repository.js';

/**
 * Search as you type in the register: agreement numbers and partner names containing (or, for names,
 * resembling) the text, within the caller's scope. Light by design: two indexed lookups, no ranking of
 * document text (that is GET /search).
 */
export async function quickSuggest(deps: AppDeps, actor: Actor, text: string, limit: number) {
  authorize(actor, 'agreement.read');
  const { db } = deps.database;
  const scope = scopePrefix(actor);
  const normalized = normalizePartnerName(text);
  const [agreements, partners] = await Promise.all([
    // A number has digits; typing only letters is looking for a name.
    /\d/.test(text) ? repo.agreementsByNumber(db, scope, text, limit) : Promise.resolve([]),
    normalized.length >= 2 ? repo.partnersInScope(db, scope, normalized, limit) : Promise.resolve([]),
  ]);
  return { agreements, partners };
}
export type QuickSuggestions = Awaited<ReturnType<typeof quickSuggest>>;
