import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unitIdByCode, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';

describe.each(DATABASES)('organisation tree management on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  it('loads every province and its regencies as reference data, with a Kanwil for each province', async () => {
    const provinces = await admin.req('GET', '/api/v1/provinces');
    expect(provinces.body.provinces.length).toBeGreaterThanOrEqual(34);
    expect(provinces.body.provinces).toContainEqual({ code: '33', name: 'Jawa Tengah' });
    const regencies = await admin.req('GET', '/api/v1/provinces/33/regencies');
    expect(regencies.body.regencies).toContainEqual({ code: '33.01', name: 'Kabupaten Cilacap' });
    expect((await admin.req('GET', '/api/v1/provinces/99/regencies')).status).toBe(404);
    const units = (await admin.req('GET', '/api/v1/units')).body.units as { kind: string; provinceCode: string }[];
    const kanwilProvinces = new Set(units.filter((u) => u.kind === 'kanwil').map((u) => u.provinceCode));
    expect(kanwilProvinces.size).toBe(provinces.body.provinces.length);
  });

  it('creates a unit under a Kanwil and refuses a duplicate code or a bad payload', async () => {
    const parentId = await unitIdByCode(t, 'KW-33');
    const created = await admin.req('POST', '/api/v1/units', { code: 'UPT-33-LP-CLP', name: 'Lapas Kelas IIB Cilacap', kind: 'lapas', parentId, provinceCode: '33', regencyCode: '33.01', validFrom: '2025-01-01' });
    expect(created.status).toBe(201);
    expect(created.body.unit).toMatchObject({ code: 'UPT-33-LP-CLP', parentId, active: true });
    const dup = await admin.req('POST', '/api/v1/units', { code: 'upt-33-lp-clp', name: 'Lapas Lain', kind: 'lapas', parentId });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_UNIT_CODE');
    const bad = await admin.req('POST', '/api/v1/units', { code: '!', name: 'x', kind: 'penjara', parentId: 'bukan-uuid' });
    expect(bad.status).toBe(400);
    const paths = [...new Set((bad.body.error.fields as { path: string }[]).map((f) => f.path))].sort();
    expect(paths).toEqual(['code', 'kind', 'name', 'parentId']);
  });

  it('renames a unit and keeps the old name in its history for the period it was valid', async () => {
    const id = await unitIdByCode(t, 'UPT-33-LP-CLP');
    const renamed = await admin.req('PATCH', `/api/v1/units/${id}`, { name: 'Lapas Kelas IIA Cilacap', effectiveDate: '2026-03-01' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.unit).toMatchObject({ name: 'Lapas Kelas IIA Cilacap', validFrom: '2026-03-01' });
    const detail = await admin.req('GET', `/api/v1/units/${id}`);
    expect(detail.body.history).toEqual([
      expect.objectContaining({ name: 'Lapas Kelas IIB Cilacap', code: 'UPT-33-LP-CLP', validFrom: '2025-01-01', validTo: '2026-02-28' }),
    ]);
    const tooEarly = await admin.req('PATCH', `/api/v1/units/${id}`, { name: 'Nama Lain', effectiveDate: '2024-01-01' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.fields[0].path).toBe('effectiveDate');
    // Effective on the current period's first day: a correction of that period, no new history entry.
    const fix = await admin.req('PATCH', `/api/v1/units/${id}`, { name: 'Lapas Kelas IIA Cilacap Nusakambangan', effectiveDate: '2026-03-01' });
    expect(fix.status).toBe(200);
    const fixed = (await admin.req('GET', `/api/v1/units/${id}`)).body;
    expect(fixed.unit.name).toBe('Lapas Kelas IIA Cilacap Nusakambangan');
    expect(fixed.history).toHaveLength(1);
  });

  it('moves a unit with its subtree to another Kanwil, and the new Kanwil sees it', async () => {
    const id = await unitIdByCode(t, 'UPT-33-LP-CLP');
    const jabar = await unitIdByCode(t, 'KW-32');
    const child = await admin.req('POST', '/api/v1/units', { code: 'UPT-33-CRT-CLP', name: 'Cabang Rutan Cilacap', kind: 'cabang_rutan', parentId: id, validFrom: '2025-01-01' });
    expect(child.status).toBe(201);
    const moved = await admin.req('PATCH', `/api/v1/units/${id}`, { parentId: jabar, effectiveDate: '2026-06-01' });
    expect(moved.status).toBe(200);
    const jabarSession = await t.login('kanwil.jabar');
    const seen = ((await jabarSession.req('GET', '/api/v1/units')).body.units as { code: string }[]).map((u) => u.code);
    expect(seen).toContain('UPT-33-LP-CLP');
    expect(seen).toContain('UPT-33-CRT-CLP');
    const jatengSession = await t.login('kanwil.jateng');
    const jatengSeen = ((await jatengSession.req('GET', '/api/v1/units')).body.units as { code: string }[]).map((u) => u.code);
    expect(jatengSeen).not.toContain('UPT-33-CRT-CLP');
    const history = (await admin.req('GET', `/api/v1/units/${id}`)).body.history;
    expect(history[0]).toMatchObject({ parentName: 'Kantor Wilayah Jawa Tengah', validTo: '2026-05-31' });
  });

  it('refuses to move a unit beneath itself', async () => {
    const id = await unitIdByCode(t, 'UPT-33-LP-CLP');
    const childId = await unitIdByCode(t, 'UPT-33-CRT-CLP');
    const res = await admin.req('PATCH', `/api/v1/units/${id}`, { parentId: childId, effectiveDate: '2026-07-01' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('UNIT_CYCLE');
  });

  it('closes a unit: it leaves the active tree but stays available with includeInactive', async () => {
    const id = await unitIdByCode(t, 'UPT-33-CRT-CLP');
    const closed = await admin.req('POST', `/api/v1/units/${id}/close`, { validTo: '2026-01-31' });
    expect(closed.body.unit.active).toBe(false);
    const active = ((await admin.req('GET', '/api/v1/units')).body.units as { id: string }[]).map((u) => u.id);
    expect(active).not.toContain(id);
    const all = ((await admin.req('GET', '/api/v1/units?includeInactive=true')).body.units as { id: string }[]).map((u) => u.id);
    expect(all).toContain(id);
  });

  it('records every change in the audit trail with before and after values', async () => {
    const id = await unitIdByCode(t, 'UPT-33-LP-CLP');
    const audit = await admin.req('GET', `/api/v1/audit?entityType=unit&entityId=${id}`);
    const actions = (audit.body.events as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(['unit.update', 'unit.update', 'unit.update', 'unit.create']);
    const rename = audit.body.events[2];
    expect(rename.actorLabel).toBe('admin');
    expect(rename.changes.name).toEqual({ from: 'Lapas Kelas IIB Cilacap', to: 'Lapas Kelas IIA Cilacap' });
  });
});
