import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';

/** Who may see and change which units and accounts: the organisation tree decides. */
describe.each(DATABASES)('access scope matrix on %s', (kind) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const ids: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const u of ['admin', 'kanwil.jateng', 'kanwil.jabar', 'upt.karanganyar', 'upt.pasirputih', 'pokja', 'pimpinan']) s[u] = await t.login(u);
    for (const c of ['KW-33', 'KW-32', 'UPT-33-LPSK-KRA', 'UPT-33-LP-PSP', 'UPT-32-LP-SKM']) ids[c] = await unitIdByCode(t, c);
    const users = await t.deps.database.db.selectFrom('users').select(['id', 'username']).execute();
    for (const u of users) userIds[u.username] = u.id;
  });
  afterAll(async () => t?.close());

  const codes = async (who: string) => ((await s[who]!.req('GET', '/api/v1/units')).body.units as { code: string }[]).map((u) => u.code).sort();

  it('an operator sees only its own unit', async () => {
    expect(await codes('upt.karanganyar')).toEqual(['UPT-33-LPSK-KRA']);
  });

  it('a Kanwil sees itself and its own UPTs, not another Kanwil', async () => {
    const jateng = await codes('kanwil.jateng');
    expect(jateng).toContain('KW-33');
    expect(jateng).toContain('UPT-33-LPSK-KRA');
    expect(jateng).toContain('UPT-33-BAPAS-NK');
    expect(jateng.every((c) => c === 'KW-33' || c.startsWith('UPT-33-'))).toBe(true);
    const jabar = await codes('kanwil.jabar');
    expect(jabar.some((c) => c.startsWith('UPT-33'))).toBe(false);
  });

  it('the Biro (admin, pimpinan, pokja) sees the whole tree', async () => {
    const all = await codes('admin');
    expect(all).toContain('BIRO-HKPK');
    expect(all.filter((c) => c.startsWith('KW-')).length).toBeGreaterThanOrEqual(33);
    expect(await codes('pimpinan')).toEqual(all);
    expect(await codes('pokja')).toEqual(all);
  });

  it('a unit outside the caller scope is "not found", inside it is readable', async () => {
    expect((await s['upt.karanganyar']!.req('GET', `/api/v1/units/${ids['UPT-33-LP-PSP']}`)).status).toBe(404);
    expect((await s['upt.karanganyar']!.req('GET', `/api/v1/units/${ids['KW-33']}`)).status).toBe(404);
    expect((await s['kanwil.jateng']!.req('GET', `/api/v1/units/${ids['UPT-32-LP-SKM']}`)).status).toBe(404);
    expect((await s['kanwil.jabar']!.req('GET', `/api/v1/units/${ids['UPT-33-LP-PSP']}`)).status).toBe(404);
    const own = await s['kanwil.jateng']!.req('GET', `/api/v1/units/${ids['UPT-33-LP-PSP']}`);
    expect(own.status).toBe(200);
    expect(own.body.path.map((p: { code: string }) => p.code)).toEqual(['BIRO-HKPK', 'KW-33', 'UPT-33-LP-PSP']);
  });

  it('only an admin changes units; others get 404 outside their scope and 403 inside, and nothing changes', async () => {
    const other = await s['upt.karanganyar']!.req('PATCH', `/api/v1/units/${ids['UPT-33-LP-PSP']}`, { name: 'Dibajak' });
    expect(other.status).toBe(404);
    const own = await s['upt.karanganyar']!.req('PATCH', `/api/v1/units/${ids['UPT-33-LPSK-KRA']}`, { name: 'Dibajak' });
    expect(own.status).toBe(403);
    const kanwil = await s['kanwil.jateng']!.req('PATCH', `/api/v1/units/${ids['UPT-33-LP-PSP']}`, { name: 'Dibajak' });
    expect(kanwil.status).toBe(403);
    const create = await s['pimpinan']!.req('POST', '/api/v1/units', { code: 'X-1', name: 'Unit Baru', kind: 'lapas', parentId: ids['KW-33'] });
    expect(create.status).toBe(403);
    const names = await t.deps.database.db.selectFrom('units').select('name').where('name', '=', 'Dibajak').execute();
    expect(names).toHaveLength(0);
  });

  it('operators, pokja and pimpinan cannot list accounts at all', async () => {
    for (const who of ['upt.karanganyar', 'pokja', 'pimpinan']) {
      expect((await s[who]!.req('GET', '/api/v1/users')).status).toBe(404);
      expect((await s[who]!.req('GET', `/api/v1/users/${userIds['upt.pasirputih']}`)).status).toBe(404);
    }
  });

  it('a Kanwil reads the accounts of its own units only and cannot change them', async () => {
    const list = await s['kanwil.jateng']!.req('GET', '/api/v1/users');
    const names = (list.body.users as { username: string }[]).map((u) => u.username).sort();
    expect(names).toEqual(['kanwil.jateng', 'upt.karanganyar', 'upt.pasirputih']);
    expect(list.body.total).toBe(3);
    expect((await s['kanwil.jateng']!.req('GET', `/api/v1/users/${userIds['kanwil.jabar']}`)).status).toBe(404);
    expect((await s['kanwil.jateng']!.req('GET', `/api/v1/users/${userIds['upt.karanganyar']}`)).status).toBe(200);
    expect((await s['kanwil.jateng']!.req('PATCH', `/api/v1/users/${userIds['upt.karanganyar']}`, { role: 'admin' })).status).toBe(403);
    expect((await s['kanwil.jabar']!.req('PATCH', `/api/v1/users/${userIds['upt.karanganyar']}`, { role: 'admin' })).status).toBe(404);
    expect((await s['kanwil.jateng']!.req('POST', '/api/v1/users', { username: 'baru', displayName: 'Baru', role: 'operator', unitId: ids['UPT-33-LP-PSP'] })).status).toBe(403);
    const role = await t.deps.database.db.selectFrom('users').select('role').where('username', '=', 'upt.karanganyar').executeTakeFirstOrThrow();
    expect(role.role).toBe('operator');
  });

  it('an admin sees and manages every account', async () => {
    const list = await s['admin']!.req('GET', '/api/v1/users?pageSize=100');
    expect(list.body.total).toBeGreaterThanOrEqual(7);
    const created = await s['admin']!.req('POST', '/api/v1/users', { username: 'op.skm', displayName: 'Operator Sukamiskin', role: 'operator', unitId: ids['UPT-32-LP-SKM'], email: 'op.skm@p2ma.example' });
    expect(created.status).toBe(201);
    expect(created.body.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(created.body.user).toMatchObject({ mustChangePassword: true, unit: { code: 'UPT-32-LP-SKM' } });
    const dup = await s['admin']!.req('POST', '/api/v1/users', { username: 'OP.SKM', displayName: 'Lagi', role: 'operator', unitId: ids['UPT-32-LP-SKM'] });
    expect(dup.status).toBe(409);
    const disabled = await s['admin']!.req('PATCH', `/api/v1/users/${created.body.user.id}`, { disabled: true });
    expect(disabled.body.user.disabled).toBe(true);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'op.skm', password: created.body.temporaryPassword } });
    expect(login.statusCode).toBe(401);
    const self = await s['admin']!.req('PATCH', `/api/v1/users/${s['admin']!.userId}`, { disabled: true });
    expect(self.status).toBe(400);
  });
});
