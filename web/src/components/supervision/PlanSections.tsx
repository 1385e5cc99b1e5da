/** The plan page's recommendations and follow-ups: listed for everyone who may read the plan, written by managers. */
import { useState } from 'react';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { Link } from '../../router.js';
import type { PlanDetail, RecommendationItem } from '../../supervision/types.js';
import { Empty, ErrorAlert } from '../Feedback.js';
import { Field } from '../Field.js';
import { DateInput } from '../form/DateInput.js';
import { FollowupStatusBadge } from './Badges.js';

function UnitChoice({ plan, value, onChange, allLabel }: { plan: PlanDetail; value: string; onChange: (v: string) => void; allLabel?: string }) {
  const { t } = useI18n();
  return (
    <Field label={t(allLabel ? 'sv.recs.unit' : 'sv.fus.unit')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)} required={!allLabel}>
          <option value="">{allLabel ?? t('common.choose')}</option>
          {plan.visits.map((v) => (
            <option key={v.unit.id} value={v.unit.id}>
              {v.unit.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function RecommendationsSection({ plan, onChanged }: { plan: PlanDetail; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [unitId, setUnitId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/supervisions/${encodeURIComponent(plan.id)}/recommendations`;

  async function run(fn: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged(message);
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sv-recs" data-testid="recommendations">
      <h2 id="sv-recs">{t('sv.recs.title')}</h2>
      {plan.recommendations.length === 0 ? (
        <Empty>{t('sv.recs.none')}</Empty>
      ) : (
        <ol>
          {plan.recommendations.map((r: RecommendationItem) => (
            <li key={r.id} data-testid="recommendation">
              <p className="prewrap">{r.text}</p>
              <p className="muted small">
                {r.unitName ?? t('sv.recs.allUnits')}
                {plan.permissions.manage && (
                  <>
                    {' · '}
                    <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void run(() => api.del(`${base}/${r.id}`), t('sv.recs.deleted'))}>
                      {t('sv.recs.delete')}
                    </button>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {plan.permissions.manage && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.post(base, { unitId: unitId || null, text }), t('sv.recs.added'));
          }}
        >
          <ErrorAlert error={error} />
          <Field label={t('sv.recs.text')}>{(p) => <textarea {...p} rows={2} value={text} onChange={(e) => setText(e.target.value)} required data-testid="recommendation-text" />}</Field>
          <UnitChoice plan={plan} value={unitId} onChange={setUnitId} allLabel={t('sv.recs.allUnits')} />
          <button type="submit" className="btn" disabled={busy}>
            {t('sv.recs.add')}
          </button>
        </form>
      )}
    </section>
  );
}

export function FollowupsSection({ plan, onChanged }: { plan: PlanDetail; onChanged: (message: string) => void }) {
  const { t, date } = useI18n();
  const [form, setForm] = useState({ unitId: '', title: '', dueDate: '', recommendationId: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function add() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/supervisions/${encodeURIComponent(plan.id)}/followups`, {
        unitId: form.unitId,
        title: form.title,
        dueDate: form.dueDate,
        recommendationId: form.recommendationId || null,
      });
      setForm({ unitId: '', title: '', dueDate: '', recommendationId: '' });
      onChanged(t('sv.fus.added'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sv-fus" data-testid="plan-followups">
      <h2 id="sv-fus">{t('sv.fus.title')}</h2>
      {plan.followups.length === 0 ? (
        <Empty>{t('sv.fus.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('sv.fus.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sv.fus.what')}</th>
                <th scope="col">{t('sv.fus.unit')}</th>
                <th scope="col">{t('sv.fus.due')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.followups.map((f) => (
                <tr key={f.id} data-testid="plan-followup">
                  <td>
                    <Link to={`/tindak-lanjut/${f.id}`}>{f.title}</Link>
                  </td>
                  <td>{f.unit.name}</td>
                  <td>{date(f.dueDate)}</td>
                  <td>
                    <FollowupStatusBadge status={f.status} overdue={f.overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.permissions.manage && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <h3>{t('sv.fus.add')}</h3>
          <ErrorAlert error={error} />
          <Field label={t('sv.fus.what')}>{(p) => <input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required />}</Field>
          <UnitChoice plan={plan} value={form.unitId} onChange={(v) => setForm({ ...form, unitId: v })} />
          <Field label={t('sv.fus.due')}>{(p) => <DateInput control={p} value={form.dueDate} onChange={(v) => setForm({ ...form, dueDate: v })} required />}</Field>
          {plan.recommendations.length > 0 && (
            <Field label={t('sv.fus.recommendation')}>
              {(p) => (
                <select {...p} value={form.recommendationId} onChange={(e) => setForm({ ...form, recommendationId: e.target.value })}>
                  <option value="">{t('sv.fus.noRecommendation')}</option>
                  {plan.recommendations.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.text.length > 80 ? `${r.text.slice(0, 80)}…` : r.text}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <button type="submit" className="btn" disabled={busy}>
            {t('sv.fus.add')}
          </button>
        </form>
      )}
    </section>
  );
}
