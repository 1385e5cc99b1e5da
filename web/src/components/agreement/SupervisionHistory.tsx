/** Riwayat supervisi: every supervision visit that covered this agreement, with the team's assessment and ratings. */
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { Link } from '../../router.js';
import type { AgreementSupervision } from '../../supervision/types.js';
import { Empty, ErrorAlert, Loading } from '../Feedback.js';
import { PlanStatusBadge } from '../supervision/Badges.js';

export function SupervisionHistory({ agreementId }: { agreementId: string }) {
  const { t, date } = useI18n();
  const history = useResource(
    (signal) => api.get<{ supervisions: AgreementSupervision[] }>(`/agreements/${encodeURIComponent(agreementId)}/supervisions`, undefined, signal).then((r) => r.supervisions),
    [agreementId],
  );
  const yn = (v: boolean | null | undefined) => (v === true ? t('sv.visit.yes') : v === false ? t('sv.visit.no') : t('sv.history.unknown'));
  const items = [...(history.data ?? [])].sort((a, b) => b.visitDate.localeCompare(a.visitDate));

  return (
    <section className="card" aria-labelledby="detail-supervision" data-testid="supervision-history">
      <h2 id="detail-supervision">{t('sv.history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t('sv.history.none')}</Empty>
      ) : (
        <ol className="sv-history-list">
          {items.map((s) => (
            <li key={s.visitId} data-testid="supervision-history-item">
              <p>
                <Link to={`/supervisi/${s.planId}`}>{t('sv.history.visit', { plan: s.planTitle, date: date(s.visitDate) })}</Link> <PlanStatusBadge status={s.planStatus} />
              </p>
              {s.assessment && (
                <p className="small">
                  {t('sv.history.benefits', { value: yn(s.assessment.benefitsUnit) })} · {t('sv.history.mutual', { value: yn(s.assessment.mutual) })}
                  {s.assessment.recommendation && (
                    <>
                      {' · '}
                      {t('sv.visit.recommendation')}: <strong>{t(`sv.rec.${s.assessment.recommendation}` as MessageKey)}</strong>
                    </>
                  )}
                </p>
              )}
              {s.assessment?.note && <p className="prewrap small">{s.assessment.note}</p>}
              {s.ratings.length > 0 && (
                <p className="muted small">{s.ratings.map((r) => `${r.label}: ${r.value}/4`).join(' · ')}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
