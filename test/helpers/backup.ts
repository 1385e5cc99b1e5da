import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { readArchive } from '../../src/backup/archive.js';
import { sha256 } from '../../src/backup/backup.js';
import type { Manifest } from '../../src/backup/manifest.js';
import { listTables, tablesWithRows } from '../../src/backup/catalog.repository.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { LocalBlobStore } from '../../src/storage/local-store.js';
import { freshDatabase, type DbKind } from './databases.js';
import type { DatabaseConfig } from '../../src/config/config.js';

export interface Target {
  database: Database;
  storage: LocalBlobStore;
  now: () => Date;
  config: DatabaseConfig;
  filesDir: string;
  close(): Promise<void>;
}

/** An empty database of the given kind and an empty file store: where a restore goes. */
export async function freshTarget(kind: DbKind): Promise<Target> {
  const db = await freshDatabase(kind);
  const database = await openDatabase(db.config);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-restore-'));
  const storage = await LocalBlobStore.open(filesDir);
  return {
    database,
    storage,
    now: () => new Date(),
    config: db.config,
    filesDir,
    close: async () => {
      await database.close();
      await db.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** What a test looks at to say "nothing changed": tables with rows and stored files. */
export async function targetState(t: Target): Promise<{ tables: string[]; filled: string[]; files: string[] }> {
  const tables = (await listTables(t.database.db)).map((x) => x.name);
  const files: string[] = [];
  for await (const f of t.storage.list()) files.push(f);
  return { tables, filled: await tablesWithRows(t.database.db, tables), files };
}

/** Copies an archive member by member, letting the test change the manifest (the trailer is recomputed to match). */
export async function rewriteArchive(src: string, dst: string, change: (m: Manifest) => void): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack as unknown as NodeJS.ReadableStream, fs.createWriteStream(dst));
  let manifestBytes = Buffer.alloc(0);
  await readArchive(src, async (e) => {
    const chunks: Buffer[] = [];
    for await (const c of e.stream) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if (e.name === 'manifest.json') {
      const m = JSON.parse(body.toString('utf8')) as Manifest;
      change(m);
      body = manifestBytes = Buffer.from(JSON.stringify(m));
    }
    if (e.name === 'manifest.sha256') body = Buffer.from(`${sha256(manifestBytes)}  manifest.json\n`);
    await new Promise<void>((resolve, reject) => pack.entry({ name: e.name, size: body.length }, body, (err) => (err ? reject(err) : resolve())));
  });
  pack.finalize();
  await done;
}
