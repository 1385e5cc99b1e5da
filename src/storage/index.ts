import type { StorageConfig } from '../config/config.js';
import type { BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local-store.js';

export type { BlobStore } from './blob-store.js';

/**
 * The store named by the configuration, opened and checked. A store that cannot be opened stops the start:
 * there is deliberately no fallback to another store, so files never end up somewhere nobody looks.
 */
export async function openBlobStore(config: StorageConfig): Promise<BlobStore> {
  switch (config.driver) {
    case 'local':
      return LocalBlobStore.open(config.dir);
    case 's3': {
      if (!config.s3) throw new Error('STORAGE_DRIVER=s3 tanpa pengaturan S3');
      const { S3BlobStore } = await import('./s3-store.js');
      return S3BlobStore.open(config.s3);
    }
    default: {
      const unknown: never = config.driver;
      throw new Error(`Penyimpanan berkas tidak dikenal: ${String(unknown)}`);
    }
  }
}
