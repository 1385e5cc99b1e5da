import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { AppError } from '../http/errors.js';

/**
 * Writes a tar archive (gzip when the name ends in .gz/.tgz) to `<file>.part`, renamed to its name only when
 * complete and on disk: an interrupted backup never looks like a backup.
 */
export class ArchiveWriter {
  private readonly pack = tar.pack();
  private readonly done: Promise<void>;
  private readonly tmp: string;

  private constructor(readonly file: string) {
    this.tmp = `${file}.part`;
    const gzip = /\.(tgz|gz)$/i.test(file);
    // Level 3: most of an archive is already-compressed PDFs and scans; the JSON rows compress well at any level.
    const sink = fs.createWriteStream(this.tmp, { flags: 'wx', mode: 0o600 });
    const packed = this.pack as unknown as Readable;
    this.done = gzip ? pipeline(packed, zlib.createGzip({ level: 3 }), sink) : pipeline(packed, sink);
    this.done.catch(() => {});
  }

  static async create(file: string): Promise<ArchiveWriter> {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    return new ArchiveWriter(file);
  }

  /** Adds a member from a buffer. */
  async addBuffer(name: string, content: Buffer): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.pack.entry({ name, size: content.length, mode: 0o600, mtime: new Date() }, content, (err) => (err ? reject(err) : resolve()));
    });
  }

  /**
   * Streams a member of known size, hashing it on the way; the caller compares the answer with what the member
   * should be (a stored file whose bytes no longer match its name must not be archived as if it were sound).
   */
  async addStream(name: string, size: number, source: Readable): Promise<{ sha256: string; size: number }> {
    const hash = crypto.createHash('sha256');
    let seen = 0;
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const entry = this.pack.entry({ name, size, mode: 0o600, mtime: new Date() });
    await pipeline(source, hasher, entry);
    return { sha256: hash.digest('hex'), size: seen };
  }

  async finish(): Promise<number> {
    this.pack.finalize();
    await this.done;
    const handle = await fsp.open(this.tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(this.tmp, this.file);
    return (await fsp.stat(this.file)).size;
  }

  async abort(): Promise<void> {
    this.pack.destroy();
    await this.done.catch(() => {});
    await fsp.rm(this.tmp, { force: true });
  }
}

export interface ArchiveEntry {
  name: string;
  size: number;
  stream: Readable;
}

/**
 * Reads an archive's members in order. `onEntry` must consume (or ignore) the stream; answering 'stop' ends the
 * read early (reading only the manifest). A cut-off or unreadable archive surfaces as an AppError naming the file.
 */
export async function readArchive(file: string, onEntry: (e: ArchiveEntry) => Promise<'stop' | void>): Promise<void> {
  const label = path.basename(file);
  const gzip = await isGzip(file);
  const extract = tar.extract();
  const input = fs.createReadStream(file);
  const feeding = gzip ? pipeline(input, zlib.createGunzip(), extract) : pipeline(input, extract);
  let stopped = false;
  let feedError: unknown = null;
  let consumerError: { err: unknown } | null = null;
  feeding.catch((err: unknown) => {
    feedError = err;
    extract.destroy(err as Error);
  });
  try {
    for await (const entry of extract as AsyncIterable<AsyncIterable<Buffer> & { header: tar.Header }>) {
      const name = entry.header.name;
      if (entry.header.type !== 'file') throw new AppError('BACKUP_INVALID', { file: label, reason: `anggota "${name}" bukan berkas biasa` });
      // tar-stream's entries are streamx streams: wrapped, so consumers get a Node Readable and we know when
      // the member has been read to its end.
      let finished = false;
      const body = Readable.from(
        (async function* () {
          for await (const chunk of entry as AsyncIterable<Buffer>) yield chunk;
          finished = true;
        })(),
        { objectMode: false },
      );
      let verdict: 'stop' | void;
      try {
        verdict = await onEntry({ name, size: entry.header.size ?? 0, stream: body });
      } catch (err) {
        // The consumer's own failure (a refused row, a full disk) is reported as it is, not as a damaged archive.
        consumerError = { err };
        throw err;
      }
      // Whatever the consumer left unread is drained, so the next member can start.
      if (!finished) for await (const _ of body) void _;
      if (verdict === 'stop') {
        stopped = true;
        break;
      }
    }
  } catch (err) {
    input.destroy();
    if (consumerError && !feedError) throw consumerError.err;
    throw asArchiveError(feedError ?? err, label);
  }
  if (stopped) {
    input.destroy();
    return;
  }
  try {
    await feeding;
  } catch (err) {
    throw asArchiveError(err, label);
  }
}

async function isGzip(file: string): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    throw new AppError('BACKUP_INVALID', { file: path.basename(file), reason: `berkas tidak dapat dibuka (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
  }
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function asArchiveError(err: unknown, label: string): Error {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end|premature close|Z_BUF_ERROR/i.test(message) || (err as { code?: string }).code === 'Z_BUF_ERROR') {
    return new AppError('BACKUP_TRUNCATED', { file: label, reason: message });
  }
  return new AppError('BACKUP_INVALID', { file: label, reason: `arsip tidak dapat dibaca (${message})` });
}

/** Hashes a stream to its end. */
export async function hashStream(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
