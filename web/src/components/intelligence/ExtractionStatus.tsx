/**
 * Where reading a document's text stands, on its row in the documents list: waiting, "Mengekstrak teks…
 * 3/12 halaman" with a progress bar, what was read (characters, pages, text layer or OCR), or why it failed;
 * writers can read a finished or failed document again ("Ekstrak ulang").
 */
import { useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { DocumentWithText } from '../../intelligence.js';
import { Badge, ErrorAlert } from '../Feedback.js';

export function ExtractionStatus({ d, canWrite, onRequeued }: { d: DocumentWithText; canWrite: boolean; onRequeued?: () => void }) {
  const { t, number } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const x = d.extraction;
  if (!x) return null;

  async function again() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/documents/${encodeURIComponent(d.id)}/extract`);
      onRequeued?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const method = x.method ? t(`extract.method.${x.method}`) : '';
  let body;
  if (x.state === 'queued' || x.state === 'running') {
    const label =
      x.state === 'queued' && x.pagesDone === 0
        ? t('extract.queued')
        : x.pagesTotal
          ? t('extract.running', { done: number(x.pagesDone), total: number(x.pagesTotal) })
          : t('extract.runningUnknown', { done: number(x.pagesDone) });
    body = (
      <>
        <span className="extract-label">
          <span className="spinner" aria-hidden="true" />
          {label}
        </span>
        {x.pagesTotal ? <progress max={x.pagesTotal} value={x.pagesDone} aria-label={t('extract.progress')} /> : null}
        {x.error && <span className="small muted">{t('extract.retrying', { error: x.error })}</span>}
      </>
    );
  } else if (x.state === 'done') {
    const pages = number(x.pagesTotal ?? x.pagesDone);
    body = (
      <span className="extract-label">
        {x.characters != null ? t('extract.done', { chars: number(x.characters), pages, method }) : t('extract.doneNoChars', { pages, method })}
      </span>
    );
  } else {
    body = (
      <span className="extract-label">
        <Badge tone="warn">{x.state === 'empty' ? t('extract.empty') : t('extract.failed', { error: x.error ?? '—' })}</Badge>
      </span>
    );
  }

  return (
    <div className="extract-status" data-testid="extraction-status" data-state={x.state} aria-live="polite">
      {body}
      {canWrite && !(x.state === 'queued' || x.state === 'running') && (
        <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void again()} aria-label={t('extract.againName', { name: d.filename })} data-testid="reextract">
          {t('extract.again')}
        </button>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
