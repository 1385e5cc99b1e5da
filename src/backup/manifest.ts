import { z } from 'zod';

/**
 * What a backup archive says about itself. It is the archive's first member (so an incremental backup or a
 * restore reads it without unpacking the rest) and names the SHA-256 of every other member; the archive's last
 * member (`manifest.sha256`) holds the manifest's own hash, so a damaged manifest or a cut-off archive is noticed.
 *
 * Layout: `manifest.json`, `db/NN-<table>.jsonl.gz` (one JSON object per row, gzip, in foreign-key order),
 * `files/ab/cd/<sha256>` (stored files, content-addressed), `manifest.sha256`.
 */
export const FORMAT = 'p2ma-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_MEMBER = 'manifest.json';
export const TRAILER_MEMBER = 'manifest.sha256';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const tableEntry = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** Columns as dumped (generated columns are left out: the database computes them again). */
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().min(0),
  path: z.string(),
  sha256,
  size: z.number().int().min(0),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  id: z.uuid(),
  createdAt: z.string(),
  appVersion: z.string(),
  /** The latest migration applied to the database the snapshot came from. */
  schemaVersion: z.string(),
  migrations: z.array(z.string()),
  database: z.object({ kind: z.enum(['pglite', 'postgres']) }),
  tables: z.array(tableEntry),
  /** Stored files inside this archive: member `files/ab/cd/<sha256>`, whose SHA-256 is its name. */
  files: z.array(z.tuple([sha256, z.number().int().min(0)])),
  /** Every file the snapshot's `blobs` rows name; a restore needs all of them (from this archive or its base chain). */
  referencedFiles: z.array(sha256),
  /** For an incremental backup: the backup it builds on, whose chain holds the files left out here. */
  base: z.object({ id: z.uuid(), createdAt: z.string(), file: z.string() }).nullable(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TableEntry = z.infer<typeof tableEntry>;

export function fileMember(sha: string): string {
  return `files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
}

/** Every member the manifest announces, with its SHA-256 and size (the manifest and trailer excepted). */
export function expectedMembers(m: Manifest): Map<string, { sha256: string; size: number }> {
  const out = new Map<string, { sha256: string; size: number }>();
  for (const t of m.tables) out.set(t.path, { sha256: t.sha256, size: t.size });
  for (const [sha, size] of m.files) out.set(fileMember(sha), { sha256: sha, size });
  return out;
}

export function rowCounts(m: Manifest): Record<string, number> {
  return Object.fromEntries(m.tables.map((t) => [t.name, t.rows]));
}
