import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit.repository.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';

describe.each(DATABASES)('audit trail on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('writes an entry in the same transaction as each change, with who and from where', async () => {
    const admin = await t.login('admin');
    await admin.req('PATCH', '/api/v1/me', { displayName: 'Admin Pusat' }, { 'x-forwarded-for': '203.0.113.9' });
    const res = await admin.req('GET', '/api/v1/audit?action=user.update');
    expect(res.body.events[0]).toMatchObject({ action: 'user.update', actorLabel: 'admin', changes: { display_name: { from: 'Admin Biro Hukerma', to: 'Admin Pusat' } } });
    expect(res.body.events[0].ip).toBeTruthy();
  });

  it('does not record a change that failed', async () => {
    const before = await t.deps.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const admin = await t.login('admin');
    const afterLogin = await t.deps.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(afterLogin.n)).toBe(Number(before.n) + 1);
    const dup = await admin.req('POST', '/api/v1/users', { username: 'kanwil.jateng', displayName: 'Duplikat', role: 'operator', unitId: (await admin.req('GET', '/api/v1/me')).body.user.unit.id });
    expect(dup.status).toBe(409);
    const after = await t.deps.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(afterLogin.n));
  });

  it('is append-only: the database refuses updates and deletes', async () => {
    await expect(sql`update audit_events set actor_label = 'x'`.execute(t.deps.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(t.deps.database.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain and names the first tampered entry', async () => {
    const ok = await verifyAuditChain(t.deps.database.db);
    expect(ok.brokenAt).toBeNull();
    expect(ok.checked).toBeGreaterThan(3);
    const victim = await t.deps.database.db.selectFrom('audit_events').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    // Someone with database access bypasses the trigger and edits history.
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.deps.database.db);
    await sql`update audit_events set actor_label = 'orang lain' where id = ${victim.id}`.execute(t.deps.database.db);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(t.deps.database.db);
    const broken = await verifyAuditChain(t.deps.database.db);
    expect(broken.brokenAt).toBe(victim.id);
  });

  it('is readable by admins only', async () => {
    const kanwil = await t.login('kanwil.jateng');
    expect((await kanwil.req('GET', '/api/v1/audit')).status).toBe(404);
  });
});
