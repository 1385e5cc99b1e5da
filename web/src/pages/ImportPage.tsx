/**
 * Impor (admin, verifikator, operator): upload a spreadsheet, map its columns, preview (dry run), run with
 * or without the problem rows, watch the progress, and see the summary with a link to the register.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, upload } from '../api.js';
import { Checkbox, Field } from '../components/Field.js';
import { ErrorAlert } from '../components/Feedback.js';
import { UnitSelect } from '../components/form/UnitSelect.js';
import { MappingStep } from '../components/import/MappingStep.js';
import { PreviewStep } from '../components/import/PreviewStep.js';
import type { ImportJob, Mapping, Preview, ShowFilter, UploadedImport } from '../components/import/types.js';
import { PageHeader } from '../components/PageHeader.js';
import { useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { viewQuery } from '../registry.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';

const MAX_BYTES = 10 * 1024 * 1024;
type Step = 'upload' | 'mapping' | 'preview' | 'running' | 'done';

export function ImportPage() {
  const { t, bytes, number } = useI18n();
  const user = useUser();
  const units = useUnits();
  const [step, setStep] = useState<Step>('upload');
  const [unitId, setUnitId] = useState(user.unit.id);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [job, setJob] = useState<UploadedImport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [show, setShow] = useState<ShowFilter>('all');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Poll the running import until it is done or failed.
  useEffect(() => {
    if (step !== 'running' || !result) return;
    if (result.status === 'done' || result.status === 'failed') {
      setStep('done');
      return;
    }
    const id = window.setTimeout(() => {
      api.get<{ import: ImportJob }>(`/imports/${encodeURIComponent(result.id)}`).then((r) => setResult(r.import), setError);
    }, 1000);
    return () => window.clearTimeout(id);
  }, [step, result]);

  // Each new step announces itself (not on first load: the page title has focus then).
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  async function send() {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(new ApiError(413, 'FILE_TOO_LARGE', t('import.tooLarge', { max: bytes(MAX_BYTES) })));
      return;
    }
    const form = new FormData();
    form.append('unitId', unitId);
    form.append('file', file, file.name);
    setError(null);
    setProgress(0);
    try {
      const res = await upload<{ import: UploadedImport }>('/imports', form, { onProgress: (l, total) => setProgress(total ? Math.round((l / total) * 100) : 0) });
      setJob(res.import);
      setMapping(res.import.suggestedMapping);
      setStep('mapping');
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  async function loadPreview(showWhat: ShowFilter, page = 1) {
    if (!job) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<Preview>(`/imports/${encodeURIComponent(job.id)}/preview`, { mapping, show: showWhat, page, pageSize: 100 });
      setPreview(res);
      setShow(showWhat);
      setStep('preview');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function run() {
    if (!job) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ import: ImportJob }>(`/imports/${encodeURIComponent(job.id)}/run`, { skipInvalid });
      setResult(res.import);
      setStep(res.import.status === 'done' || res.import.status === 'failed' ? 'done' : 'running');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setStep('upload');
    setJob(null);
    setPreview(null);
    setResult(null);
    setFile(null);
    setSkipInvalid(false);
    setError(null);
  }

  const stepNames: Exclude<Step, 'running'>[] = ['upload', 'mapping', 'preview', 'done'];
  const current: Exclude<Step, 'running'> = step === 'running' ? 'done' : step;

  return (
    <div>
      <PageHeader title={t('import.title')} />
      <ol className="steps-bar" aria-label={t('import.steps')}>
        {stepNames.map((s, i) => (
          <li key={s} className={s === current ? 'current' : stepNames.indexOf(current) > i ? 'done' : undefined} aria-current={s === current ? 'step' : undefined}>
            {i + 1}. {t(`import.step.${s}`)}
          </li>
        ))}
      </ol>
      <h2 className="sr-only" tabIndex={-1} ref={headingRef}>
        {t(`import.step.${current}`)}
      </h2>
      <ErrorAlert error={error} />

      {step === 'upload' && (
        <section className="card" aria-labelledby="import-upload-title" data-testid="import-upload">
          <h2 id="import-upload-title">{t('import.uploadTitle')}</h2>
          <p className="muted">{t('import.uploadIntro')}</p>
          <div className="form-grid">
            <Field label={t('import.unit')} hint={t('import.unitHint')} className="span-2">
              {(p) => <UnitSelect control={p} units={units.data ?? []} value={unitId} onChange={setUnitId} emptyLabel={t('common.choose')} required />}
            </Field>
            <Field label={t('import.file')} hint={t('import.fileHint', { max: bytes(MAX_BYTES) })}>
              {(p) => <input {...p} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />}
            </Field>
          </div>
          {progress !== null && (
            <div className="progress-row">
              <progress max={100} value={progress} aria-label={t('docs.progress')} />
              <span>{progress}%</span>
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={!file || !unitId || progress !== null} onClick={() => void send()} data-testid="import-upload-submit">
              {progress !== null ? t('docs.uploading') : t('import.uploadSubmit')}
            </button>
          </div>
        </section>
      )}

      {step === 'mapping' && job && <MappingStep job={job} mapping={mapping} onChange={setMapping} busy={busy} onBack={restart} onPreview={() => void loadPreview('all')} />}

      {step === 'preview' && preview && (
        <>
          <PreviewStep preview={preview} show={show} onShow={(s) => void loadPreview(s)} onPage={(p) => void loadPreview(show, p)} />
          <section className="card" aria-labelledby="import-run-title">
            <h2 id="import-run-title">{t('import.runTitle')}</h2>
            {preview.counts.invalid > 0 ? (
              <Checkbox label={t('import.skipInvalid', { n: number(preview.counts.invalid) })} checked={skipInvalid} onChange={setSkipInvalid} />
            ) : (
              <p>{t('import.allValid')}</p>
            )}
            <p className="muted small">{t('import.runNote', { n: number(preview.counts.valid), dup: number(preview.counts.duplicates) })}</p>
            <div className="form-actions">
              <button type="button" className="btn btn-primary" disabled={busy || (preview.counts.invalid > 0 && !skipInvalid) || preview.counts.valid === 0} onClick={() => void run()} data-testid="import-run">
                {t('import.run')}
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setStep('mapping')}>
                {t('import.backToMapping')}
              </button>
            </div>
          </section>
        </>
      )}

      {step === 'running' && result && (
        <section className="card" aria-labelledby="import-running-title">
          <h2 id="import-running-title">{t('import.running')}</h2>
          <div className="progress-row">
            <progress max={100} value={result.progress} aria-label={t('import.progress')} data-testid="import-progress" />
            <span aria-live="polite">{t('import.progressText', { done: number(result.processedRows), total: number(result.totalRows), pct: result.progress })}</span>
          </div>
        </section>
      )}

      {step === 'done' && result && (
        <section className="card" aria-labelledby="import-done-title" data-testid="import-summary">
          <h2 id="import-done-title">{result.status === 'failed' ? t('import.failed') : t('import.done')}</h2>
          {result.failure && <p className="alert alert-error">{result.failure}</p>}
          <dl className="totals">
            <div>
              <dt>{t('import.created')}</dt>
              <dd data-testid="import-created">{number(result.createdRows)}</dd>
            </div>
            <div>
              <dt>{t('import.skipped')}</dt>
              <dd>{number(result.skippedRows)}</dd>
            </div>
            <div>
              <dt>{t('import.invalidSkipped')}</dt>
              <dd>{number(result.invalidRows)}</dd>
            </div>
          </dl>
          {result.problems.length > 0 && (
            <details>
              <summary>{t('import.problemRows', { n: number(result.problems.length) })}</summary>
              <ul className="problems small">
                {result.problems.map((p) => (
                  <li key={p.row}>
                    {t('import.rowN', { n: p.row })}: {p.problems.map((x) => x.message).join('; ')}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="form-actions">
            <Link to={`/kerja-sama${viewQuery({ filters: { unitId: result.unit.id }, sort: 'createdAt', dir: 'desc', page: 1, pageSize: 25 })}`} className="btn btn-primary">
              {t('import.toRegister')}
            </Link>
            <button type="button" className="btn" onClick={restart}>
              {t('import.again')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
