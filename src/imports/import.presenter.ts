import type { Mapping } from './import.fields.js';
import type { PlannedRow } from './import.plan.js';
import type { ImportRow } from './import.repository.js';
import type { RunProblem } from './import.runner.js';

export function presentImport(r: ImportRow) {
  return {
    id: r.id,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    filename: r.filename,
    fileKind: r.file_kind,
    status: r.status,
    headers: r.headers,
    sampleRows: r.sample_rows,
    mapping: (r.mapping ?? null) as Mapping | null,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    createdRows: r.created_rows,
    skippedRows: r.skipped_rows,
    invalidRows: r.invalid_rows,
    progress: r.total_rows > 0 ? Math.min(100, Math.floor((r.processed_rows / r.total_rows) * 100)) : 0,
    problems: r.problems as RunProblem[],
    failure: r.failure,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export function presentRow(r: PlannedRow) {
  const a = r.agreement;
  return {
    row: r.row,
    status: r.status,
    problems: r.problems,
    duplicateOf: r.duplicateOf,
    agreement: {
      unit: a.unitId ? { id: a.unitId, code: a.unitCode!, name: a.unitName! } : null,
      kindCode: a.kindCode,
      title: a.title,
      numberFirst: a.numberFirst,
      numberSecond: a.numberSecond,
      signingPlace: a.signingPlace,
      signingDate: a.signingDate,
      startDate: a.startDate,
      endDate: a.endDate,
      durationText: a.duration,
      scopeCodes: a.scopeCodes,
      scopeOther: a.scopeOther,
    },
    partners: r.partners.map((p) => ({ name: p.name, action: p.action, partnerId: p.partnerId, matchedName: p.matchedName, categoryCode: p.categoryCode, categorySource: p.categorySource })),
  };
}
