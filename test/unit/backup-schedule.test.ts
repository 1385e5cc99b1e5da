import { describe, expect, it } from 'vitest';
import { backupFileName, listBackupFiles, selectForPruning, type BackupFile } from '../../src/backup/backup-files.js';
import { dueSlot } from '../../src/backup/backup.service.js';
import { sortByForeignKeys } from '../../src/backup/snapshot.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const file = (iso: string, kind: BackupFile['kind'] = 'auto'): BackupFile => ({ name: backupFileName(new Date(iso), kind === 'other' ? 'manual' : kind), size: 1, createdAt: new Date(iso), kind });

describe('backup schedule and retention', () => {
  it('reads daily@HH:MM on the ministry clock (WIB) and falls back to yesterday before that time', () => {
    const s = { hour: 2, minute: 0 };
    expect(dueSlot(s, 'Asia/Jakarta', new Date('2026-05-01T19:00:00Z'))).toBe('daily:2026-05-02T02:00');
    expect(dueSlot(s, 'Asia/Jakarta', new Date('2026-05-01T18:59:00Z'))).toBe('daily:2026-05-01T02:00');
    expect(dueSlot({ hour: 23, minute: 30 }, 'Asia/Makassar', new Date('2026-05-01T15:29:00Z'))).toBe('daily:2026-04-30T23:30');
  });

  it('keeps the newest archive of each recent day and week, and never prunes hand-made ones', () => {
    const files = [
      ...['2026-05-10', '2026-05-09', '2026-05-08', '2026-05-07', '2026-05-01', '2026-04-24', '2026-04-17'].map((d) => file(`${d}T19:00:00Z`)),
      file('2026-05-10T08:00:00Z'),
      file('2026-03-01T19:00:00Z', 'manual'),
    ];
    const pruned = selectForPruning(files, 3, 3);
    // Days kept: 10, 9, 8 May (the newest of each). ISO weeks kept: 4–10 May (its newest: 10 May), 27 Apr–3 May
    // (1 May) and 20–26 Apr (24 Apr). So 7 May (same week as 10 May), 17 Apr and the earlier run of 10 May go.
    expect(pruned.sort()).toEqual(['2026-04-17T19:00:00Z', '2026-05-07T19:00:00Z', '2026-05-10T08:00:00Z'].map((d) => backupFileName(new Date(d), 'auto')).sort());
    expect(pruned.some((n) => n.includes('manual'))).toBe(false);
  });

  it('lists nothing for a backups directory that does not exist yet', async () => {
    expect(await listBackupFiles('/nonexistent/p2ma/backups')).toEqual([]);
  });

  it('orders tables so that referenced ones come first, ignoring self-references', () => {
    const order = sortByForeignKeys(
      [{ name: 'documents' }, { name: 'agreements' }, { name: 'units' }, { name: 'blobs' }],
      [
        { table: 'documents', references: 'agreements' },
        { table: 'documents', references: 'blobs' },
        { table: 'agreements', references: 'units' },
        { table: 'agreements', references: 'agreements' },
        { table: 'units', references: 'units' },
      ],
    ).map((t) => t.name);
    expect(order.indexOf('units')).toBeLessThan(order.indexOf('agreements'));
    expect(order.indexOf('agreements')).toBeLessThan(order.indexOf('documents'));
    expect(order.indexOf('blobs')).toBeLessThan(order.indexOf('documents'));
  });

  it('validates the backup and S3 settings at start-up', () => {
    expect(() => loadConfig({ BACKUP_SCHEDULE: 'setiap hari' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET: wajib diisi saat STORAGE_DRIVER=s3/);
    const c = loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'arsip', S3_PREFIX: '/p2ma/', BACKUP_SCHEDULE: 'daily@02:30', DATA_DIR: '/srv/p2ma' });
    expect(c.storage.s3).toMatchObject({ bucket: 'arsip', prefix: 'p2ma/', region: 'us-east-1', forcePathStyle: false });
    expect(c.backup).toEqual({ dir: '/srv/p2ma/backups', schedule: { kind: 'daily', hour: 2, minute: 30 }, keepDaily: 7, keepWeekly: 4, timeZone: 'Asia/Jakarta' });
  });
});
