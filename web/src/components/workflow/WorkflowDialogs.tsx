/**
 * The workflow steps that ask first: return (an overall reason plus optional notes on fields or files), publish
 * (a confirmation), keep internal and withdraw (a reason; keeping internal names UU 14/2008 Pasal 17).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { AgreementDetail, DocumentInfo } from '../../registry.js';
import { NOTE_FIELDS } from '../../workflow.js';
import type { ReturnDetail } from '../../workflow.js';
import { Dialog } from '../Dialog.js';
import { Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';
import type { RunTransition } from './WorkflowPanel.js';

function useSend(run: RunTransition) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function send(name: Parameters<RunTransition>[0], body?: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run(name, body);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);
  /** A reason is required: say so before asking the server. */
  const needReason = (reason: string, message: string) => {
    if (reason.trim()) return false;
    setError(new ApiError(400, 'VALIDATION_FAILED', message, [{ path: 'reason', message }]));
    return true;
  };
  return { error, busy, send, fieldError, needReason };
}

interface NoteDraft {
  key: number;
  /** "" (general), "field:title" or "doc:{id}". */
  target: string;
  message: string;
}

let nextKey = 1;

export function ReturnDialog({ a, documents, run, onClose }: { a: AgreementDetail; documents: readonly DocumentInfo[]; run: RunTransition; onClose: () => void }) {
  const { t } = useI18n();
  const { error, busy, send, fieldError, needReason } = useSend(run);
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState<NoteDraft[]>([]);
  const files = documents.filter((d) => !d.reportId && d.current);

  // Server errors name a note by its index among those sent (empty ones are left out).
  const sent = notes.filter((n) => n.message.trim()).map((n) => n.key);
  const noteError = (key: number) => (sent.includes(key) ? fieldError(`details.${sent.indexOf(key)}`) : undefined);
  const setNote = (key: number, patch: Partial<NoteDraft>) => setNotes((ns) => ns.map((n) => (n.key === key ? { ...n, ...patch } : n)));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (needReason(reason, t('wf.reasonRequired'))) return;
    const details: ReturnDetail[] = notes
      .filter((n) => n.message.trim())
      .map((n) => {
        const message = n.message.trim();
        if (n.target.startsWith('field:')) return { field: n.target.slice(6), message };
        if (n.target.startsWith('doc:')) return { documentId: n.target.slice(4), message };
        return { message };
      });
    void send('return', { reason: reason.trim(), ...(details.length ? { details } : {}) });
  }

  return (
    <Dialog title={t('wf.returnTitle')} onClose={onClose} wide testId="return-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted">{t('wf.returnIntro')}</p>
        <ErrorAlert error={error} shownFields={['reason', 'details']} />
        <Field label={t('wf.reason')} id="wf-return-reason" error={fieldError('reason')} hint={t('wf.returnReasonHint')}>
          {(p) => <textarea {...p} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="return-reason" />}
        </Field>
        <fieldset className="form-section return-notes">
          <legend>{t('wf.returnNotes')}</legend>
          {notes.map((n, i) => (
            <div key={n.key} className="return-note" data-testid="return-note">
              <Field label={t('wf.noteTarget')} className="return-note-target">
                {(p) => (
                  <select {...p} value={n.target} onChange={(e) => setNote(n.key, { target: e.target.value })} data-testid="return-note-target">
                    <option value="">{t('wf.noteGeneral')}</option>
                    <optgroup label={t('wf.noteFields')}>
                      {NOTE_FIELDS.map(([name, label]) => (
                        <option key={name} value={`field:${name}`}>
                          {t(label)}
                        </option>
                      ))}
                    </optgroup>
                    {files.length > 0 && (
                      <optgroup label={t('wf.noteDocuments')}>
                        {files.map((d) => (
                          <option key={d.id} value={`doc:${d.id}`}>
                            {t(`docRole.${d.role}`)}: {d.filename}
                          </option>
                        ))}
                      </optgroup>
                    )}
                  </select>
                )}
              </Field>
              <Field label={t('wf.noteMessage')} className="return-note-message" error={noteError(n.key)}>
                {(p) => <input {...p} value={n.message} onChange={(e) => setNote(n.key, { message: e.target.value })} data-testid="return-note-message" />}
              </Field>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setNotes((ns) => ns.filter((x) => x.key !== n.key))} aria-label={t('wf.removeNote', { n: i + 1 })}>
                {t('form.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={() => setNotes((ns) => [...ns, { key: nextKey++, target: '', message: '' }])} data-testid="return-add-note">
            {t('wf.addNote')}
          </button>
        </fieldset>
        <p className="small muted">{a.title}</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" disabled={busy} data-testid="return-submit">
            {busy ? t('wf.working') : t('wf.returnSubmit')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ReasonDialog({ name, run, onClose }: { name: 'keep_internal' | 'withdraw'; run: RunTransition; onClose: () => void }) {
  const { t } = useI18n();
  const { error, busy, send, fieldError, needReason } = useSend(run);
  const [reason, setReason] = useState('');
  const keep = name === 'keep_internal';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (needReason(reason, t('wf.reasonRequired'))) return;
    void send(name, { reason: reason.trim() });
  }

  return (
    <Dialog title={keep ? t('wf.keepTitle') : t('wf.withdrawTitle')} onClose={onClose} testId={`${name}-dialog`}>
      <form className="form" onSubmit={submit} noValidate>
        <p>{keep ? t('wf.keepIntro') : t('wf.withdrawIntro')}</p>
        <ErrorAlert error={error} shownFields={['reason']} />
        <Field label={t('wf.reason')} error={fieldError('reason')} hint={keep ? t('wf.keepReasonHint') : t('wf.withdrawReasonHint')}>
          {(p) => <textarea {...p} required rows={4} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="transition-reason" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className={keep ? 'btn btn-primary' : 'btn btn-danger'} disabled={busy} data-testid="transition-submit">
            {busy ? t('wf.working') : keep ? t('wf.keepSubmit') : t('wf.withdrawSubmit')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function PublishDialog({ run, onClose }: { run: RunTransition; onClose: () => void }) {
  const { t } = useI18n();
  const { error, busy, send } = useSend(run);
  return (
    <Dialog title={t('wf.publishTitle')} onClose={onClose} testId="publish-dialog">
      <p>{t('wf.publishIntro')}</p>
      <ErrorAlert error={error} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send('publish')} data-testid="publish-confirm">
          {busy ? t('wf.working') : t('wf.publishYes')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
