import { createRequire } from 'node:module';
import { PasswordHasher } from './auth/passwords.js';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoRegistry } from './demo/registry-demo.js';
import { demoAdminActor, findDemoPasswordAccounts, seedDemo } from './demo/seed.js';
import type { AppDeps } from './http/context.js';
import { ensureOrganisationRoot } from './reference/organisation.js';
import { loadRegions } from './reference/regions.js';
import { loadRegistryLists } from './reference/registry-lists.js';
import { ensureDefaultTemplate } from './supervision/default-template.js';
import { openBlobStore } from './storage/index.js';
import type { BlobStore } from './storage/blob-store.js';
import { acquireDataDirLock } from './db/data-dir-lock.js';
import { EXTRACT_JOB, extractionJobHandler } from './documents/extraction.js';
import { PUBLIC_COPY_JOB, publicCopyJobHandler } from './documents/redaction.service.js';
import { JobWorker, type JobHandler } from './jobs/worker.js';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

export interface Prepared {
  deps: AppDeps;
  seededDemo: boolean;
}

/**
 * Everything the server and the CLI share before they act: open the database, migrate, load
 * reference data, and (demo mode) the demo dataset. Production refuses demo passwords.
 */
export async function prepare(config: Config, opts: { now?: () => Date; seed?: boolean; demoRegister?: boolean } = {}): Promise<Prepared> {
  const database: Database = await openDatabase(config.database);
  try {
    const storage = await openBlobStore(config.storage);
    const deps: AppDeps = { config, database, now: opts.now ?? (() => new Date()), version: pkg.version, passwords: new PasswordHasher(config.argon2), storage };
    await migrateToLatest(database.db);
    let seededDemo = false;
    if (opts.seed !== false) {
      await loadRegions(database.db);
      await ensureOrganisationRoot(database.db);
      await loadRegistryLists(database.db);
      await ensureDefaultTemplate(database.db);
      if (config.demo) seededDemo = await seedDemo(database.db, deps.passwords, deps.now());
      // The demo register (agreements, partners, signed copies, reports) comes with the demo accounts, once.
      if (seededDemo && opts.demoRegister !== false) await seedDemoRegistry(deps, await demoAdminActor(database.db));
    }
    if (config.production) {
      const weak = await findDemoPasswordAccounts(database.db, deps.passwords);
      if (weak.length) throw new Error(`Akun demo dengan kata sandi bawaan ditemukan (${weak.join(', ')}). Nonaktifkan atau ganti kata sandinya sebelum menjalankan mode produksi.`);
    }
    return { deps, seededDemo };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** The background jobs this installation runs, by kind. */
export function jobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return { [EXTRACT_JOB]: extractionJobHandler(deps), [PUBLIC_COPY_JOB]: publicCopyJobHandler(deps) };
}

type Log = ConstructorParameters<typeof JobWorker>[0]['log'];

/** The job worker of this process; only the server starts one (the CLI and tests do when they ask). */
export function startJobWorker(deps: AppDeps, log?: Log): JobWorker {
  return new JobWorker({ db: deps.database.db, now: deps.now, ...(log ? { log } : {}) }, { handlers: jobHandlers(deps), ...deps.config.jobs }).start();
}

/**
 * Database and file store opened as they are, with nothing migrated or seeded: what backup and restore work
 * on. The embedded database is locked against a running server for as long as they are open.
 */
export async function openMaintenance(config: Config): Promise<{ deps: { database: Database; storage: BlobStore; version: string; now: () => Date }; close: () => Promise<void> }> {
  const release = config.database.kind === 'pglite' ? acquireDataDirLock(config.dataDir) : () => {};
  let database: Database | null = null;
  try {
    database = await openDatabase(config.database);
    const storage = await openBlobStore(config.storage);
    const db = database;
    return {
      deps: { database: db, storage, version: pkg.version, now: () => new Date() },
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (err) {
    await database?.close();
    release();
    throw err;
  }
}
