/** Berkas naskah on the detail page: the upload box (writers) and the agreement's files by role. */
import { useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { DocumentInfo, DocumentRole } from '../../registry.js';
import { Empty, ErrorAlert, Loading, Notice } from '../Feedback.js';
import type { Resource } from '../../hooks.js';
import { isReading, usePolling, type DocumentWithText } from '../../intelligence.js';
import { OcrNotice } from '../intelligence/OcrNotice.js';
import { DocumentList } from './DocumentList.js';
import { RedactionPanel } from './RedactionPanel.js';
import { Uploader } from './Uploader.js';

const ROLES: readonly DocumentRole[] = ['naskah_ttd', 'lampiran', 'adendum', 'salinan_publik', 'bukti'];

export function DocumentsSection({
  agreementId,
  documents,
  canWrite,
  uploadRole,
}: {
  agreementId: string;
  documents: Resource<DocumentInfo[]>;
  canWrite: boolean;
  /** Preselects the upload's role (the workflow asks for a public copy). */
  uploadRole?: DocumentRole;
}) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  // Evidence attached to a report is listed with that report.
  const own = (documents.data ?? []).filter((d) => !d.reportId);
  // While a document's text is being read, its progress is fetched again until it is done.
  usePolling((documents.data ?? []).some((d: DocumentWithText) => isReading(d)), documents.reload);

  return (
    <section className="card" aria-labelledby="detail-documents" data-testid="documents">
      <h2 id="detail-documents">{t('docs.title')}</h2>
      {notice && <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>}
      <ErrorAlert error={documents.error} />
      {canWrite && own.length > 0 && <OcrNotice />}
      {documents.loading && !documents.data ? <Loading /> : own.length === 0 ? <Empty>{t('docs.none')}</Empty> : <DocumentList documents={own} roles={ROLES} canDelete={canWrite} onDeleted={documents.reload} />}
      {canWrite && <RedactionPanel documents={own} onCreated={documents.reload} />}
      {canWrite && (
        <Uploader
          key={uploadRole ?? 'default'}
          initialRole={uploadRole}
          agreementId={agreementId}
          roles={ROLES}
          title={t('docs.uploadTitle')}
          onUploaded={(doc, duplicateOf) => {
            setNotice(duplicateOf ? t('docs.uploadedDuplicate', { name: doc.filename }) : t('docs.uploadedOk', { name: doc.filename }));
            documents.reload();
          }}
        />
      )}
    </section>
  );
}
