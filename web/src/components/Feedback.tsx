/** Loading, empty, error and success messages. */
import type { ReactNode } from 'react';
import { ApiError, fieldMatches } from '../api.js';
import { useI18n } from '../i18n.js';
import type { I18n } from '../i18n.js';

export function errorText(err: unknown, i18n: Pick<I18n, 't'>): string {
  if (err instanceof ApiError) {
    if (err.message) return err.message;
    if (err.code === 'NETWORK_ERROR') return i18n.t('error.network');
  }
  return i18n.t('error.generic');
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="empty">{children ?? t('common.empty')}</p>;
}

/**
 * The alert region of a form or page. Always rendered (so screen readers announce changes);
 * empty when there is nothing to say. Field errors the form does not show next to a field are listed here.
 */
export function ErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: readonly string[] }) {
  const i18n = useI18n();
  const extra =
    error instanceof ApiError
      ? error.fields.filter((f) => !shownFields.some((name) => fieldMatches(f.path, name)))
      : [];
  return (
    <div role="alert" className={error ? 'alert alert-error' : 'alert-empty'}>
      {error ? (
        <>
          <p>{errorText(error, i18n)}</p>
          {extra.length > 0 && (
            <ul>
              {extra.map((f, i) => (
                <li key={i}>
                  {f.path ? `${f.path}: ` : ''}
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}

export function Notice({ children, onDismiss }: { children: ReactNode; onDismiss?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-success" role="status">
      <div className="alert-body">{children}</div>
      {onDismiss && (
        <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
          {t('common.close')}
        </button>
      )}
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'muted' | 'warn' | 'ok'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
