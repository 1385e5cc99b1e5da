import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry, verifyAuditChain } from '../../src/audit/audit.repository.js';
import { createBackup, readManifest } from '../../src/backup/backup.js';
import { restoreBackup } from '../../src/backup/restore.js';
import { openDatabase, type Executor } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrate.js';
import { Migrator } from 'kysely';
import { loadRegions } from '../../src/reference/regions.js';
import { LocalBlobStore } from '../../src/storage/local-store.js';
import { buildApp } from '../../src/http/app.js';
import { AppError } from '../../src/http/errors.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { freshTarget, rewriteArchive, targetState, type Target } from '../helpers/backup.js';
import { DATABASES, freshDatabase, type DbKind } from '../helpers/databases.js';
import { uploadDocument } from '../helpers/fixtures.js';
import { makePdf } from '../helpers/pdf.js';

const other = (kind: DbKind): DbKind => (kind === 'pglite' ? 'postgres' : 'pglite');

/** The records a restore must bring back exactly. */
async function records(db: Executor) {
  return {
    agreements: await db.selectFrom('agreements').selectAll().orderBy('id').execute(),
    documents: await db.selectFrom('documents').selectAll().orderBy('id').execute(),
    reports: await db.selectFrom('reports').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_events').selectAll().orderBy('id').execute(),
  };
}

