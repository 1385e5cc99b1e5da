import { sql } from 'kysely';
import { z } from 'zod';
import { currentSchemaVersion } from '../db/migrate.js';
import { ocrAvailability } from '../documents/ocr.js';
import type { App } from './app.js';
import type { AppDeps } from './context.js';
import { AppError } from './errors.js';

const started = Date.now();

export function healthRoutes(app: App, deps: AppDeps) {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Kesehatan layanan',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            schemaVersion: z.string(),
            version: z.string(),
            uptimeSeconds: z.number(),
            // Scanned documents are read only when these tools are installed; everything else works without them.
            ocr: z.object({ tesseract: z.boolean(), pdftoppm: z.boolean(), languages: z.array(z.string()), missingLanguages: z.array(z.string()), available: z.boolean() }),
          }),
        },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.database.db);
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      return {
        status: 'ok' as const,
        database: deps.database.kind,
        schemaVersion: await currentSchemaVersion(deps.database.db),
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        ocr: await ocrAvailability(deps.config.extraction.ocr),
      };
    },
  );
}
