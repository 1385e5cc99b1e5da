import type { Executor } from '../db/database.js';
import type { AppDeps } from '../http/context.js';
import { notify } from '../notifications/notify.js';
import { recipients } from '../workflow/workflow.repository.js';
import { tanggal } from './format.js';

/** Tells the unit's operators and its Kanwil's verifikators about a new follow-up, in the creating transaction. */
export async function notifyFollowupCreated(
  tx: Executor,
  deps: Pick<AppDeps, 'config'>,
  f: { id: string; title: string; dueDate: string; unitPath: string; unitName: string; planTitle: string; agreementId: string | null },
  now: Date,
) {
  const to = [...(await recipients(tx, f.unitPath, ['operator'], true)), ...(await recipients(tx, f.unitPath, ['verifikator'], false))];
  await notify(
    tx,
    to,
    {
      event: 'followup_new',
      agreementId: f.agreementId,
      title: `Tindak lanjut supervisi untuk ${f.unitName}`,
      body: `${f.planTitle}: "${f.title}", tenggat ${tanggal(f.dueDate)}. Catat tanggapan dan unggah buktinya di P2MA.`,
      link: `/app/tindak-lanjut/${f.id}`,
    },
    now,
    deps.config.publicUrl,
  );
}

/** Tells the plan's team (except the one who answered, if on it) that a unit answered a follow-up. */
export async function notifyFollowupAnswered(
  tx: Executor,
  deps: Pick<AppDeps, 'config'>,
  f: { id: string; title: string; unitName: string; status: string; agreementId: string | null },
  team: { user_id: string; email: string | null }[],
  responderId: string,
  now: Date,
) {
  await notify(
    tx,
    team.filter((m) => m.user_id !== responderId).map((m) => ({ id: m.user_id, email: m.email })),
    {
      event: 'followup_answered',
      agreementId: f.agreementId,
      title: `${f.unitName} menanggapi tindak lanjut${f.status === 'done' ? ' (selesai)' : ''}`,
      body: `Tanggapan atas "${f.title}" dari ${f.unitName}. Periksa tanggapan dan buktinya di P2MA.`,
      link: `/app/tindak-lanjut/${f.id}`,
    },
    now,
    deps.config.publicUrl,
  );
}
