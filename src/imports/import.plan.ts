import crypto from 'node:crypto';
import { scopePrefix, type Actor } from '../access/access.js';
import { endDateFrom, formatDuration, parseDuration } from '../agreements/duration.js';
import type { Executor } from '../db/database.js';
import type { FieldProblem } from '../http/errors.js';
import { normalizePartnerName } from '../partners/normalize.js';
import { listUnitsUnder } from '../units/unit.repository.js';
import { indonesianDate } from '../exports/export.columns.js';
import type { ImportField, Mapping } from './import.fields.js';
import * as repo from './import.repository.js';
import type { SheetRow } from './spreadsheet.js';
import { categoryDictionary, categoryFromName, FALLBACK_CATEGORY, kindDictionary, parseDate, plain, scopeDictionary, splitList } from './values.js';

/**
 * The dry run: what each row of the file would become, and everything wrong with it. The run recomputes
 * the plan (the register may have changed since the preview) and saves exactly the rows marked valid.
 */
export type RowStatus = 'valid' | 'invalid' | 'duplicate';

export interface PlannedPartner {
  name: string;
  normalized: string;
  action: 'matched' | 'create';
  partnerId: string | null;
  matchedName: string | null;
  /** For a new partner: its category, and where it came from (the file, a guess from its name, or the default). */
  categoryCode: string | null;
  categorySource: 'file' | 'name' | 'fallback' | null;
}

export interface PlannedAgreement {
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  kindCode: string | null;
  title: string;
  numberFirst: string | null;
  numberSecond: string | null;
  signingPlace: string | null;
  signingDate: string | null;
  startDate: string | null;
  /** Given in the file, or computed from the duration. */
  endDate: string | null;
  /**
   * Passed on to the agreement (which computes the end date from it) unless the file's end date differs by a
   * day from the computed one; then the file's end date is kept and the duration dropped.
   */
  duration: string | null;
  scopeCodes: string[];
  scopeOther: string | null;
  purpose: string | null;
}

export interface PlannedRow {
  row: number;
  status: RowStatus;
  problems: FieldProblem[];
  /** For duplicates: the agreement already in the register, or the earlier row of this file. */
  duplicateOf: { agreementId: string | null; row: number | null; inTrash: boolean } | null;
  agreement: PlannedAgreement;
  partners: PlannedPartner[];
  importKey: string;
}

export interface PlanContext {
  db: Executor;
  actor: Actor;
  defaultUnitId: string;
  today: string;
}

/** Similarity above which a differently written name is taken to be the same partner (typos, word order). */
export const PARTNER_MATCH_THRESHOLD = 0.8;

export async function buildPlan(ctx: PlanContext, rows: SheetRow[], headers: string[], mapping: Mapping): Promise<PlannedRow[]> {
  const lookups = await loadLookups(ctx);
  const column = columnIndex(headers, mapping);
  const planned = rows.map((r) => readRow(r, column, lookups, ctx.defaultUnitId));
  await markDuplicates(ctx.db, planned);
  await resolvePartners(ctx.db, planned);
  return planned;
}

export function countPlan(plan: PlannedRow[]) {
  const newPartners = new Set(plan.filter((r) => r.status === 'valid').flatMap((r) => r.partners.filter((p) => p.action === 'create').map((p) => p.normalized)));
  return {
    total: plan.length,
    valid: plan.filter((r) => r.status === 'valid').length,
    invalid: plan.filter((r) => r.status === 'invalid').length,
    duplicates: plan.filter((r) => r.status === 'duplicate').length,
    newPartners: newPartners.size,
  };
}

type Lookups = Awaited<ReturnType<typeof loadLookups>>;

async function loadLookups(ctx: PlanContext) {
  const [units, kinds, categories, scopes] = await Promise.all([
    // Only units the caller may reach: a unit outside the scope reads exactly like an unknown one.
    listUnitsUnder(ctx.db, scopePrefix(ctx.actor), true, ctx.today),
    repo.activeKinds(ctx.db),
    repo.activeList(ctx.db, 'partner_categories'),
    repo.activeList(ctx.db, 'scopes'),
  ]);
  const unitByKey = new Map<string, (typeof units)[number]>();
  for (const u of units) {
    unitByKey.set(plain(u.name), u);
    unitByKey.set(`code:${u.code.toLowerCase()}`, u);
  }
  return {
    unitByKey,
    unitById: new Map(units.map((u) => [u.id, u])),
    kinds: kindDictionary(kinds),
    categories: categoryDictionary(categories),
    scopes: scopeDictionary(scopes),
  };
}

