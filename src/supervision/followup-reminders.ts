import type { AppDeps } from '../http/context.js';
import { notify } from '../notifications/notify.js';
import { todayIn } from '../shared/dates.js';
import { recipients } from '../workflow/workflow.repository.js';
import { tanggal } from './format.js';
import * as repo from './followup.repository.js';

/**
 * Reminds the unit's operators and its Kanwil's verifikators of every follow-up past its due date and not done,
 * once per follow-up per day: the (follow-up, day) row and the notification are written in one transaction, and
 * ON CONFLICT DO NOTHING picks the single sender across instances.
 */
export async function sendOverdueFollowupReminders(deps: AppDeps): Promise<number> {
  const { db } = deps.database;
  const today = todayIn(deps.now());
  const due = await repo.overdueFollowups(db, today);
  let sent = 0;
  for (const f of due) {
    await db.transaction().execute(async (tx) => {
      if (!(await repo.claimReminder(tx, f.id, today, deps.now()))) return;
      const to = [...(await recipients(tx, f.unit_path, ['operator'], true)), ...(await recipients(tx, f.unit_path, ['verifikator'], false))];
      const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${f.due_date}T00:00:00Z`)) / 86_400_000);
      await notify(
        tx,
        to,
        {
          event: 'followup_overdue',
          agreementId: f.agreement_id,
          title: `Tindak lanjut supervisi lewat ${days} hari: ${f.unit_name}`,
          body: `Tindak lanjut "${f.title}" dari ${f.plan_title} untuk ${f.unit_name} bertenggat ${tanggal(f.due_date)} dan belum selesai. Catat tanggapan dan unggah buktinya di P2MA.`,
          link: `/app/tindak-lanjut/${f.id}`,
        },
        deps.now(),
        deps.config.publicUrl,
      );
      sent++;
    });
  }
  return sent;
}
