/**
 * Metadata suggestions from an agreement's text: the kind, the title ("tentang …"), both parties' numbers,
 * the place and date of signing (in digits, or in words as the opening clause writes them: "Kamis tanggal
 * dua puluh tujuh bulan Juni tahun dua ribu dua puluh empat"), the duration and end date, the umbrella MoU's
 * number, the parties and the signatories. Each suggestion carries the passage it was read from, so the
 * operator can check it before accepting. Pure functions over text: no database, no I/O.
 */

export const SUGGESTION_FIELDS = [
  'kindCode', 'title', 'numberFirst', 'numberSecond', 'signingPlace', 'signingDate', 'startDate', 'duration', 'endDate',
  'umbrellaNumber', 'firstParty', 'secondParty', 'signatory', 'parentId', 'partnerId', 'scopeCode',
] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

export interface Suggestion {
  field: SuggestionField;
  value: string;
  /** Details of a composite value (a signatory's party and position, a matched record's name). */
  extra?: Record<string, string>;
  snippet: { page: number; text: string };
}

export interface PageText {
  page: number;
  text: string;
}

const MONTHS: Record<string, number> = {
  januari: 1, februari: 2, pebruari: 2, maret: 3, april: 4, mei: 5, juni: 6, juli: 7, agustus: 8, september: 9, oktober: 10, nopember: 11, november: 11, desember: 12,
};
const MONTH = `(${Object.keys(MONTHS).join('|')})`;
const DIGITS: Record<string, number> = { nol: 0, satu: 1, se: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };
const NUMBER_WORD = '(?:nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belas|puluh|seratus|ratus|seribu|ribu)';
const WORDS = `(${NUMBER_WORD}(?:\\s+${NUMBER_WORD})*)`;

/** "dua ribu dua puluh empat" → 2024; "dua puluh tujuh" → 27; null when a word is not a number word. */
export function parseNumberWords(text: string): number | null {
  let total = 0;
  let hundreds = 0;
  let tens = 0;
  let unit = 0;
  const words = text.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  for (const w of words) {
    if (w in DIGITS) unit = DIGITS[w]!;
    else if (w === 'sepuluh') tens = 10;
    else if (w === 'sebelas') tens = 11;
    else if (w === 'belas') (tens = 10 + unit), (unit = 0);
    else if (w === 'puluh') (tens = unit * 10), (unit = 0);
    else if (w === 'seratus') hundreds = 100;
    else if (w === 'ratus') (hundreds = unit * 100), (unit = 0);
    else if (w === 'seribu') total += 1000;
    else if (w === 'ribu') {
      total += (hundreds + tens + unit || 1) * 1000;
      hundreds = tens = unit = 0;
    } else return null;
  }
  return total + hundreds + tens + unit;
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1945 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A date as agreements write it, in digits or in words; the first one found in `text`. */
export function findDate(text: string): { iso: string; index: number; length: number } | null {
  const t = text.toLowerCase();
  const patterns: [RegExp, (m: RegExpExecArray) => string | null][] = [
    [new RegExp(`tanggal\\s+${WORDS}\\s+(?:bulan\\s+)?${MONTH}\\s+(?:tahun\\s+)?${WORDS}`), (m) => isoDate(parseNumberWords(m[3]!) ?? 0, MONTHS[m[2]!]!, parseNumberWords(m[1]!) ?? 0)],
    [new RegExp(`\\b(\\d{1,2})\\s+(?:bulan\\s+)?${MONTH}\\s+(?:tahun\\s+)?(\\d{4})\\b`), (m) => isoDate(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]))],
    [/\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/, (m) => isoDate(Number(m[3]), Number(m[2]), Number(m[1]))],
  ];
  let best: { iso: string; index: number; length: number } | null = null;
  for (const [re, toIso] of patterns) {
    const m = re.exec(t);
    const iso = m ? toIso(m) : null;
    if (m && iso && (!best || m.index < best.index)) best = { iso, index: m.index, length: m[0].length };
  }
  return best;
}