function columnIndex(headers: string[], mapping: Mapping): Partial<Record<ImportField, number>> {
  const out: Partial<Record<ImportField, number>> = {};
  for (const [header, field] of Object.entries(mapping)) {
    const i = headers.indexOf(header);
    if (i >= 0) out[field] = i;
  }
  return out;
}

const DATE_LABELS = { signingDate: 'Tanggal penandatanganan', startDate: 'Tanggal mulai', endDate: 'Tanggal berakhir' } as const;

function readRow(r: SheetRow, column: Partial<Record<ImportField, number>>, l: Lookups, defaultUnitId: string): PlannedRow {
  const cell = (f: ImportField) => (column[f] === undefined ? '' : (r.cells[column[f]!] ?? '').trim());
  const problems: FieldProblem[] = [];
  const problem = (path: ImportField, message: string) => problems.push({ path, message });

  const title = cell('title').replace(/\s+/g, ' ');
  if (!title) problem('title', 'Judul kosong.');
  else if (title.length < 5) problem('title', `Judul terlalu pendek: "${title}".`);
  else if (title.length > 1000) problem('title', 'Judul terlalu panjang (lebih dari 1.000 huruf).');

  const kindText = cell('kind');
  const kindCode = kindText ? (l.kinds.get(plain(kindText)) ?? null) : null;
  if (!kindText) problem('kind', 'Jenis naskah kosong.');
  else if (!kindCode) problem('kind', `Jenis naskah tidak dikenal: "${kindText}". Tulis misalnya MoU, Nota Kesepahaman, PKS, Perjanjian Kerja Sama atau Adendum.`);

  const unitText = cell('unit');
  const unit = unitText ? (l.unitByKey.get(`code:${unitText.toLowerCase()}`) ?? l.unitByKey.get(plain(unitText))) : l.unitById.get(defaultUnitId);
  if (!unit) problem('unit', unitText ? `Unit "${unitText}" tidak ditemukan atau di luar cakupan Anda.` : 'Unit tujuan impor di luar cakupan Anda.');

  const numberFirst = cell('numberFirst') || null;
  const numberSecond = cell('numberSecond') || null;
  for (const [f, v] of [['numberFirst', numberFirst], ['numberSecond', numberSecond]] as const) if (v && v.length > 150) problem(f, 'Nomor terlalu panjang (lebih dari 150 huruf).');

  const dates: Record<keyof typeof DATE_LABELS, string | null> = { signingDate: null, startDate: null, endDate: null };
  for (const f of ['signingDate', 'startDate', 'endDate'] as const) {
    const text = cell(f);
    if (!text) continue;
    dates[f] = parseDate(text);
    if (!dates[f]) problem(f, `${DATE_LABELS[f]} tidak terbaca: "${text}". Tulis misalnya 27/06/2024, 2024-06-27 atau 27 Juni 2024.`);
  }
  const start = dates.startDate ?? dates.signingDate;
  let endDate = dates.endDate;
  let duration: string | null = null;
  const durationText = cell('duration');
  if (durationText) {
    const d = parseDuration(durationText);
    if (!d) problem('duration', `Jangka waktu tidak terbaca: "${durationText}". Tulis misalnya "3 tahun", "18 bulan" atau "2 tahun 6 bulan".`);
    else if (!start) problem('duration', 'Tanggal mulai atau tanggal penandatanganan diperlukan untuk menghitung tanggal berakhir dari jangka waktu.');
    else {
      const computed = endDateFrom(start, d);
      if (!endDate || endDate === computed) {
        endDate = computed;
        duration = formatDuration(d);
      } else if (Math.abs(daysBetween(endDate, computed)) > 1) {
        // Registers often write "27/06/2024 s.d. 27/06/2027" for 3 years: one day either way is the same term.
        problem('endDate', `Tanggal berakhir ${indonesianDate(endDate)} tidak sesuai jangka waktu ${formatDuration(d)} (seharusnya ${indonesianDate(computed)}).`);
      }
    }
  }
  if (endDate && start && endDate < start) problem('endDate', `Tanggal berakhir ${indonesianDate(endDate)} sebelum tanggal mulai ${indonesianDate(start)}.`);

  const partnerNames = splitList(cell('partner'));
  if (partnerNames.length === 0) problem('partner', 'Mitra kosong.');
  if (partnerNames.length > 20) problem('partner', 'Terlalu banyak mitra dalam satu baris (maksimal 20).');
  const categoryTexts = splitList(cell('partnerCategory'));
  const partners: PlannedPartner[] = [];
  partnerNames.slice(0, 20).forEach((name, i) => {
    if (name.length < 3 || name.length > 250) problem('partner', `Nama mitra tidak valid: "${name}" (3–250 huruf).`);
    // One category for all partners of the row, or one per partner in the same order.
    const categoryText = categoryTexts.length === partnerNames.length ? categoryTexts[i]! : (categoryTexts[0] ?? '');
    const fromFile = categoryText ? (l.categories.get(plain(categoryText)) ?? null) : null;
    if (categoryText && !fromFile) problem('partnerCategory', `Kategori mitra tidak dikenal: "${categoryText}".`);
    const normalized = normalizePartnerName(name);
    const fromName = categoryFromName(normalized);
    partners.push({
      name,
      normalized,
      action: 'create',
      partnerId: null,
      matchedName: null,
      categoryCode: fromFile ?? fromName ?? FALLBACK_CATEGORY,
      categorySource: fromFile ? 'file' : fromName ? 'name' : 'fallback',
    });
  });
  if (new Set(partners.map((p) => p.normalized)).size < partners.length) problem('partner', 'Mitra yang sama disebut dua kali dalam satu baris.');

  const { scopeCodes, scopeOther } = readScopes(cell('scopes'), l.scopes);
  const purpose = cell('purpose') || null;
  const signingPlace = cell('signingPlace') || null;
  if (signingPlace && signingPlace.length > 150) problem('signingPlace', 'Tempat penandatanganan terlalu panjang (lebih dari 150 huruf).');

  const agreement: PlannedAgreement = {
    unitId: unit?.id ?? null,
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    kindCode,
    title,
    numberFirst,
    numberSecond,
    signingPlace,
    signingDate: dates.signingDate,
    startDate: dates.startDate,
    endDate,
    duration,
    scopeCodes,
    scopeOther,
    purpose: purpose ? purpose.slice(0, 5000) : null,
  };
  return { row: r.row, status: problems.length ? 'invalid' : 'valid', problems, duplicateOf: null, agreement, partners, importKey: importKey(agreement, start) };
}

