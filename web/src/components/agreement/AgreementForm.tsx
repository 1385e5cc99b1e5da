/**
 * The agreement form (new, edit, renewal). Server validation errors appear next to each field and in a
 * summary at the top that takes focus; a duplicate first-party number is warned about while typing and
 * can be confirmed ("tetap simpan" sends confirmDuplicateNumber). A returned agreement shows the verifier's
 * reasons above the form and each field note next to its field until that field is changed.
 */
import { useEffect, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ApiError, api } from '../../api.js';
import { useDebounced } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { AgreementDetail, DocumentInfo, Lists } from '../../registry.js';
import type { Unit } from '../../types.js';
import type { TimelineEvent } from '../../workflow.js';
import { ReturnedNotice } from '../workflow/ReturnedNotice.js';
import { ErrorSummary } from '../form/ErrorSummary.js';
import type { SummaryField } from '../form/ErrorSummary.js';
import { ContentSection } from './ContentSection.js';
import { toBody } from './form-state.js';
import type { FormState } from './form-state.js';
import { IdentitySection } from './IdentitySection.js';
import { PartiesSection } from './PartiesSection.js';
import { RelationsSection } from './RelationsSection.js';
import { TimeSection } from './TimeSection.js';

/** Form state keys behind an API field name, where they differ. */
const NOTE_KEYS: Partial<Record<string, (keyof FormState)[]>> = {
  partnerIds: ['partners'],
  endDate: ['endDate', 'duration', 'endMode'],
  duration: ['endDate', 'duration', 'endMode'],
};

