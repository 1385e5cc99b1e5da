/**
 * The verifier's reasons for returning an agreement, shown prominently at the top of its detail page while it is
 * returned: the overall reason and each note with the field or file it is about.
 */
import { useI18n } from '../../i18n.js';
import type { DocumentInfo } from '../../registry.js';
import { Link } from '../../router.js';
import { noteFieldLabel } from '../../workflow.js';
import type { ReturnDetail, TimelineEvent } from '../../workflow.js';

export function useNoteSubject(documents: readonly DocumentInfo[] | undefined): (d: ReturnDetail) => string | null {
  const { t } = useI18n();
  return (d) => {
    if (d.field) {
      const key = noteFieldLabel(d.field);
      return key ? t(key) : d.field;
    }
    if (d.documentId) {
      if (!documents) return t('wf.noteDocuments');
      const doc = documents.find((x) => x.id === d.documentId);
      return doc ? `${t(`docRole.${doc.role}`)}: ${doc.filename}` : t('wf.unknownDocument');
    }
    return null;
  };
}

export function ReturnedNotice({
  event,
  documents,
  editTo,
  fieldTarget,
}: {
  event: TimelineEvent;
  documents: readonly DocumentInfo[] | undefined;
  /** The edit form's path (detail page, when the user may edit). */
  editTo?: string | null;
  /** In the form: the id of a field's control, so each note links to it. */
  fieldTarget?: (field: string) => string | undefined;
}) {
  const { t, dateTime } = useI18n();
  const subject = useNoteSubject(documents);
  const notes = event.details ?? [];
  return (
    <section className="alert alert-warn returned-notice" aria-labelledby="returned-title" data-testid="returned-notice">
      <h2 id="returned-title" className="returned-title">
        {t('wf.returnedBy', { name: event.actorName ?? t('wf.someone'), date: dateTime(event.occurredAt) })}
      </h2>
      {event.reason && (
        <p className="returned-reason prewrap" data-testid="returned-reason">
          {event.reason}
        </p>
      )}
      {notes.length > 0 && (
        <>
          <h3 className="returned-sub">{t('wf.returnedNotes')}</h3>
          <ul className="returned-notes">
            {notes.map((d, i) => {
              const about = subject(d);
              const target = d.field && fieldTarget ? fieldTarget(d.field) : undefined;
              return (
                <li key={i} data-testid="returned-note">
                  {about && target ? (
                    <a
                      href={`#${target}`}
                      onClick={(e) => {
                        e.preventDefault();
                        const el = document.getElementById(target);
                        el?.focus();
                        el?.scrollIntoView({ block: 'center' });
                      }}
                    >
                      <strong>{about}</strong>
                    </a>
                  ) : (
                    about && <strong>{about}</strong>
                  )}
                  {about && ': '}
                  {d.message}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {!fieldTarget && <p className="small">{t('wf.returnedFix')}</p>}
      {editTo && (
        <Link to={editTo} className="btn btn-small btn-primary" data-testid="returned-edit">
          {t('wf.returnedEdit')}
        </Link>
      )}
    </section>
  );
}
