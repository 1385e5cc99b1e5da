import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a `Config`.
 * Invalid settings stop the process with a readable list (see `loadConfig`).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'harus diawali postgres:// atau postgresql://')
      .optional(),
    DEMO: bool.optional(),
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: bool.optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(3).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    // Only the local disk for now; an S3 store will add its name here (an unknown name stops the start, no fallback).
    STORAGE_DRIVER: z.enum(['local']).default('local'),
    STORAGE_DIR: z.string().min(1).optional(),
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
    TRUST_PROXY: bool.optional(),
    ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(19456),
    ARGON2_ITERATIONS: z.coerce.number().int().min(1).default(2),
    EXPIRY_WINDOW_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.DEMO === true) {
      ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'mode demo tidak boleh dipakai saat NODE_ENV=production' });
    }
  });

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string };

export type StorageConfig = { driver: 'local'; dir: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  demo: boolean;
  publicUrl: string;
  log: { level: string; pretty: boolean };
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxAttempts: number; lockMinutes: number };
  bodyLimitBytes: number;
  /** Where uploaded files live (content-addressed by SHA-256) and the largest file accepted. */
  storage: StorageConfig;
  uploadMaxBytes: number;
  trustProxy: boolean;
  argon2: { memoryCost: number; timeCost: number };
  /** "akan berakhir": an agreement ending within this many days. */
  expiryWindowDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Konfigurasi tidak valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message} (nilai: ${JSON.stringify(env[String(i.path[0])] ?? null)})`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    demo: e.DEMO ?? !production,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? (!production && process.stdout.isTTY === true) },
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: { maxAttempts: e.LOGIN_MAX_ATTEMPTS, lockMinutes: e.LOGIN_LOCK_MINUTES },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    storage: { driver: e.STORAGE_DRIVER, dir: e.STORAGE_DIR ? path.resolve(e.STORAGE_DIR) : path.join(dataDir, 'files') },
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    trustProxy: e.TRUST_PROXY ?? false,
    argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_ITERATIONS },
    expiryWindowDays: e.EXPIRY_WINDOW_DAYS,
  };
}
