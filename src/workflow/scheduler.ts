import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../http/context.js';
import { sendDailyDigest } from '../notifications/digest.js';
import { sendDueMail } from '../notifications/mailer.js';
import { sendDueReminders } from './reminders.js';
import { sendOverdueFollowupReminders } from '../supervision/followup-reminders.js';
import { refreshStatistics } from '../db/maintenance.js';
import { refreshFigures } from '../monitoring/monitoring.service.js';

/**
 * Periodic work of the server: expiry reminders, the daily digest, the mail outbox. Every step is
 * safe to run on several instances at once (unique keys and SKIP LOCKED decide who does what).
 */
export function startScheduler(deps: AppDeps, log: FastifyBaseLogger): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const [name, step] of [['reminders', sendDueReminders], ['followups', sendOverdueFollowupReminders], ['digest', sendDailyDigest], ['mail', sendDueMail], ['statistics', refreshStatistics], ['overview', refreshFigures]] as const) {
        try {
          await step(deps);
        } catch (err) {
          log.warn({ err, step: name }, 'scheduled step failed; retried next tick');
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, deps.config.schedulerIntervalSeconds * 1000);
  timer.unref();
  setTimeout(tick, 2000).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
