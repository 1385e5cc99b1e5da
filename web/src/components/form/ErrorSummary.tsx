/**
 * The top-of-form summary after a failed save: the server's message and every field problem, each linking to
 * its field. It takes focus when it appears so keyboard and screen reader users land on it.
 */
import { useEffect, useRef } from 'react';
import { ApiError, fieldMatches } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { errorText } from '../Feedback.js';

export interface SummaryField {
  /** API path prefix, e.g. "title" or "signatories". */
  name: string;
  label: string;
  /** The id of the control to focus. */
  target: string;
}

export function ErrorSummary({ error, fields }: { error: unknown; fields: readonly SummaryField[] }) {
  const i18n = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);

  if (!error) return <div role="alert" className="alert-empty" />;
  const problems = error instanceof ApiError ? error.fields : [];
  return (
    <div role="alert" className="alert alert-error error-summary" tabIndex={-1} ref={ref} data-testid="error-summary">
      <p>
        <strong>{errorText(error, i18n)}</strong>
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => {
            const f = fields.find((x) => fieldMatches(p.path, x.name));
            return (
              <li key={i}>
                {f ? (
                  <a
                    href={`#${f.target}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const el = document.getElementById(f.target);
                      el?.focus();
                      el?.scrollIntoView({ block: 'center' });
                    }}
                  >
                    {f.label}
                  </a>
                ) : (
                  <span>{p.path}</span>
                )}
                : {p.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
