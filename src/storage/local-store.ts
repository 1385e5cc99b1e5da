import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../http/errors.js';
import { BlobMissingError, formatBytes, SHA256_PATTERN, type BlobStore, type ByteRange, type PutResult } from './blob-store.js';

const TMP = 'tmp';
/** Temporary files this old belong to a process that died mid-upload; younger ones may still be written. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

/**
 * Files on the local disk at `<dir>/ab/cd/<sha256>`. Uploads go to `<dir>/tmp` first (same file system,
 * so the final rename is atomic): a reader never sees a half-written file under its real name.
 */
export class LocalBlobStore implements BlobStore {
  readonly description: string;
  private readonly tmpDir: string;

  private constructor(readonly dir: string) {
    this.description = `local:${dir}`;
    this.tmpDir = path.join(dir, TMP);
  }

  /** Creates the directory if needed and fails at start-up (not at the first upload) when it is not writable. */
  static async open(dir: string, now = Date.now()): Promise<LocalBlobStore> {
    const store = new LocalBlobStore(path.resolve(dir));
    try {
      await fs.mkdir(store.tmpDir, { recursive: true });
      await fs.access(store.tmpDir, fs.constants.W_OK);
    } catch (err) {
      throw new Error(`Direktori penyimpanan berkas ${store.dir} tidak dapat ditulis (${err instanceof Error ? err.message : String(err)})`);
    }
    await store.sweepStaleTemporaries(now);
    return store;
  }

  async put(source: Readable, opts: { maxBytes: number }): Promise<PutResult> {
    const tmp = path.join(this.tmpDir, `${crypto.randomUUID()}.part`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const file = await fs.open(tmp, 'wx', 0o640);
    try {
      // Leaving the loop early (limit, error) destroys the source: the rest of a huge upload is never read.
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > opts.maxBytes) throw new AppError('FILE_TOO_LARGE', { max: formatBytes(opts.maxBytes) });
        hash.update(chunk);
        for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at)).bytesWritten;
      }
      // The database will say this file exists once the upload's transaction commits: it must be on disk by then.
      await file.sync();
    } catch (err) {
      await file.close().catch(() => {});
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await file.close();

    const sha256 = hash.digest('hex');
    const final = this.pathOf(sha256);
    if (await exists(final)) {
      await fs.rm(tmp, { force: true });
      return { sha256, size, created: false };
    }
    try {
      await fs.mkdir(path.dirname(final), { recursive: true });
      // Stored content never changes: read-only makes an accidental edit fail loudly instead of silently.
      await fs.chmod(tmp, 0o440);
      await fs.rename(tmp, final);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await syncDirectory(path.dirname(final));
    return { sha256, size, created: true };
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    let file: fs.FileHandle;
    try {
      file = await fs.open(this.pathOf(sha256), 'r');
    } catch (err) {
      if (isNotFound(err)) throw new BlobMissingError(sha256);
      throw err;
    }
    if (range && range.end !== undefined && range.end <= range.start) {
      await file.close();
      return Readable.from([]);
    }
    // createReadStream's `end` is inclusive; ours is exclusive.
    return file.createReadStream({ start: range?.start ?? 0, ...(range?.end !== undefined ? { end: range.end - 1 } : {}) });
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const s = await fs.stat(this.pathOf(sha256));
      return { size: s.size };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }

  async *list(): AsyncIterable<string> {
    const hex2 = /^[0-9a-f]{2}$/;
    for (const first of await sortedDirs(this.dir, hex2)) {
      for (const second of await sortedDirs(path.join(this.dir, first), hex2)) {
        const entries = await fs.readdir(path.join(this.dir, first, second), { withFileTypes: true });
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
          if (e.isFile() && SHA256_PATTERN.test(e.name) && e.name.startsWith(first + second)) yield e.name;
        }
      }
    }
  }

  /** `<dir>/ab/cd/<sha256>`; anything that is not a SHA-256 never becomes a path. */
  pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Temporary files currently present (tests check that failed uploads leave none). */
  async temporaries(): Promise<string[]> {
    return (await fs.readdir(this.tmpDir)).filter((n) => n.endsWith('.part'));
  }

  private async sweepStaleTemporaries(now: number): Promise<void> {
    for (const name of await this.temporaries()) {
      const file = path.join(this.tmpDir, name);
      const s = await fs.stat(file).catch(() => null);
      if (s && now - s.mtimeMs > STALE_TMP_MS) await fs.rm(file, { force: true });
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

async function sortedDirs(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    if (isNotFound(err)) return [];
    throw err;
  });
  return entries.filter((e) => e.isDirectory() && pattern.test(e.name)).map((e) => e.name).sort();
}

/** Makes the rename itself durable; some platforms cannot open a directory, and there it is best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    /* directory fsync unsupported here (e.g. Windows) */
  } finally {
    await handle?.close();
  }
}
