import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, startTestApp, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { LATEST_SCHEMA_VERSION } from '../../src/db/migrate.js';

describe.each(DATABASES)('HTTP conventions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(async () => t?.close());

  it('reports health with the database kind and schema version', async () => {
    const res = await anonymous(t, 'GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: kind, schemaVersion: LATEST_SCHEMA_VERSION });
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await anonymous(t, 'GET', '/api/v1/tidak-ada');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'Alamat tidak ditemukan.' } });
  });

  it('answers a signed-out call with 401 and an Indonesian message', async () => {
    const res = await anonymous(t, 'GET', '/api/v1/units');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Silakan masuk terlebih dahulu.' });
  });

  it('lists each bad field of an invalid payload, in the caller language', async () => {
    const s = await t.login('admin');
    const res = await s.req('POST', '/api/v1/users', { username: 'a', displayName: '', role: 'raja', unitId: 'x', email: 'bukan-email' }, { 'accept-language': 'id' });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries((res.body.error.fields as { path: string; message: string }[]).map((f) => [f.path, f.message]));
    expect(Object.keys(byPath).sort()).toEqual(['displayName', 'email', 'role', 'unitId', 'username']);
    expect(byPath.email).toBe('Alamat e-mail tidak valid.');
    expect(byPath.username).toBe('Minimal 3 karakter.');
  });

  it('refuses an oversized body with 413 and changes nothing', async () => {
    const s = await t.login('admin');
    const res = await s.req('PATCH', '/api/v1/me', { displayName: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await s.req('GET', '/api/v1/me')).body.user.displayName).toBe('Admin Biro Hukerma');
  });

  it('refuses malformed JSON with 400 in the error shape', async () => {
    const res = await anonymous(t, 'POST', '/api/v1/auth/login', '{"username":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('sends a strict Content-Security-Policy and security headers on every answer', async () => {
    for (const url of ['/api/v1/health', '/api/v1/tidak-ada', '/app/']) {
      const res = await anonymous(t, 'GET', url);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await anonymous(t, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/units', '/api/v1/units/{id}', '/api/v1/users', '/api/v1/audit', '/api/v1/health']) {
      expect(Object.keys(res.body.paths)).toContain(p);
    }
    expect(res.body.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
  });

  it('serves the staff web app under /app/ with client-side routes falling back to it', async () => {
    const index = await anonymous(t, 'GET', '/app/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-type'])).toContain('text/html');
    const deep = await anonymous(t, 'GET', '/app/unit');
    expect(deep.status).toBe(200);
    expect(deep.body).toBe(index.body);
  });
});
