import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { AppDeps } from '../http/context.js';

/** Backoff after the n-th failure: 1, 5, 15, 60 minutes, then every 3 hours. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180];
const MAX_ATTEMPTS = 20;

export function mailConfigured(deps: AppDeps): boolean {
  return deps.config.mail.host !== null;
}

/**
 * Sends what is due in the outbox. Rows are claimed with SKIP LOCKED (several instances never send the
 * same mail) and a failed send is retried later; the action that queued the mail has long succeeded.
 */
export async function sendDueMail(deps: AppDeps, batch = 20): Promise<{ sent: number; failed: number }> {
  if (!mailConfigured(deps)) return { sent: 0, failed: 0 };
  const m = deps.config.mail;
  const transport = nodemailer.createTransport({
    host: m.host!,
    port: m.port,
    secure: m.secure,
    ...(m.user ? { auth: { user: m.user, pass: m.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: { rejectUnauthorized: deps.config.production },
  });
  let sent = 0;
  let failed = 0;
  try {
    for (;;) {
      const now = deps.now();
      // Claim a batch with a 10-minute lease in a short transaction, then talk to SMTP outside it: a slow
      // mail server must never hold database locks (on PGlite it would stall every request).
      const claimed = await sql<{ id: string; to_address: string; subject: string; body_text: string; attempts: number }>`
        update mail_outbox set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + 10 * 60_000)}
        where id in (
          select id from mail_outbox
          where sent_at is null and next_attempt_at <= ${now} and attempts < ${MAX_ATTEMPTS}
          order by next_attempt_at limit ${batch} for update skip locked)
        returning id, to_address, subject, body_text, attempts`.execute(deps.database.db);
      for (const r of claimed.rows) {
        try {
          await transport.sendMail({ from: m.from, to: r.to_address, subject: r.subject, text: r.body_text });
          await deps.database.db.updateTable('mail_outbox').set({ sent_at: deps.now(), last_error: null }).where('id', '=', r.id).execute();
          sent++;
        } catch (err) {
          const wait = BACKOFF_MINUTES[Math.min(r.attempts - 1, BACKOFF_MINUTES.length - 1)]!;
          await deps.database.db
            .updateTable('mail_outbox')
            .set({ last_error: (err as Error).message.slice(0, 500), next_attempt_at: new Date(deps.now().getTime() + wait * 60_000) })
            .where('id', '=', r.id)
            .execute();
          failed++;
        }
      }
      if (claimed.rows.length < batch) break;
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
