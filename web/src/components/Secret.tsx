import { useState } from 'react';
import { useI18n } from '../i18n.js';

/** A one-time value (temporary password, API token, TOTP secret) shown as selectable text with a copy button. */
export function Secret({ value, label }: { value: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="secret">
      <span className="secret-label">{label}</span>
      <code className="secret-value" data-testid="secret-value">
        {value}
      </code>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {copied ? t('common.copied') : t('common.copy')}
      </button>
    </div>
  );
}
