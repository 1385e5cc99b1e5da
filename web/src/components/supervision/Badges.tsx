/** Supervision status pills: the plan's stage and a follow-up's state (text always says it; colour only helps). */
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import type { FollowupStatus, PlanStatus } from '../../supervision/types.js';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <span className={`sv-status sv-status-${status}`} data-testid="plan-status" data-status={status}>
      {t(`sv.status.${status}` as MessageKey)}
    </span>
  );
}

export function FollowupStatusBadge({ status, overdue }: { status: FollowupStatus; overdue: boolean }) {
  const { t } = useI18n();
  return (
    <span data-testid="followup-status" data-status={status}>
      <span className={`badge ${status === 'done' ? 'badge-ok' : status === 'in_progress' ? 'badge-neutral' : 'badge-warn'}`}>{t(`sv.fu.${status}` as MessageKey)}</span>
      {overdue && <span className="badge fu-overdue">{t('sv.fu.overdue')}</span>}
    </span>
  );
}
