import { z } from 'zod';
import { listQuery } from '../agreements/agreement.schemas.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';
import { csvStream } from './csv-writer.js';
import { prepareExport } from './export.service.js';
import { xlsxStream } from './xlsx-writer.js';

/** The list's filters and order, without paging: an export is the whole filtered list. */
const exportQuery = listQuery.omit({ page: true, pageSize: true });

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportRoutes(app: App, deps: AppDeps) {
  const tags = ['agreements'];

  app.get(
    '/agreements/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Unduh register kerja sama (XLSX) dengan filter yang sama seperti daftar naskah; semua halaman',
        querystring: exportQuery,
        response: { 200: z.unknown().describe('Berkas XLSX'), ...errors },
      },
    },
    async (req, reply) => {
      const { basename, batches } = await prepareExport(deps, req.actor!, req.query);
      attachment(reply, `${basename}.xlsx`).type(XLSX_MIME);
      return reply.send(xlsxStream(batches, { created: deps.now() }));
    },
  );

  app.get(
    '/agreements/export.csv',
    {
      schema: {
        tags,
        summary: 'Unduh register kerja sama (CSV UTF-8 dengan BOM, pemisah titik koma) dengan filter yang sama seperti daftar naskah',
        querystring: exportQuery,
        response: { 200: z.unknown().describe('Berkas CSV'), ...errors },
      },
    },
    async (req, reply) => {
      const { basename, batches } = await prepareExport(deps, req.actor!, req.query);
      attachment(reply, `${basename}.csv`).type('text/csv; charset=utf-8');
      return reply.send(csvStream(batches));
    },
  );
}

function attachment<R extends { header(name: string, value: string): R }>(reply: R, filename: string): R {
  // Registers hold internal agreements too: never keep a copy in a shared cache.
  return reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
}
