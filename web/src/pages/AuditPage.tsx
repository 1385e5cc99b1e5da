/** Jejak Audit (admin): filterable, paged list of audit events; each row opens its before/after changes. */
import { Fragment, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api.js';
import { ChangesTable } from '../components/ChangesTable.js';
import { Field } from '../components/Field.js';
import { Empty, ErrorAlert, Loading } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pagination } from '../components/Pagination.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import type { AuditEvent } from '../types.js';

const PAGE_SIZE = 25;
/** Suggestions for the entity type box; any text is accepted. */
const ENTITY_TYPES = ['user', 'unit', 'session', 'token', 'system'];
const ACTIONS = [
  'auth.login', 'auth.login_failed', 'auth.logout', 'auth.logout_all',
  'user.create', 'user.update', 'user.password_change', 'user.password_reset', 'user.totp_enable', 'user.totp_disable',
  'token.create', 'token.revoke', 'unit.create', 'unit.update', 'unit.close', 'system.seed',
];

interface Filters {
  action: string;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', entityType: '', from: '', to: '' };

export function AuditPage() {
  const { t, dateTime, number } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<string>>(new Set());

  const events = useResource(
    (signal) =>
      api.get<{ events: AuditEvent[]; total: number }>(
        '/audit',
        { action: filters.action.trim(), entityType: filters.entityType.trim(), from: filters.from, to: filters.to, page, pageSize: PAGE_SIZE },
        signal,
      ),
    [filters, page],
  );

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
    setPage(1);
  }

  function reset() {
    setDraft(EMPTY);
    setFilters(EMPTY);
    setPage(1);
  }

  function toggle(id: string) {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const list = events.data?.events ?? [];
  const total = events.data?.total ?? 0;
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <div>
      <PageHeader title={t('audit.title')} />
      <p className="muted">{t('audit.intro')}</p>
      <form className="filters" role="search" onSubmit={apply}>
        <Field label={t('audit.action')} hint={t('audit.actionHint')}>
          {(p) => (
            <>
              <input {...p} type="search" list="audit-actions" value={draft.action} onChange={(e) => set({ action: e.target.value })} />
              <datalist id="audit-actions">
                {ACTIONS.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('audit.entityType')}>
          {(p) => (
            <>
              <input {...p} list="audit-entity-types" value={draft.entityType} onChange={(e) => set({ entityType: e.target.value })} />
              <datalist id="audit-entity-types">
                {ENTITY_TYPES.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('audit.from')}>
          {(p) => <input {...p} type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field label={t('audit.to')}>
          {(p) => <input {...p} type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />}
        </Field>
        <div className="filters-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.apply')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={reset}>
            {t('common.reset')}
          </button>
        </div>
      </form>

      <ErrorAlert error={events.error} />
      {events.loading && !events.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty />
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {t('audit.total', { n: number(total) })}
            {events.loading ? ` · ${t('common.loading')}` : ''}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="audit-table">
              <caption className="sr-only">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t('audit.details')}</span>
                  </th>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.entity')}</th>
                  <th scope="col">{t('audit.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((ev) => {
                  const id = String(ev.id);
                  const isOpen = open.has(id);
                  const detailId = `audit-changes-${id}`;
                  return (
                    <Fragment key={id}>
                      <tr className={isOpen ? 'row-open' : undefined}>
                        <td>
                          <button
                            type="button"
                            className="btn btn-small btn-ghost disclosure"
                            aria-expanded={isOpen}
                            aria-controls={detailId}
                            onClick={() => toggle(id)}
                          >
                            <span className="chevron" aria-hidden="true" />
                            <span className="sr-only">{t('audit.showChanges', { id })}</span>
                          </button>
                        </td>
                        <td className="nowrap">{dateTime(ev.occurredAt)}</td>
                        <td>{ev.actorLabel}</td>
                        <td>
                          <code>{ev.action}</code>
                        </td>
                        <td>
                          {ev.entityType}
                          {ev.entityId && <span className="muted small block">{ev.entityId}</span>}
                        </td>
                        <td>{ev.ip ?? '—'}</td>
                      </tr>
                      <tr id={detailId} className="detail-row" hidden={!isOpen}>
                        <td colSpan={6}>{isOpen && <ChangesTable changes={ev.changes} />}</td>
                      </tr>
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
