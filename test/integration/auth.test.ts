import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO_PASSWORD, startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';

describe.each(DATABASES)('sign-in and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { LOGIN_MAX_ATTEMPTS: '3', LOGIN_LOCK_MINUTES: '10' });
  });
  afterAll(async () => t?.close());

  it('signs in with username or e-mail and sets an httpOnly SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'KANWIL.JATENG', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'p2ma_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json().user).toMatchObject({ username: 'kanwil.jateng', role: 'verifikator', unit: { code: 'KW-33' } });
    expect(res.json().user).not.toHaveProperty('passwordHash');
    const byEmail = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'upt.karanganyar@p2ma.example', password: DEMO_PASSWORD });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.user.username).toBe('upt.karanganyar');
  });

  it('answers a wrong password and an unknown user with the same message', async () => {
    const wrong = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'pimpinan', password: 'salah-sekali-123' });
    const unknown = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'tidak.ada', password: 'salah-sekali-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('Nama pengguna atau kata sandi salah.');
    const en = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'pimpinan', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body.error.message).toBe('Wrong username or password.');
  });

  it('locks a login name after repeated failures, even with the right password, until the lock expires', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'pokja', password: `wrong-${i}-xxxxxx` }, { 'x-forwarded-for': `10.0.0.${i}` });
      expect(r.status).toBe(401);
    }
    const locked = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'pokja', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    t.clock.advance(11 * 60_000);
    const after = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'pokja', password: DEMO_PASSWORD });
    expect(after.status).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF token and changes nothing', async () => {
    const s = await t.login('upt.pasirputih');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: s.cookie }, payload: { displayName: 'Diubah Penyerang' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const wrongToken = await s.req('PATCH', '/api/v1/me', { displayName: 'Diubah Penyerang' }, { 'x-csrf-token': 'salah' });
    expect(wrongToken.status).toBe(403);
    const me = await s.req('GET', '/api/v1/me');
    expect(me.body.user.displayName).toBe('Operator Lapas Pasir Putih');
    const ok = await s.req('PATCH', '/api/v1/me', { displayName: 'Operator PSP', locale: 'en' });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ displayName: 'Operator PSP', locale: 'en' });
    // The user's language now drives error messages.
    const err = await s.req('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(err.body.error.message).toBe('Not found.');
  });

  it('ends a session on logout and every session on logout-all', async () => {
    const a = await t.login('pimpinan');
    const b = await t.login('pimpinan');
    expect((await a.req('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await a.req('GET', '/api/v1/me')).status).toBe(401);
    expect((await b.req('GET', '/api/v1/me')).status).toBe(200);
    const c = await t.login('pimpinan');
    expect((await c.req('POST', '/api/v1/auth/logout-all')).status).toBe(204);
    expect((await b.req('GET', '/api/v1/me')).status).toBe(401);
  });

  it('expires an idle session', async () => {
    const s = await t.login('kanwil.jabar');
    expect((await s.req('GET', '/api/v1/me')).status).toBe(200);
    t.clock.advance((t.config.session.idleMinutes + 1) * 60_000);
    expect((await s.req('GET', '/api/v1/me')).status).toBe(401);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const a = await t.login('upt.karanganyar');
    const b = await t.login('upt.karanganyar');
    const weak = await a.req('POST', '/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'pendek' });
    expect(weak.status).toBe(400);
    const wrong = await a.req('POST', '/api/v1/me/password', { currentPassword: 'bukan-ini-123', newPassword: 'kata-sandi-baru-123' });
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    expect((await a.req('POST', '/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'kata-sandi-baru-123' })).status).toBe(204);
    expect((await a.req('GET', '/api/v1/me')).status).toBe(200);
    expect((await b.req('GET', '/api/v1/me')).status).toBe(401);
    expect((await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'upt.karanganyar', password: DEMO_PASSWORD })).status).toBe(401);
    expect((await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'upt.karanganyar', password: 'kata-sandi-baru-123' })).status).toBe(200);
  });

  it('issues personal API tokens that act with the account rights until revoked', async () => {
    const s = await t.login('kanwil.jateng');
    const created = await s.req('POST', '/api/v1/me/tokens', { name: 'integrasi' });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^p2ma_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await anonymous(t, 'GET', '/api/v1/me', undefined, bearer);
    expect(me.body.user.username).toBe('kanwil.jateng');
    // No CSRF needed for tokens; still scoped: the Kanwil sees its own units only.
    const units = await anonymous(t, 'GET', '/api/v1/units', undefined, bearer);
    expect(units.body.units.every((u: { code: string }) => u.code.startsWith('UPT-33') || u.code === 'KW-33')).toBe(true);
    const list = await s.req('GET', '/api/v1/me/tokens');
    expect(list.body.tokens[0]).toMatchObject({ name: 'integrasi', prefix: token.slice(0, 12) });
    expect(list.body.tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await s.req('DELETE', `/api/v1/me/tokens/${created.body.id}`)).status).toBe(204);
    expect((await anonymous(t, 'GET', '/api/v1/me', undefined, bearer)).status).toBe(401);
  });

  it('forces a temporary password to be changed before anything else (admin reset)', async () => {
    const admin = await t.login('admin');
    const pimpinan = await admin.req('GET', '/api/v1/users?q=pimpinan');
    const id = pimpinan.body.users[0].id;
    const reset = await admin.req('POST', `/api/v1/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    const temp: string = reset.body.temporaryPassword;
    const s = await t.login('pimpinan', temp);
    const me = await s.req('GET', '/api/v1/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await s.req('GET', '/api/v1/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await s.req('POST', '/api/v1/me/password', { currentPassword: temp, newPassword: 'rahasia-baru-2026' })).status).toBe(204);
    expect((await s.req('GET', '/api/v1/units')).status).toBe(200);
  });

  it('requires a TOTP code once two-step sign-in is enabled', async () => {
    const s = await t.login('admin');
    const setup = await s.req('POST', '/api/v1/me/totp/setup');
    expect(setup.status).toBe(200);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
    expect((await s.req('POST', '/api/v1/me/totp/enable', { code: '000000' === totp.generate() ? '111111' : '000000' })).status).toBe(400);
    expect((await s.req('POST', '/api/v1/me/totp/enable', { code: totp.generate({ timestamp: t.clock.now().getTime() }) })).status).toBe(204);
    const noCode = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe('TOTP_REQUIRED');
    const withCode = await anonymous(t, 'POST', '/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD, totp: totp.generate({ timestamp: t.clock.now().getTime() }) });
    expect(withCode.status).toBe(200);
    expect(withCode.body.user.totpEnabled).toBe(true);
  });
});
