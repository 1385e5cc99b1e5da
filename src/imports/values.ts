/**
 * Reading the values operators type into registers: dates in the half-dozen ways Indonesian offices write
 * them, agreement kinds by name or abbreviation, lists separated by semicolons. Each reader returns null for
 * what it does not understand; the caller turns that into a problem the operator can fix.
 */

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

/** Excel day numbers between these are plausible agreement dates (1927–2119); outside them a number is not a date. */
const SERIAL_MIN = 10_000;
const SERIAL_MAX = 80_000;

/**
 * A date as YYYY-MM-DD, from: 2024-06-27 · 27/06/2024 · 27-6-2024 · 27.06.2024 · 27/06/24 (20yy) · an Excel
 * day number (45470) · "27 Juni 2024" / "27 Jun 2024" / "Kamis, 27 Juni 2024". Day first, always: Indonesian
 * registers never write month first. Impossible dates (31/02) and years outside 1945–2100 are null.
 */
export function parseDate(text: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) return ymd(year(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(?:[a-z]+,? )?(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2]!];
    return month ? ymd(Number(m[3]), month, Number(m[1])) : null;
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug is before any date we accept).
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Lower case, letters and digits only, single spaces: what names are compared by. */
export function plain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Several values in one cell: "a; b", "a, b" or one per line. */
export function splitList(text: string, separators: RegExp = /[;\n]+/): string[] {
  return text
    .split(separators)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Ways registers name the agreement kinds, beyond the managed list's own code, name and abbreviation. */
const KIND_SYNONYMS: Record<string, string> = {
  'nota kesepahaman': 'mou',
  'memorandum of understanding': 'mou',
  'memorandum kesepahaman': 'mou',
  nk: 'mou',
  'perjanjian kerja sama': 'pks',
  'perjanjian kerjasama': 'pks',
  'perjanjian kerja': 'pks',
  perjanjian: 'pks',
  pks: 'pks',
  adendum: 'adendum',
  addendum: 'adendum',
  amandemen: 'adendum',
  amendemen: 'adendum',
  'adendum pks': 'adendum',
  'kesepakatan bersama': 'kesepakatan_bersama',
  'letter of intent': 'loi',
  'memorandum saling pengertian': 'msp',
};

export interface Named {
  code: string;
  name: string;
  abbreviation?: string;
}

/** A lookup from every accepted spelling to the code; the managed list wins over built-in synonyms. */
export function dictionary(entries: Named[], synonyms: Record<string, string> = {}): Map<string, string> {
  const map = new Map<string, string>();
  const codes = new Set(entries.map((e) => e.code));
  for (const [k, code] of Object.entries(synonyms)) if (codes.has(code)) map.set(plain(k), code);
  for (const e of entries) {
    map.set(plain(e.code), e.code);
    map.set(plain(e.name), e.code);
    if (e.abbreviation) map.set(plain(e.abbreviation), e.code);
    // "Adendum/Amandemen" → both halves.
    for (const part of e.name.split('/')) if (part.trim().length > 2) map.set(plain(part), e.code);
  }
  return map;
}

export function kindDictionary(kinds: Named[]): Map<string, string> {
  return dictionary(kinds, KIND_SYNONYMS);
}

const CATEGORY_SYNONYMS: Record<string, string> = {
  kementerian: 'kementerian_lembaga',
  lembaga: 'kementerian_lembaga',
  'kementerian lembaga': 'kementerian_lembaga',
  'k l': 'kementerian_lembaga',
  pemda: 'pemda',
  'pemerintah daerah': 'pemda',
  opd: 'pemda',
  tni: 'aph',
  polri: 'aph',
  'tni polri': 'aph',
  'aparat penegak hukum': 'aph',
  bumn: 'bumn',
  bumd: 'bumd',
  swasta: 'swasta',
  perusahaan: 'swasta',
  umkm: 'umkm',
  perorangan: 'umkm',
  'perguruan tinggi': 'perguruan_tinggi',
  universitas: 'perguruan_tinggi',
  kampus: 'perguruan_tinggi',
  sekolah: 'sekolah_pelatihan',
  'lembaga pelatihan': 'sekolah_pelatihan',
  blk: 'sekolah_pelatihan',
  smk: 'sekolah_pelatihan',
  ormas: 'ormas',
  yayasan: 'ormas',
  lsm: 'ormas',
  'lembaga keagamaan': 'ormas',
  pesantren: 'ormas',
  'luar negeri': 'luar_negeri',
  internasional: 'luar_negeri',
};

export function categoryDictionary(categories: Named[]): Map<string, string> {
  return dictionary(categories, CATEGORY_SYNONYMS);
}

/**
 * When a row names no category for a new partner, the partner's own name usually tells (a "Pemerintah
 * Kabupaten" is local government, a "Universitas" a university). Checked on the normalised name, in order.
 */
const CATEGORY_FROM_NAME: [RegExp, string][] = [
  [/\b(kepolisian|polres|polda|polsek|kodim|korem|kodam|tni|kejaksaan|pengadilan|lanal|lanud)\b/, 'aph'],
  [/\bpersero\b|^pt (bank )?(bri|bni|mandiri|pertamina|pln|telkom|pos indonesia|kai|pelni|taspen|asabri)\b|\bbadan usaha milik negara\b/, 'bumn'],
  [/\b(bank|perusahaan umum|perumda|pdam)\b.*\b(daerah|jateng|jabar|jatim|diy|dki)\b|\bbumd\b/, 'bumd'],
  [/\b(universitas|institut|sekolah tinggi|politeknik|akademi|uin|iain|stikes)\b/, 'perguruan_tinggi'],
  [/\b(sekolah menengah|sma|smk|smp|sd|madrasah|balai latihan kerja|lpk|lembaga pelatihan|pkbm|kursus)\b/, 'sekolah_pelatihan'],
  [/\b(yayasan|pondok pesantren|lembaga swadaya|perkumpulan|majelis|nahdlatul|muhammadiyah|gereja|masjid|organisasi kemasyarakatan|lsm)\b/, 'ormas'],
  [/\b(pemerintah|dinas|badan perencanaan|sekretariat daerah|kecamatan|kelurahan|desa|rumah sakit umum daerah|pusat kesehatan masyarakat|satuan polisi pamong praja)\b/, 'pemda'],
  [/\b(kementerian|badan|lembaga|komisi|ombudsman|otoritas)\b/, 'kementerian_lembaga'],
  [/\b(embassy|kedutaan|united nations|unodc|unicef|undp|usaid|giz|jica|koica)\b/, 'luar_negeri'],
  [/^(pt|cv|ud|koperasi)\b|\b(tbk)\b/, 'swasta'],
];

/**
 * The category an unnamed new partner gets when its name gives no clue: `swasta` (private), the broadest
 * "not government" bucket. The preview shows it, so the operator can put a category column in the file instead.
 */
export const FALLBACK_CATEGORY = 'swasta';

export function categoryFromName(normalisedName: string): string | null {
  for (const [re, code] of CATEGORY_FROM_NAME) if (re.test(normalisedName)) return code;
  return null;
}

/** Scope keywords: what a register's "Ruang Lingkup" cell tends to say, mapped to the managed scope codes. */
const SCOPE_SYNONYMS: Record<string, string> = {
  kemandirian: 'kemandirian',
  'pembinaan kemandirian': 'kemandirian',
  'pelatihan kerja': 'kemandirian',
  pelatihan: 'kemandirian',
  pertanian: 'pertanian',
  peternakan: 'pertanian',
  perikanan: 'pertanian',
  kepribadian: 'kepribadian',
  'pembinaan kepribadian': 'kepribadian',
  keagamaan: 'kepribadian',
  kesehatan: 'kesehatan',
  'layanan kesehatan': 'kesehatan',
  pendidikan: 'pendidikan',
  'pendidikan kesetaraan': 'pendidikan',
  rehabilitasi: 'rehabilitasi',
  'rehabilitasi narkotika': 'rehabilitasi',
  'bantuan hukum': 'bantuan_hukum',
  asimilasi: 'asimilasi',
  integrasi: 'asimilasi',
  pemasaran: 'pemasaran',
  'pemasaran produk': 'pemasaran',
  lahan: 'lahan',
  'pemanfaatan lahan': 'lahan',
  sdm: 'sdm',
  'peningkatan kapasitas': 'sdm',
  keamanan: 'keamanan',
  'pertukaran data': 'data_informasi',
  'data dan informasi': 'data_informasi',
  keimigrasian: 'keimigrasian',
};

export function scopeDictionary(scopes: Named[]): Map<string, string> {
  return dictionary(scopes, SCOPE_SYNONYMS);
}
