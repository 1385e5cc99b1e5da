/**
 * /kerja-sama/baru/dari-berkas ("Unggah naskah dulu"): choose the unit and the signed PDF; P2MA creates a
 * draft agreement, uploads the file to it with a progress bar, reads its text (progress shown), then opens
 * the form filled from the document's suggestions for review. A failed upload removes the empty draft again.
 */
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, upload } from '../api.js';
import { MAX_UPLOAD_BYTES } from '../components/agreement/Uploader.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { Field } from '../components/Field.js';
import { UnitSelect } from '../components/form/UnitSelect.js';
import { IntakeProgress } from '../components/intelligence/IntakeProgress.js';
import { PageHeader } from '../components/PageHeader.js';
import { useTitle, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { AgreementDetail, DocumentInfo } from '../registry.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';

const ACCEPT = '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png';

type Step = { at: 'choose' } | { at: 'draft' } | { at: 'upload'; percent: number } | { at: 'read'; agreementId: string; documentId: string };

export function IntakePage() {
  const { t, bytes } = useI18n();
  useTitle(t('intake.title'));
  const user = useUser();
  const units = useUnits();
  const [unitId, setUnitId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // Operators record for their own unit; others choose (their own unit preselected when it is in the list).
  const chosenUnit = unitId || (units.data?.some((u) => u.id === user.unit.id) ? user.unit.id : '');

  async function start(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setProblem(null);
    if (!chosenUnit) return setProblem(t('intake.chooseUnit'));
    if (!file) return setProblem(t('intake.chooseFile'));
    if (file.size > MAX_UPLOAD_BYTES) return setProblem(t('docs.tooLarge', { size: bytes(file.size), max: bytes(MAX_UPLOAD_BYTES) }));
    setStep({ at: 'draft' });
    let agreementId: string | null = null;
    try {
      const draft = await api.post<{ agreement: AgreementDetail }>('/agreements/drafts', { unitId: chosenUnit, filename: file.name });
      agreementId = draft.agreement.id;
      const form = new FormData();
      form.append('role', 'naskah_ttd'); // fields before the file: the server reads them first
      form.append('file', file, file.name);
      setStep({ at: 'upload', percent: 0 });
      const res = await upload<{ document: DocumentInfo }>(`/agreements/${encodeURIComponent(agreementId)}/documents`, form, {
        onProgress: (loaded, total) => setStep({ at: 'upload', percent: total ? Math.round((loaded / total) * 100) : 0 }),
      });
      setStep({ at: 'read', agreementId, documentId: res.document.id });
    } catch (err) {
      // A draft without its document is of no use: it goes to the trash rather than into the register.
      if (agreementId) await api.del(`/agreements/${encodeURIComponent(agreementId)}`).catch(() => undefined);
      setError(err);
      setStep({ at: 'choose' });
    }
  }

  const busy = step.at !== 'choose';
  return (
    <section className="intake-page">
      <PageHeader title={t('intake.title')} />
      <p>
        <Link to="/kerja-sama">{t('detail.backToRegister')}</Link>
      </p>
      <p className="muted">{t('intake.intro')}</p>
      {step.at === 'read' ? (
        <IntakeProgress agreementId={step.agreementId} documentId={step.documentId} />
      ) : !units.data ? (
        <Loading />
      ) : (
        <form className="form card" onSubmit={(e) => void start(e)} noValidate data-testid="intake-form">
          <ErrorAlert error={error} />
          {problem && (
            <p className="alert alert-error" role="alert">
              {problem}
            </p>
          )}
          <Field label={t('intake.unit')} hint={t('form.unitHint')}>
            {(p) => <UnitSelect control={p} units={units.data ?? []} value={chosenUnit} onChange={setUnitId} emptyLabel={t('common.choose')} required testId="intake-unit" />}
          </Field>
          <Field label={t('intake.file')} hint={t('intake.fileHint', { max: bytes(MAX_UPLOAD_BYTES) })}>
            {(p) => <input {...p} ref={inputRef} type="file" accept={ACCEPT} disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="intake-file" />}
          </Field>
          {file && <p className="small">{t('docs.chosen', { name: file.name, size: bytes(file.size) })}</p>}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="intake-start">
              {step.at === 'draft' ? t('intake.step.draft') : step.at === 'upload' ? t('intake.step.upload', { percent: step.percent }) : t('intake.start')}
            </button>
          </div>
          {step.at === 'upload' && <progress max={100} value={step.percent} aria-label={t('docs.progress')} />}
        </form>
      )}
    </section>
  );
}
