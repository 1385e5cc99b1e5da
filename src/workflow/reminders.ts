import { sql } from 'kysely';
import type { AppDeps } from '../http/context.js';
import { notify } from '../notifications/notify.js';
import { addDays, todayIn } from '../shared/dates.js';
import * as repo from './workflow.repository.js';

/**
 * Sends every expiry reminder that is due and not yet sent. A reminder is the row (agreement,
 * offset, end date) in `expiry_reminders`: inserting it and notifying happen in one transaction, and
 * ON CONFLICT DO NOTHING decides the single winner, so each goes out exactly once — also across
 * instances, and also when the server was down over the due day (the next run catches up; missed
 * offsets of one agreement are folded into one message).
 */
export async function sendDueReminders(deps: AppDeps): Promise<number> {
  const offsets = deps.config.reminderOffsets;
  if (!offsets.length) return 0;
  const { db } = deps.database;
  const today = todayIn(deps.now());
  const horizon = addDays(today, Math.max(...offsets));
  const candidates = await db
    .selectFrom('agreements')
    .innerJoin('units', 'units.id', 'agreements.unit_id')
    .select(['agreements.id', 'agreements.title', 'agreements.end_date', 'units.path as unit_path', 'units.name as unit_name'])
    .where('agreements.deleted_at', 'is', null)
    .where('agreements.signing_date', 'is not', null)
    .where('agreements.terminated_on', 'is', null)
    .where('agreements.end_date', '>=', today)
    .where('agreements.end_date', '<=', horizon)
    .where(sql<boolean>`agreements.id not in (select r.renews_id from agreements r where r.renews_id is not null and r.deleted_at is null)`)
    .execute();
  let sent = 0;
  for (const a of candidates) {
    const end = a.end_date!;
    const due = offsets.filter((o) => addDays(end, -o) <= today);
    if (!due.length) continue;
    await db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('expiry_reminders')
        .values(due.map((o) => ({ agreement_id: a.id, offset_days: o, end_date: end })))
        .onConflict((oc) => oc.doNothing())
        .returning('offset_days')
        .execute();
      if (!inserted.length) return;
      const daysLeft = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      const recipients = [...(await repo.recipients(tx, a.unit_path, ['operator'], true)), ...(await repo.recipients(tx, a.unit_path, ['verifikator'], false))];
      const when = daysLeft === 0 ? 'berakhir hari ini' : `berakhir dalam ${daysLeft} hari`;
      await notify(
        tx,
        recipients,
        {
          event: 'reminder',
          agreementId: a.id,
          title: `Pengingat: ${a.title.slice(0, 80)} ${when}`,
          body: `Naskah "${a.title}" (${a.unit_name}) ${when}, pada ${end}. Putuskan perpanjangan atau pengakhiran, lalu catat di P2MA.`,
          link: `/app/kerja-sama/${a.id}`,
        },
        deps.now(),
        deps.config.publicUrl,
      );
      sent++;
    });
  }
  return sent;
}