const SMALL_WORDS = new Set(['dan', 'atau', 'bagi', 'di', 'ke', 'dari', 'yang', 'untuk', 'dengan', 'antara', 'tentang', 'pada', 'dalam', 'oleh', 'serta', 'sebagai', 'tahun']);
const KEEP_UPPER = /^(RI|HAM|BNN|BNNK|BNNP|BLK|SMK|RSUD|PT|CV|TBK|UPT|UPTD|LPKA|RUTAN|LAPAS|BAPAS|TNI|POLRI|POLRES|OPD|UMKM|II|III|IV|IIA|IIB|[IVX]+)$/;

/** "PELATIHAN KETERAMPILAN BAGI WARGA BINAAN" → "Pelatihan Keterampilan bagi Warga Binaan". */
export function titleCase(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((w, i) => {
      if (KEEP_UPPER.test(w.replace(/[^A-Za-z]/g, ''))) return w.toUpperCase();
      const lower = w.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}

const KINDS: [RegExp, string, string][] = [
  [/\b(ADENDUM|AMANDEMEN)\b/, 'adendum', 'Adendum'],
  [/\b(NOTA\s+KESEPAHAMAN|MEMORANDUM\s+OF\s+UNDERSTANDING)\b/, 'mou', 'Nota Kesepahaman'],
  [/\bMEMORANDUM\s+SALING\s+PENGERTIAN\b/, 'msp', 'Memorandum Saling Pengertian'],
  [/\bKESEPAKATAN\s+BERSAMA\b/, 'kesepakatan_bersama', 'Kesepakatan Bersama'],
  [/\bLETTER\s+OF\s+INTENT\b/, 'loi', 'Letter of Intent'],
  [/\bPERJANJIAN\s+KERJA\s*SAMA\b/, 'pks', 'Perjanjian Kerja Sama'],
];

/** The passage around a match: whole words, whitespace collapsed, at most ~160 characters of context. */
function excerpt(text: string, index: number, matched: number): string {
  const length = Math.min(matched, 120);
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 70)) + 1);
  const endSpace = text.indexOf(' ', Math.min(text.length, index + length + 70));
  const end = endSpace < 0 ? text.length : endSpace;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

/** Where the opening clause begins ("Pada hari ini …"): the heading is everything before it. */
function headingOf(text: string): string {
  const m = /\b(pada\s+hari\s+ini|yang\s+bertanda\s+tangan|kami\s+yang)\b/i.exec(text);
  return text.slice(0, m ? m.index : Math.min(text.length, 1500));
}

const NUMBER_TOKEN = '([A-Z0-9][A-Z0-9./\\-]*\\d[A-Z0-9./\\-]*(?:\\s+TAHUN\\s+\\d{4})?)';

/**
 * Undoes OCR's usual slips that would break the patterns, without moving text (snippets quote this version):
 * stray quotes and dots glued between lower-case words ("Pada'hari", "Juni.tahun"), and a space after the
 * separator inside a number ("05.02- 1234").
 */