export function AgreementForm({
  initial,
  agreementId,
  units,
  lists,
  onSaved,
  onCancel,
  returned = null,
  returnedDocuments,
  assist,
}: {
  initial: FormState;
  /** Set when editing. */
  agreementId?: string;
  units: readonly Unit[];
  lists: Lists | undefined;
  onSaved: (agreement: AgreementDetail) => void;
  onCancel: () => void;
  /** The latest return, while the agreement is returned. */
  returned?: TimelineEvent | null;
  /** The agreement's files, to name those the notes point at. */
  returnedDocuments?: readonly DocumentInfo[];
  /** Help shown above the fields that may fill them (suggestions read from the signed document). */
  assist?: (form: FormState, setForm: (next: FormState) => void) => ReactNode;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<FormState>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [duplicate, setDuplicate] = useState<{ id: string; title: string } | null>(null);
  const [confirmDuplicate, setConfirmDuplicate] = useState(false);
  const number = useDebounced(form.numberFirst.trim(), 400);

  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  // A duplicate number is explained by the message and the "save anyway" button; its field note only names an id.
  const serverDuplicate = error instanceof ApiError && error.code === 'DUPLICATE_NUMBER';
  const shownError = useMemo(() => (error instanceof ApiError && error.code === 'DUPLICATE_NUMBER' ? new ApiError(error.status, error.code, error.message) : error), [error]);
  const serverFieldError = (name: string) => (shownError instanceof ApiError ? shownError.fieldMessage(name) : undefined);
  // The verifier's note on a field stays next to it until the field is changed.
  const noteFor = (name: string) => {
    const note = returned?.details?.find((d) => d.field === name);
    if (!note) return undefined;
    const keys = NOTE_KEYS[name] ?? [name as keyof FormState];
    const changed = keys.some((k) => JSON.stringify(form[k]) !== JSON.stringify(initial[k]));
    return changed ? undefined : t('wf.fieldNote', { message: note.message });
  };
  const fieldError = (name: string) => serverFieldError(name) ?? noteFor(name);

  // Live duplicate check of the first-party number within the unit.
  useEffect(() => {
    setConfirmDuplicate(false);
    if (!number || !form.unitId || (agreementId && number === (initial.numberFirst ?? '').trim() && form.unitId === initial.unitId)) {
      setDuplicate(null);
      return;
    }
    const ctrl = new AbortController();
    api
      .get<{ duplicate: { id: string; title: string } | null }>('/agreements/check-number', { unitId: form.unitId, number, exceptId: agreementId }, ctrl.signal)
      .then((r) => !ctrl.signal.aborted && setDuplicate(r.duplicate))
      .catch(() => !ctrl.signal.aborted && setDuplicate(null));
    return () => ctrl.abort();
  }, [number, form.unitId, agreementId, initial.numberFirst, initial.unitId]);

  async function save(confirm: boolean) {
    setBusy(true);
    setError(null);
    try {
      const body: Partial<ReturnType<typeof toBody>> = toBody(form, confirm);
      // The server re-checks the number whenever it is sent: an unchanged number (perhaps confirmed as a
      // duplicate when it was recorded) is left out of the edit.
      if (agreementId && form.numberFirst.trim() === initial.numberFirst.trim() && form.unitId === initial.unitId) {
        delete body.numberFirst;
        delete body.unitId;
      }
      const res = agreementId
        ? await api.patch<{ agreement: AgreementDetail }>(`/agreements/${encodeURIComponent(agreementId)}`, body)
        : await api.post<{ agreement: AgreementDetail }>('/agreements', body);
      onSaved(res.agreement);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(confirmDuplicate);
  }

  const summaryFields: SummaryField[] = [
    { name: 'kindCode', label: t('agreement.kind'), target: 'af-kind' },
    { name: 'title', label: t('agreement.title'), target: 'af-title' },
    { name: 'numberFirst', label: t('agreement.numberFirst'), target: 'af-number-first' },
    { name: 'numberSecond', label: t('agreement.numberSecond'), target: 'af-number-second' },
    { name: 'unitId', label: t('form.unit'), target: 'af-unit' },
    { name: 'partnerIds', label: t('agreement.partners'), target: 'af-partner' },
    { name: 'signatories', label: t('form.signatories'), target: 'af-signatories' },
    { name: 'signingPlace', label: t('agreement.signingPlace'), target: 'af-signing-place' },
    { name: 'signingDate', label: t('agreement.signingDate'), target: 'af-signing-date' },
    { name: 'startDate', label: t('agreement.startDate'), target: 'af-start-date' },
    { name: 'endDate', label: t('agreement.endDate'), target: form.endMode === 'date' ? 'af-end-date' : 'af-duration' },
    { name: 'duration', label: t('agreement.duration'), target: form.endMode === 'duration' ? 'af-duration' : 'af-end-date' },
    { name: 'scopeCodes', label: t('agreement.scopes'), target: 'af-scopes' },
    { name: 'scopeOther', label: t('agreement.scopeOther'), target: 'af-scope-other' },
    { name: 'purpose', label: t('agreement.purpose'), target: 'af-purpose' },
    { name: 'background', label: t('agreement.background'), target: 'af-background' },
    { name: 'financing', label: t('agreement.financing'), target: 'af-financing' },
    { name: 'confidentialityReason', label: t('agreement.confidentialityReason'), target: 'af-confidentiality-reason' },
    { name: 'parentId', label: t('form.parent'), target: 'af-parent' },
    { name: 'amendsId', label: t('form.amends'), target: 'af-amends' },
    { name: 'renewsId', label: t('form.renews'), target: 'af-renews' },
  ];

  return (
    <form className="form agreement-form" onSubmit={submit} noValidate data-testid="agreement-form">
      {returned && <ReturnedNotice event={returned} documents={returnedDocuments} fieldTarget={(name) => summaryFields.find((f) => f.name === name)?.target} />}
      <ErrorSummary error={shownError} fields={summaryFields} />
      {assist?.(form, setForm)}
      {serverDuplicate && (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save(true)} data-testid="save-anyway">
            {t('form.saveAnyway')}
          </button>
        </div>
      )}
      <IdentitySection form={form} set={set} fieldError={fieldError} lists={lists} duplicate={duplicate} confirmDuplicate={confirmDuplicate} onConfirmDuplicate={setConfirmDuplicate} />
      <PartiesSection form={form} set={set} fieldError={fieldError} units={units} lists={lists} />
      <TimeSection form={form} set={set} fieldError={fieldError} />
      <ContentSection form={form} set={set} fieldError={fieldError} lists={lists} />
      <RelationsSection form={form} set={set} fieldError={fieldError} selfId={agreementId} />
      <div className="form-actions form-footer">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="af-submit">
          {busy ? t('common.saving') : agreementId ? t('common.save') : t('form.create')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
