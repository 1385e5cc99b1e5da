/** Admin forms for accounts: create (temporary password shown once by the caller) and edit. */
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { ROLES } from '../types.js';
import type { Role, Unit, UserSummary } from '../types.js';
import { buildTree, flatten, optionLabel } from '../units.js';
import { Checkbox, Field } from './Field.js';
import { ErrorAlert, Loading } from './Feedback.js';

const FIELDS = ['username', 'email', 'displayName', 'role', 'unitId', 'disabled'];

function UnitSelect({ units, value, onChange, error }: { units: readonly Unit[]; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useI18n();
  const options = useMemo(() => flatten(buildTree(units.filter((u) => u.active))), [units]);
  return (
    <Field label={t('user.unit')} error={error} className="span-2">
      {(p) => (
        <select {...p} required value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {options.map((n) => (
            <option key={n.unit.id} value={n.unit.id}>
              {optionLabel(n)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RoleSelect({ value, onChange, error }: { value: Role; onChange: (r: Role) => void; error?: string }) {
  const { t, roleLabel } = useI18n();
  return (
    <Field label={t('user.role')} error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function useForm() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);
  async function run(call: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, fieldError, run };
}

export function UserCreateForm({
  units,
  onCancel,
  onCreated,
}: {
  units: readonly Unit[];
  onCancel: () => void;
  onCreated: (user: UserSummary, temporaryPassword: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [unitId, setUnitId] = useState('');
  const { error, busy, fieldError, run } = useForm();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const res = await api.post<{ user: UserSummary; temporaryPassword?: string }>('/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        ...(email.trim() ? { email: email.trim() } : {}),
        role,
        unitId,
      });
      onCreated(res.user, res.temporaryPassword);
    });
  }

  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby="user-create-title">
      <h2 id="user-create-title">{t('users.addTitle')}</h2>
      <ErrorAlert error={error} shownFields={FIELDS} />
      <div className="form-grid">
        <Field label={t('user.username')} error={fieldError('username')} hint={t('users.usernameHint')}>
          {(p) => (
            <input {...p} required autoCapitalize="none" spellCheck={false} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field label={t('user.displayName')} error={fieldError('displayName')} className="span-2">
          {(p) => <input {...p} required autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field label={t('user.email')} error={fieldError('email')}>
          {(p) => <input {...p} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <RoleSelect value={role} onChange={setRole} error={fieldError('role')} />
        <UnitSelect units={units} value={unitId} onChange={setUnitId} error={fieldError('unitId')} />
      </div>
      <p className="muted small">{t('users.tempPasswordInfo')}</p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('users.addSubmit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function UserEditForm({
  userId,
  units,
  onCancel,
  onSaved,
}: {
  userId: string;
  units: readonly Unit[];
  onCancel: () => void;
  onSaved: (user: UserSummary) => void;
}) {
  const { t } = useI18n();
  const loaded = useResource((signal) => api.get<{ user: UserSummary }>(`/users/${encodeURIComponent(userId)}`, undefined, signal), [userId]);
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  return <EditFields user={loaded.data.user} units={units} onCancel={onCancel} onSaved={onSaved} title={t('users.editTitle', { name: loaded.data.user.displayName })} />;
}

function EditFields({
  user,
  units,
  onCancel,
  onSaved,
  title,
}: {
  user: UserSummary;
  units: readonly Unit[];
  onCancel: () => void;
  onSaved: (user: UserSummary) => void;
  title: string;
}) {
  const { t, dateTime } = useI18n();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [unitId, setUnitId] = useState(user.unit?.id ?? user.unitId ?? '');
  const [disabled, setDisabled] = useState(!!user.disabled);
  const { error, busy, fieldError, run } = useForm();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const res = await api.patch<{ user: UserSummary }>(`/users/${encodeURIComponent(user.id)}`, {
        displayName: displayName.trim(),
        email: email.trim() || null,
        role,
        unitId,
        disabled,
      });
      onSaved(res.user);
    });
  }

  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby="user-edit-title">
      <h2 id="user-edit-title">{title}</h2>
      <p className="muted small">
        {t('user.username')}: <code>{user.username}</code> ·{' '}
        {user.lastLoginAt ? t('users.lastLogin', { date: dateTime(user.lastLoginAt) }) : t('users.neverLoggedIn')}
      </p>
      <ErrorAlert error={error} shownFields={FIELDS} />
      <div className="form-grid">
        <Field label={t('user.displayName')} error={fieldError('displayName')} className="span-2">
          {(p) => <input {...p} required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field label={t('user.email')} error={fieldError('email')}>
          {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <RoleSelect value={role} onChange={setRole} error={fieldError('role')} />
        <UnitSelect units={units} value={unitId} onChange={setUnitId} error={fieldError('unitId')} />
      </div>
      <Checkbox label={t('users.disabledLabel')} checked={disabled} onChange={setDisabled} />
      {fieldError('disabled') && <p className="field-error">{fieldError('disabled')}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