async function bytesOf(store: { get(sha: string): Promise<NodeJS.ReadableStream> }, sha: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await store.get(sha)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe.each(DATABASES)('backup and restore on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  let kra: Session;
  let agreementId: string;
  const targets: Target[] = [];
  const target = async (k: DbKind = kind) => {
    const x = await freshTarget(k);
    targets.push(x);
    return x;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, {}, { demoRegister: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-backups-'));
    kra = await t.login('upt.karanganyar');
    const unit = await t.deps.database.db.selectFrom('units').select('id').where('code', '=', 'UPT-33-LPSK-KRA').executeTakeFirstOrThrow();
    agreementId = (await t.deps.database.db.selectFrom('agreements').select('id').where('unit_id', '=', unit.id).where('deleted_at', 'is', null).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    for (const x of targets) await x.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('brings back every agreement, document (bytes), report and audit entry into an empty target, and the audit chain verifies', async () => {
    const before = await records(t.deps.database.db);
    expect(before.agreements.length).toBeGreaterThan(10);
    expect(before.documents.length).toBeGreaterThan(5);
    expect(before.reports.length).toBeGreaterThan(2);

    const backup = await createBackup(t.deps, { out: path.join(dir, 'full.tar.gz') });
    expect(backup.manifest).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, database: { kind }, base: null, appVersion: t.deps.version });
    expect(backup.manifest.tables.find((x) => x.name === 'agreements')?.rows).toBe(before.agreements.length);
    expect(backup.manifest.tables.some((x) => x.name.startsWith('kysely_migration'))).toBe(false);

    const to = await target();
    const result = await restoreBackup(to, [backup.file]);
    expect(result.audit.brokenAt).toBeNull();
    const after = await records(to.database.db);
    expect(after.agreements).toEqual(before.agreements);
    expect(after.documents).toEqual(before.documents);
    expect(after.reports).toEqual(before.reports);
    // Every entry is back with its id and hash; the restore itself is the one entry added after them.
    expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
    expect(after.audit.slice(before.audit.length).map((e) => e.action)).toEqual(['system.restore']);
    for (const d of before.documents) expect((await bytesOf(to.storage, d.sha256)).equals(await bytesOf(t.deps.storage, d.sha256))).toBe(true);

    // Sequences continue after the restored ids, so the chain keeps growing where it left off.
    await to.database.db.transaction().execute((tx) => appendAuditEntry(tx, { occurredAt: new Date(), actorId: null, actorLabel: 'uji', ip: null, action: 'system.seed', entityType: 'system', entityId: null, unitId: null, changes: {} }));
    const last = await to.database.db.selectFrom('audit_events').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.id).toBe(after.audit.at(-1)!.id + 1);
    expect((await verifyAuditChain(to.database.db)).brokenAt).toBeNull();
  });

  it(`restores into ${other(kind)}, and the restored system signs in and serves the signed PDFs`, async () => {
    const backup = await createBackup(t.deps, { out: path.join(dir, 'cross.tar') });
    const to = await target(other(kind));
    await restoreBackup(to, [backup.file]);
    const app = await buildApp({ ...t.deps, database: to.database, storage: to.storage });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'upt.karanganyar', password: 'demo-P2MA-2026' } });
      expect(login.statusCode).toBe(200);
      const cookie = `p2ma_session=${login.cookies.find((c) => c.name === 'p2ma_session')!.value}`;
      const doc = await t.deps.database.db.selectFrom('documents').select(['id', 'sha256']).where('agreement_id', '=', agreementId).executeTakeFirstOrThrow();
      const res = await app.inject({ method: 'GET', url: `/api/v1/documents/${doc.id}/content`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(await bytesOf(t.deps.storage, doc.sha256))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses a truncated archive, a tampered member, a newer schema and a non-empty target, each with its reason, changing nothing', async () => {
    const good = await createBackup(t.deps, { out: path.join(dir, 'plain.tar') });
    const to = await target();
    const empty = await targetState(to);

    const bytes = fs.readFileSync(good.file);
    const cut = path.join(dir, 'cut.tar');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const truncated = await refusal(restoreBackup(to, [cut]));
    expect(truncated.code).toBe('BACKUP_TRUNCATED');
    expect(truncated.messageFor('id')).toMatch(/terpotong atau tidak lengkap.*Tidak ada yang dipulihkan/);

    // One byte changed inside the agreements member (its tar header is the last place its name appears).
    const tampered = Buffer.from(bytes);
    const member = good.manifest.tables.find((x) => x.name === 'agreements')!;
    const at = tampered.lastIndexOf(Buffer.from(member.path)) + 512 + Math.floor(member.size / 2);
    tampered[at] = tampered[at]! ^ 0xff;
    const changed = path.join(dir, 'tampered.tar');
    fs.writeFileSync(changed, tampered);
    const damaged = await refusal(restoreBackup(to, [changed]));
    expect(damaged.code).toBe('BACKUP_DAMAGED');
    expect(damaged.messageFor('id')).toMatch(/rusak atau telah diubah: checksum db\/\d+-agreements\.jsonl\.gz tidak cocok/);

    const future = path.join(dir, 'future.tar');
    await rewriteArchive(good.file, future, (m) => {
      m.migrations.push('0099_future');
      m.schemaVersion = '0099_future';
    });
    const newer = await refusal(restoreBackup(to, [future]));
    expect(newer.code).toBe('BACKUP_SCHEMA_NEWER');
    expect(newer.messageFor('id')).toContain('skema basis data 0099_future, lebih baru');

    expect(await targetState(to)).toEqual(empty);

    const countBefore = await t.deps.database.db.selectFrom('agreements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const full = await refusal(restoreBackup(t.deps, [good.file]));
    expect(full.code).toBe('RESTORE_TARGET_NOT_EMPTY');
    expect(full.messageFor('id')).toMatch(/Tujuan pemulihan tidak kosong: basis data .* sudah berisi data/);
    const countAfter = await t.deps.database.db.selectFrom('agreements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(countBefore.n));

    // An empty database with files already in the store is not empty either.
    await to.storage.put((await import('node:stream')).Readable.from([Buffer.from('sisa berkas lama')]), { maxBytes: 1000 });
    const files = await refusal(restoreBackup(to, [good.file]));
    expect(files.messageFor('id')).toMatch(/penyimpanan berkas .* sudah berisi berkas/);
    expect((await targetState(to)).filled).toEqual([]);
  });

  it('takes only new files in an incremental backup, and restores the chain (and not without its base)', async () => {
    const full = await createBackup(t.deps, { out: path.join(dir, 'base.tar.gz') });
    const added: string[] = [];
    for (const note of ['adendum pertama', 'adendum kedua']) {
      const res = await uploadDocument(t, kra, agreementId, { role: 'lampiran' }, { filename: `${note}.pdf`, content: makePdf({ pages: 1, note }) });
      expect(res.status).toBe(201);
      added.push(res.body.document.sha256);
    }
    const inc = await createBackup(t.deps, { out: path.join(dir, 'inc.tar.gz'), incrementalFrom: full.file });
    expect(inc.manifest.files.map(([sha]) => sha).sort()).toEqual(added.sort());
    expect(inc.manifest.base).toMatchObject({ id: full.manifest.id, file: 'base.tar.gz' });
    expect((await readManifest(inc.file)).referencedFiles.length).toBe(full.manifest.referencedFiles.length + 2);
    expect(inc.size).toBeLessThan(full.size);

    const lonely = await refusal(restoreBackup(await target('postgres'), [inc.file]));
    expect(lonely.code).toBe('BACKUP_CHAIN_INCOMPLETE');

    // Restores into PostgreSQL here and below: the engine pairs are covered above, and it is the quicker target.
    const to = await target('postgres');
    await restoreBackup(to, [inc.file, full.file]);
    const docs = await to.database.db.selectFrom('documents').select('sha256').execute();
    expect(docs.length).toBe(await t.deps.database.db.selectFrom('documents').select('id').execute().then((r) => r.length));
    for (const d of docs) expect(await to.storage.has(d.sha256)).toBe(true);
  });

  it('takes a consistent backup while uploads run: every document row has its file in the archive', async () => {
    const uploads = Array.from({ length: 8 }, (_, i) => uploadDocument(t, kra, agreementId, { role: 'bukti' }, { filename: `bukti-${i}.pdf`, content: makePdf({ pages: 1, note: `bukti serentak ${i} ${Date.now()}` }) }));
    const [backup, ...results] = await Promise.all([
      new Promise((r) => setTimeout(r, 5)).then(() => createBackup(t.deps, { out: path.join(dir, 'busy.tar.gz') })),
      ...uploads,
    ]);
    expect(results.every((r) => r.status === 201)).toBe(true);
    const inArchive = new Set(backup.manifest.files.map(([sha]) => sha));
    const to = await target('postgres');
    await restoreBackup(to, [backup.file]);
    const docs = await to.database.db.selectFrom('documents').select('sha256').execute();
    expect(docs.length).toBe(backup.manifest.tables.find((x) => x.name === 'documents')!.rows);
    for (const d of docs) {
      expect(inArchive.has(d.sha256)).toBe(true);
      expect(await to.storage.has(d.sha256)).toBe(true);
    }
  });
});

describe('restoring a backup made by an older version', () => {
  it('restores the rows into the older schema, then runs the migrations the backup lacks', async () => {
    const names = Object.keys(migrations).sort();
    // The schema just before 0005_operations, which added `backup_runs`: the restore must add it and everything later.
    const older = '0004_intelligence';
    const src = await freshDatabase('postgres');
    const database = await openDatabase(src.config);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-old-'));
    let to: Target | null = null;
    try {
      await new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } }).migrateTo(older);
      await loadRegions(database.db);
      const storage = await LocalBlobStore.open(path.join(dir, 'files'));
      const backup = await createBackup({ database, storage, version: '0.0.9', now: () => new Date() }, { out: path.join(dir, 'lama.tar.gz') });
      expect(backup.manifest.schemaVersion).toBe(older);
      expect(backup.manifest.tables.some((x) => x.name === 'backup_runs')).toBe(false);

      to = await freshTarget('postgres');
      const result = await restoreBackup(to, [backup.file]);
      expect(result.migrated).toEqual(names.slice(names.indexOf(older) + 1));
      expect(await to.database.db.selectFrom('provinces').select('code').execute()).toHaveLength(backup.manifest.tables.find((x) => x.name === 'provinces')!.rows);
      expect(await to.database.db.selectFrom('backup_runs').select('id').execute()).toEqual([]);
    } finally {
      await to?.close();
      await database.close();
      await src.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
