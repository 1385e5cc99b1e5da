import crypto from 'node:crypto';
import type { Res, Session, TestApp } from './app.js';
import { unitIdByCode } from './app.js';

/**
 * An agreement row written straight to the database, with only the columns the schema requires: tests of
 * other features need agreements before (and independently of) the agreements API.
 */
export async function insertAgreement(t: TestApp, opts: { unitCode: string; title?: string; kindCode?: string }): Promise<string> {
  const unitId = await unitIdByCode(t, opts.unitCode);
  const row = await t.deps.database.db
    .insertInto('agreements')
    .values({ unit_id: unitId, kind_code: opts.kindCode ?? 'pks', title: opts.title ?? `PKS uji ${crypto.randomUUID().slice(0, 8)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface FilePart {
  filename: string;
  content: Buffer;
  /** What the browser claims; the server ignores it and sniffs the bytes. */
  contentType?: string;
}

/** A multipart/form-data body: the fields first (the server reads them before the file), then the file. */
export function multipartBody(fields: Record<string, string>, file?: FilePart): { body: Buffer; contentType: string } {
  const boundary = `----p2ma${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file as a signed-in user (cookie + CSRF), like the web app's form does. */
export async function uploadDocument(t: TestApp, s: Session, agreementId: string, fields: Record<string, string>, file?: FilePart): Promise<Res> {
  const { body, contentType } = multipartBody(fields, file);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/agreements/${agreementId}/documents`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType },
    payload: body,
  });
  let parsed: unknown = res.body;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, body: parsed, headers: res.headers };
}
