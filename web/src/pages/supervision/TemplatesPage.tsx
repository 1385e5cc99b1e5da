/**
 * /templat-supervisi (admins): the supervision questionnaires. Saving never changes a version in use; it creates
 * the next version, which new plans take, while visits keep theirs.
 */
import { useState } from 'react';
import { api, ApiError } from '../../api.js';
import { Empty, ErrorAlert, Loading, Notice } from '../../components/Feedback.js';
import { Checkbox, Field } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFlash } from '../../flash.js';
import { setFlash as setNextFlash } from '../../flash.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { MessageKey } from '../../i18n.js';
import { Link, navigate } from '../../router.js';
import { QUESTION_TYPES } from '../../supervision/types.js';
import type { Question, QuestionType, Template, TemplateSummary } from '../../supervision/types.js';

interface QDraft {
  code: string;
  label: string;
  help: string;
  type: QuestionType;
  target: 'agreement' | 'unit';
  required: boolean;
  options: string;
}

const fromQuestion = (q: Question): QDraft => ({ code: q.code, label: q.label, help: q.help ?? '', type: q.type, target: q.target, required: q.required, options: q.options.join('\n') });
const NEW_Q: QDraft = { code: '', label: '', help: '', type: 'text', target: 'agreement', required: false, options: '' };

