import type { Executor } from '../db/database.js';
import * as repo from './notification.repository.js';

/** The events a user can be told about, with the label shown in preferences. */
export const EVENTS = {
  submitted: 'Naskah diajukan ke Kanwil',
  returned: 'Pengajuan dikembalikan',
  verified: 'Naskah diverifikasi',
  published: 'Naskah diterbitkan',
  kept_internal: 'Naskah ditetapkan internal',
  withdrawn: 'Publikasi ditarik',
  comment: 'Komentar baru',
  reminder: 'Pengingat masa berakhir',
  followup_new: 'Tindak lanjut supervisi baru',
  followup_answered: 'Tanggapan atas tindak lanjut supervisi',
  followup_overdue: 'Tindak lanjut supervisi melewati tenggat',
} as const;
export type NotificationEvent = keyof typeof EVENTS;

export interface Recipient {
  id: string;
  email: string | null;
}

export interface Message {
  event: NotificationEvent;
  agreementId: string | null;
  title: string;
  body: string;
  /** A path in the staff app, e.g. /app/kerja-sama/{id}. */
  link: string;
}

/**
 * Records an in-app notification for each recipient and, for those who chose immediate e-mail (the
 * default), queues a mail in the outbox — in the caller's transaction, so a notification exists
 * exactly when the event does. Digest readers get it in the daily digest instead.
 */
export async function notify(tx: Executor, recipients: Recipient[], msg: Message, now: Date, publicUrl: string): Promise<void> {
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
  if (!unique.length) return;
  const prefs = await repo.preferencesOf(tx, unique.map((r) => r.id));
  const channel = (userId: string) => prefs.find((p) => p.user_id === userId && p.event === msg.event)?.channel ?? 'email';
  await repo.insertNotifications(
    tx,
    unique.filter((r) => channel(r.id) !== 'none').map((r) => ({ user_id: r.id, event: msg.event, agreement_id: msg.agreementId, title: msg.title, body: msg.body, link: msg.link, created_at: now })),
  );
  await repo.queueMails(
    tx,
    unique
      .filter((r) => r.email && channel(r.id) === 'email')
      .map((r) => ({
        to_address: r.email!,
        subject: `[P2MA] ${msg.title}`,
        body_text: `${msg.body}\n\nBuka: ${publicUrl}${msg.link}\n\n--\nPesan otomatis P2MA. Atur pemberitahuan di ${publicUrl}/app/profil`,
        created_at: now,
        next_attempt_at: now,
      })),
  );
}
