import crypto from 'node:crypto';
import { z } from 'zod';
import { authorize, inScope } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import { randomToken, sha256 } from '../auth/passwords.js';
import type { App } from '../http/app.js';
import { sourceOf, type AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { errors, idParam, noContent } from '../http/schemas.js';
import { getUnit } from '../units/unit.repository.js';

/** iCalendar text: escape per RFC 5545 and fold lines at 75 octets. */
function esc(s: string) {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}
function fold(line: string) {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 74;
    while (Buffer.byteLength(rest.slice(0, cut)) > 74) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

export async function icalFeed(deps: AppDeps, token: string): Promise<string | null> {
  const { db } = deps.database;
  const t = await db.selectFrom('ical_tokens').innerJoin('units', 'units.id', 'ical_tokens.unit_id').select(['units.path', 'units.name']).where('token_hash', '=', sha256(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!t) return null;
  const rows = await db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .select(['agreements.id', 'agreements.title', 'agreements.end_date', 'agreements.number_first', 'units.name as unit_name', 'agreements.updated_at'])
    .where('agreements.deleted_at', 'is', null)
    .where('agreements.signing_date', 'is not', null)
    .where('agreements.terminated_on', 'is', null)
    .where('agreements.end_date', 'is not', null)
    .where('units.path', 'like', `${t.path}%`)
    .orderBy('agreements.end_date')
    .limit(5000)
    .execute();
  const stamp = deps.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//P2MA//Masa Berakhir Kerja Sama//ID', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${esc(`P2MA – ${t.name}`)}`];
  for (const r of rows) {
    const day = r.end_date!.replace(/-/g, '');
    const next = new Date(`${r.end_date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${r.id}-berakhir@p2ma`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${next.toISOString().slice(0, 10).replace(/-/g, '')}`,
      `SUMMARY:${esc(`Berakhir: ${r.title}`)}`,
      `DESCRIPTION:${esc(`${r.unit_name}${r.number_first ? ` · Nomor ${r.number_first}` : ''}\n${deps.config.publicUrl}/app/kerja-sama/${r.id}`)}`,
      `URL:${deps.config.publicUrl}/app/kerja-sama/${r.id}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export function icalRoutes(api: App, deps: AppDeps) {
  api.post(
    '/units/:id/ical-token',
    { schema: { tags: ['workflow'], summary: 'Buat alamat kalender (iCal) pribadi untuk masa berakhir naskah unit ini; ditampilkan sekali', params: idParam, response: { 201: z.object({ url: z.string() }), ...errors } } },
    async (req, reply) => {
      const src = sourceOf(req);
      const unit = await getUnit(deps.database.db, req.params.id);
      if (!unit || !inScope(src.actor, unit.path)) throw new AppError('NOT_FOUND');
      authorize(src.actor, 'agreement.read');
      const token = randomToken(24);
      const now = deps.now();
      await deps.database.db.transaction().execute(async (tx) => {
        const row = await tx.insertInto('ical_tokens').values({ id: crypto.randomUUID(), unit_id: unit.id, token_hash: sha256(token), created_by: src.actor.userId, created_at: now }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(tx, src, { action: 'ical.create', entityType: 'unit', entityId: unit.id, unitId: unit.id, changes: { ical_token: { from: null, to: row.id } } }, now);
      });
      return reply.status(201).send({ url: `${deps.config.publicUrl}/ical/${token}.ics` });
    },
  );
  api.delete('/units/:id/ical-token', { schema: { tags: ['workflow'], summary: 'Cabut semua alamat kalender unit ini', params: idParam, response: { 204: noContent, ...errors } } }, async (req, reply) => {
    const src = sourceOf(req);
    const unit = await getUnit(deps.database.db, req.params.id);
    if (!unit || !inScope(src.actor, unit.path)) throw new AppError('NOT_FOUND');
    const now = deps.now();
    await deps.database.db.transaction().execute(async (tx) => {
      await tx.updateTable('ical_tokens').set({ revoked_at: now }).where('unit_id', '=', unit.id).where('revoked_at', 'is', null).execute();
      await recordAudit(tx, src, { action: 'ical.revoke', entityType: 'unit', entityId: unit.id, unitId: unit.id }, now);
    });
    return reply.status(204).send(null);
  });
}

/** The feed itself lives outside /api: calendar apps fetch it with the private token, no session. */
export function icalFeedRoute(root: App, deps: AppDeps) {
  root.get('/ical/:token', { config: { auth: 'public' }, schema: { hide: true, params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }) } }, async (req, reply) => {
    const body = await icalFeed(deps, req.params.token.replace(/\.ics$/, ''));
    if (body === null) throw new AppError('NOT_FOUND');
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
  });
}
