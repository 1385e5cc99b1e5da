/**
 * Drag-and-drop zone plus a file input, a role choice, and an upload with a real progress bar
 * (XMLHttpRequest upload progress). Files over the limit are refused before sending; the server's
 * 413/415 messages are shown as they come.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { upload } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { DocumentInfo, DocumentRole } from '../../registry.js';
import { Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';

/** The server's default limit (UPLOAD_MAX_BYTES); it is not published by the API, so the server has the last word. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png';

export function Uploader({
  agreementId,
  roles,
  reportId,
  onUploaded,
  testId = 'uploader',
  title,
  initialRole,
}: {
  agreementId: string;
  /** The roles to choose from; with one role there is no choice to make. */
  roles: readonly DocumentRole[];
  reportId?: string;
  onUploaded: (doc: DocumentInfo, duplicateOf: string | null) => void;
  testId?: string;
  title?: string;
  /** The role chosen at first (e.g. "salinan_publik" when the workflow asks for a public copy). */
  initialRole?: DocumentRole;
}) {
  const { t, bytes } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [role, setRole] = useState<DocumentRole>(initialRole && roles.includes(initialRole) ? initialRole : (roles[0] ?? 'naskah_ttd'));
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const hintId = useId();

  useEffect(() => () => abortRef.current?.abort(), []);

  function choose(f: File | null) {
    setError(null);
    setProblem(null);
    if (f && f.size > MAX_UPLOAD_BYTES) {
      setProblem(t('docs.tooLarge', { size: bytes(f.size), max: bytes(MAX_UPLOAD_BYTES) }));
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      return;
    }
    if (f && f.size === 0) {
      setProblem(t('docs.empty'));
      setFile(null);
      return;
    }
    setFile(f);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (e.dataTransfer.files.length > 1) setProblem(t('docs.oneAtATime'));
    if (f) choose(f);
  }

  async function send() {
    if (!file) return;
    const form = new FormData();
    form.append('role', role); // fields before the file: the server reads them first
    if (reportId) form.append('reportId', reportId);
    form.append('file', file, file.name);
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setProgress(0);
    setError(null);
    setProblem(null);
    try {
      const res = await upload<{ document: DocumentInfo; duplicateOf: string | null }>(`/agreements/${encodeURIComponent(agreementId)}/documents`, form, {
        signal: ctrl.signal,
        onProgress: (loaded, total) => setProgress(total ? Math.round((loaded / total) * 100) : 0),
      });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onUploaded(res.document, res.duplicateOf);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(err);
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <div className="uploader" data-testid={testId}>
      {title && <h3>{title}</h3>}
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid={`${testId}-dropzone`}
      >
        <p className="dropzone-text" aria-hidden="true">
          {t('docs.dropHere')}
        </p>
        <Field label={t('docs.chooseFile')} hint={t('docs.fileHint', { max: bytes(MAX_UPLOAD_BYTES) })}>
          {(p) => <input {...p} ref={inputRef} type="file" accept={ACCEPT} disabled={busy} onChange={(e) => choose(e.target.files?.[0] ?? null)} data-testid={`${testId}-file`} />}
        </Field>
        {file && (
          <p className="small" id={hintId}>
            {t('docs.chosen', { name: file.name, size: bytes(file.size) })}
          </p>
        )}
      </div>
      {problem && (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      )}
      <ErrorAlert error={error} />
      <div className="uploader-actions">
        {roles.length > 1 && (
          <Field label={t('docs.role')}>
            {(p) => (
              <select {...p} value={role} disabled={busy} onChange={(e) => setRole(e.target.value as DocumentRole)} data-testid={`${testId}-role`}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`docRole.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <button type="button" className="btn btn-primary" disabled={!file || busy} onClick={() => void send()} aria-describedby={file ? hintId : undefined} data-testid={`${testId}-submit`}>
          {busy ? t('docs.uploading') : t('docs.upload')}
        </button>
        {busy && (
          <button type="button" className="btn btn-ghost" onClick={() => abortRef.current?.abort()}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      {busy && (
        <div className="progress-row">
          <progress max={100} value={progress ?? 0} aria-label={t('docs.progress')} data-testid={`${testId}-progress`} />
          <span aria-live="polite">{progress}%</span>
        </div>
      )}
    </div>
  );
}
