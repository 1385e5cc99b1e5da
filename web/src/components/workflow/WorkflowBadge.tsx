import { dictionaries, useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';

/** The workflow stage's name in the current language (the server's Indonesian label when the stage is new to the app). */
export function useStateLabel(): (state: string, fallback?: string) => string {
  const { t } = useI18n();
  return (state, fallback) => {
    const key = `wf.state.${state}`;
    return key in dictionaries.id ? t(key as MessageKey) : (fallback ?? state);
  };
}

/** The agreement's workflow stage as a pill with an icon and its name (never colour alone). */
export function WorkflowBadge({ state, label }: { state: string; label?: string }) {
  const stateLabel = useStateLabel();
  return (
    <span className={`wf-badge wf-${state}`} data-workflow-state={state} data-testid="workflow-badge">
      <span className="wf-icon" aria-hidden="true" />
      {stateLabel(state, label)}
    </span>
  );
}