/**
 * The row's identity, for "already imported": its unit, number, title and dates, normalised (case, spacing,
 * punctuation), hashed. The same row imported again (same file, or an edited copy) finds its agreement.
 */
export function importKey(a: Pick<PlannedAgreement, 'unitId' | 'numberFirst' | 'title' | 'signingDate' | 'endDate'>, start: string | null): string {
  const parts = [a.unitId ?? '', plain(a.numberFirst ?? ''), plain(a.title), a.signingDate ?? '', start ?? '', a.endDate ?? ''];
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Known scopes become codes; anything else is kept as free text in "lingkup lainnya" rather than lost. */
function readScopes(text: string, dict: Map<string, string>): { scopeCodes: string[]; scopeOther: string | null } {
  const codes = new Set<string>();
  const other: string[] = [];
  for (const item of splitList(text)) {
    const whole = dict.get(plain(item));
    if (whole) {
      codes.add(whole);
      continue;
    }
    // "Kesehatan, Pendidikan": a managed name may itself contain commas, so commas are tried only second.
    for (const part of splitList(item, /,/)) {
      const code = dict.get(plain(part));
      if (code) codes.add(code);
      else other.push(part);
    }
  }
  return { scopeCodes: [...codes].slice(0, 30), scopeOther: other.length ? other.join('; ').slice(0, 2000) : null };
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/** Already in the register (same import key in the unit), repeated in the file, or the same number in the unit. */
async function markDuplicates(db: Executor, plan: PlannedRow[]) {
  const keyed = plan.filter((r) => r.agreement.unitId);
  const existing = await repo.agreementsByImportKey(db, [...new Set(keyed.map((r) => r.importKey))]);
  const byKey = new Map(existing.map((e) => [`${e.unit_id}:${e.import_key}`, e]));
  const numbered = keyed.filter((r) => r.agreement.numberFirst);
  const sameNumbers = await repo.agreementsByNumber(db, [...new Set(numbered.map((r) => r.agreement.unitId!))], [...new Set(numbered.map((r) => r.agreement.numberFirst!.toLowerCase()))]);
  const byNumber = new Map(sameNumbers.map((e) => [`${e.unit_id}:${e.number}`, e]));
  const seenKey = new Map<string, number>();
  const seenNumber = new Map<string, number>();
  for (const r of keyed) {
    const k = `${r.agreement.unitId}:${r.importKey}`;
    const found = byKey.get(k);
    const earlier = seenKey.get(k);
    if (found) {
      r.status = 'duplicate';
      r.duplicateOf = { agreementId: found.id, row: null, inTrash: found.deleted_at !== null };
      r.problems = [{ path: 'row', message: found.deleted_at ? 'Sudah ada di register (saat ini di tempat sampah; pulihkan dari sana bila perlu).' : 'Sudah ada di register (pernah diimpor).' }];
      continue;
    }
    if (earlier !== undefined) {
      r.status = 'duplicate';
      r.duplicateOf = { agreementId: null, row: earlier, inTrash: false };
      r.problems = [{ path: 'row', message: `Sama dengan baris ${earlier} pada berkas ini.` }];
      continue;
    }
    seenKey.set(k, r.row);
    if (!r.agreement.numberFirst) continue;
    const n = `${r.agreement.unitId}:${r.agreement.numberFirst.toLowerCase()}`;
    const same = byNumber.get(n);
    if (same) r.problems.push({ path: 'numberFirst', message: `Nomor ${r.agreement.numberFirst} sudah terdaftar di unit ini untuk naskah lain: "${same.title.slice(0, 80)}".` });
    else if (seenNumber.has(n)) r.problems.push({ path: 'numberFirst', message: `Nomor ${r.agreement.numberFirst} juga dipakai baris ${seenNumber.get(n)} pada berkas ini.` });
    else seenNumber.set(n, r.row);
    if (r.problems.length) r.status = 'invalid';
  }
}

/** Each distinct partner name is looked up once: registers name the same few partners again and again. */
async function resolvePartners(db: Executor, plan: PlannedRow[]) {
  const cache = new Map<string, Awaited<ReturnType<typeof findPartner>>>();
  for (const r of plan) {
    if (r.status === 'duplicate') continue;
    for (const p of r.partners) {
      if (!cache.has(p.normalized)) cache.set(p.normalized, await findPartner(db, p.normalized));
      const match = cache.get(p.normalized);
      if (!match) continue;
      p.action = 'matched';
      p.partnerId = match.id;
      p.matchedName = match.name;
      p.categoryCode = null;
      p.categorySource = null;
    }
  }
}

/**
 * An existing partner for this (normalised) name, or undefined. Beyond the same normalised name, a near
 * name counts only when very similar and with the same numbers in it: "SMK Negeri 1" is not "SMK Negeri 2".
 */
export async function findPartner(db: Executor, normalized: string) {
  if (normalized.length < 2) return undefined;
  const best = await repo.closestPartner(db, normalized);
  if (!best) return undefined;
  if (best.score >= 1 || best.search_name === normalized) return best;
  const digits = (s: string) => (s.match(/\d+/g) ?? []).join(' ');
  return best.score >= PARTNER_MATCH_THRESHOLD && digits(best.search_name) === digits(normalized) ? best : undefined;
}
