/** The visit-wide parts of the interview form: who was interviewed, general findings, agreements not yet registered. */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { Json } from '../../supervision/offline-queue.js';
import { newOpId } from '../../supervision/offline-queue.js';
import type { SyncEngine } from '../../supervision/sync-engine.js';
import { keys, type UnregisteredDraft } from '../../supervision/sync-ops.js';
import type { Interviewee, Worksheet } from '../../supervision/types.js';
import { Link } from '../../router.js';
import { Field } from '../Field.js';
import { DateInput } from '../form/DateInput.js';
import { useDraft } from './QuestionField.js';

/** The server takes names and positions of at least two characters; shorter rows stay on screen until finished. */
const complete = (p: Interviewee) => p.name.trim().length >= 2 && p.position.trim().length >= 2;
const finished = (rows: readonly Interviewee[]) => rows.filter(complete).map((r) => ({ name: r.name.trim(), position: r.position.trim() }));

export function IntervieweesEditor({ value, onChange, disabled }: { value: Json | undefined; onChange: (v: Json) => void; disabled: boolean }) {
  const { t } = useI18n();
  const saved = (Array.isArray(value) ? value : []) as unknown as Interviewee[];
  const savedJson = JSON.stringify(saved);
  const [rows, setRows] = useState<Interviewee[]>(saved);
  // A new list from the server or the queue replaces the finished rows; rows still being typed stay.
  useEffect(() => {
    setRows((cur) => (JSON.stringify(finished(cur)) === savedJson ? cur : [...(JSON.parse(savedJson) as Interviewee[]), ...cur.filter((r) => !complete(r))]));
  }, [savedJson]);
  const commit = (next: Interviewee[]) => {
    const done = finished(next);
    if (JSON.stringify(done) !== savedJson) onChange(done as unknown as Json);
  };
  const edit = (i: number, patch: Partial<Interviewee>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  // Finished rows are kept after a pause in typing too, not only when the list loses focus.
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    const id = window.setTimeout(() => commitRef.current(rows), 700);
    return () => window.clearTimeout(id);
  }, [rows]);

  return (
    <section className="card" aria-labelledby="sv-interviewees" data-testid="sv-interviewees">
      <h2 id="sv-interviewees">{t('sv.visit.interviewees')}</h2>
      {rows.length === 0 && <p className="muted">{t('sv.visit.noInterviewees')}</p>}
      <ol className="interviewees" onBlur={() => commit(rows)}>
        {rows.map((r, i) => (
          <li key={i} className="interviewee">
            <Field label={t('sv.visit.intervieweeName')}>
              {(p) => <input {...p} value={r.name} disabled={disabled} autoComplete="off" onChange={(e) => edit(i, { name: e.target.value })} data-testid="interviewee-name" />}
            </Field>
            <Field label={t('sv.visit.intervieweePosition')}>
              {(p) => <input {...p} value={r.position} disabled={disabled} autoComplete="off" onChange={(e) => edit(i, { position: e.target.value })} data-testid="interviewee-position" />}
            </Field>
            {!disabled && (
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                onClick={() => {
                  const next = rows.filter((_, j) => j !== i);
                  setRows(next);
                  commit(next);
                }}
              >
                {t('sv.plan.remove')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {!disabled && (
        <button type="button" className="btn" onClick={() => setRows([...rows, { name: '', position: '' }])} data-testid="add-interviewee">
          {t('sv.visit.addInterviewee')}
        </button>
      )}
    </section>
  );
}

export function FindingsField({ value, onChange, disabled }: { value: Json | undefined; onChange: (v: Json) => void; disabled: boolean }) {
  const { t } = useI18n();
  const d = useDraft<string>(typeof value === 'string' ? value : '', (v) => onChange(v.trim() ? v : null));
  return (
    <section className="card" aria-labelledby="sv-findings-h">
      <h2 id="sv-findings-h">{t('sv.visit.findings')}</h2>
      <div className="field">
        <label htmlFor="sv-findings" className="sr-only">
          {t('sv.visit.findings')}
        </label>
        <p className="field-hint">{t('sv.visit.findingsHint')}</p>
        <textarea id="sv-findings" rows={5} disabled={disabled} value={d.draft} onFocus={d.focus} onBlur={d.flush} onChange={(e) => d.set(e.target.value)} data-testid="sv-findings" />
      </div>
    </section>
  );
}

const EMPTY_DRAFT = { partnerName: '', title: '', note: '', dueDate: '' };

export function UnregisteredSection({ worksheet, engine, disabled }: { worksheet: Worksheet; engine: SyncEngine; disabled: boolean }) {
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY_DRAFT);
  const waiting = engine.queue
    .read()
    .pending.filter((p) => p.key.startsWith('unregistered|'))
    .map((p) => ({ opId: p.opId, ...(p.value as unknown as UnregisteredDraft) }));
  const ok = form.partnerName.trim().length >= 2 && form.title.trim().length >= 3;

  function add() {
    if (!ok) return;
    const draft: UnregisteredDraft = { partnerName: form.partnerName.trim(), title: form.title.trim(), note: form.note.trim() || null, dueDate: form.dueDate || null };
    engine.change(keys.unregistered(newOpId()), draft as unknown as Json);
    setForm(EMPTY_DRAFT);
  }

  return (
    <section className="card" aria-labelledby="sv-unregistered" data-testid="sv-unregistered">
      <h2 id="sv-unregistered">{t('sv.visit.unregistered')}</h2>
      <p className="muted">{t('sv.visit.unregisteredIntro')}</p>
      {worksheet.unregistered.length === 0 && waiting.length === 0 ? (
        <p>{t('sv.visit.noUnregistered')}</p>
      ) : (
        <ul className="sv-unregistered-list">
          {worksheet.unregistered.map((u) => (
            <li key={u.id} data-testid="unregistered-item">
              <strong>{u.partnerName}</strong> — {u.title}
              {u.note && <span className="muted"> · {u.note}</span>}
              {u.followupId && (
                <>
                  {' · '}
                  <Link to={`/tindak-lanjut/${u.followupId}`}>{t('nav.followups')}</Link>
                </>
              )}
            </li>
          ))}
          {waiting.map((u) => (
            <li key={u.opId} data-testid="unregistered-item" data-pending="true">
              <strong>{u.partnerName}</strong> — {u.title} <span className="badge badge-warn">{t('sv.visit.unregisteredPending')}</span>
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <form
          className="form-grid sv-unregistered-form"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <Field label={t('sv.visit.unregisteredPartner')}>
            {(p) => <input {...p} value={form.partnerName} onChange={(e) => setForm({ ...form, partnerName: e.target.value })} data-testid="unregistered-partner" />}
          </Field>
          <Field label={t('sv.visit.unregisteredTitle')}>
            {(p) => <input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} data-testid="unregistered-title" />}
          </Field>
          <Field label={t('sv.visit.unregisteredDue')} hint={t('sv.visit.unregisteredDueHint')}>
            {(p) => <DateInput control={p} value={form.dueDate} onChange={(v) => setForm({ ...form, dueDate: v })} />}
          </Field>
          <Field label={t('sv.visit.unregisteredNote')} className="span-2">
            {(p) => <input {...p} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!ok} data-testid="unregistered-add">
              {t('sv.visit.unregisteredAdd')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
