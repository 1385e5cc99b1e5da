/**
 * /supervisi/baru and /supervisi/{id}/ubah: a supervision plan — title, basis (the assignment letter as text; the
 * scanned letter is uploaded on the plan's page), purpose, scope, period, region, questionnaire, team (one chair)
 * and the units to visit with their dates.
 */
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api.js';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { Field } from '../../components/Field.js';
import { DateInput } from '../../components/form/DateInput.js';
import { UnitSelect } from '../../components/form/UnitSelect.js';
import { PageHeader } from '../../components/PageHeader.js';
import { setFlash } from '../../flash.js';
import { useDebounced, useResource, useUnits } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import type { PlanDetail, TeamCandidate, TemplateSummary } from '../../supervision/types.js';

interface Member {
  userId: string;
  name: string;
  role: 'ketua' | 'anggota';
  position: string;
}
interface VisitRow {
  unitId: string;
  visitDate: string;
}
interface FormState {
  title: string;
  basis: string;
  purpose: string;
  scopeText: string;
  periodStart: string;
  periodEnd: string;
  region: string;
  templateId: string;
  team: Member[];
  units: VisitRow[];
}

const EMPTY: FormState = { title: '', basis: '', purpose: '', scopeText: '', periodStart: '', periodEnd: '', region: '', templateId: '', team: [], units: [{ unitId: '', visitDate: '' }] };

function fromPlan(p: PlanDetail): FormState {
  return {
    title: p.title,
    basis: p.basis,
    purpose: p.purpose ?? '',
    scopeText: p.scopeText ?? '',
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    region: p.region,
    templateId: p.template.id,
    team: p.team.map((m) => ({ userId: m.userId, name: m.name, role: m.role, position: m.position ?? '' })),
    units: p.visits.map((v) => ({ unitId: v.unit.id, visitDate: v.visitDate })),
  };
}

