/** Tempat sampah (admin, verifikator): deleted agreements, restore; the admin can empty it after a strong confirm. */
import { useState } from 'react';
import { api } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { Field } from '../components/Field.js';
import { Empty, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { TrashItem } from '../registry.js';
import { Link } from '../router.js';
import { useUser } from '../session.js';

export function TrashPage() {
  const { t, dateTime, number } = useI18n();
  const user = useUser();
  const trash = useResource((signal) => api.get<{ agreements: TrashItem[] }>('/trash', undefined, signal).then((r) => r.agreements), []);
  const [notice, setNotice] = useState<{ text: string; id?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [emptying, setEmptying] = useState(false);
  const list = trash.data ?? [];

  async function restore(item: TrashItem) {
    setBusyId(item.id);
    setError(null);
    try {
      await api.post(`/agreements/${encodeURIComponent(item.id)}/restore`);
      setNotice({ text: t('trash.restored', { title: item.title }), id: item.id });
      trash.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div>
      <PageHeader title={t('trash.title')}>
        {user.role === 'admin' && list.length > 0 && (
          <button type="button" className="btn btn-danger" onClick={() => setEmptying(true)} data-testid="trash-empty">
            {t('trash.empty')}
          </button>
        )}
      </PageHeader>
      <p className="muted">{t('trash.intro')}</p>
      {notice && (
        <Notice onDismiss={() => setNotice(null)}>
          {notice.text} {notice.id && <Link to={`/kerja-sama/${notice.id}`}>{t('trash.open')}</Link>}
        </Notice>
      )}
      <ErrorAlert error={error ?? trash.error} />
      {trash.loading && !trash.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>{t('trash.none')}</Empty>
      ) : (
        <>
          <p className="muted small">{t('trash.count', { n: number(list.length) })}</p>
          <div className="table-wrap">
            <table className="table cards-on-phone" data-testid="trash-table">
              <caption className="sr-only">{t('trash.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreement.title')}</th>
                  <th scope="col">{t('register.number')}</th>
                  <th scope="col">{t('agreement.unit')}</th>
                  <th scope="col">{t('trash.deletedAt')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <td data-label={t('agreement.title')}>{a.title}</td>
                    <td data-label={t('register.number')}>{a.numberFirst ?? '—'}</td>
                    <td data-label={t('agreement.unit')}>{a.unitName}</td>
                    <td data-label={t('trash.deletedAt')}>
                      {dateTime(a.deletedAt)}
                      {a.deletedBy && <span className="block small muted">{t('trash.by', { name: a.deletedBy })}</span>}
                    </td>
                    <td className="actions">
                      <button type="button" className="btn btn-small" disabled={busyId === a.id} onClick={() => void restore(a)} aria-label={t('trash.restoreName', { title: a.title })}>
                        {t('trash.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {emptying && (
        <EmptyTrashDialog
          count={list.length}
          onClose={() => setEmptying(false)}
          onDone={(n) => {
            setEmptying(false);
            setNotice({ text: t('trash.emptied', { n: number(n) }) });
            trash.reload();
          }}
        />
      )}
    </div>
  );
}

function EmptyTrashDialog({ count, onClose, onDone }: { count: number; onClose: () => void; onDone: (n: number) => void }) {
  const { t, number } = useI18n();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const word = t('trash.confirmWord');

  async function empty() {
    setBusy(true);
    setError(null);
    try {
      const res = await api.del<{ purged: number }>('/trash');
      onDone(res.purged);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('trash.emptyTitle')} onClose={onClose} testId="trash-empty-dialog">
      <p>
        <strong>{t('trash.emptyWarning', { n: number(count) })}</strong>
      </p>
      <p className="muted small">{t('trash.emptyScope')}</p>
      <ErrorAlert error={error} />
      <Field label={t('trash.typeToConfirm', { word })}>
        {(p) => <input {...p} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} data-testid="trash-confirm-input" />}
      </Field>
      <div className="form-actions">
        <button type="button" className="btn btn-danger" disabled={busy || typed.trim().toUpperCase() !== word.toUpperCase()} onClick={() => void empty()} data-testid="trash-confirm">
          {t('trash.emptyYes')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
