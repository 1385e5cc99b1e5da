import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Both drivers return the same JavaScript types: dates as 'YYYY-MM-DD' strings (no time-zone
// shifts), int8 as number (all our counters and Rupiah amounts are far below 2^53).
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle connection killed by the server (restart, failover, admin) must not crash the process: the
    // pool drops it and the next query opens a new one. node-postgres throws if nobody listens.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL: koneksi menganggur terputus (${err.message})`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(db);
    } catch (err) {
      await db.destroy();
      throw new DatabaseUnavailableError(`PostgreSQL tidak dapat dihubungi (${describe(err)})`);
    }
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const inMemory = config.dataDir.startsWith('memory://');
  try {
    if (!inMemory) fs.mkdirSync(config.dataDir, { recursive: true });
    if (!inMemory) fs.accessSync(config.dataDir, fs.constants.W_OK);
  } catch (err) {
    throw new DatabaseUnavailableError(`Direktori data ${config.dataDir} tidak dapat ditulis (${describe(err)})`);
  }
  const pglite = await PGlite.create({
    dataDir: config.dataDir,
    extensions: { pg_trgm, unaccent },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return `${(err as { code: string }).code}: ${(err as unknown as Error).message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
