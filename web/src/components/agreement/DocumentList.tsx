/**
 * Documents grouped by role. Versioned roles show the current version with older ones collapsible; every
 * file has its size, pages, an "unreadable" badge when the PDF cannot be opened, a download link, and a
 * preview in a dialog when the browser can show it.
 */
import { useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { DocumentInfo, DocumentRole } from '../../registry.js';
import { Dialog } from '../Dialog.js';
import { Badge, ErrorAlert } from '../Feedback.js';
import { ExtractionStatus } from '../intelligence/ExtractionStatus.js';

const VERSIONED: ReadonlySet<DocumentRole> = new Set<DocumentRole>(['naskah_ttd', 'adendum', 'salinan_publik']);

export function DocumentList({
  documents,
  roles,
  canDelete,
  onDeleted,
  emptyText,
}: {
  documents: readonly DocumentInfo[];
  roles: readonly DocumentRole[];
  canDelete: boolean;
  onDeleted: () => void;
  emptyText?: string;
}) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<DocumentInfo | null>(null);
  const groups = roles.map((role) => ({ role, docs: documents.filter((d) => d.role === role) })).filter((g) => g.docs.length > 0);
  if (groups.length === 0) return <p className="muted">{emptyText ?? t('docs.none')}</p>;

  return (
    <div className="doc-groups" data-testid="document-list">
      {groups.map(({ role, docs }) => {
        const sorted = [...docs].sort((a, b) => b.version - a.version || b.uploadedAt.localeCompare(a.uploadedAt));
        const current = VERSIONED.has(role) ? sorted.filter((d) => d.current) : sorted;
        const older = VERSIONED.has(role) ? sorted.filter((d) => !d.current) : [];
        return (
          <div key={role} className="doc-group" data-role={role}>
            <h3>{t(`docRole.${role}`)}</h3>
            <ul className="doc-list">
              {current.map((d) => (
                <DocumentRow key={d.id} d={d} canDelete={canDelete} onDeleted={onDeleted} onPreview={setPreview} />
              ))}
            </ul>
            {older.length > 0 && (
              <details className="doc-older">
                <summary>{t('docs.olderVersions', { n: older.length })}</summary>
                <ul className="doc-list">
                  {older.map((d) => (
                    <DocumentRow key={d.id} d={d} canDelete={canDelete} onDeleted={onDeleted} onPreview={setPreview} />
                  ))}
                </ul>
              </details>
            )}
          </div>
        );
      })}
      {preview && (
        <Dialog title={t('docs.previewTitle', { name: preview.filename })} onClose={() => setPreview(null)} wide testId="preview-dialog">
          <iframe className="preview-frame" src={`${preview.contentUrl}?inline=1`} title={t('docs.previewFrame', { name: preview.filename })} />
          <p className="small">
            <a href={preview.contentUrl} download>
              {t('docs.download')}
            </a>
          </p>
        </Dialog>
      )}
    </div>
  );
}

function DocumentRow({ d, canDelete, onDeleted, onPreview }: { d: DocumentInfo; canDelete: boolean; onDeleted: () => void; onPreview: (d: DocumentInfo) => void }) {
  const { t, bytes, dateTime, number } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove() {
    setError(null);
    try {
      await api.del(`/documents/${encodeURIComponent(d.id)}`);
      onDeleted();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <li className="doc-row" data-testid="document-row" data-document-id={d.id}>
      <div className="doc-main">
        <span className="doc-name wrap">{d.filename}</span>
        <span className="doc-meta small muted">
          {VERSIONED.has(d.role) && (
            <>
              {t('docs.version', { n: d.version })}
              {d.current && (
                <>
                  {' '}
                  <Badge tone="ok">{t('docs.current')}</Badge>
                </>
              )}
              {' · '}
            </>
          )}
          {bytes(d.size)}
          {d.pageCount !== null && ` · ${t('docs.pages', { n: number(d.pageCount) })}`}
          {' · '}
          {t('docs.uploaded', { date: dateTime(d.uploadedAt), name: d.uploadedBy?.name ?? '—' })}
        </span>
        {!d.readable && (
          <span className="doc-unreadable">
            <Badge tone="warn">{t('docs.unreadable')}</Badge>
            {d.unreadableReason && <span className="small">{d.unreadableReason.replace(/^tidak dapat dibaca:\s*/i, '')}</span>}
          </span>
        )}
        <ExtractionStatus d={d} canWrite={canDelete} onRequeued={onDeleted} />
        <ErrorAlert error={error} />
      </div>
      <div className="doc-actions">
        <a className="btn btn-small" href={d.contentUrl} download={d.filename} data-testid="document-download" aria-label={t('docs.downloadName', { name: d.filename })}>
          {t('docs.download')}
        </a>
        {d.previewable && (
          <button type="button" className="btn btn-small" onClick={() => onPreview(d)} aria-label={t('docs.previewName', { name: d.filename })} data-testid="document-preview">
            {t('docs.preview')}
          </button>
        )}
        {canDelete &&
          (confirming ? (
            <span className="confirm">
              <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
                {t('docs.deleteYes')}
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirming(true)} aria-label={t('docs.deleteName', { name: d.filename })}>
              {t('docs.delete')}
            </button>
          ))}
      </div>
    </li>
  );
}
