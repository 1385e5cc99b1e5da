/** The agreement form's state, how it is filled from an existing agreement, and the body it sends. */
import type { AgreementDetail, Party, PartnerRef, Relative } from '../../registry.js';

export interface SignatoryDraft {
  key: number;
  party: Party;
  name: string;
  position: string;
  nip: string;
}

/** A related agreement picked in the form (parent MoU, amended, renewed). */
export interface RelationRef {
  id: string;
  title: string;
  numberFirst: string | null;
  unitName: string;
}

export interface FormState {
  kindCode: string;
  title: string;
  numberFirst: string;
  numberSecond: string;
  unitId: string;
  partners: PartnerRef[];
  signatories: SignatoryDraft[];
  signingPlace: string;
  signingDate: string;
  startDate: string;
  endMode: 'date' | 'duration';
  endDate: string;
  duration: string;
  scopeCodes: string[];
  scopeOther: string;
  purpose: string;
  background: string;
  financing: string;
  confidentiality: 'public' | 'internal';
  confidentialityReason: string;
  parent: RelationRef | null;
  amends: RelationRef | null;
  renews: RelationRef | null;
}

let nextKey = 1;
export function signatory(party: Party, name = '', position = '', nip = ''): SignatoryDraft {
  return { key: nextKey++, party, name, position, nip };
}

export function emptyForm(unitId: string): FormState {
  return {
    kindCode: 'pks',
    title: '',
    numberFirst: '',
    numberSecond: '',
    unitId,
    partners: [],
    signatories: [signatory('pertama'), signatory('kedua')],
    signingPlace: '',
    signingDate: '',
    startDate: '',
    endMode: 'duration',
    endDate: '',
    duration: '',
    scopeCodes: [],
    scopeOther: '',
    purpose: '',
    background: '',
    financing: '',
    confidentiality: 'public',
    confidentialityReason: '',
    parent: null,
    amends: null,
    renews: null,
  };
}

function relationOf(r: Relative | null): RelationRef | null {
  return r ? { id: r.id, title: r.title, numberFirst: r.numberFirst, unitName: r.unitName } : null;
}

export function formFromDetail(a: AgreementDetail): FormState {
  return {
    kindCode: a.kindCode,
    title: a.title,
    numberFirst: a.numberFirst ?? '',
    numberSecond: a.numberSecond ?? '',
    unitId: a.unit.id,
    partners: a.partners,
    signatories: a.signatories.map((s) => signatory(s.party, s.name, s.position, s.nip ?? '')),
    signingPlace: a.signingPlace ?? '',
    signingDate: a.signingDate ?? '',
    startDate: a.startDate && a.startDate !== a.signingDate ? a.startDate : '',
    endMode: a.durationText ? 'duration' : 'date',
    endDate: a.endDate ?? '',
    duration: a.durationText ?? '',
    scopeCodes: a.scopes.map((s) => s.code),
    scopeOther: a.scopeOther ?? '',
    purpose: a.purpose ?? '',
    background: a.background ?? '',
    financing: a.financing ?? '',
    confidentiality: a.confidentiality,
    confidentialityReason: a.confidentialityReason ?? '',
    parent: relationOf(a.family.parent),
    amends: relationOf(a.family.amends),
    renews: relationOf(a.family.renews),
  };
}

/**
 * A renewal starts from the agreement it renews: same kind, title, unit, partners, scopes and content;
 * new numbers, dates and signatures; `renews` points at the old one.
 */
export function renewalFrom(a: AgreementDetail): FormState {
  const base = formFromDetail(a);
  return {
    ...base,
    numberFirst: '',
    numberSecond: '',
    signingPlace: a.signingPlace ?? '',
    signingDate: '',
    startDate: a.endDate ? nextDay(a.endDate) : '',
    endMode: 'duration',
    endDate: '',
    duration: a.durationText ?? '',
    amends: null,
    renews: { id: a.id, title: a.title, numberFirst: a.numberFirst, unitName: a.unit.name },
  };
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The JSON body for POST /agreements and PATCH /agreements/{id} (the edit sends every field). */
export function toBody(f: FormState, confirmDuplicateNumber: boolean) {
  return {
    unitId: f.unitId,
    kindCode: f.kindCode,
    title: f.title.trim(),
    numberFirst: orNull(f.numberFirst),
    numberSecond: orNull(f.numberSecond),
    partnerIds: f.partners.map((p) => p.id),
    signatories: f.signatories
      .filter((s) => s.name.trim() || s.position.trim() || s.nip.trim())
      .map((s) => ({ party: s.party, name: s.name.trim(), position: s.position.trim(), nip: orNull(s.nip) })),
    signingPlace: orNull(f.signingPlace),
    signingDate: f.signingDate || null,
    startDate: f.startDate || null,
    ...(f.endMode === 'duration' ? { duration: orNull(f.duration), endDate: null } : { endDate: f.endDate || null, duration: null }),
    scopeCodes: f.scopeCodes,
    scopeOther: orNull(f.scopeOther),
    purpose: orNull(f.purpose),
    background: orNull(f.background),
    financing: orNull(f.financing),
    confidentiality: f.confidentiality,
    confidentialityReason: f.confidentiality === 'internal' ? orNull(f.confidentialityReason) : null,
    parentId: f.parent?.id ?? null,
    amendsId: f.amends?.id ?? null,
    renewsId: f.renews?.id ?? null,
    ...(confirmDuplicateNumber ? { confirmDuplicateNumber: true } : {}),
  };
}
