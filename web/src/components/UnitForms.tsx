/** Admin forms for the organisation tree: add a unit, change a unit (rename / recode / move), close a unit. */
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../api.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { UNIT_KINDS } from '../types.js';
import type { Province, Unit, UnitKind } from '../types.js';
import { buildTree, flatten, optionLabel, subtreeIds, today } from '../units.js';
import { Field } from './Field.js';
import { ErrorAlert } from './Feedback.js';

interface Values {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string;
  provinceCode: string;
  regencyCode: string;
}

type Errors = (name: string) => string | undefined;

const FIELD_NAMES = ['code', 'name', 'kind', 'parentId', 'provinceCode', 'regencyCode', 'validFrom', 'effectiveDate', 'validTo'];

function useFieldErrors(error: unknown): Errors {
  return (name) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);
}

/** Fields shared by "add" and "change". `exclude`: the unit itself and its subtree (not valid parents). */
function UnitFields({
  values,
  set,
  units,
  provinces,
  errors,
  exclude,
}: {
  values: Values;
  set: (patch: Partial<Values>) => void;
  units: readonly Unit[];
  provinces: readonly Province[];
  errors: Errors;
  exclude?: ReadonlySet<string>;
}) {
  const { t, kindLabel } = useI18n();
  const parents = useMemo(() => flatten(buildTree(units.filter((u) => u.active))), [units]);
  const regencies = useResource(
    (signal) =>
      values.provinceCode
        ? api
            .get<{ regencies: Province[] }>(`/provinces/${encodeURIComponent(values.provinceCode)}/regencies`, undefined, signal)
            .then((r) => r.regencies)
        : Promise.resolve([] as Province[]),
    [values.provinceCode],
  );

  return (
    <div className="form-grid">
      <Field label={t('unit.code')} error={errors('code')} hint={t('unit.codeHint')}>
        {(p) => <input {...p} required value={values.code} onChange={(e) => set({ code: e.target.value })} />}
      </Field>
      <Field label={t('unit.name')} error={errors('name')} className="span-2">
        {(p) => <input {...p} required value={values.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label={t('unit.kind')} error={errors('kind')}>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set({ kind: e.target.value as UnitKind })}>
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('unit.parent')} error={errors('parentId')} className="span-2">
        {(p) => (
          <select {...p} value={values.parentId} onChange={(e) => set({ parentId: e.target.value })}>
            <option value="">{t('unit.noParent')}</option>
            {parents
              .filter((n) => !exclude?.has(n.unit.id))
              .map((n) => (
                <option key={n.unit.id} value={n.unit.id}>
                  {optionLabel(n)}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label={t('unit.province')} error={errors('provinceCode')}>
        {(p) => (
          <select {...p} value={values.provinceCode} onChange={(e) => set({ provinceCode: e.target.value, regencyCode: '' })}>
            <option value="">{t('unit.noProvince')}</option>
            {provinces.map((pr) => (
              <option key={pr.code} value={pr.code}>
                {pr.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('unit.regency')} error={errors('regencyCode')}>
        {(p) => (
          <select
            {...p}
            value={values.regencyCode}
            disabled={!values.provinceCode || regencies.loading}
            onChange={(e) => set({ regencyCode: e.target.value })}
          >
            <option value="">{t('unit.noRegency')}</option>
            {(regencies.data ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

function FormButtons({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common.saving') : submit}
      </button>
      <button type="button" className="btn btn-ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

interface Common {
  units: readonly Unit[];
  provinces: readonly Province[];
  onCancel: () => void;
  onDone: (unit: Unit) => void;
}

function useSubmit(onDone: (u: Unit) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(call: () => Promise<{ unit: Unit }>) {
    setBusy(true);
    setError(null);
    try {
      const res = await call();
      onDone(res.unit);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, run };
}

export function UnitCreateForm({ units, provinces, parent, onCancel, onDone }: Common & { parent: Unit | null }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>({
    code: '',
    name: '',
    kind: parent?.kind === 'kanwil' ? 'lapas' : 'kanwil',
    parentId: parent?.active ? parent.id : '',
    provinceCode: parent?.provinceCode ?? '',
    regencyCode: '',
  });
  const [validFrom, setValidFrom] = useState(today());
  const { error, busy, run } = useSubmit(onDone);
  const errors = useFieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(() =>
      api.post<{ unit: Unit }>('/units', {
        code: values.code.trim(),
        name: values.name.trim(),
        kind: values.kind,
        parentId: values.parentId || null,
        ...(values.provinceCode ? { provinceCode: values.provinceCode } : {}),
        ...(values.regencyCode ? { regencyCode: values.regencyCode } : {}),
        ...(validFrom ? { validFrom } : {}),
      }),
    );
  }

  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby="unit-create-title">
      <h3 id="unit-create-title">{t('units.addTitle')}</h3>
      <ErrorAlert error={error} shownFields={FIELD_NAMES} />
      <UnitFields values={values} set={(p) => setValues((v) => ({ ...v, ...p }))} units={units} provinces={provinces} errors={errors} />
      <Field label={t('unit.validFrom')} error={errors('validFrom')}>
        {(p) => <input {...p} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
      </Field>
      <FormButtons busy={busy} submit={t('units.addSubmit')} onCancel={onCancel} />
    </form>
  );
}

export function UnitEditForm({ unit, units, provinces, onCancel, onDone }: Common & { unit: Unit }) {
  const { t } = useI18n();
  const initial: Values = {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId ?? '',
    provinceCode: unit.provinceCode ?? '',
    regencyCode: unit.regencyCode ?? '',
  };
  const [values, setValues] = useState<Values>(initial);
  const [effectiveDate, setEffectiveDate] = useState(today());
  const { error, setError, busy, run } = useSubmit(onDone);
  const errors = useFieldErrors(error);
  const exclude = useMemo(() => subtreeIds(buildTree(units), unit.id), [units, unit.id]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, string | null> = {};
    if (values.code.trim() !== initial.code) body.code = values.code.trim();
    if (values.name.trim() !== initial.name) body.name = values.name.trim();
    if (values.kind !== initial.kind) body.kind = values.kind;
    if (values.parentId !== initial.parentId) body.parentId = values.parentId || null;
    if (values.provinceCode !== initial.provinceCode) body.provinceCode = values.provinceCode || null;
    if (values.regencyCode !== initial.regencyCode) body.regencyCode = values.regencyCode || null;
    if (Object.keys(body).length === 0) {
      setError(new ApiError(400, 'NO_CHANGES', t('units.noChanges')));
      return;
    }
    if (effectiveDate) body.effectiveDate = effectiveDate;
    void run(() => api.patch<{ unit: Unit }>(`/units/${encodeURIComponent(unit.id)}`, body));
  }

  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby="unit-edit-title">
      <h3 id="unit-edit-title">{t('units.editTitle', { name: unit.name })}</h3>
      <ErrorAlert error={error} shownFields={FIELD_NAMES} />
      <UnitFields
        values={values}
        set={(p) => setValues((v) => ({ ...v, ...p }))}
        units={units}
        provinces={provinces}
        errors={errors}
        exclude={exclude}
      />
      <Field label={t('unit.effectiveDate')} hint={t('unit.effectiveDateHint')} error={errors('effectiveDate')}>
        {(p) => <input {...p} type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />}
      </Field>
      <FormButtons busy={busy} submit={t('common.save')} onCancel={onCancel} />
    </form>
  );
}

export function UnitCloseForm({ unit, onCancel, onDone }: { unit: Unit; onCancel: () => void; onDone: (u: Unit) => void }) {
  const { t } = useI18n();
  const [validTo, setValidTo] = useState(today());
  const { error, busy, run } = useSubmit(onDone);
  const errors = useFieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(() => api.post<{ unit: Unit }>(`/units/${encodeURIComponent(unit.id)}/close`, { validTo }));
  }

  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby="unit-close-title">
      <h3 id="unit-close-title">{t('units.closeTitle', { name: unit.name })}</h3>
      <p className="muted">{t('units.closeIntro')}</p>
      <ErrorAlert error={error} shownFields={['validTo']} />
      <Field label={t('unit.validTo')} error={errors('validTo')}>
        {(p) => <input {...p} type="date" required value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
      </Field>
      <FormButtons busy={busy} submit={t('units.closeSubmit')} onCancel={onCancel} />
    </form>
  );
}
