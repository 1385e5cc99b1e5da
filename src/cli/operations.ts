import path from 'node:path';
import { createBackup } from '../backup/backup.js';
import { backupFileName } from '../backup/backup-files.js';
import { restoreBackup } from '../backup/restore.js';
import { openMaintenance } from '../bootstrap.js';
import type { Config } from '../config/config.js';
import { formatBytes } from '../storage/blob-store.js';
import { runDoctor } from '../doctor/doctor.js';

type Values = { out?: string | undefined; 'incremental-from'?: string | undefined };
type Operation = (config: Config, args: string[], values: Values) => Promise<number>;

/**
 * Commands that must not go through the normal start: a backup reads the database as it is (no migration, no
 * seeding), a restore needs the target untouched, and the doctor must report what would stop a start.
 */
export const operations: Record<string, Operation> = {
  async backup(config, _args, values) {
    const out = path.resolve(values.out ?? path.join(config.backup.dir, backupFileName(new Date(), 'manual')));
    const m = await openMaintenance(config);
    try {
      const started = Date.now();
      const { file, size, manifest } = await createBackup(m.deps, { out, incrementalFrom: values['incremental-from'] });
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      const bytes = manifest.files.reduce((n, [, s]) => n + s, 0);
      console.log(`Cadangan dibuat: ${file} (${formatBytes(size)}, ${((Date.now() - started) / 1000).toFixed(1)} detik)`);
      console.log(`  skema ${manifest.schemaVersion}, ${manifest.tables.length} tabel, ${rows} baris`);
      console.log(`  ${manifest.files.length} berkas (${formatBytes(bytes)})${manifest.base ? `; inkremental dari ${manifest.base.file}, ${manifest.referencedFiles.length - manifest.files.length} berkas ada di rantai dasarnya` : ''}`);
      return 0;
    } finally {
      await m.close();
    }
  },

  async restore(config, args) {
    if (args.length === 0) throw new Error('Sebutkan berkas cadangan: npx p2ma restore CADANGAN_PENUH [INKREMENTAL …]');
    const m = await openMaintenance(config);
    try {
      const started = Date.now();
      const r = await restoreBackup(m.deps, args, (line) => console.log(line));
      console.log(`Pemulihan selesai dalam ${((Date.now() - started) / 1000).toFixed(1)} detik: ${r.rows} baris, ${r.files} berkas, cadangan ${r.manifest.createdAt} (skema ${r.manifest.schemaVersion}).`);
      if (r.migrated.length) console.log(`Migrasi sesudah pemulihan: ${r.migrated.join(', ')}`);
      if (r.audit.brokenAt === null) console.log(`Rantai jejak audit utuh: ${r.audit.checked} entri.`);
      else console.error(`PERHATIAN: rantai jejak audit rusak pada entri #${r.audit.brokenAt} (sudah begitu di cadangannya).`);
      console.log('Berikutnya: npx p2ma doctor, lalu npm start.');
      return 0;
    } finally {
      await m.close();
    }
  },

  async doctor(config) {
    return runDoctor(config);
  },
};
