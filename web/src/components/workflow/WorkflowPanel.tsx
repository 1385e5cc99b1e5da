/**
 * Verifikasi dan publikasi on the detail page: the current stage with its label and a hint, and the actions the
 * server offers this user (`workflow.available`). Submitting and verifying act at once; returning, publishing,
 * keeping internal and withdrawing ask first. "Someone else acted first" reloads the agreement.
 */
import { useState } from 'react';
import { ApiError, api } from '../../api.js';
import { dictionaries, useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import type { AgreementDetail, DocumentInfo } from '../../registry.js';
import { TRANSITIONS, TRANSITION_PATH, normaliseTransition } from '../../workflow.js';
import type { TransitionName, WorkflowState } from '../../workflow.js';
import { ErrorAlert } from '../Feedback.js';
import { PublishDialog, ReasonDialog, ReturnDialog } from './WorkflowDialogs.js';
import { WorkflowBadge } from './WorkflowBadge.js';

export type RunTransition = (name: TransitionName, body?: Record<string, unknown>) => Promise<void>;

/** Someone else moved the agreement first (the server says ALREADY_PROCESSED; CONFLICT is accepted too). */
const CONFLICT_CODES = new Set(['ALREADY_PROCESSED', 'CONFLICT']);

/** Errors that mean "the agreement is not where you thought it was": reload instead of retrying. */
export function isStale(err: unknown): err is ApiError {
  return err instanceof ApiError && (CONFLICT_CODES.has(err.code) || err.code === 'TRANSITION_NOT_ALLOWED');
}

export function WorkflowPanel({
  a,
  documents,
  onChanged,
  onStale,
  onUploadPublicCopy,
}: {
  a: AgreementDetail;
  documents: readonly DocumentInfo[] | undefined;
  onChanged: (next: AgreementDetail, message: string) => void;
  /** The agreement moved on under us: show the message and reload (`fresh`: the agreement as it is now, when read). */
  onStale: (message: string, fresh?: AgreementDetail) => void;
  onUploadPublicCopy: () => void;
}) {
  const { t, dateTime } = useI18n();
  const [dialog, setDialog] = useState<TransitionName | null>(null);
  const [busy, setBusy] = useState<TransitionName | null>(null);
  const [error, setError] = useState<unknown>(null);

  const state: WorkflowState = a.workflow?.state ?? a.workflowState ?? 'draft';
  const offered = new Set((a.workflow?.available ?? []).map(normaliseTransition).filter((n): n is TransitionName => n !== null));
  const actions = TRANSITIONS.filter((n) => offered.has(n));
  const hasPublicCopy = (documents ?? []).some((d) => d.role === 'salinan_publik' && d.current && !d.reportId);
  const publishBlocked = documents !== undefined && !hasPublicCopy;
  const hintKey = `wf.hint.${state}`;
  const needsCopyError = error instanceof ApiError && error.code === 'PUBLIC_COPY_REQUIRED';

  /** Sends a transition; stale-state answers reload the page, other errors go back to the caller. */
  const run: RunTransition = async (name, body = {}) => {
    setError(null);
    try {
      const res = await api.post<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(a.id)}/${TRANSITION_PATH[name]}`, body);
      setDialog(null);
      onChanged(res.agreement, t(`wf.done.${name}`));
    } catch (err) {
      if (isStale(err)) {
        setDialog(null);
        await reportStale(err);
        return;
      }
      if (err instanceof ApiError && err.code === 'PUBLIC_COPY_REQUIRED') {
        setDialog(null);
        setError(err);
        return;
      }
      throw err;
    }
  };

  /**
   * The server answers TRANSITION_NOT_ALLOWED when the stage had already moved before the request (and
   * ALREADY_PROCESSED only for a true race): a stage that differs from the one on screen means someone else acted.
   */
  async function reportStale(err: ApiError): Promise<void> {
    const fresh = await api
      .get<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(a.id)}`)
      .then((r) => r.agreement)
      .catch(() => undefined);
    const now = fresh ? (fresh.workflow?.state ?? fresh.workflowState) : undefined;
    const message =
      CONFLICT_CODES.has(err.code) || (now && now !== state) ? t('wf.conflict') : err.message ? `${err.message} ${t('wf.reloaded')}` : t('wf.notAllowed');
    onStale(message, fresh);
  }

  async function direct(name: TransitionName) {
    setBusy(name);
    try {
      await run(name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  function click(name: TransitionName) {
    if (name === 'submit' || name === 'verify') void direct(name);
    else setDialog(name);
  }

  const tone = (name: TransitionName) =>
    name === 'submit' || name === 'verify' || name === 'publish' ? 'btn btn-primary' : name === 'return' || name === 'withdraw' ? 'btn btn-danger-outline' : 'btn';

  return (
    <section className="card workflow-panel" aria-labelledby="detail-workflow" data-testid="workflow-panel" data-state={state}>
      <h2 id="detail-workflow">{t('wf.title')}</h2>
      <p className="wf-current">
        <span className="muted">{t('wf.stateLabel')}:</span> <WorkflowBadge state={state} label={a.workflow?.stateLabel} />
        {a.workflow?.changedAt && <span className="muted small"> {t('wf.since', { date: dateTime(a.workflow.changedAt) })}</span>}
      </p>
      {hintKey in dictionaries.id && <p className="muted small">{t(hintKey as MessageKey)}</p>}
      {needsCopyError ? (
        <div className="alert alert-error" role="alert">
          <p>{error.message || t('wf.publishNeedsCopy')}</p>
          <button type="button" className="btn btn-small" onClick={onUploadPublicCopy}>
            {t('wf.uploadPublicCopy')}
          </button>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      {actions.length === 0 ? (
        <p className="small" data-testid="workflow-no-actions">
          {t('wf.noActions')}
        </p>
      ) : (
        <div className="wf-actions">
          {actions.map((name) => {
            const disabled = busy !== null || (name === 'publish' && publishBlocked);
            return (
              <button
                key={name}
                type="button"
                className={tone(name)}
                disabled={disabled}
                aria-describedby={name === 'publish' && publishBlocked ? 'wf-publish-blocked' : undefined}
                onClick={() => click(name)}
                data-testid={`wf-${name}`}
              >
                {busy === name ? t('wf.working') : t(`wf.action.${name}`)}
              </button>
            );
          })}
        </div>
      )}
      {offered.has('publish') && publishBlocked && (
        <p className="wf-blocked small" id="wf-publish-blocked" data-testid="publish-blocked">
          {t('wf.publishNeedsCopy')}{' '}
          <a
            href="#detail-documents"
            onClick={(e) => {
              e.preventDefault();
              onUploadPublicCopy();
            }}
            data-testid="upload-public-copy"
          >
            {t('wf.uploadPublicCopy')}
          </a>
        </p>
      )}
      {dialog === 'return' && <ReturnDialog a={a} documents={documents ?? []} run={run} onClose={() => setDialog(null)} />}
      {dialog === 'publish' && <PublishDialog run={run} onClose={() => setDialog(null)} />}
      {(dialog === 'keep_internal' || dialog === 'withdraw') && <ReasonDialog name={dialog} run={run} onClose={() => setDialog(null)} />}
    </section>
  );
}
