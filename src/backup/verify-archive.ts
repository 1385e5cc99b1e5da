import path from 'node:path';
import { AppError } from '../http/errors.js';
import { hashStream, readArchive } from './archive.js';
import { parseManifest, sha256 } from './backup.js';
import { expectedMembers, MANIFEST_MEMBER, TRAILER_MEMBER, type Manifest } from './manifest.js';

/**
 * Reads a whole archive and checks it against its manifest: every announced member present once, with the
 * announced size and SHA-256, nothing unannounced, and the closing member confirming the manifest itself.
 * Writes nothing. A restore runs this over every archive of the chain before it touches the target.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  const label = path.basename(file);
  let manifest: Manifest | null = null;
  let manifestHash = '';
  let expected = new Map<string, { sha256: string; size: number }>();
  const seen = new Set<string>();
  let closed = false;

  await readArchive(file, async (e) => {
    if (!manifest) {
      if (e.name !== MANIFEST_MEMBER) throw new AppError('BACKUP_INVALID', { file: label, reason: `anggota pertama "${e.name}", seharusnya ${MANIFEST_MEMBER}` });
      const chunks: Buffer[] = [];
      for await (const c of e.stream) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      manifestHash = sha256(bytes);
      manifest = parseManifest(bytes.toString('utf8'), label);
      expected = expectedMembers(manifest);
      return;
    }
    if (closed) throw new AppError('BACKUP_INVALID', { file: label, reason: `ada anggota "${e.name}" sesudah penutup arsip` });
    if (e.name === TRAILER_MEMBER) {
      const chunks: Buffer[] = [];
      for await (const c of e.stream) chunks.push(c as Buffer);
      const claimed = Buffer.concat(chunks).toString('utf8').trim().split(/\s+/)[0];
      if (claimed !== manifestHash) throw new AppError('BACKUP_DAMAGED', { file: label, member: MANIFEST_MEMBER });
      closed = true;
      return;
    }
    const want = expected.get(e.name);
    if (!want) throw new AppError('BACKUP_INVALID', { file: label, reason: `anggota "${e.name}" tidak tercantum di manifes` });
    if (seen.has(e.name)) throw new AppError('BACKUP_INVALID', { file: label, reason: `anggota "${e.name}" muncul dua kali` });
    const got = await hashStream(e.stream);
    if (got.size !== want.size || got.sha256 !== want.sha256) throw new AppError('BACKUP_DAMAGED', { file: label, member: e.name });
    seen.add(e.name);
  });

  if (!manifest) throw new AppError('BACKUP_INVALID', { file: label, reason: 'arsip kosong' });
  const missing = [...expected.keys()].filter((m) => !seen.has(m));
  if (missing.length > 0) throw new AppError('BACKUP_TRUNCATED', { file: label, reason: `${missing.length} anggota hilang, antara lain ${missing[0]}` });
  if (!closed) throw new AppError('BACKUP_TRUNCATED', { file: label, reason: `penutup arsip (${TRAILER_MEMBER}) tidak ada` });
  return manifest;
}

/**
 * Puts the given archives in chain order: the full backup first, then each incremental backup after the one it
 * names as its base. Every archive given must belong to the one chain.
 */
export function orderChain(items: { file: string; manifest: Manifest }[]): { file: string; manifest: Manifest }[] {
  const fulls = items.filter((i) => i.manifest.base === null);
  if (fulls.length !== 1) {
    throw new AppError('BACKUP_CHAIN_INCOMPLETE', {
      reason: fulls.length === 0 ? 'tidak ada cadangan penuh di antara berkas yang diberikan' : `ada ${fulls.length} cadangan penuh; berikan satu rantai saja`,
    });
  }
  const chain = [fulls[0]!];
  const rest = items.filter((i) => i.manifest.base !== null);
  while (rest.length > 0) {
    const tip = chain[chain.length - 1]!;
    const next = rest.findIndex((i) => i.manifest.base!.id === tip.manifest.id);
    if (next < 0) {
      const orphan = rest[0]!;
      throw new AppError('BACKUP_CHAIN_INCOMPLETE', { reason: `cadangan dasar untuk ${path.basename(orphan.file)} (${orphan.manifest.base!.file}) tidak diberikan` });
    }
    chain.push(...rest.splice(next, 1));
  }
  return chain;
}
