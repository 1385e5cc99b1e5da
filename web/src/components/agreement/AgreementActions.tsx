/**
 * Actions on one agreement by role: edit (not while the unit's record is with the verifier), renew (POST /renew
 * makes a linked draft; its form opens), terminate early (date + reason), move to the trash.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { setFlash } from '../../flash.js';
import { useI18n } from '../../i18n.js';
import type { AgreementDetail } from '../../registry.js';
import { Link, navigate } from '../../router.js';
import { today } from '../../units.js';
import { Dialog } from '../Dialog.js';
import { Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';
import { DateInput } from '../form/DateInput.js';

export function AgreementActions({
  a,
  canEdit,
  onChanged,
  onError,
}: {
  a: AgreementDetail;
  canEdit: boolean;
  onChanged: (a: AgreementDetail) => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<'terminate' | 'delete' | null>(null);
  const [renewing, setRenewing] = useState(false);
  const canTerminate = !!a.signingDate && a.status !== 'diakhiri';

  async function renew() {
    setRenewing(true);
    onError(null);
    try {
      const res = await api.post<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(a.id)}/renew`, {});
      setFlash(t('renew.created'));
      navigate(`/kerja-sama/${res.agreement.id}/ubah`);
    } catch (err) {
      onError(err);
      setRenewing(false);
    }
  }

  return (
    <>
      {canEdit && (
        <Link to={`/kerja-sama/${a.id}/ubah`} className="btn btn-primary" data-testid="edit-agreement">
          {t('common.edit')}
        </Link>
      )}
      {a.signingDate && (
        <button type="button" className="btn" disabled={renewing} onClick={() => void renew()} data-testid="renew-agreement">
          {renewing ? t('renew.working') : t('detail.renew')}
        </button>
      )}
      {canTerminate && (
        <button type="button" className="btn" onClick={() => setDialog('terminate')} data-testid="terminate-agreement">
          {t('detail.terminate')}
        </button>
      )}
      <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('delete')} data-testid="delete-agreement">
        {t('detail.delete')}
      </button>
      {dialog === 'terminate' && (
        <TerminateDialog
          a={a}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            setDialog(null);
            onChanged(updated);
          }}
        />
      )}
      {dialog === 'delete' && <DeleteDialog a={a} onClose={() => setDialog(null)} />}
    </>
  );
}

function TerminateDialog({ a, onClose, onDone }: { a: AgreementDetail; onClose: () => void; onDone: (a: AgreementDetail) => void }) {
  const { t } = useI18n();
  const [on, setOn] = useState(today());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(a.id)}/terminate`, { terminatedOn: on, reason: reason.trim() });
      onDone(res.agreement);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('detail.terminateTitle')} onClose={onClose} testId="terminate-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p>{t('detail.terminateIntro')}</p>
        <ErrorAlert error={error} shownFields={['terminatedOn', 'reason']} />
        <Field label={t('detail.terminatedOn')} error={fieldError('terminatedOn')}>
          {(p) => <DateInput control={p} value={on} min={a.signingDate ?? undefined} onChange={setOn} required />}
        </Field>
        <Field label={t('detail.terminationReason')} error={fieldError('reason')} hint={t('detail.terminationReasonHint')}>
          {(p) => <textarea {...p} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? t('common.saving') : t('detail.terminateSubmit')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ a, onClose }: { a: AgreementDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/agreements/${encodeURIComponent(a.id)}`);
      setFlash(t('detail.deleted', { title: a.title }));
      navigate('/kerja-sama');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('detail.deleteTitle')} onClose={onClose} testId="delete-dialog">
      <p>{t('detail.deleteConfirm', { title: a.title })}</p>
      <p className="muted small">{t('detail.deleteNote')}</p>
      <ErrorAlert error={error} />
      <div className="form-actions">
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void confirm()} data-testid="delete-confirm">
          {t('detail.deleteYes')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
