/**
 * Salinan publik on the detail page (writers): pick a PDF whose text has been read, check it for personal
 * data (NIK, phones, personal e-mail, bank accounts, home addresses), untick what should stay, and make the
 * public copy. The server renders it as pictures with the ticked areas blacked out, in a background job whose
 * page progress is shown here; the new `salinan_publik` version then appears in the documents list.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { usePolling, type DocumentWithText } from '../../intelligence.js';
import { ErrorAlert } from '../Feedback.js';

type PiiKind = 'nik' | 'phone' | 'email' | 'bank_account' | 'address';

interface Finding {
  id: string;
  kind: PiiKind;
  page: number;
  text: string;
  snippet: { before: string; text: string; after: string };
  located: boolean;
  redact: boolean;
}

interface PublicCopy {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number | null };
  error: string | null;
  findings: number;
  rectangles: number;
  resultDocument: { id: string; contentUrl: string } | null;
}

/** Documents a public copy can be made from: readable PDFs whose text is read, not public copies themselves. */
function sources(docs: readonly DocumentWithText[]): DocumentWithText[] {
  return docs.filter((d) => d.mime === 'application/pdf' && d.readable && d.role !== 'salinan_publik' && d.extraction?.state === 'done' && d.current);
}

export function RedactionPanel({ documents, onCreated }: { documents: readonly DocumentWithText[]; onCreated: () => void }) {
  const { t, number } = useI18n();
  const candidates = sources(documents);
  const [sourceId, setSourceId] = useState<string>('');
  const source = candidates.find((d) => d.id === sourceId) ?? candidates.find((d) => d.role === 'naskah_ttd') ?? candidates[0];
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [copy, setCopy] = useState<PublicCopy | null>(null);
  const [busy, setBusy] = useState<'check' | 'create' | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setFindings(null);
    setCopy(null);
    setError(null);
  }, [source?.id]);

  const check = async () => {
    if (!source) return;
    setBusy('check');
    setError(null);
    try {
      const r = await api.get<{ findings: Finding[]; publicCopy: PublicCopy | null }>(`/documents/${encodeURIComponent(source.id)}/pii`);
      setFindings(r.findings);
      setChosen(new Set(r.findings.filter((f) => f.redact && f.located).map((f) => f.id)));
      setCopy(r.publicCopy && r.publicCopy.state !== 'done' && r.publicCopy.state !== 'failed' ? r.publicCopy : null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const create = async () => {
    if (!source) return;
    setBusy('create');
    setError(null);
    try {
      const r = await api.post<{ publicCopy: PublicCopy }>(`/documents/${encodeURIComponent(source.id)}/public-copy`, { findingIds: [...chosen] });
      setCopy(r.publicCopy);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const sourceKey = source?.id;
  const poll = useCallback(() => {
    if (!sourceKey) return;
    api.get<{ publicCopy: PublicCopy | null }>(`/documents/${encodeURIComponent(sourceKey)}/public-copy`).then(
      (r) => {
        setCopy(r.publicCopy);
        if (r.publicCopy?.state === 'done') onCreated();
      },
      (err: unknown) => setError(err),
    );
  }, [sourceKey, onCreated]);
  const working = copy?.state === 'queued' || copy?.state === 'running';
  usePolling(working, poll);

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  return (
    <section className="redaction-panel" aria-labelledby="redaction-title" data-testid="redaction">
      <h3 id="redaction-title">{t('redact.title')}</h3>
      <p className="muted small">{t('redact.intro')}</p>
      {candidates.length === 0 ? (
        <p className="muted">{t('redact.noSource')}</p>
      ) : (
        <div className="row">
          <label>
            {t('redact.source')}{' '}
            <select value={source?.id ?? ''} onChange={(e) => setSourceId(e.target.value)} data-testid="redaction-source">
              {candidates.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.filename} (v{d.version})
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" className="secondary" onClick={() => void check()} disabled={busy !== null || working} data-testid="redaction-check">
            {busy === 'check' ? t('redact.checking') : t('redact.check')}
          </button>
        </div>
      )}
      <ErrorAlert error={error} />
      {findings && (
        <>
          <p role="status">{findings.length === 0 ? t('redact.none') : t('redact.found', { n: number(findings.length) })}</p>
          {findings.length > 0 && (
            <>
              <div className="row small">
                <button type="button" className="link" onClick={() => setChosen(new Set(findings.filter((f) => f.located).map((f) => f.id)))}>
                  {t('redact.selectAll')}
                </button>{' '}
                <button type="button" className="link" onClick={() => setChosen(new Set())}>
                  {t('redact.selectNone')}
                </button>{' '}
                <span className="muted">{t('redact.selected', { n: number(chosen.size) })}</span>
              </div>
              <ul className="plain redaction-findings" data-testid="redaction-findings">
                {findings.map((f) => (
                  <li key={f.id}>
                    <label>
                      <input type="checkbox" checked={chosen.has(f.id)} disabled={!f.located} onChange={() => toggle(f.id)} />{' '}
                      <strong>{t(`redact.kind.${f.kind}`)}</strong> <span className="muted">{t('redact.page', { n: number(f.page) })}</span>{' '}
                      <span className="snippet">
                        {f.snippet.before}
                        <mark>{f.snippet.text}</mark>
                        {f.snippet.after}
                      </span>
                      {!f.located && <em className="muted"> — {t('redact.notLocated')}</em>}
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" onClick={() => void create()} disabled={busy !== null || working} data-testid="redaction-create">
            {busy === 'create' ? t('redact.creating') : t('redact.create')}
          </button>
        </>
      )}
      {copy && (
        <p role="status" data-testid="redaction-status">
          {copy.state === 'queued' && t('redact.queued')}
          {copy.state === 'running' && t('redact.running', { done: number(copy.progress.done), total: number(copy.progress.total ?? 0) })}
          {copy.state === 'failed' && t('redact.failed', { error: copy.error ?? '' })}
          {copy.state === 'done' && copy.resultDocument && (
            <>
              {t('redact.done', { n: number(copy.rectangles) })}{' '}
              <a href={`${copy.resultDocument.contentUrl}?inline=1`} target="_blank" rel="noreferrer" data-testid="redaction-result">
                {t('redact.open')}
              </a>
            </>
          )}
        </p>
      )}
    </section>
  );
}