export function PlanFormPage({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const existing = useResource((signal) => (id ? api.get<{ supervision: PlanDetail }>(`/supervisions/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.supervision) : Promise.resolve(null)), [id]);
  const { t } = useI18n();
  if (id && !existing.data) {
    return (
      <section>
        <PageHeader title={t('sv.plan.editTitle')} />
        {existing.error ? <ErrorAlert error={existing.error} /> : <Loading />}
      </section>
    );
  }
  return <PlanForm key={id ?? 'new'} plan={existing.data ?? null} />;
}

function PlanForm({ plan }: { plan: PlanDetail | null }) {
  const { t, roleLabel } = useI18n();
  const [f, setF] = useState<FormState>(plan ? fromPlan(plan) : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  const units = useUnits();
  const templates = useResource((signal) => api.get<{ templates: TemplateSummary[] }>('/supervision-templates', undefined, signal).then((r) => r.templates.filter((x) => x.current)), []);
  const q = useDebounced(search.trim(), 250);
  const candidates = useResource(
    (signal) => (q.length < 2 ? Promise.resolve([]) : api.get<{ users: TeamCandidate[] }>('/supervisions/team-candidates', { q }, signal).then((r) => r.users)),
    [q],
  );
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  useEffect(() => {
    if (!plan && !f.templateId && templates.data?.[0]) set('templateId', templates.data[0].id);
  }, [templates.data, plan, f.templateId]);

  function addMember(c: TeamCandidate) {
    if (f.team.some((m) => m.userId === c.id)) return;
    set('team', [...f.team, { userId: c.id, name: c.displayName, role: f.team.some((m) => m.role === 'ketua') ? 'anggota' : 'ketua', position: '' }]);
    setSearch('');
  }

  async function submit() {
    if (f.team.filter((m) => m.role === 'ketua').length !== 1) {
      setError(new ApiError(400, 'VALIDATION', t('sv.plan.needChair')));
      return;
    }
    const body = {
      title: f.title,
      basis: f.basis,
      purpose: f.purpose.trim() || null,
      scopeText: f.scopeText.trim() || null,
      periodStart: f.periodStart,
      periodEnd: f.periodEnd,
      region: f.region,
      team: f.team.map((m) => ({ userId: m.userId, role: m.role, position: m.position.trim() || null })),
      units: f.units.filter((u) => u.unitId),
    };
    setBusy(true);
    setError(null);
    try {
      const res = plan
        ? await api.patch<{ supervision: PlanDetail }>(`/supervisions/${encodeURIComponent(plan.id)}`, body)
        : await api.post<{ supervision: PlanDetail }>('/supervisions', { ...body, ...(f.templateId ? { templateId: f.templateId } : {}) });
      setFlash(t(plan ? 'sv.plan.saved' : 'sv.plan.created'));
      navigate(`/supervisi/${res.supervision.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const shown = ['title', 'basis', 'purpose', 'scopeText', 'periodStart', 'periodEnd', 'region'];
  return (
    <section>
      <p className="breadcrumb">
        <Link to={plan ? `/supervisi/${plan.id}` : '/supervisi'}>{t('sv.plan.back')}</Link>
      </p>
      <PageHeader title={t(plan ? 'sv.plan.editTitle' : 'sv.plan.newTitle')} />
      <ErrorAlert error={error} shownFields={shown} />
      <form
        className="form card"
        data-testid="plan-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t('sv.plan.title')} error={fieldError('title')}>
          {(p) => <input {...p} value={f.title} onChange={(e) => set('title', e.target.value)} required />}
        </Field>
        <Field label={t('sv.plan.basis')} hint={t('sv.plan.basisHint')} error={fieldError('basis')}>
          {(p) => <textarea {...p} rows={3} value={f.basis} onChange={(e) => set('basis', e.target.value)} required />}
        </Field>
        <Field label={t('sv.plan.purpose')} error={fieldError('purpose')}>
          {(p) => <textarea {...p} rows={3} value={f.purpose} onChange={(e) => set('purpose', e.target.value)} />}
        </Field>
        <Field label={t('sv.plan.scope')} error={fieldError('scopeText')}>
          {(p) => <textarea {...p} rows={3} value={f.scopeText} onChange={(e) => set('scopeText', e.target.value)} />}
        </Field>
        <div className="form-grid">
          <Field label={t('sv.plan.periodStart')} error={fieldError('periodStart')}>
            {(p) => <DateInput control={p} value={f.periodStart} onChange={(v) => set('periodStart', v)} required />}
          </Field>
          <Field label={t('sv.plan.periodEnd')} error={fieldError('periodEnd')}>
            {(p) => <DateInput control={p} value={f.periodEnd} min={f.periodStart || undefined} onChange={(v) => set('periodEnd', v)} required />}
          </Field>
          <Field label={t('sv.plan.region')} error={fieldError('region')}>
            {(p) => <input {...p} value={f.region} onChange={(e) => set('region', e.target.value)} required />}
          </Field>
        </div>
        {!plan && (
          <Field label={t('sv.plan.template')} hint={t('sv.plan.templateHint')}>
            {(p) => (
              <select {...p} value={f.templateId} onChange={(e) => set('templateId', e.target.value)}>
                {(templates.data ?? []).map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name} — {t('sv.templates.version', { n: tpl.version })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        <fieldset className="form-section">
          <legend>{t('sv.plan.team')}</legend>
          <p className="field-hint">{t('sv.plan.teamHint')}</p>
          {f.team.map((m, i) => (
            <div className="team-row" key={m.userId} data-testid="team-row">
              <p className="team-name">
                <strong>{m.name}</strong>
              </p>
              <Field label={t('sv.plan.memberRole')}>
                {(p) => (
                  <select {...p} value={m.role} onChange={(e) => set('team', f.team.map((x, j) => (j === i ? { ...x, role: e.target.value as Member['role'] } : x)))}>
                    <option value="ketua">{t('sv.role.ketua')}</option>
                    <option value="anggota">{t('sv.role.anggota')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('sv.plan.memberPosition')}>
                {(p) => <input {...p} value={m.position} onChange={(e) => set('team', f.team.map((x, j) => (j === i ? { ...x, position: e.target.value } : x)))} />}
              </Field>
              <button type="button" className="btn btn-small btn-danger-outline" onClick={() => set('team', f.team.filter((_, j) => j !== i))}>
                {t('sv.plan.remove')}
              </button>
            </div>
          ))}
          <Field label={t('sv.plan.searchMember')} hint={t('sv.plan.searchMemberHint')}>
            {(p) => <input {...p} type="search" value={search} autoComplete="off" onChange={(e) => setSearch(e.target.value)} data-testid="member-search" />}
          </Field>
          {(candidates.data ?? []).length > 0 && q.length >= 2 && (
            <ul className="candidate-list" aria-label={t('sv.plan.addMember')}>
              {(candidates.data ?? []).map((c) => (
                <li key={c.id}>
                  <button type="button" className="btn btn-ghost" onClick={() => addMember(c)} data-testid="member-candidate">
                    {c.displayName} · {roleLabel(c.role)} · {c.unitName}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('sv.plan.units')}</legend>
          {f.units.map((u, i) => (
            <div className="unit-row" key={i} data-testid="unit-row">
              <Field label={t('sv.plan.unit')}>
                {(p) => <UnitSelect control={p} units={units.data ?? []} value={u.unitId} emptyLabel={t('common.choose')} onChange={(v) => set('units', f.units.map((x, j) => (j === i ? { ...x, unitId: v } : x)))} />}
              </Field>
              <Field label={t('sv.plan.visitDate')}>
                {(p) => <DateInput control={p} value={u.visitDate} onChange={(v) => set('units', f.units.map((x, j) => (j === i ? { ...x, visitDate: v } : x)))} />}
              </Field>
              <button type="button" className="btn btn-small btn-danger-outline" onClick={() => set('units', f.units.filter((_, j) => j !== i))}>
                {t('sv.plan.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="btn" onClick={() => set('units', [...f.units, { unitId: '', visitDate: f.units[f.units.length - 1]?.visitDate ?? f.periodStart }])}>
            {t('sv.plan.addUnit')}
          </button>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="plan-submit">
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <Link to={plan ? `/supervisi/${plan.id}` : '/supervisi'} className="btn">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
