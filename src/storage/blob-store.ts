import type { Readable } from 'node:stream';

/**
 * Content-addressed file storage: a file is named by the SHA-256 of its bytes, so identical uploads are
 * stored once and a stored file can always be checked against its name. The local disk implements it today;
 * an S3 store will implement the same interface. Callers never learn where or how bytes are kept.
 */
export interface BlobStore {
  /** A short name for messages ("local:/srv/p2ma/files"). */
  readonly description: string;
  /**
   * Streams `source` into the store while hashing it; never holds the whole file in memory.
   * Throws AppError FILE_TOO_LARGE (and keeps nothing) as soon as more than `maxBytes` arrive.
   * `created` is false when identical content was already stored, so nothing new was written.
   */
  put(source: Readable, opts: { maxBytes: number }): Promise<PutResult>;
  /** The stored bytes (or the half-open range [start, end)); throws BlobMissingError when absent. */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Size of the stored file, or null when absent. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /** Removes a stored file; absent files are fine. Only for content that nothing references. */
  delete(sha256: string): Promise<void>;
  /** Every stored SHA-256 (no temporary files), for verification. Order is not specified. */
  list(): AsyncIterable<string>;
}

export interface PutResult {
  sha256: string;
  size: number;
  created: boolean;
}

export interface ByteRange {
  start: number;
  /** Exclusive; omitted means to the end of the file. */
  end?: number;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export class BlobMissingError extends Error {
  override name = 'BlobMissingError';
  constructor(readonly sha256: string) {
    super(`stored file ${sha256} is missing`);
  }
}

/** Random access to one stored file: what type sniffing and the PDF check read through. */
export interface ByteSource {
  size: number;
  read(start: number, end: number): Promise<Buffer>;
}

export function storedSource(store: BlobStore, sha256: string, size: number): ByteSource {
  return {
    size,
    async read(start, end) {
      const from = Math.max(0, Math.min(start, size));
      const to = Math.max(from, Math.min(end, size));
      if (to === from) return Buffer.alloc(0);
      const chunks: Buffer[] = [];
      for await (const chunk of await store.get(sha256, { start: from, end: to })) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} byte`;
}
