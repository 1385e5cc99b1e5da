import type { Executor } from '../db/database.js';

export function preferencesOf(db: Executor, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute();
}

export async function insertNotifications(db: Executor, rows: { user_id: string; event: string; agreement_id: string | null; title: string; body: string; link: string; created_at: Date }[]) {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

export async function queueMails(db: Executor, rows: { to_address: string; subject: string; body_text: string; created_at: Date; next_attempt_at: Date }[]) {
  if (rows.length) await db.insertInto('mail_outbox').values(rows).execute();
}

export async function listFor(db: Executor, userId: string, unreadOnly: boolean, page: number, pageSize: number) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, total, unread] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), unread: Number(unread.n) };
}

export async function markRead(db: Executor, userId: string, id: string | null, now: Date) {
  let q = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function setPreferences(db: Executor, userId: string, prefs: { event: string; channel: 'email' | 'digest' | 'none' }[]) {
  for (const p of prefs) {
    await db
      .insertInto('notification_preferences')
      .values({ user_id: userId, event: p.event, channel: p.channel })
      .onConflict((oc) => oc.columns(['user_id', 'event']).doUpdateSet({ channel: p.channel }))
      .execute();
  }
}
