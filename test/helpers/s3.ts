import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  /** Starts it again on the same port and directory (after `stop`), for "storage comes back" tests. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real S3 server in this process (s3rver), on 127.0.0.1 with a random port and a temporary directory. */
export async function startS3(bucket = 'p2ma-uji'): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-s3-'));
  const make = (port: number) => new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  let server = make(0);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  let running = true;
  return {
    endpoint,
    bucket,
    env: { STORAGE_DRIVER: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'us-east-1' },
    async stop() {
      if (running) await server.close();
      running = false;
    },
    async restart() {
      server = make(port);
      await server.run();
      running = true;
    },
    async close() {
      if (running) await server.close();
      running = false;
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
