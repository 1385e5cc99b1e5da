import { sql } from 'kysely';
import type { AppDeps } from '../http/context.js';
import { todayIn } from '../shared/dates.js';

/**
 * The daily digest for users who chose "ringkasan harian": one mail with their undigested
 * notifications. Claimed once per day across instances through `scheduled_runs`.
 */
export async function sendDailyDigest(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const hourWib = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', hour12: false }).format(now));
  if (hourWib < deps.config.digestHour) return 0;
  const { db } = deps.database;
  const claimed = await db.insertInto('scheduled_runs').values({ name: 'digest', period: todayIn(now) }).onConflict((oc) => oc.doNothing()).returning('name').execute();
  if (!claimed.length) return 0;
  const rows = await sql<{ user_id: string; email: string | null; id: string; title: string; link: string }>`
    select n.user_id, u.email, n.id, n.title, n.link from notifications n
    join users u on u.id = n.user_id
    join notification_preferences p on p.user_id = n.user_id and p.event = n.event and p.channel = 'digest'
    where n.digest_sent_at is null and u.disabled_at is null
    order by n.user_id, n.created_at`.execute(db);
  const byUser = new Map<string, { email: string | null; items: { id: string; title: string; link: string }[] }>();
  for (const r of rows.rows) {
    const e = byUser.get(r.user_id) ?? { email: r.email, items: [] };
    e.items.push(r);
    byUser.set(r.user_id, e);
  }
  let mails = 0;
  for (const [, u] of byUser) {
    await db.transaction().execute(async (tx) => {
      if (u.email) {
        await tx
          .insertInto('mail_outbox')
          .values({
            to_address: u.email,
            subject: `[P2MA] Ringkasan harian: ${u.items.length} pemberitahuan`,
            body_text: `${u.items.map((i) => `- ${i.title}\n  ${deps.config.publicUrl}${i.link}`).join('\n')}\n\n--\nRingkasan harian P2MA. Atur di ${deps.config.publicUrl}/app/profil`,
            created_at: now,
            next_attempt_at: now,
          })
          .execute();
        mails++;
      }
      await tx.updateTable('notifications').set({ digest_sent_at: now }).where('id', 'in', u.items.map((i) => i.id)).execute();
    });
  }
  return mails;
}
