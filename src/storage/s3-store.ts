import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../config/config.js';
import { AppError } from '../http/errors.js';
import { BlobMissingError, formatBytes, SHA256_PATTERN, type BlobStore, type ByteRange, type PutResult } from './blob-store.js';

type Sdk = typeof import('@aws-sdk/client-s3');

/** Multipart part size: large files stream through in 8 MiB parts, never whole in memory. */
const PART_SIZE = 8 * 1024 * 1024;
/** Temporary objects this old belong to a process that died mid-upload. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

/**
 * Files in an S3-compatible bucket (AWS, MinIO, Ceph, …) at `<prefix>ab/cd/<sha256>`, the same layout as the
 * local store. The name is the SHA-256, known only once the last byte has arrived, so an upload streams to a
 * temporary key (`<prefix>tmp/…`) while it is hashed, then is copied to its final key (or dropped when that
 * content is already stored). A reader never sees a half-written object under a real name.
 */
export class S3BlobStore implements BlobStore {
  readonly description: string;

  private constructor(
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    private readonly settings: S3Settings,
  ) {
    this.description = `s3:${settings.endpoint ?? 'aws'}/${settings.bucket}/${settings.prefix}`;
  }

  /**
   * Connects and checks the bucket. Failing here stops the start with a reason: a configured S3 store that
   * cannot be reached is never replaced by the local disk, where nobody would look for the files.
   */
  static async open(settings: S3Settings, now = Date.now()): Promise<S3BlobStore> {
    // Loaded only when S3 is configured: a local deployment never pays for the SDK.
    const sdk = await import('@aws-sdk/client-s3');
    const client = new sdk.S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId && settings.secretAccessKey ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } } : {}),
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
    const store = new S3BlobStore(sdk, client, settings);
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket: settings.bucket }));
    } catch (err) {
      client.destroy();
      throw new Error(
        `Penyimpanan S3 ${settings.endpoint ?? '(AWS)'} bucket "${settings.bucket}" tidak dapat dihubungi (${describe(err)}). ` +
          'Periksa S3_ENDPOINT, S3_BUCKET dan kredensialnya; P2MA tidak beralih ke penyimpanan lokal.',
      );
    }
    await store.sweepStaleTemporaries(now).catch(() => {});
    return store;
  }

  async put(source: Readable, opts: { maxBytes: number }): Promise<PutResult> {
    const { Upload } = await import('@aws-sdk/lib-storage');
    const tmpKey = `${this.settings.prefix}tmp/${crypto.randomUUID()}.part`;
    const hash = crypto.createHash('sha256');
    let size = 0;
    // A failure on the sending side (limit, client gone) is reported as itself, not as "storage unreachable".
    let sourceError: unknown = null;
    // Leaving the loop (limit, error) destroys the source: the rest of a huge upload is never read.
    async function* counted(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > opts.maxBytes) throw new AppError('FILE_TOO_LARGE', { max: formatBytes(opts.maxBytes) });
          hash.update(chunk);
          yield chunk;
        }
      } catch (err) {
        sourceError = err;
        throw err;
      }
    }
    try {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.settings.bucket, Key: tmpKey, Body: Readable.from(counted()), ContentType: 'application/octet-stream' },
        partSize: PART_SIZE,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done();
    } catch (err) {
      await this.deleteKey(tmpKey).catch(() => {});
      throw sourceError ?? asStorageError(err);
    }

    const sha256 = hash.digest('hex');
    const finalKey = this.keyOf(sha256);
    try {
      if ((await this.headSize(finalKey)) !== null) {
        await this.deleteKey(tmpKey);
        return { sha256, size, created: false };
      }
      await this.client.send(
        new this.sdk.CopyObjectCommand({
          Bucket: this.settings.bucket,
          Key: finalKey,
          CopySource: `${this.settings.bucket}/${tmpKey.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'REPLACE',
          ContentType: 'application/octet-stream',
          Metadata: { sha256 },
        }),
      );
      // What the bucket now holds under the final name must be what was hashed; otherwise it must not stay there.
      const stored = await this.headSize(finalKey);
      if (stored !== size) {
        await this.deleteKey(finalKey).catch(() => {});
        throw new Error(`S3 menyimpan ${stored ?? 0} byte untuk ${sha256}, seharusnya ${size}`);
      }
    } catch (err) {
      throw asStorageError(err);
    } finally {
      await this.deleteKey(tmpKey).catch(() => {});
    }
    return { sha256, size, created: true };
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    if (range && range.end !== undefined && range.end <= range.start) return Readable.from([]);
    const Range = range ? `bytes=${range.start}-${range.end !== undefined ? range.end - 1 : ''}` : undefined;
    try {
      const res = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256), ...(Range ? { Range } : {}) }));
      return res.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw new BlobMissingError(sha256);
      throw asStorageError(err);
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const size = await this.headSize(this.keyOf(sha256));
      return size === null ? null : { size };
    } catch (err) {
      throw asStorageError(err);
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.deleteKey(this.keyOf(sha256));
  }

  /**
   * ListObjects (v1) with a marker: works the same on AWS, MinIO and the small servers used in tests, some of
   * which cannot produce v2 continuation tokens.
   */
  async *list(): AsyncIterable<string> {
    for await (const { key } of this.objects(this.settings.prefix)) {
      const rest = key.slice(this.settings.prefix.length);
      const name = rest.slice(6);
      if (rest.length === 70 && SHA256_PATTERN.test(name) && rest === `${name.slice(0, 2)}/${name.slice(2, 4)}/${name}`) yield name;
    }
  }

  /** Temporary objects currently present (tests check that failed uploads leave none). */
  async temporaries(): Promise<string[]> {
    const out: string[] = [];
    for await (const { key } of this.objects(`${this.settings.prefix}tmp/`)) out.push(key);
    return out;
  }

  keyOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
    return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  close(): void {
    this.client.destroy();
  }

  private async *objects(prefix: string): AsyncIterable<{ key: string; modified: Date | undefined }> {
    let marker: string | undefined;
    for (;;) {
      const page = await this.client
        .send(new this.sdk.ListObjectsCommand({ Bucket: this.settings.bucket, Prefix: prefix, ...(marker ? { Marker: marker } : {}), MaxKeys: 1000 }))
        .catch((err: unknown) => {
          throw asStorageError(err);
        });
      const contents = page.Contents ?? [];
      for (const o of contents) {
        if (o.Key) yield { key: o.Key, modified: o.LastModified };
      }
      if (!page.IsTruncated || contents.length === 0) return;
      marker = page.NextMarker ?? contents[contents.length - 1]!.Key;
    }
  }

  private async headSize(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    try {
      await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    } catch (err) {
      if (!isNotFound(err)) throw asStorageError(err);
    }
  }

  private async sweepStaleTemporaries(now: number): Promise<void> {
    const stale: string[] = [];
    for await (const { key, modified } of this.objects(`${this.settings.prefix}tmp/`)) {
      if (modified && now - modified.getTime() > STALE_TMP_MS) stale.push(key);
    }
    for (const key of stale) await this.deleteKey(key);
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Our own errors pass through; anything from the network or the S3 service becomes "storage unreachable" (503). */
function asStorageError(err: unknown): Error {
  if (err instanceof AppError || err instanceof BlobMissingError) return err;
  return Object.assign(new AppError('STORAGE_UNAVAILABLE'), { cause: err });
}

function describe(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  const what = e?.code ?? e?.name ?? 'Error';
  if (status === 404) return 'bucket tidak ada';
  if (status === 403) return 'akses ditolak: periksa kredensial';
  return `${what}${status ? ` HTTP ${status}` : ''}${e?.message && e.message !== what ? `: ${e.message}` : ''}`;
}