export function tidyOcr(text: string): string {
  return text
    .replace(/(\p{Ll})['’.](\p{Ll})/gu, '$1 $2')
    .replace(/([A-Za-z0-9][./-]) (?=\d)/g, '$1')
    // inside a dotted number: a space after a dot ("W13.PAS. PAS"), a colon read for a dot ("HM:05.02", "M:HH-02")
    .replace(/(?<=[A-Z0-9]\.[A-Z0-9]+)\. (?=[A-Z0-9]+[.-])/g, '.')
    .replace(/(?<=\.[A-Z0-9-]*[A-Z0-9]):(?=[A-Z0-9]+[./-])|(?<=\b[A-Z]{1,3}):(?=[A-Z]{1,4}[.-]\d)/g, '.')
    // tesseract cuts words after a "J" (its descender): "PERJ ANJ IAN KERJ A", "J uni", "J oko", "3J ANGKA"
    .replace(/(?<=[\p{L}\d])J (?=\p{L})|\bJ (?=\p{Ll}|\p{Lu}{2,})/gu, 'J')
    // a stray dot or comma at the end of a line in mid-sentence ("bertempat.\ndi Cilacap")
    .replace(/(\p{Ll})[.,][ \t]*\n[ \t]*(?=\p{Ll})/gu, '$1\n')
    // specks before a line: quotes, dashes, bars, underscores
    .replace(/^[\s'"‘’“”:;.,|_~*•—–-]+(?=\S)/gm, '');
}

/**
 * A value without the punctuation around it: the sentence's full stop after a number, and the stray marks
 * OCR leaves at the edges of a centred heading line (": Lembaga …", "… Kebumen | -", "— Pendidikan …").
 */
export function trimEdges(value: string): string {
  return value.replace(/^[\s:;,.|_~'"‘’“”—–-]+/, '').replace(/[\s:;,.|_~'"‘’“”—–-]+$/, '');
}

const DIGIT_WORD = '(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)';
/**
 * OCR's usual damage to a date in words: "puluh" read as "pun", "pulu e", "pul" between two digit words
 * ("dua ribu dua pun tiga"), which would otherwise read as 2002. Only used on the opening clause.
 */
export function repairNumberWords(text: string): string {
  return text.replace(new RegExp(`\\b(${DIGIT_WORD})\\s+(?!puluh\\b|belas\\b|ribu\\b|ratus\\b)(?:pu[a-z]{0,4}|[a-z]?uluh)\\s+(?:[a-z]{1,2}\\s+)?(?=${DIGIT_WORD}\\b)`, 'gi'), '$1 puluh ');
}

export function suggestFromText(source: PageText[]): Suggestion[] {
  const out: Suggestion[] = [];
  const pages = source.map((p) => ({ page: p.page, text: tidyOcr(p.text) }));
  const first = pages.find((p) => p.text.trim()) ?? { page: 1, text: '' };
  const add = (field: SuggestionField, value: string, p: PageText, index: number, length: number, extra?: Record<string, string>) => {
    if (!value || out.some((s) => s.field === field && s.value === value && field !== 'signatory')) return;
    out.push({ field, value, ...(extra ? { extra } : {}), snippet: { page: p.page, text: excerpt(p.text, index, length) } });
  };
  const heading = headingOf(first.text);
  const upperHeading = heading.toUpperCase();

  // Kind: the first kind named in the heading (an "Adendum Perjanjian Kerja Sama" is an addendum).
  let kindName: string | null = null;
  const kinds = KINDS.map(([re, code, name]) => ({ m: re.exec(upperHeading), code, name })).filter((k) => k.m);
  const adendum = kinds.find((k) => k.code === 'adendum');
  const kind = adendum ?? kinds.sort((a, b) => a.m!.index - b.m!.index)[0];
  if (kind) {
    kindName = kind.name;
    add('kindCode', kind.code, first, kind.m!.index, kind.m![0].length, { name: kind.name });
  }

  // Title: what follows TENTANG in the heading, up to the number lines.
  const about = /\bTENTANG\b\s+([\s\S]+?)(?=\bNOMOR\b|\n\s*\n|$)/i.exec(heading);
  if (about) {
    const topic = titleCase(trimEdges(about[1]!.replace(/\s+/g, ' ')));
    if (topic.length >= 5) add('title', `${kindName ?? 'Perjanjian Kerja Sama'} tentang ${topic}`, first, about.index, about[0].length);
  }

  // Numbers: each party numbers its own copy; the heading lists the first party's number first.
  const numbers = [...heading.matchAll(new RegExp(`\\bNOMOR\\s*[:.]?\\s*${NUMBER_TOKEN}`, 'gi'))];
  const own = new Set<string>();
  numbers.slice(0, 2).forEach((m, i) => {
    own.add(m[1]!.toUpperCase());
    add(i === 0 ? 'numberFirst' : 'numberSecond', trimEdges(m[1]!), first, m.index!, m[0].length);
  });

  // Parties: "ANTARA <first> DENGAN <second> TENTANG"; "DAN" only on a line of its own (names contain "dan").
  const parties =
    /\bANTARA\b\s+([\s\S]+?)\s+\bDENGAN\b\s+([\s\S]+?)\s+\bTENTANG\b/i.exec(heading) ??
    /\bANTARA\b\s+([\s\S]+?)\n\s*DAN\s*\n\s*([\s\S]+?)\s+\bTENTANG\b/i.exec(heading);
  if (parties) {
    add('firstParty', titleCase(trimEdges(parties[1]!.replace(/\s+/g, ' '))), first, parties.index, parties[1]!.length + 8);
    add('secondParty', titleCase(trimEdges(parties[2]!.replace(/\s+/g, ' '))), first, parties.index + parties[0].indexOf(parties[2]!), parties[2]!.length);
  }

  for (const p of pages) {
    const text = p.text;
    // Place and date of signing: the opening clause, or "Ditandatangani di X, tanggal …" at the end.
    const place =
      /\b(?:bertempat\s+di|ditandatangani\s+di|dibuat\s+di|ditetapkan\s+di)\s+([A-Z][\p{L} .-]{1,40}?)(?=\s*[,.;\n]|\s+pada\b)/iu.exec(text) ??
      // OCR may garble "bertempat" at the end of a line; "di X, kami yang bertanda tangan" still names the place
      /\bdi\s+([A-Z][\p{L} .-]{1,40}?),\s*kami\s+yang\s+bertanda\b/u.exec(text);
    if (place) add('signingPlace', titleCase(place[1]!), p, place.index, place[0].length);
    const opening = /\bpada\s+hari\s+ini\b[\s\S]{0,200}/i.exec(text);
    const date = opening ? findDate(repairNumberWords(opening[0])) : null;
    if (opening && date) add('signingDate', date.iso, p, opening.index + date.index, date.length);

    // Duration: "berlaku selama 3 (tiga) tahun", or in words only; an end date "sampai dengan tanggal …".
    const duration = /\b(?:berlaku|jangka\s+waktu)[\s\S]{0,40}?\b(?:selama\s+)?(?:(\d{1,3})\s*(?:\(\s*[a-z\s]+\))?|([a-z]+(?:\s+[a-z]+)?))\s+(tahun|bulan|hari)\b/i.exec(text);
    if (duration) {
      const n = duration[1] ? Number(duration[1]) : parseNumberWords(duration[2] ?? '');
      if (n && n > 0 && n <= 100) add('duration', `${n} ${duration[3]!.toLowerCase()}`, p, duration.index, duration[0].length);
    }
    const until = /\bsampai\s+dengan\s+tanggal\b[\s\S]{0,120}/i.exec(text);
    const untilDate = until ? findDate(`tanggal ${until[0].replace(/^sampai\s+dengan\s+tanggal\s*/i, '')}`) : null;
    if (until && untilDate) add('endDate', untilDate.iso, p, until.index, until[0].length);
    const since = /\bterhitung\s+(?:sejak|mulai)\s+tanggal\b[\s\S]{0,120}/i.exec(text);
    const sinceDate = since ? findDate(`tanggal ${since[0].replace(/^terhitung\s+(?:sejak|mulai)\s+tanggal\s*/i, '')}`) : null;
    if (since && sinceDate) add('startDate', sinceDate.iso, p, since.index, since[0].length);

    // The umbrella MoU: a Nota Kesepahaman named in the body with its number (not one of this document's own).
    for (const m of text.matchAll(new RegExp(`\\b(?:nota\\s+kesepahaman|memorandum\\s+of\\s+understanding)\\b[^.]{0,300}?\\bnomor\\s*[:.]?\\s*${NUMBER_TOKEN}`, 'gi'))) {
      if (p.page === first.page && m.index! < heading.length) continue;
      const number = m[1]!.trim();
      if (!own.has(number.toUpperCase())) add('umbrellaNumber', number.replace(/\s+TAHUN\s+/i, ' Tahun '), p, m.index!, m[0].length);
    }

    // Signatories: "1. Budi Santoso, Kepala …, … selanjutnya disebut PIHAK PERTAMA" (OCR may drop the comma
    // before "dalam hal ini", put a speck between PIHAK and its number, or split "KE DUA").
    for (const m of text.matchAll(/(?:^|\n)\s*\d\s*[.)]\s*([\p{L}][\p{L} .,'-]{2,80}?),\s*([^,\n]{3,160}?)\s*(?:,|(?=\s+dalam\s+hal\s+ini\b))[\s\S]{0,400}?\bPIHAK[\s'"‘’“”:;|_-]+(PERTAMA|KE\s?DUA)\b/giu)) {
      const name = m[1]!.trim();
      const party = m[3]!.toLowerCase().replace(/\s+/g, '');
      if (out.some((s) => s.field === 'signatory' && s.extra?.party === party)) continue;
      add('signatory', name, p, m.index!, m[0].length, { party, position: m[2]!.trim() });
    }
  }
  return out;
}
