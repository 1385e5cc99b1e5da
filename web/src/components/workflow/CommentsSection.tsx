/** Diskusi: the comment thread between the unit and its verifiers, oldest first, and a form to add one. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { Comment } from '../../workflow.js';
import { Field } from '../Field.js';
import { Empty, ErrorAlert, Loading, Notice } from '../Feedback.js';

export function CommentsSection({ agreementId, canComment }: { agreementId: string; canComment: boolean }) {
  const { t, dateTime } = useI18n();
  const comments = useResource(
    (signal) => api.get<{ comments: Comment[] }>(`/agreements/${encodeURIComponent(agreementId)}/comments`, undefined, signal).then((r) => r.comments),
    [agreementId],
  );
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const list = [...(comments.data ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const bodyError = error instanceof ApiError ? error.fieldMessage('body') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    if (!body.trim()) {
      setError(new ApiError(400, 'VALIDATION', t('comments.empty'), [{ path: 'body', message: t('comments.empty') }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/agreements/${encodeURIComponent(agreementId)}/comments`, { body: body.trim() });
      setBody('');
      setSent(true);
      comments.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="detail-comments" data-testid="comments">
      <h2 id="detail-comments">{t('comments.title')}</h2>
      <ErrorAlert error={comments.error} />
      {comments.loading && !comments.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>{t('comments.none')}</Empty>
      ) : (
        <ol className="comment-list">
          {list.map((c) => (
            <li key={c.id} className="comment" data-testid="comment">
              <p className="comment-head small">
                <strong>{c.authorName}</strong> · <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
              </p>
              <p className="comment-body prewrap">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form className="form comment-form" onSubmit={submit} noValidate>
          {sent && <Notice onDismiss={() => setSent(false)}>{t('comments.sent')}</Notice>}
          <ErrorAlert error={error} shownFields={['body']} />
          <Field label={t('comments.new')} hint={t('comments.hint')} error={bodyError}>
            {(p) => <textarea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} data-testid="comment-body" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={busy} data-testid="comment-submit">
              {busy ? t('comments.sending') : t('comments.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
