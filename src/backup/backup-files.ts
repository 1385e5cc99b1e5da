import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Names the server gives its archives: `p2ma-20260501T020000Z-auto.tar` (scheduled) or `…-manual-<tag>.tar`.
 * Plain tar: the rows inside are compressed already, the stored files (PDFs, scans) would not shrink.
 */
export const BACKUP_NAME = /^p2ma-(\d{8}T\d{6}Z)-(auto|manual)(-[0-9a-f]{8})?\.tar(\.gz)?$/;
/** Any archive an administrator may have put in the directory (copied from elsewhere, made by the CLI). */
const ANY_ARCHIVE = /^[\w.-]+\.(tar|tar\.gz|tgz)$/;

export interface BackupFile {
  name: string;
  size: number;
  /** From the name when the server made it, else the file's modification time. */
  createdAt: Date;
  kind: 'auto' | 'manual' | 'other';
}

export function backupFileName(now: Date, kind: 'auto' | 'manual', tag = ''): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `p2ma-${stamp}-${kind}${tag ? `-${tag}` : ''}.tar`;
}

/** A name from a request, accepted only when it is a plain archive name inside the backups directory. */
export function isArchiveName(name: string): boolean {
  return ANY_ARCHIVE.test(name) && !name.startsWith('.') && path.basename(name) === name;
}

/** Completed archives in the directory, newest first (temporary `.part` files and spool folders are not listed). */
export async function listBackupFiles(dir: string): Promise<BackupFile[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const out: BackupFile[] = [];
  for (const e of entries) {
    if (!e.isFile() || !isArchiveName(e.name)) continue;
    const stat = await fs.stat(path.join(dir, e.name)).catch(() => null);
    if (!stat) continue;
    const m = BACKUP_NAME.exec(e.name);
    const createdAt = m ? parseStamp(m[1]!) : stat.mtime;
    out.push({ name: e.name, size: stat.size, createdAt, kind: m ? (m[2] as 'auto' | 'manual') : 'other' });
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

function parseStamp(s: string): Date {
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

/**
 * Which scheduled archives retention lets go: the newest of each of the last `keepDaily` days and of each of
 * the last `keepWeekly` ISO weeks stay; every other scheduled archive goes. Archives made by hand are never
 * pruned: someone asked for them.
 */
export function selectForPruning(files: BackupFile[], keepDaily: number, keepWeekly: number): string[] {
  const auto = files.filter((f) => f.kind === 'auto').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const f of auto) {
    const day = f.createdAt.toISOString().slice(0, 10);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(f.name);
    }
    const week = isoWeek(f.createdAt);
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(f.name);
    }
  }
  return auto.filter((f) => !keep.has(f.name)).map((f) => f.name);
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
