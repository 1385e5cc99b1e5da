import type { Actor } from '../access/access.js';
import { listAgreementRows, type AgreementFilter, type AgreementListRow } from '../agreements/agreement.query.js';
import type { ListQuery } from '../agreements/agreement.schemas.js';
import { filterFor, today } from '../agreements/agreement.service.js';
import type { AppDeps } from '../http/context.js';

/** Rows read per query: large enough to be quick, small enough that memory does not depend on the register's size. */
export const EXPORT_BATCH_ROWS = 1000;

export type ExportQuery = Omit<ListQuery, 'page' | 'pageSize'>;

export interface PreparedExport {
  /** `register-kerja-sama-YYYY-MM-DD` (today in Jakarta), without extension. */
  basename: string;
  /** The filtered register in the list's order, one batch at a time; read it once. */
  batches: AsyncIterable<AgreementListRow[]>;
}

/**
 * Exactly what `GET /agreements` would list for the same query, all pages. Access and the query are checked
 * here, before the first byte is sent, so a refusal is still a proper error answer and not a broken file.
 */
export async function prepareExport(deps: AppDeps, actor: Actor, q: ExportQuery): Promise<PreparedExport> {
  const filter = await filterFor(deps, actor, q);
  // One "today" for the whole file: a status must not change halfway down because midnight passed.
  const t = today(deps);
  return { basename: `register-kerja-sama-${t}`, batches: readBatches(deps, filter, q, t) };
}

/**
 * Offset paging over the list query (ordered by the chosen column, then id, so pages do not overlap).
 * Deliberately not one long transaction: on PGlite it would hold the only connection for as long as a slow
 * client takes to download; the price is that an agreement saved mid-export may be missed or repeated.
 */
async function* readBatches(deps: AppDeps, filter: AgreementFilter, q: ExportQuery, t: string): AsyncGenerator<AgreementListRow[]> {
  for (let offset = 0; ; offset += EXPORT_BATCH_ROWS) {
    const rows = await listAgreementRows(deps.database.db, filter, t, deps.config.expiryWindowDays, { sort: q.sort, dir: q.dir, limit: EXPORT_BATCH_ROWS, offset });
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH_ROWS) return;
  }
}
