import type { Actor } from '../access/access.js';
import { getVisibleAgreement } from '../agreements/agreement.access.js';
import type { AppDeps } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import { normalizePartnerName } from '../partners/normalize.js';
import { suggestPartners } from '../partners/partner.repository.js';
import { getDocument } from './document.repository.js';
import { extractionOf, findMouByNumber, pagesOf } from './extraction.repository.js';
import { existingCodes } from '../agreements/agreement.repository.js';
import { suggestFromText, type Suggestion } from './suggest.js';
import { suggestScopes } from './suggest-scopes.js';

/** How alike an existing partner's name must be to a party named in the text to be offered. */
const PARTNER_MATCH = 0.6;

/**
 * Suggestions for the agreement form from a document's text, each with the passage it came from, plus the
 * records they point at: the umbrella MoU found by its number (one the caller may reach) and existing
 * partners alike the parties' names, and the scopes named in the scope article. Reading the text must have finished first.
 */
export async function documentSuggestions(deps: AppDeps, actor: Actor, documentId: string): Promise<{ documentId: string; suggestions: Suggestion[] }> {
  const { db } = deps.database;
  const unsafeDocument = await getDocument(db, documentId);
  if (!unsafeDocument) throw notFound();
  const agreement = await getVisibleAgreement(db, actor, unsafeDocument.agreement_id, 'document.read');
  const extraction = await extractionOf(db, documentId);
  if (!extraction || extraction.state === 'queued' || extraction.state === 'running') throw new AppError('EXTRACTION_PENDING');
  const pages = await pagesOf(db, documentId);
  const suggestions = suggestFromText(pages);
  // Scopes the register's list (managed by the Biro) still holds.
  const scopes = suggestScopes(pages);
  const known = await existingCodes(db, 'scopes', scopes.map((s) => s.value));
  suggestions.push(...scopes.filter((s) => known.includes(s.value)));

  const umbrella = suggestions.find((s) => s.field === 'umbrellaNumber');
  if (umbrella) {
    // A UPT's PKS hangs under an MoU of its Kanwil or of the Biro: the agreement's ancestors count as reachable.
    const mou = await findMouByNumber(db, umbrella.value, agreement.unit_path, actor.role === 'admin' ? '/' : actor.unitPath);
    if (mou && mou.id !== agreement.id) suggestions.push({ field: 'parentId', value: mou.id, extra: { title: mou.title, number: umbrella.value }, snippet: umbrella.snippet });
  }
  for (const party of suggestions.filter((s) => s.field === 'firstParty' || s.field === 'secondParty')) {
    const [best] = await suggestPartners(db, normalizePartnerName(party.value), 1);
    if (best && best.score >= PARTNER_MATCH && !suggestions.some((s) => s.field === 'partnerId' && s.value === best.id)) {
      suggestions.push({ field: 'partnerId', value: best.id, extra: { name: best.name, party: party.field === 'firstParty' ? 'pertama' : 'kedua' }, snippet: party.snippet });
    }
  }
  return { documentId, suggestions };
}
