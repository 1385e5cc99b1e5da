/**
 * How a suggestion read from the signed document fills the agreement form: which form fields it sets,
 * whether those are still empty, and whether the form already holds it. Pure functions over the form state.
 */
import { signatory, type FormState } from '../agreement/form-state.js';
import type { PartnerRef } from '../../registry.js';
import type { Suggestion } from '../../intelligence.js';

/** Fields the form can take from a suggestion; the others (parties' names, the MoU's number) only inform. */
export const ACCEPTABLE = new Set(['kindCode', 'title', 'numberFirst', 'numberSecond', 'signingPlace', 'signingDate', 'startDate', 'duration', 'endDate', 'parentId', 'partnerId', 'signatory', 'scopeCode']);

/** The working title a draft started from its document carries until the review replaces it. */
export const DRAFT_TITLE = /^Konsep dari berkas /;

const TEXT_FIELDS = ['title', 'numberFirst', 'numberSecond', 'signingPlace', 'signingDate', 'startDate'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const isText = (f: string): f is TextField => (TEXT_FIELDS as readonly string[]).includes(f);

/** Whether the form has nothing of its own yet where the suggestion would go (a draft's working title counts as nothing). */
export function isEmptyFor(form: FormState, s: Suggestion): boolean {
  const draft = DRAFT_TITLE.test(form.title);
  if (s.field === 'title') return !form.title.trim() || draft;
  // A draft's kind was a default, not a choice.
  if (s.field === 'kindCode') return draft;
  if (isText(s.field)) return !form[s.field].trim();
  if (s.field === 'duration' || s.field === 'endDate') return !form.duration.trim() && !form.endDate;
  if (s.field === 'parentId') return !form.parent;
  if (s.field === 'partnerId') return form.partners.length === 0;
  if (s.field === 'scopeCode') return form.scopeCodes.length === 0;
  if (s.field === 'signatory') return !form.signatories.some((x) => x.party === s.extra?.party && x.name.trim());
  return false;
}

/** Whether the form already holds what the suggestion says. */
export function isApplied(form: FormState, s: Suggestion): boolean {
  if (isText(s.field)) return form[s.field].trim() === s.value;
  switch (s.field) {
    case 'kindCode':
      return form.kindCode === s.value && !DRAFT_TITLE.test(form.title);
    case 'duration':
      return form.endMode === 'duration' && form.duration.trim() === s.value;
    case 'endDate':
      return form.endMode === 'date' && form.endDate === s.value;
    case 'parentId':
      return form.parent?.id === s.value;
    case 'partnerId':
      return form.partners.some((p) => p.id === s.value);
    case 'scopeCode':
      return form.scopeCodes.includes(s.value);
    case 'signatory':
      return form.signatories.some((x) => x.party === s.extra?.party && x.name.trim() === s.value);
    default:
      return false;
  }
}

/** The form with the suggestion taken; `partner` is the registered partner a partnerId suggestion names. */
export function applySuggestion(form: FormState, s: Suggestion, partner?: PartnerRef): FormState {
  if (isText(s.field)) return { ...form, [s.field]: s.value };
  switch (s.field) {
    case 'kindCode':
      return { ...form, kindCode: s.value };
    case 'duration':
      return { ...form, endMode: 'duration', duration: s.value, endDate: '' };
    case 'endDate':
      return { ...form, endMode: 'date', endDate: s.value, duration: '' };
    case 'parentId':
      return { ...form, parent: { id: s.value, title: s.extra?.title ?? s.value, numberFirst: s.extra?.number ?? null, unitName: '' } };
    case 'partnerId':
      return partner && !form.partners.some((p) => p.id === partner.id) ? { ...form, partners: [...form.partners, partner] } : form;
    case 'scopeCode':
      return form.scopeCodes.includes(s.value) ? form : { ...form, scopeCodes: [...form.scopeCodes, s.value] };
    case 'signatory': {
      const party = s.extra?.party === 'kedua' ? 'kedua' : 'pertama';
      const position = s.extra?.position ?? '';
      // Fill the party's empty row when there is one; otherwise add a row (a second signer of that party).
      const blank = form.signatories.find((x) => x.party === party && !x.name.trim());
      const signatories = blank ? form.signatories.map((x) => (x.key === blank.key ? { ...x, name: s.value, position: x.position.trim() || position } : x)) : [...form.signatories, signatory(party, s.value, position)];
      return { ...form, signatories };
    }
    default:
      return form;
  }
}

/**
 * "Terima semua": every acceptable suggestion whose place in the form was empty before (judged on the form
 * as it was, so a second scope is added too); a duration wins over an end date, as the document states both.
 */
export function applyAllEmpty(form: FormState, suggestions: readonly Suggestion[], partners: ReadonlyMap<string, PartnerRef>): { form: FormState; count: number } {
  let next = form;
  let count = 0;
  const hasDuration = suggestions.some((s) => s.field === 'duration');
  for (const s of suggestions) {
    if (!ACCEPTABLE.has(s.field) || !isEmptyFor(form, s) || isApplied(next, s)) continue;
    if (s.field === 'endDate' && hasDuration) continue;
    // Only one value per single field: the first suggestion of a field is the document's first mention.
    if (isText(s.field) && next[s.field] !== form[s.field]) continue;
    const partner = s.field === 'partnerId' ? partners.get(s.value) : undefined;
    if (s.field === 'partnerId' && !partner) continue;
    next = applySuggestion(next, s, partner);
    count++;
  }
  return { form: next, count };
}
