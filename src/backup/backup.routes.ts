import { z } from 'zod';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { errors } from '../http/schemas.js';
import type { BackupFile } from './backup-files.js';
import * as backups from './backup.service.js';

const tags = ['admin'];

const runDto = z.object({
  id: z.string(),
  kind: z.enum(['scheduled', 'manual']),
  status: z.enum(['running', 'done', 'failed']),
  file: z.string().nullable(),
  size: z.number().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
const fileDto = z.object({ name: z.string(), size: z.number(), createdAt: z.string(), ageHours: z.number(), kind: z.enum(['auto', 'manual', 'other']) });

const presentRun = (r: backups.RunView) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null });
const presentFile = (f: BackupFile, now: Date) => ({
  name: f.name,
  size: f.size,
  createdAt: f.createdAt.toISOString(),
  ageHours: Math.round(((now.getTime() - f.createdAt.getTime()) / 3_600_000) * 10) / 10,
  kind: f.kind,
});

/** Backups of the running system (admin only): the way to back up an embedded deployment without stopping it. */
export function backupRoutes(app: App, deps: AppDeps) {
  app.post(
    '/admin/backups',
    {
      schema: {
        tags,
        summary: 'Buat cadangan lengkap (basis data + berkas) di DATA_DIR/backups; berjalan di latar belakang',
        response: { 202: z.object({ backup: runDto }), ...errors },
      },
    },
    async (req, reply) => {
      const { run } = await backups.startManualBackup(deps, sourceOf(req));
      return reply.status(202).send({ backup: presentRun(run) });
    },
  );

  app.get(
    '/admin/backups',
    {
      schema: {
        tags,
        summary: 'Berkas cadangan yang ada (ukuran, umur) dan riwayat pencadangan',
        response: { 200: z.object({ files: z.array(fileDto), runs: z.array(runDto) }), ...errors },
      },
    },
    async (req) => {
      const { files, runs } = await backups.listBackups(deps, req.actor!);
      const now = deps.now();
      return { files: files.map((f) => presentFile(f, now)), runs: runs.map(presentRun) };
    },
  );

  app.get(
    '/admin/backups/:name/content',
    {
      schema: {
        tags,
        summary: 'Unduh berkas cadangan (dicatat di jejak audit)',
        params: z.object({ name: z.string().max(200) }),
        response: { 200: z.unknown().describe('Arsip cadangan'), ...errors },
      },
    },
    async (req, reply) => {
      const { name, size, stream } = await backups.openBackupDownload(deps, sourceOf(req), req.params.name);
      return reply
        .type(name.endsWith('.tar') ? 'application/x-tar' : 'application/gzip')
        .header('content-length', size)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
