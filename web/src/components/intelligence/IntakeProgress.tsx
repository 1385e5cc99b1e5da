/**
 * The reading step of "Unggah naskah dulu": the signed document's extraction progress, polled until it is
 * done (then the form opens) or it fails (then the reason, "Ekstrak ulang", and the way on by hand).
 */
import { useEffect } from 'react';
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { isReading, usePolling, type DocumentWithText } from '../../intelligence.js';
import { Link, navigate } from '../../router.js';
import { ErrorAlert, Loading } from '../Feedback.js';
import { ExtractionStatus } from './ExtractionStatus.js';

export function IntakeProgress({ agreementId, documentId }: { agreementId: string; documentId: string }) {
  const { t } = useI18n();
  const documents = useResource((signal) => api.get<{ documents: DocumentWithText[] }>(`/agreements/${encodeURIComponent(agreementId)}/documents`, undefined, signal).then((r) => r.documents), [agreementId]);
  const doc = documents.data?.find((d) => d.id === documentId);
  const reading = !doc || isReading(doc);
  usePolling(reading && !documents.error, documents.reload, 1000);
  const formLink = `/kerja-sama/${agreementId}/ubah?dari=berkas`;
  const done = doc?.extraction?.state === 'done';

  useEffect(() => {
    if (done) navigate(formLink, { replace: true });
  }, [done, formLink]);

  return (
    <div className="intake-progress card" data-testid="intake-progress">
      <h2>{t('intake.step.read')}</h2>
      <ErrorAlert error={documents.error} />
      {!doc ? <Loading /> : <ExtractionStatus d={doc} canWrite onRequeued={documents.reload} />}
      {done && <p role="status">{t('intake.done')}</p>}
      {doc && !reading && !done && (
        <>
          <p className="small">{t('intake.failedHint')}</p>
          <p>
            <Link to={`/kerja-sama/${agreementId}/ubah`} className="btn btn-primary" data-testid="intake-manual">
              {t('intake.manual')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
