import { useI18n } from '../i18n.js';

/** The agreement's status as a coloured pill with its name (colour is never the only signal). */
export function StatusBadge({ status }: { status: string }) {
  const { statusLabel } = useI18n();
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