export function TemplatesPage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const list = useResource((signal) => api.get<{ templates: TemplateSummary[] }>('/supervision-templates', undefined, signal).then((r) => r.templates), []);
  const id = params.id;
  const selected = useResource((signal) => (id && id !== 'baru' ? api.get<{ template: Template }>(`/supervision-templates/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.template) : Promise.resolve(null)), [id]);
  const sorted = [...(list.data ?? [])].sort((a, b) => a.key.localeCompare(b.key) || b.version - a.version);

  return (
    <section>
      <PageHeader title={t('sv.templates.title')}>
        <Link to="/templat-supervisi/baru" className="btn btn-primary">
          {t('sv.templates.new')}
        </Link>
      </PageHeader>
      <p className="muted">{t('sv.templates.intro')}</p>
      <div className="template-layout">
        <nav className="card" aria-label={t('sv.templates.title')}>
          <ErrorAlert error={list.error} />
          {list.loading && !list.data ? (
            <Loading />
          ) : sorted.length === 0 ? (
            <Empty />
          ) : (
            <ul className="template-list">
              {sorted.map((tpl) => (
                <li key={tpl.id}>
                  <Link to={`/templat-supervisi/${tpl.id}`} aria-current={tpl.id === id ? 'page' : undefined}>
                    {tpl.name} — {t('sv.templates.version', { n: tpl.version })}
                    {tpl.current && <span className="badge badge-ok">{t('sv.templates.current')}</span>}
                  </Link>
                  <span className="muted small">
                    {t('sv.templates.questions', { n: tpl.questionCount })} · {date(tpl.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div>
          {id === 'baru' ? (
            <TemplateEditor key="new" template={null} onSaved={list.reload} />
          ) : !id ? (
            <p className="card">{t('sv.templates.choose')}</p>
          ) : selected.data ? (
            <TemplateEditor key={selected.data.id} template={selected.data} onSaved={list.reload} />
          ) : selected.error ? (
            <ErrorAlert error={selected.error} />
          ) : (
            <Loading />
          )}
        </div>
      </div>
    </section>
  );
}

function TemplateEditor({ template, onSaved }: { template: Template | null; onSaved: () => void }) {
  const { t } = useI18n();
  const [flash, setFlash] = useFlash();
  const [key, setKey] = useState('');
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [qs, setQs] = useState<QDraft[]>(template ? [...template.questions].sort((a, b) => a.position - b.position).map(fromQuestion) : [{ ...NEW_Q }]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editQ = (i: number, patch: Partial<QDraft>) => setQs(qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: number) => {
    const next = [...qs];
    const [q] = next.splice(i, 1);
    if (q) next.splice(i + by, 0, q);
    setQs(next);
  };
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  async function save() {
    const body = {
      name,
      description: description.trim() || null,
      questions: qs.map((q) => ({
        code: q.code,
        label: q.label,
        help: q.help.trim() || null,
        type: q.type,
        target: q.target,
        required: q.required,
        options: q.type === 'choice' || q.type === 'scale' ? q.options.split('\n').map((o) => o.trim()).filter(Boolean) : [],
      })),
    };
    setBusy(true);
    setError(null);
    try {
      const res = template
        ? await api.post<{ template: Template }>(`/supervision-templates/${encodeURIComponent(template.id)}/versions`, body)
        : await api.post<{ template: Template }>('/supervision-templates', { ...body, key });
      setNextFlash(t('sv.templates.saved', { n: res.template.version }));
      onSaved();
      navigate(`/templat-supervisi/${res.template.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form
      className="card form"
      data-testid="template-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {flash && <Notice onDismiss={() => setFlash(null)}>{flash}</Notice>}
      <ErrorAlert error={error} shownFields={['key', 'name']} />
      {template ? (
        <h2>
          {template.name} — {t('sv.templates.version', { n: template.version })}
        </h2>
      ) : (
        <Field label={t('sv.templates.key')} hint={t('sv.templates.keyHint')} error={fieldError('key')}>
          {(p) => <input {...p} value={key} onChange={(e) => setKey(e.target.value)} required />}
        </Field>
      )}
      <Field label={t('sv.templates.name')} error={fieldError('name')}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}
      </Field>
      <Field label={t('sv.templates.description')}>{(p) => <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
      {qs.map((q, i) => (
        <fieldset key={i} className="template-question" data-testid="template-question">
          <legend>{t('sv.templates.question', { n: i + 1 })}</legend>
          <div className="form-grid">
            <Field label={t('sv.templates.qCode')} error={fieldError(`questions.${i}.code`)}>
              {(p) => <input {...p} value={q.code} onChange={(e) => editQ(i, { code: e.target.value })} required />}
            </Field>
            <Field label={t('sv.templates.qType')}>
              {(p) => (
                <select {...p} value={q.type} onChange={(e) => editQ(i, { type: e.target.value as QuestionType })}>
                  {QUESTION_TYPES.map((ty) => (
                    <option key={ty} value={ty}>
                      {t(`sv.qtype.${ty}` as MessageKey)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('sv.templates.qTarget')}>
              {(p) => (
                <select {...p} value={q.target} onChange={(e) => editQ(i, { target: e.target.value as QDraft['target'] })}>
                  <option value="agreement">{t('sv.qtarget.agreement')}</option>
                  <option value="unit">{t('sv.qtarget.unit')}</option>
                </select>
              )}
            </Field>
          </div>
          <Field label={t('sv.templates.qLabel')} error={fieldError(`questions.${i}.label`)}>
            {(p) => <input {...p} value={q.label} onChange={(e) => editQ(i, { label: e.target.value })} required />}
          </Field>
          <Field label={t('sv.templates.qHelp')}>{(p) => <input {...p} value={q.help} onChange={(e) => editQ(i, { help: e.target.value })} />}</Field>
          {(q.type === 'choice' || q.type === 'scale') && (
            <Field label={t(q.type === 'scale' ? 'sv.templates.qOptionsScale' : 'sv.templates.qOptions')} error={fieldError(`questions.${i}.options`)}>
              {(p) => <textarea {...p} rows={4} value={q.options} onChange={(e) => editQ(i, { options: e.target.value })} />}
            </Field>
          )}
          <Checkbox label={t('sv.templates.qRequired')} checked={q.required} onChange={(v) => editQ(i, { required: v })} />
          <div className="button-row">
            <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
              {t('sv.templates.up')}
            </button>
            <button type="button" className="btn btn-small" disabled={i === qs.length - 1} onClick={() => move(i, 1)}>
              {t('sv.templates.down')}
            </button>
            <button type="button" className="btn btn-small btn-danger-outline" disabled={qs.length === 1} onClick={() => setQs(qs.filter((_, j) => j !== i))}>
              {t('sv.templates.removeQuestion')}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setQs([...qs, { ...NEW_Q }])}>
          {t('sv.templates.addQuestion')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="template-save">
          {template ? t('sv.templates.saveVersion') : t('sv.templates.create')}
        </button>
      </div>
    </form>
  );
}
