/** Pengguna: accounts in the caller's scope. Admin: create, edit, reset password. Verifikator: read only. */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api.js';
import { Field } from '../components/Field.js';
import { Badge, Empty, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { Secret } from '../components/Secret.js';
import { UserCreateForm, UserEditForm } from '../components/UserForms.js';
import { useResource, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { useSession } from '../session.js';
import { ROLES } from '../types.js';
import type { UserSummary } from '../types.js';

const PAGE_SIZE = 25;

type Panel = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; id: string };

export function UsersPage() {
  const { t, roleLabel, number } = useI18n();
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [page, setPage] = useState(1);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [notice, setNotice] = useState<{ text: string; password?: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const units = useUnits();
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);

  // Search as you type, a moment after the last key.
  useEffect(() => {
    const id = window.setTimeout(() => {
      setQ(qInput.trim());
      setPage(1);
    }, 300);
    return () => window.clearTimeout(id);
  }, [qInput]);

  const users = useResource(
    (signal) => api.get<{ users: UserSummary[]; total: number }>('/users', { q, role, page, pageSize: PAGE_SIZE }, signal),
    [q, role, page],
  );

  async function resetPassword(u: UserSummary) {
    setActionError(null);
    try {
      const res = await api.post<{ temporaryPassword: string }>(`/users/${encodeURIComponent(u.id)}/reset-password`);
      setConfirmReset(null);
      setNotice({ text: t('users.resetDone', { name: u.displayName }), password: res.temporaryPassword });
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (err) {
      setActionError(err);
    }
  }

  const list = users.data?.users ?? [];
  const total = users.data?.total ?? 0;

  return (
    <div>
      <PageHeader title={t('users.title')}>
        {isAdmin && panel.kind !== 'create' && (
          <button type="button" className="btn btn-primary" onClick={() => setPanel({ kind: 'create' })}>
            {t('users.add')}
          </button>
        )}
      </PageHeader>
      {!isAdmin && <p className="muted">{t('users.readOnly')}</p>}

      {notice && (
        <Notice onDismiss={() => setNotice(null)}>
          <p>{notice.text}</p>
          {notice.password && (
            <>
              <Secret label={t('users.tempPassword')} value={notice.password} />
              <p className="small">{t('users.tempPasswordOnce')}</p>
            </>
          )}
        </Notice>
      )}
      <ErrorAlert error={actionError} />

      {isAdmin && panel.kind === 'create' && (
        <UserCreateForm
          units={units.data ?? []}
          onCancel={() => setPanel({ kind: 'none' })}
          onCreated={(u, password) => {
            setPanel({ kind: 'none' });
            setNotice({ text: t('users.created', { name: u.displayName }), password });
            users.reload();
          }}
        />
      )}
      {isAdmin && panel.kind === 'edit' && (
        <UserEditForm
          key={panel.id}
          userId={panel.id}
          units={units.data ?? []}
          onCancel={() => setPanel({ kind: 'none' })}
          onSaved={(u) => {
            setPanel({ kind: 'none' });
            setNotice({ text: t('users.saved', { name: u.displayName }) });
            users.reload();
          }}
        />
      )}

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('users.search')} hint={t('users.searchHint')}>
          {(p) => <input {...p} type="search" value={qInput} onChange={(e) => setQInput(e.target.value)} />}
        </Field>
        <Field label={t('users.roleFilter')}>
          {(p) => (
            <select
              {...p}
              value={role}
              onChange={(e) => {
                setRole(e.target.value);
                setPage(1);
              }}
            >
              <option value="">{t('users.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>

      <ErrorAlert error={users.error} />
      {users.loading && !users.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty />
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {t('users.total', { n: number(total) })}
            {users.loading ? ` · ${t('common.loading')}` : ''}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="users-table">
              <caption className="sr-only">{t('users.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('user.username')}</th>
                  <th scope="col">
                    {t('user.displayName')} / {t('user.email')}
                  </th>
                  <th scope="col">{t('user.role')}</th>
                  <th scope="col">{t('user.unit')}</th>
                  <th scope="col">{t('common.status')}</th>
                  {isAdmin && (
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <code>{u.username}</code>
                    </td>
                    <td>
                      {u.displayName}
                      <span className="block small muted wrap">{u.email ?? '—'}</span>
                    </td>
                    <td>{roleLabel(u.role)}</td>
                    <td>{u.unit?.name ?? (u.unitId ? unitName.get(u.unitId) : undefined) ?? '—'}</td>
                    <td>
                      {u.disabled ? <Badge tone="muted">{t('users.disabled')}</Badge> : <Badge tone="ok">{t('users.enabled')}</Badge>}
                      {u.mustChangePassword && <Badge tone="warn">{t('users.mustChange')}</Badge>}
                    </td>
                    {isAdmin && (
                      <td className="actions">
                        {confirmReset === u.id ? (
                          <span className="confirm">
                            <span>{t('users.resetConfirm', { name: u.displayName })}</span>
                            <button type="button" className="btn btn-small btn-danger" onClick={() => void resetPassword(u)}>
                              {t('users.resetYes')}
                            </button>
                            <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirmReset(null)}>
                              {t('common.cancel')}
                            </button>
                          </span>
                        ) : (
                          <div className="row-actions">
                            <button
                              type="button"
                              className="btn btn-small"
                              aria-label={t('users.editFor', { name: u.displayName })}
                              onClick={() => {
                                setPanel({ kind: 'edit', id: u.id });
                                window.scrollTo({ top: 0, behavior: 'smooth' });
                              }}
                            >
                              {t('common.edit')}
                            </button>
                            <button
                              type="button"
                              className="btn btn-small"
                              aria-label={t('users.resetFor', { name: u.displayName })}
                              onClick={() => setConfirmReset(u.id)}
                            >
                              {t('users.reset')}
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
