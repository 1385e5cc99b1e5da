/** Linimasa: the agreement's workflow steps as a vertical list, oldest first, with reasons and notes. */
import { dictionaries, useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import type { Resource } from '../../hooks.js';
import type { DocumentInfo } from '../../registry.js';
import { normaliseTransition, sortTimeline } from '../../workflow.js';
import type { TimelineEvent } from '../../workflow.js';
import { Empty, ErrorAlert, Loading } from '../Feedback.js';
import { useNoteSubject } from './ReturnedNotice.js';
import { WorkflowBadge, useStateLabel } from './WorkflowBadge.js';

export function TimelineSection({ timeline, documents }: { timeline: Resource<TimelineEvent[]>; documents: readonly DocumentInfo[] | undefined }) {
  const { t, dateTime } = useI18n();
  const stateLabel = useStateLabel();
  const subject = useNoteSubject(documents);
  const events = sortTimeline(timeline.data ?? []);

  const actionLabel = (e: TimelineEvent) => {
    const name = normaliseTransition(e.action);
    const key = `wf.event.${name ?? e.action}`;
    return key in dictionaries.id ? t(key as MessageKey) : stateLabel(e.toState);
  };

  return (
    <section className="card" aria-labelledby="detail-timeline" data-testid="timeline">
      <h2 id="detail-timeline">{t('timeline.title')}</h2>
      <ErrorAlert error={timeline.error} />
      {timeline.loading && !timeline.data ? (
        <Loading />
      ) : events.length === 0 ? (
        <Empty>{t('timeline.empty')}</Empty>
      ) : (
        <ol className="timeline" aria-label={t('timeline.caption')}>
          {events.map((e) => (
            <li key={e.id} className={`timeline-item timeline-${e.toState}`} data-testid="timeline-event" data-action={e.action}>
              <span className="timeline-marker" aria-hidden="true" />
              <div className="timeline-body">
                <p className="timeline-head">
                  <strong>{actionLabel(e)}</strong>{' '}
                  <span className="muted">
                    {t('timeline.by', { name: e.actorName ?? t('timeline.system') })} · <time dateTime={e.occurredAt}>{dateTime(e.occurredAt)}</time>
                  </span>
                </p>
                <p className="timeline-states small">
                  {e.fromState && (
                    <>
                      <WorkflowBadge state={e.fromState} />
                      <span aria-hidden="true"> → </span>
                      <span className="sr-only"> – </span>
                    </>
                  )}
                  <WorkflowBadge state={e.toState} />
                </p>
                {e.reason && (
                  <p className="timeline-reason prewrap">
                    <span className="muted">{t('wf.reason')}: </span>
                    {e.reason}
                  </p>
                )}
                {e.details && e.details.length > 0 && (
                  <ul className="timeline-notes small" aria-label={t('timeline.notes')}>
                    {e.details.map((d, i) => {
                      const about = subject(d);
                      return (
                        <li key={i}>
                          {about && <strong>{about}: </strong>}
                          {d.message}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
