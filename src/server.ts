import { deleteExpiredSessions } from './auth/auth.repository.js';
import { prepare, startJobWorker } from './bootstrap.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { acquireDataDirLock } from './db/data-dir-lock.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-units.js';
import { buildApp } from './http/app.js';
import { startScheduler } from './workflow/scheduler.js';
import { startBackupScheduler } from './backup/backup.service.js';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const releaseLock = config.database.kind === 'pglite' ? acquireDataDirLock(config.dataDir) : () => {};
  const { deps } = await prepare(config);
  const app = await buildApp(deps);

  const sweep = setInterval(() => {
    const now = deps.now();
    deleteExpiredSessions(deps.database.db, now, new Date(now.getTime() - config.session.idleMinutes * 60000)).catch((err) => app.log.warn({ err }, 'session sweep failed'));
  }, 10 * 60_000);
  sweep.unref();
  const stopScheduler = startScheduler(deps, app.log);
  // BACKUP_SCHEDULE: claimed through a row per slot, so with several instances only one writes the archive.
  const stopBackups = startBackupScheduler(deps, app.log);
  // Background jobs (text extraction): queued work left by a previous run or another instance starts now.
  const jobWorker = startJobWorker(deps, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests');
    clearInterval(sweep);
    await stopScheduler();
    await stopBackups();
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      // Running jobs get a few seconds to finish; the rest go back to the queue for the next start.
      await Promise.all([app.close(), jobWorker.stop(10_000)]);
      await deps.database.close();
    } finally {
      releaseLock();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'pglite' ? `PGlite (${config.database.dataDir})` : 'PostgreSQL';
  console.log(`\nP2MA berjalan di ${config.publicUrl}/app/  ·  basis data: ${where}`);
  if (config.demo) {
    console.log(`\nMode demo. Akun demo (kata sandi semua: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.role.padEnd(12)} ${a.displayName}`);
    console.log('');
  }
}

main().catch((err) => {
  console.error(`P2MA gagal dijalankan: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
