import { z } from 'zod';
import { JOB_STATES } from '../db/schema-intelligence.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { errors, idParam, pagination } from '../http/schemas.js';
import { presentJob } from './job.presenter.js';
import * as jobs from './job.service.js';

const jobDto = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  documentId: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const listQuery = z.object({
  state: z.enum(JOB_STATES).optional(),
  kind: z.string().trim().max(60).optional(),
  documentId: z.uuid().optional(),
  ...pagination,
});

export function jobRoutes(app: App, deps: AppDeps) {
  const tags = ['jobs'];

  app.get(
    '/jobs',
    {
      schema: {
        tags,
        summary: 'Pekerjaan latar (mis. ekstraksi teks): admin melihat semua, yang lain pekerjaan berkas dalam cakupannya',
        querystring: listQuery,
        response: { 200: z.object({ jobs: z.array(jobDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      const { rows, total } = await jobs.listJobs(deps, req.actor!, req.query);
      return { jobs: rows.map(presentJob), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/jobs/:id',
    { schema: { tags, summary: 'Satu pekerjaan latar: status dan kemajuan', params: idParam, response: { 200: z.object({ job: jobDto }), ...errors } } },
    async (req) => ({ job: presentJob(await jobs.getJob(deps, req.actor!, req.params.id)) }),
  );
}
