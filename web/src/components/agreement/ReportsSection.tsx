/** Laporan pelaksanaan: totals, the reports over time with their evidence files, add / edit / delete. */
import { useState } from 'react';
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import type { Resource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { DocumentInfo, ListItem, Report, ReportList } from '../../registry.js';
import { Badge, Empty, ErrorAlert, Loading, Notice } from '../Feedback.js';
import { DocumentList } from './DocumentList.js';
import { ReportForm } from './ReportForm.js';
import { Uploader } from './Uploader.js';

export function ReportsSection({
  agreementId,
  canWrite,
  benefitKinds,
  documents,
}: {
  agreementId: string;
  canWrite: boolean;
  benefitKinds: readonly ListItem[];
  documents: Resource<DocumentInfo[]>;
}) {
  const { t, number, money } = useI18n();
  const [override, setOverride] = useState<ReportList | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useResource((signal) => api.get<ReportList>(`/agreements/${encodeURIComponent(agreementId)}/reports`, undefined, signal), [agreementId]);
  const data = override ?? loaded.data;
  const reports = [...(data?.reports ?? [])].sort((a, b) => a.periodStart.localeCompare(b.periodStart));

  function saved(list: ReportList, text: string) {
    setOverride(list);
    setEditing(null);
    setNotice(text);
  }

  return (
    <section className="card" aria-labelledby="detail-reports" data-testid="reports">
      <div className="section-head">
        <h2 id="detail-reports">{t('reports.title')}</h2>
        {canWrite && editing !== 'new' && (
          <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')} data-testid="report-add">
            {t('reports.add')}
          </button>
        )}
      </div>
      {notice && <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>}
      <ErrorAlert error={loaded.error} />
      {data && (
        <dl className="totals" data-testid="report-totals">
          <div>
            <dt>{t('reports.count')}</dt>
            <dd>{number(data.totals.reports)}</dd>
          </div>
          <div>
            <dt>{t('reports.beneficiaries')}</dt>
            <dd>{number(data.totals.beneficiaries)}</dd>
          </div>
          <div>
            <dt>{t('reports.totalPnbp')}</dt>
            <dd>{money(data.totals.pnbpAmount)}</dd>
          </div>
        </dl>
      )}
      {editing === 'new' && (
        <ReportForm agreementId={agreementId} benefitKinds={benefitKinds} onCancel={() => setEditing(null)} onSaved={(l) => saved(l, t('reports.added'))} />
      )}
      {loaded.loading && !data ? (
        <Loading />
      ) : reports.length === 0 ? (
        <Empty>{t('reports.none')}</Empty>
      ) : (
        <ol className="report-list">
          {reports.map((r) =>
            editing === r.id ? (
              <li key={r.id}>
                <ReportForm agreementId={agreementId} report={r} benefitKinds={benefitKinds} onCancel={() => setEditing(null)} onSaved={(l) => saved(l, t('reports.saved'))} />
              </li>
            ) : (
              <ReportItem
                key={r.id}
                r={r}
                agreementId={agreementId}
                canWrite={canWrite}
                evidence={(documents.data ?? []).filter((d) => d.reportId === r.id)}
                onEvidenceChanged={documents.reload}
                onEdit={() => setEditing(r.id)}
                onDeleted={(text) => {
                  setNotice(text);
                  setOverride(null);
                  loaded.reload();
                }}
              />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

function ReportItem({
  r,
  agreementId,
  canWrite,
  evidence,
  onEvidenceChanged,
  onEdit,
  onDeleted,
}: {
  r: Report;
  agreementId: string;
  canWrite: boolean;
  evidence: DocumentInfo[];
  onEvidenceChanged: () => void;
  onEdit: () => void;
  onDeleted: (text: string) => void;
}) {
  const { t, date, number, money, dateTime } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove() {
    try {
      await api.del(`/reports/${encodeURIComponent(r.id)}`);
      onDeleted(t('reports.deleted'));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <li className="report-item" data-testid="report-item">
      <div className="section-head">
        <h3>{t('common.period', { from: date(r.periodStart), to: date(r.periodEnd) })}</h3>
        {r.internal && <Badge tone="muted">{t('agreement.internal')}</Badge>}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('reports.beneficiaries')}</dt>
          <dd>{number(r.beneficiaries)}</dd>
        </div>
        <div>
          <dt>{t('reports.pnbp')}</dt>
          <dd>{money(r.pnbpAmount)}</dd>
        </div>
        <div>
          <dt>{t('reports.benefits')}</dt>
          <dd>{r.benefits.length ? r.benefits.map((b) => b.name).join(', ') : '—'}</dd>
        </div>
      </dl>
      <p className="prewrap">{r.activities}</p>
      {r.benefitNotes && (
        <p className="prewrap small">
          <strong>{t('reports.benefitNotes')}:</strong> {r.benefitNotes}
        </p>
      )}
      {r.obstacles && (
        <p className="prewrap small">
          <strong>{t('reports.obstacles')}:</strong> {r.obstacles}
        </p>
      )}
      {r.suggestions && (
        <p className="prewrap small">
          <strong>{t('reports.suggestions')}:</strong> {r.suggestions}
        </p>
      )}
      <p className="muted small">{t('reports.by', { name: r.author ?? '—', date: dateTime(r.createdAt) })}</p>
      <details className="evidence">
        <summary>{t('reports.evidence', { n: evidence.length })}</summary>
        <DocumentList documents={evidence} roles={['bukti']} canDelete={canWrite} onDeleted={onEvidenceChanged} emptyText={t('reports.noEvidence')} />
        {canWrite && <Uploader agreementId={agreementId} roles={['bukti']} reportId={r.id} testId={`evidence-${r.id}`} onUploaded={onEvidenceChanged} />}
      </details>
      <ErrorAlert error={error} />
      {canWrite && (
        <div className="button-row">
          <button type="button" className="btn btn-small" onClick={onEdit}>
            {t('common.edit')}
          </button>
          {confirming ? (
            <span className="confirm">
              <span>{t('reports.deleteConfirm')}</span>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
                {t('reports.deleteYes')}
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirming(true)}>
              {t('reports.delete')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
