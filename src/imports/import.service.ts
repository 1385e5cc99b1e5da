import type { Readable } from 'node:stream';
import { authorize, inScope, type Actor } from '../access/access.js';
import { today } from '../agreements/agreement.service.js';
import { recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, invalid, type FieldProblem } from '../http/errors.js';
import { formatBytes, storedSource, type PutResult } from '../storage/blob-store.js';
import { blobRowExists, ensureBlobRow } from '../storage/blob.repository.js';
import { getUnit } from '../units/unit.repository.js';
import { FIELD_LABELS, fromStoredMapping, guessMapping, headerSignature, IMPORT_FIELDS, REQUIRED_FIELDS, toStoredMapping, type ImportField, type Mapping } from './import.fields.js';
import { buildPlan, countPlan, type PlannedRow, type RowStatus } from './import.plan.js';
import * as repo from './import.repository.js';
import { executePlan, startJob } from './import.runner.js';
import { readSheet, SHEET_MIME, SheetError, sniffSheet, type SheetKind } from './spreadsheet.js';

type Src = { actor: Actor; ip: string | null };

/** Spreadsheets of a few thousand agreements are well under this. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Runs creating more agreements than this answer 202 at once and continue in the background. */
export const BACKGROUND_ABOVE_ROWS = 500;
/** A "running" import whose progress has not moved for this long was left behind by a stopped process. */
const STALE_RUN_MS = 10 * 60 * 1000;
const SAMPLE_ROWS = 5;

export interface UploadInput {
  unitId: string;
  filename?: string | undefined;
  stream: Readable;
  truncated?: () => boolean;
}

/** The default unit of an upload must be one the caller may import into; checked before a byte is read. */
export async function checkUploadTarget(deps: AppDeps, actor: Actor, unitId: string) {
  authorize(actor, 'import.run');
  const unit = await getUnit(deps.database.db, unitId);
  if (!unit || !inScope(actor, unit.path)) throw invalid([{ path: 'unitId', message: 'Unit tidak ditemukan atau di luar cakupan Anda.' }]);
  return unit;
}

/**
 * Stores the spreadsheet (content-addressed, like documents), reads its header row and first rows, and offers
 * a mapping: the one confirmed last time for files with the same headers, or else a guess from the header words.
 */
export async function upload(deps: AppDeps, src: Src, input: UploadInput) {
  const unit = await checkUploadTarget(deps, src.actor, input.unitId);
  const stored = await deps.storage.put(input.stream, { maxBytes: IMPORT_MAX_BYTES });
  try {
    if (input.truncated?.()) throw new AppError('FILE_TOO_LARGE', { max: formatBytes(IMPORT_MAX_BYTES) });
    if (stored.size === 0) throw invalid([{ path: 'file', message: 'Berkas kosong.' }]);
    const kind = await sniffSheet(storedSource(deps.storage, stored.sha256, stored.size));
    if (!kind) throw new AppError('UNSUPPORTED_IMPORT_FILE');
    const sheet = await readOrExplain(deps, stored.sha256, stored.size, kind);
    if (sheet.rows.length === 0) throw invalid([{ path: 'file', message: 'Berkas tidak berisi baris data di bawah baris judul kolom.' }]);

    const remembered = await repo.findMapping(deps.database.db, headerSignature(sheet.headers));
    const suggested = remembered ? fromStoredMapping(remembered.mapping, sheet.headers) : guessMapping(sheet.headers);
    const now = deps.now();
    const filename = importFilename(input.filename, kind);
    const id = await deps.database.db.transaction().execute(async (tx) => {
      await ensureBlobRow(tx, { sha256: stored.sha256, size: stored.size, mime: SHEET_MIME[kind] });
      const newId = await repo.insertImport(tx, {
        unit_id: unit.id,
        filename,
        sha256: stored.sha256,
        file_kind: kind,
        headers: JSON.stringify(sheet.headers),
        sample_rows: JSON.stringify(sheet.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells)),
        status: 'uploaded',
        total_rows: sheet.rows.length,
        created_by: src.actor.userId,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(tx, src, { action: 'import.upload', entityType: 'import', entityId: newId, unitId: unit.id, changes: { filename: { from: null, to: filename }, sha256: { from: null, to: stored.sha256 }, rows: { from: null, to: sheet.rows.length } } }, now);
      return newId;
    });
    return { import: (await repo.getImport(deps.database.db, id))!, suggestedMapping: suggested, mappingSource: remembered ? ('remembered' as const) : ('guessed' as const) };
  } catch (err) {
    await discardIfUnreferenced(deps, stored);
    throw err;
  }
}

/** Only imports into units the caller reaches exist for the caller. */
export async function getVisibleImport(deps: AppDeps, actor: Actor, id: string) {
  const unsafeImport = await repo.getImport(deps.database.db, id);
  authorize(actor, 'import.run', unsafeImport ? { unitPath: unsafeImport.unit_path } : null);
  return unsafeImport!;
}

export interface PreviewInput {
  mapping: Record<string, string>;
  page: number;
  pageSize: number;
  show: RowStatus | 'all';
}

/**
 * The dry run: every row with its problems and its partners (matched or to be created); nothing is saved
 * except the mapping, which is remembered for the next file with the same headers.
 */
export async function preview(deps: AppDeps, src: Src, id: string, input: PreviewInput) {
  const imp = await getVisibleImport(deps, src.actor, id);
  if (imp.status === 'running') throw new AppError('IMPORT_RUNNING');
  const mapping = checkMapping(imp.headers, input.mapping);
  const plan = await planFor(deps, src.actor, imp, mapping);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.savePreview(tx, id, JSON.stringify(mapping), plan.length, now);
    await repo.upsertMapping(tx, headerSignature(imp.headers), toStoredMapping(mapping), src.actor.userId, now);
  });
  const shown = input.show === 'all' ? plan : plan.filter((r) => r.status === input.show);
  const start = (input.page - 1) * input.pageSize;
  return {
    import: (await repo.getImport(deps.database.db, id))!,
    counts: countPlan(plan),
    rows: shown.slice(start, start + input.pageSize),
    matchingRows: shown.length,
  };
}

