import os from 'node:os';
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
    // An unknown driver stops the start; a configured S3 store that cannot be reached does too (no fallback).
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    STORAGE_DIR: z.string().min(1).optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z.string().min(3).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: bool.optional(),
    S3_PREFIX: z.string().regex(/^[\w!.*'()\/-]*$/, 'hanya huruf, angka dan ! - _ . * \' ( ) /').optional(),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_SCHEDULE: z.string().regex(/^(off|daily@([01]\d|2[0-3]):[0-5]\d)$/, 'pakai off atau daily@JJ:MM (mis. daily@02:00)').default('off'),
    BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(366).default(7),
    BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),
    BACKUP_TIMEZONE: z.string().refine(validTimeZone, 'zona waktu IANA tidak dikenal (mis. Asia/Jakarta)').default('Asia/Jakarta'),
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
    TRUST_PROXY: bool.optional(),
    ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(19456),
    ARGON2_ITERATIONS: z.coerce.number().int().min(1).default(2),
    EXPIRY_WINDOW_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    PUBLIC_API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
    // Background jobs (text extraction): jobs per process at once (default: one per core), lease, poll interval.
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    // Text extraction limits: pages per document, time per page and memory of the pdf.js/DOCX reader thread.
    EXTRACT_MAX_PAGES: z.coerce.number().int().min(1).max(100_000).default(1000),
    EXTRACT_PAGE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    EXTRACT_MEMORY_MB: z.coerce.number().int().min(64).max(8192).default(512),
    // OCR tools (found on PATH unless given as paths), languages, resolution, pages at once and per-page limits.
    OCR_TESSERACT: z.string().min(1).default('tesseract'),
    OCR_PDFTOPPM: z.string().min(1).default('pdftoppm'),
    OCR_LANGUAGES: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/, 'kode bahasa tesseract dipisah +, mis. ind+eng').default('ind+eng'),
    OCR_DPI: z.coerce.number().int().min(72).max(600).default(300),
    OCR_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    OCR_PAGE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(180),
    OCR_MEMORY_MB: z.coerce.number().int().min(128).max(16384).default(1024),
    // Redaction: e-mail domains of public bodies (comma-separated; subdomains included), never personal data.
    PII_OFFICIAL_DOMAINS: z.string().regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/i, 'domain dipisah koma, mis. go.id,ac.id').default('go.id,mil.id,polri.go.id,ac.id,sch.id,desa.id'),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: bool.optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().min(3).default('P2MA <no-reply@p2ma.local>'),
    REMINDER_OFFSETS: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'daftar hari dipisah koma, mis. 90,30,7,0')
      .default('90,30,7,0'),
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    SUBMISSION_STALE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.DEMO === true) {
      ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'mode demo tidak boleh dipakai saat NODE_ENV=production' });
    }
    if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'wajib diisi saat STORAGE_DRIVER=s3' });
    }
    if (env.STORAGE_DRIVER === 's3' && !env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'S3_ACCESS_KEY_ID dan S3_SECRET_ACCESS_KEY diisi berdua (atau keduanya kosong untuk kredensial dari lingkungan)' });
    }
  });

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string };

/** Where an S3-compatible store lives; credentials may come from the SDK's usual sources when left empty. */
export interface S3Settings {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
  /** Key prefix inside the bucket ("p2ma/"), empty for the bucket's root. */
  prefix: string;
}

/** `dir` is the local store (driver `local`); `s3` is set only for driver `s3`. */
export type StorageConfig = { driver: 'local' | 's3'; dir: string; s3: S3Settings | null };

/** `daily@02:00`: every day at that time in `BackupConfig.timeZone`. */
export type BackupSchedule = { kind: 'daily'; hour: number; minute: number };

