/**
 * Personal data in an agreement's text, to be blacked out in the public copy (UU 14/2008 KIP Pasal 17: a
 * person's identity numbers, contacts and home are exempt information): NIK, personal phone numbers,
 * personal e-mail addresses, bank account numbers and home addresses. Officials' names, positions and NIP
 * are public in an agreement and are never findings. Pure functions over text: no database, no I/O.
 */

export const PII_KINDS = ['nik', 'phone', 'email', 'bank_account', 'address'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiMatch {
  kind: PiiKind;
  /** Character offsets in the page text (end exclusive). */
  start: number;
  end: number;
  text: string;
}

/** E-mail domains of public bodies: addresses there are official, not personal (configurable). */
export const DEFAULT_OFFICIAL_DOMAINS = ['go.id', 'mil.id', 'polri.go.id', 'ac.id', 'sch.id', 'desa.id'];

export interface PiiOptions {
  officialDomains?: readonly string[];
  /** Names that must stay readable (the signatories): no finding may cover them. */
  protectedNames?: readonly string[];
}

/** Kemendagri province codes (first two digits of a NIK), including the 2022 Papua provinces. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

/**
 * A NIK is province, regency, district, birth date (day + 40 for women), month, year, serial: 16 digits
 * whose structure holds. Numbers of other shapes (NIP: 18 digits; amounts; agreement numbers) never pass.
 */
export function isPlausibleNik(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const n = (i: number) => Number(digits.slice(i, i + 2));
  const day = n(6) > 40 ? n(6) - 40 : n(6);
  return PROVINCES.has(n(0)) && n(2) >= 1 && n(4) >= 1 && day >= 1 && day <= 31 && n(8) >= 1 && n(8) <= 12 && digits.slice(12) !== '0000';
}

/** 16 digits, written together or in groups separated by spaces or hyphens (never dots: those are amounts). */
const NIK_RE = /(?<![\d./-])\d(?:[ -]?\d){15}(?![\d]|[ ./-]\d)/g;
/** A phone number as written: +62 / 62 / 0, then digits with spaces, dots, hyphens and brackets. */
const PHONE_RE = /(?<![\w/+-])(?:\+\s?62|\(\s?0\d{2,3}\s?\)|\d)[\d \t().-]{5,19}\d(?![\w@]|[/-]\d)/g;
/** Domain labels OCR often separates from the dot before them ("gmail. com", "kemenkumham. go.id"). */
const COMMON_LABELS = '(?:com|co|id|go|ac|sch|mil|net|org|or|web|my|biz|info|desa|polri)';
/**
 * An e-mail address, also as OCR reads one: a space after a dot between lower-case parts ("andi. wijaya"),
 * a colon read for that dot ("agus:kontak"), a space around the @ ("wijaya@ gmail.com").
 */
const EMAIL_RE = new RegExp(
  `(?<![\\w.+-])(?:[a-z0-9][a-z0-9._%+-]*(?:\\.\\s|:\\s?))?[A-Za-z0-9][A-Za-z0-9._%+-]*\\s?@\\s?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+|\\.\\s${COMMON_LABELS}(?![\\w-]))+`,
  'g',
);
/** Words that announce a telephone number; a landline number counts only after one (or in "(0xxx)" form). */
const PHONE_CUE = /\b(?:telp|telepon|telpon|tlp|tel|fax|faks|faksimili|hp|ponsel|handphone|wa|whatsapp|kontak|contact|phone)\b[\s.:/-]*(?:\/\s*\w+[\s.:]*)?$/i;
const BANK_CUE = /\b(?:no(?:mor)?\.?\s*)?rek(?:ening)?\b\.?/gi;
const ADDRESS_CUE = /\b(?:alamat\s+(?:rumah|tempat\s+tinggal)|bertempat\s+tinggal|berdomisili|domisili)\b(?:\s+di\b)?\s*[:]?\s*/gi;
/** Where a home address ends: the next clause of the identity paragraph, or the end of the sentence. */
const ADDRESS_STOP = /;|,\s*(?=(?:dalam\s+hal\s+ini|selanjutnya|yang|dan|nik|nomor|no\.?\s*(?:telp|hp|ktp)|telepon|telp|hp|e-?mail|surel|pekerjaan|jabatan|untuk|bertindak)\b)|\s+(?=selanjutnya\b|pihak\b)|\.\s+(?=[A-Z][a-z]{2,})(?<!\b(?:Jl|Jln|No|Kel|Kec|Kab|Ds|Gg|Prov|Kp|Dk|Dsn|Blok)\.\s+)|\n\s*\n/i;
const ADDRESS_MAX = 180;

export function phoneKind(raw: string, before: string): boolean {
  const digits = raw.replace(/\D/g, '');
  const international = /^\+\s?62/.test(raw) || (/^62/.test(digits) && digits.length >= 11);
  const national = international ? `0${digits.slice(2)}` : digits;
  if (!/^0/.test(national)) return false;
  if (/^08[1-9]/.test(national)) return national.length >= 10 && national.length <= 13;
  // Landlines: area code 02x–09x; only when written as a phone number, so numbers in references never match.
  if (/^0[2-9]\d/.test(national) && national.length >= 9 && national.length <= 12) {
    return international || /^\(\s?0/.test(raw) || PHONE_CUE.test(before.slice(-30));
  }
  return false;
}

function isOfficialDomain(domain: string, official: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return official.some((o) => d === o.toLowerCase() || d.endsWith(`.${o.toLowerCase()}`));
}

/** Every piece of personal data in one page's text, in reading order, without overlaps. */
export function detectPii(text: string, opts: PiiOptions = {}): PiiMatch[] {
  const official = opts.officialDomains ?? DEFAULT_OFFICIAL_DOMAINS;
  const found: PiiMatch[] = [];
  const add = (kind: PiiKind, start: number, end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (end - trail > start + lead) found.push({ kind, start: start + lead, end: end - trail, text: raw.trim() });
  };

  for (const m of text.matchAll(NIK_RE)) {
    const digits = m[0].replace(/\D/g, '');
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (/\bNIP\b[\s.:]*$/i.test(before) || /\bRp\.?\s*$/i.test(before)) continue;
    if (isPlausibleNik(digits)) add('nik', m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(PHONE_RE)) {
    // Brackets belong to the number only when they hold the area code.
    let raw = m[0].replace(/[\s(.-]+$/, '');
    if (raw.startsWith('(') && !/^\(\s?0\d{2,3}\s?\)/.test(raw)) raw = raw.slice(1);
    const start = m.index + m[0].indexOf(raw);
    if (phoneKind(raw, text.slice(Math.max(0, start - 40), start))) add('phone', start, start + raw.length);
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    const domain = m[0].slice(m[0].lastIndexOf('@') + 1).replace(/\s+/g, '');
    if (!/\.[a-z]{2,}$/i.test(domain)) continue;
    if (!isOfficialDomain(domain, official)) add('email', m.index, m.index + m[0].length);
  }
  for (const cue of text.matchAll(BANK_CUE)) {
    const from = cue.index + cue[0].length;
    const window = text.slice(from, from + 100);
    for (const m of window.matchAll(/\d[\d .-]{4,28}\d/g)) {
      const digits = m[0].replace(/\D/g, '');
      if (/\bRp\.?\s*$/i.test(window.slice(0, m.index))) continue;
      if (digits.length >= 8 && digits.length <= 20) {
        add('bank_account', from + m.index, from + m.index + m[0].length);
        break;
      }
    }
  }
  for (const cue of text.matchAll(ADDRESS_CUE)) {
    const from = cue.index + cue[0].length;
    const rest = text.slice(from, from + ADDRESS_MAX);
    const stop = ADDRESS_STOP.exec(rest);
    let end = from + (stop ? stop.index : rest.length);
    while (end > from && /[\s,.]/.test(text[end - 1]!)) end--;
    if (end - from >= 6) add('address', from, end);
  }

  return withoutOverlaps(protect(found, text, opts.protectedNames ?? []), text);
}

/** Cuts a finding short where an official's name begins inside it, and drops findings that would cover one. */
function protect(found: PiiMatch[], text: string, names: readonly string[]): PiiMatch[] {
  if (names.length === 0) return found;
  const lower = text.toLowerCase();
  const spans: [number, number][] = [];
  for (const name of names) {
    const n = name.trim().toLowerCase();
    if (n.length < 3) continue;
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + 1)) spans.push([i, i + n.length]);
  }
  const out: PiiMatch[] = [];
  for (const f of found) {
    let { start, end } = f;
    for (const [s, e] of spans) {
      if (s >= end || e <= start) continue;
      // keep the part on the finding's side of the name: the tail when the name opens it, else the head
      if (s <= start) start = e;
      else end = s;
    }
    while (start < end && /[\s,.]/.test(text[start]!)) start++;
    while (end > start && /[\s,.]/.test(text[end - 1]!)) end--;
    if (start === f.start && end === f.end) out.push(f);
    else if (end - start >= 3) out.push({ ...f, start, end, text: text.slice(start, end) });
  }
  return out;
}

/** Overlapping findings (an address holding a phone number) become one: the earlier kind, the union of both. */
function withoutOverlaps(found: PiiMatch[], text: string): PiiMatch[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiMatch[] = [];
  for (const f of sorted) {
    const last = out.at(-1);
    if (last && f.start < last.end) {
      if (f.end > last.end) {
        last.end = f.end;
        last.text = text.slice(last.start, last.end);
      }
      continue;
    }
    out.push({ ...f });
  }
  return out;
}