export interface RunOptions {
  /** Rows to create above which the run continues in the background (tests and the benchmark lower it). */
  backgroundAbove?: number;
  log?: (err: unknown) => void;
}

/**
 * Imports the valid rows. With invalid rows and no `skipInvalid`, refuses (409) and saves nothing. Small runs
 * finish within the request; large ones return at once (`background: true`) and report progress on the import.
 */
export async function run(deps: AppDeps, src: Src, id: string, input: { skipInvalid: boolean }, opts: RunOptions = {}) {
  const imp = await getVisibleImport(deps, src.actor, id);
  if (!imp.mapping) throw new AppError('IMPORT_NOT_PREVIEWED');
  authorize(src.actor, 'agreement.write');
  const { db } = deps.database;
  const now = deps.now();
  if (!(await repo.claimForRun(db, id, now, new Date(now.getTime() - STALE_RUN_MS)))) throw new AppError('IMPORT_RUNNING');

  let plan: PlannedRow[];
  try {
    plan = await planFor(deps, src.actor, imp, checkMapping(imp.headers, imp.mapping));
    const counts = countPlan(plan);
    if (counts.invalid > 0 && !input.skipInvalid) throw new AppError('IMPORT_INVALID_ROWS', { invalid: counts.invalid, total: counts.total });
  } catch (err) {
    // Nothing was saved: the import goes back to where it was, ready for a corrected mapping or a skipInvalid run.
    await repo.updateImport(db, id, { status: imp.status === 'running' ? 'previewed' : imp.status, updated_at: deps.now() });
    throw err;
  }
  await repo.updateImport(db, id, { total_rows: plan.length, processed_rows: 0, created_rows: 0, skipped_rows: 0, invalid_rows: 0, problems: '[]', updated_at: deps.now() });

  const toCreate = plan.filter((r) => r.status === 'valid').length;
  const log = opts.log ?? (() => {});
  const job = startJob(deps, id, (j) => executePlan(deps, src, id, plan, j, log), log);
  const background = toCreate > (opts.backgroundAbove ?? BACKGROUND_ABOVE_ROWS);
  if (!background) await job.done;
  return { import: (await repo.getImport(db, id))!, background };
}

async function planFor(deps: AppDeps, actor: Actor, imp: repo.ImportRow, mapping: Mapping): Promise<PlannedRow[]> {
  const sheet = await readOrExplain(deps, imp.sha256, imp.file_size, imp.file_kind);
  return buildPlan({ db: deps.database.db, actor, defaultUnitId: imp.unit_id, today: today(deps) }, sheet.rows, sheet.headers, mapping);
}

async function readOrExplain(deps: AppDeps, sha256: string, size: number, kind: SheetKind) {
  try {
    return await readSheet(deps.storage, sha256, size, kind);
  } catch (err) {
    if (err instanceof SheetError) throw invalid([{ path: 'file', message: err.message }]);
    throw err;
  }
}

/** Every mapped column exists, no field is mapped twice, and the fields every agreement needs are there. */
export function checkMapping(headers: string[], given: Record<string, string>): Mapping {
  const problems: FieldProblem[] = [];
  const mapping: Mapping = {};
  const usedBy = new Map<ImportField, string>();
  for (const [header, field] of Object.entries(given)) {
    if (!headers.includes(header)) {
      problems.push({ path: `mapping.${header}`, message: `Kolom "${header}" tidak ada di berkas.` });
      continue;
    }
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      problems.push({ path: `mapping.${header}`, message: `Isian tujuan tidak dikenal: "${field}".` });
      continue;
    }
    const f = field as ImportField;
    const other = usedBy.get(f);
    if (other) problems.push({ path: `mapping.${header}`, message: `Kolom "${other}" dan "${header}" sama-sama dipetakan ke ${FIELD_LABELS[f]}.` });
    usedBy.set(f, header);
    mapping[header] = f;
  }
  for (const f of REQUIRED_FIELDS) if (!usedBy.has(f)) problems.push({ path: 'mapping', message: `Pilih kolom untuk ${FIELD_LABELS[f]}.` });
  if (problems.length) throw invalid(problems);
  return mapping;
}

function importFilename(given: string | undefined, kind: SheetKind): string {
  const base = (given ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 200);
  const name = base || 'impor';
  return name.toLowerCase().endsWith(`.${kind}`) ? name : `${name}.${kind}`;
}

/** A rejected upload leaves no file behind, unless the same content was already stored for something else. */
async function discardIfUnreferenced(deps: AppDeps, stored: PutResult): Promise<void> {
  if (!stored.created) return;
  try {
    if (!(await blobRowExists(deps.database.db, stored.sha256))) await deps.storage.delete(stored.sha256);
  } catch {
    /* an orphan file: `p2ma storage verify` reports it */
  }
}