export interface BackupConfig {
  /** Where the server writes backup archives (`DATA_DIR/backups` unless set). */
  dir: string;
  schedule: BackupSchedule | null;
  keepDaily: number;
  keepWeekly: number;
  /** The clock the schedule reads (WIB unless set): "02:00" means 02:00 where the ministry is. */
  timeZone: string;
}

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
  backup: BackupConfig;
  trustProxy: boolean;
  argon2: { memoryCost: number; timeCost: number };
  /** "akan berakhir": an agreement ending within this many days. */
  expiryWindowDays: number;
  /** Requests per minute per client address on the public open-data API. */
  publicApiRateLimit: number;
  /** The background job queue of this process. */
  jobs: { concurrency: number; leaseMs: number; pollMs: number };
  /** Text extraction after upload: limits of the reader thread, and the OCR tools with their limits. */
  extraction: ExtractionConfig;
  /** Personal-data redaction: e-mail domains that are official (their addresses are not personal data). */
  redaction: { officialDomains: string[] };
  mail: { host: string | null; port: number; secure: boolean; user: string | null; password: string | null; from: string };
  /** Days before the end date at which reminders go out (0 = on the day). */
  reminderOffsets: number[];
  digestHour: number;
  submissionStaleDays: number;
  schedulerIntervalSeconds: number;
}

export interface OcrConfig {
  tesseract: string;
  pdftoppm: string;
  languages: string;
  dpi: number;
  /** Pages recognised at once in this process (one tesseract process each). */
  concurrency: number;
  pageTimeoutMs: number;
  memoryMb: number;
}

export interface ExtractionConfig {
  maxPages: number;
  pageTimeoutMs: number;
  memoryMb: number;
  ocr: OcrConfig;
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
  const cores = os.availableParallelism();
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
    storage: {
      driver: e.STORAGE_DRIVER,
      dir: e.STORAGE_DIR ? path.resolve(e.STORAGE_DIR) : path.join(dataDir, 'files'),
      s3:
        e.STORAGE_DRIVER === 's3'
          ? {
              endpoint: e.S3_ENDPOINT ?? null,
              region: e.S3_REGION,
              bucket: e.S3_BUCKET!,
              accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null,
              forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
              prefix: normalisePrefix(e.S3_PREFIX ?? ''),
            }
          : null,
    },
    backup: {
      dir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : path.join(dataDir, 'backups'),
      schedule: parseSchedule(e.BACKUP_SCHEDULE),
      keepDaily: e.BACKUP_KEEP_DAILY,
      keepWeekly: e.BACKUP_KEEP_WEEKLY,
      timeZone: e.BACKUP_TIMEZONE,
    },
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    trustProxy: e.TRUST_PROXY ?? false,
    argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_ITERATIONS },
    expiryWindowDays: e.EXPIRY_WINDOW_DAYS,
    publicApiRateLimit: e.PUBLIC_API_RATE_LIMIT,
    jobs: { concurrency: e.JOB_CONCURRENCY ?? cores, leaseMs: e.JOB_LEASE_SECONDS * 1000, pollMs: e.JOB_POLL_MS },
    extraction: {
      maxPages: e.EXTRACT_MAX_PAGES,
      pageTimeoutMs: e.EXTRACT_PAGE_TIMEOUT_SECONDS * 1000,
      memoryMb: e.EXTRACT_MEMORY_MB,
      ocr: {
        tesseract: e.OCR_TESSERACT,
        pdftoppm: e.OCR_PDFTOPPM,
        languages: e.OCR_LANGUAGES,
        dpi: e.OCR_DPI,
        concurrency: e.OCR_CONCURRENCY ?? cores,
        pageTimeoutMs: e.OCR_PAGE_TIMEOUT_SECONDS * 1000,
        memoryMb: e.OCR_MEMORY_MB,
      },
    },
    redaction: { officialDomains: e.PII_OFFICIAL_DOMAINS.split(',').map((d) => d.trim().toLowerCase()) },
    mail: { host: e.SMTP_HOST ?? null, port: e.SMTP_PORT, secure: e.SMTP_SECURE ?? e.SMTP_PORT === 465, user: e.SMTP_USER || null, password: e.SMTP_PASSWORD || null, from: e.MAIL_FROM },
    reminderOffsets: [...new Set(e.REMINDER_OFFSETS.split(',').map(Number))].sort((a, b) => b - a),
    digestHour: e.DIGEST_HOUR,
    submissionStaleDays: e.SUBMISSION_STALE_DAYS,
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
  };
}

/** "p2ma" and "/p2ma/" both mean the keys "p2ma/…". */
function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

function parseSchedule(value: string): BackupSchedule | null {
  const m = /^daily@(\d\d):(\d\d)$/.exec(value);
  return m ? { kind: 'daily', hour: Number(m[1]), minute: Number(m[2]) } : null;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
