/**
 * Saran isian in the agreement form: the fields read from the agreement's signed document, each with the
 * passage it came from. "Terima" fills one field, "Terima semua" the empty ones; the operator can still
 * correct everything. While the text is being read the panel waits (and polls); arriving from "Unggah naskah
 * dulu" (`autoApply`) the empty fields are filled at once for review.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api.js';
import { useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { isReading, usePolling, type DocumentWithText, type Suggestion } from '../../intelligence.js';
import type { Lists, Partner, PartnerRef } from '../../registry.js';
import type { FormState } from '../agreement/form-state.js';
import { ErrorAlert } from '../Feedback.js';
import { ExtractionStatus } from './ExtractionStatus.js';
import { ACCEPTABLE, applyAllEmpty, applySuggestion, isApplied, isEmptyFor } from './suggestion-apply.js';

interface Loaded {
  suggestions: Suggestion[];
  partners: Map<string, PartnerRef>;
}

/** The signed document the suggestions come from: the current version of naskah_ttd. */
function signedDocument(docs: readonly DocumentWithText[] | undefined): DocumentWithText | undefined {
  return (docs ?? []).filter((d) => d.role === 'naskah_ttd' && !d.reportId && d.current).sort((a, b) => b.version - a.version)[0];
}

export function SuggestionsPanel({ agreementId, form, setForm, lists, autoApply = false }: { agreementId: string; form: FormState; setForm: (f: FormState) => void; lists: Lists | undefined; autoApply?: boolean }) {
  const { t, number } = useI18n();
  const documents = useResource((signal) => api.get<{ documents: DocumentWithText[] }>(`/agreements/${encodeURIComponent(agreementId)}/documents`, undefined, signal).then((r) => r.documents), [agreementId]);
  const doc = signedDocument(documents.data);
  usePolling(!!doc && isReading(doc), documents.reload);
  const ready = doc?.extraction?.state === 'done';
  const loaded = useResource<Loaded | null>(
    async (signal) => {
      if (!doc || !ready) return null;
      const { suggestions } = await api.get<{ suggestions: Suggestion[] }>(`/documents/${encodeURIComponent(doc.id)}/suggestions`, undefined, signal);
      // Accepting a registered partner needs its category too.
      const ids = [...new Set(suggestions.filter((s) => s.field === 'partnerId').map((s) => s.value))];
      const found = await Promise.all(ids.map((id) => api.get<{ partner: Partner }>(`/partners/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.partner, () => null)));
      const partners = new Map<string, PartnerRef>();
      for (const p of found) if (p) partners.set(p.id, { id: p.id, name: p.name, categoryCode: p.categoryCode, categoryName: p.categoryName });
      return { suggestions, partners };
    },
    [doc?.id, ready],
  );
  const [message, setMessage] = useState<string | null>(null);
  const autoDone = useRef(false);
  const formRef = useRef(form);
  formRef.current = form;

  const acceptAll = useCallback(
    (prefill: boolean) => {
      if (!loaded.data) return;
      const { form: next, count } = applyAllEmpty(formRef.current, loaded.data.suggestions, loaded.data.partners);
      if (count) setForm(next);
      setMessage(prefill ? (count ? t('suggest.prefilled', { n: number(count) }) : null) : t('suggest.acceptedAll', { n: number(count) }));
    },
    [loaded.data, setForm, t, number],
  );

  useEffect(() => {
    if (!autoApply || autoDone.current || !loaded.data) return;
    autoDone.current = true;
    acceptAll(true);
  }, [autoApply, loaded.data, acceptAll]);

  const visible = useMemo(() => (loaded.data?.suggestions ?? []).filter((s) => s.field !== 'umbrellaNumber' || !loaded.data?.suggestions.some((x) => x.field === 'parentId')), [loaded.data]);
  if (!doc) return null;
  const st = doc.extraction?.state;
  const anyEmpty = visible.some((s) => ACCEPTABLE.has(s.field) && isEmptyFor(form, s) && !isApplied(form, s));

  return (
    <section className="suggest-panel card" aria-labelledby="suggest-title" data-testid="suggestions">
      <h2 id="suggest-title">{t('suggest.title')}</h2>
      {st === 'queued' || st === 'running' ? (
        <>
          <p className="muted small">{t('suggest.waiting')}</p>
          <ExtractionStatus d={doc} canWrite={false} />
        </>
      ) : st !== 'done' ? (
        <>
          <p className="muted small">{t('suggest.unavailable')}</p>
          <ExtractionStatus d={doc} canWrite onRequeued={documents.reload} />
        </>
      ) : (
        <>
          <p className="muted small">{t('suggest.intro', { name: doc.filename })}</p>
          {message && (
            <p className="alert alert-success small" role="status" data-testid="suggest-message">
              {message}
            </p>
          )}
          <ErrorAlert error={loaded.error ?? documents.error} />
          {loaded.data && visible.length === 0 && <p className="muted">{t('suggest.none')}</p>}
          {anyEmpty && (
            <p>
              <button type="button" className="btn btn-small btn-primary" onClick={() => acceptAll(false)} data-testid="suggest-accept-all">
                {t('suggest.acceptAll')}
              </button>
            </p>
          )}
          <ul className="suggest-list">
            {visible.map((s, i) => (
              <SuggestionRow key={`${s.field}-${i}`} s={s} form={form} lists={lists} partner={loaded.data?.partners.get(s.value)} suggestions={visible} onAccept={(partner) => setForm(applySuggestion(form, s, partner))} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SuggestionRow({ s, form, lists, partner, suggestions, onAccept }: { s: Suggestion; form: FormState; lists: Lists | undefined; partner?: PartnerRef; suggestions: readonly Suggestion[]; onAccept: (partner?: PartnerRef) => void }) {
  const { t, date } = useI18n();
  const label = t(`suggest.field.${s.field}`);
  const value = displayValue(s, lists, date, t);
  const acceptable = ACCEPTABLE.has(s.field) && (s.field !== 'partnerId' || !!partner);
  const applied = acceptable && isApplied(form, s);
  // A party whose name matched no registered partner is a new partner to add by hand.
  const party = s.field === 'firstParty' ? 'pertama' : s.field === 'secondParty' ? 'kedua' : null;
  const unmatched = party && !suggestions.some((x) => x.field === 'partnerId' && x.extra?.party === party);
  return (
    <li className="suggest-row" data-testid="suggestion" data-field={s.field}>
      <div className="suggest-main">
        <span className="suggest-label small muted">{label}</span>
        <span className="suggest-value">{value}</span>
        <blockquote className="suggest-quote small">
          <span className="muted">{t('suggest.quote', { page: s.snippet.page })}:</span> {s.snippet.text}
        </blockquote>
        {unmatched && party === 'kedua' && <p className="small muted">{t('suggest.newPartner')}</p>}
        {s.field === 'umbrellaNumber' && <p className="small muted">{t('suggest.noMou')}</p>}
      </div>
      {acceptable && (
        <div className="suggest-actions">
          {applied ? (
            <span className="badge badge-ok" data-testid="suggestion-accepted">
              {t('suggest.accepted')}
            </span>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => onAccept(partner)} aria-label={t('suggest.acceptName', { field: label, value })} data-testid="suggestion-accept">
              {t('suggest.accept')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function displayValue(s: Suggestion, lists: Lists | undefined, date: (v: string) => string, t: ReturnType<typeof useI18n>['t']): string {
  switch (s.field) {
    case 'kindCode':
      return lists?.agreementKinds.find((k) => k.code === s.value)?.name ?? s.extra?.name ?? s.value;
    case 'scopeCode':
      return lists?.scopes.find((k) => k.code === s.value)?.name ?? s.value;
    case 'signingDate':
    case 'startDate':
    case 'endDate':
      return date(s.value);
    case 'parentId':
      return `${s.extra?.title ?? ''} (${s.extra?.number ?? ''})`;
    case 'partnerId':
      return s.extra?.name ?? s.value;
    case 'signatory':
      return t('suggest.signatoryValue', { name: s.value, position: s.extra?.position ?? '—', party: s.extra?.party === 'kedua' ? t('suggest.field.secondParty') : t('suggest.field.firstParty') });
    default:
      return s.value;
  }
}
