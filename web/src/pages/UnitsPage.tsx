/** Unit Organisasi: filterable tree of the caller's part of the organisation, detail panel, admin forms. */
import { useId, useState } from 'react';
import { Checkbox, Field } from '../components/Field.js';
import { Empty, ErrorAlert, Loading, Notice } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { UnitDetailPanel } from '../components/UnitDetailPanel.js';
import { UnitCreateForm } from '../components/UnitForms.js';
import { UnitTree } from '../components/UnitTree.js';
import { useProvinces, useUnits } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import type { Unit } from '../types.js';

export function UnitsPage({ params }: { params: Record<string, string> }) {
  const { t, number } = useI18n();
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const [filter, setFilter] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [creatingUnder, setCreatingUnder] = useState<Unit | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const units = useUnits(includeInactive);
  const provinces = useProvinces();
  const selectedId = params.id ?? null;
  const detailId = useId();

  const list = units.data ?? [];
  const selected = list.find((u) => u.id === selectedId) ?? null;

  function select(id: string) {
    setCreatingUnder(undefined);
    navigate(`/unit/${id}`);
    // Bring the detail into view on narrow screens, where it sits below the tree.
    if (window.matchMedia('(max-width: 900px)').matches) {
      window.requestAnimationFrame(() => document.getElementById(detailId)?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    }
  }

  return (
    <div>
      <PageHeader title={t('units.title')}>
        {isAdmin && (
          <button type="button" className="btn btn-primary" onClick={() => setCreatingUnder(selected)}>
            {t('units.add')}
          </button>
        )}
      </PageHeader>
      {notice && <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>}
      {isAdmin && creatingUnder !== undefined && (
        <UnitCreateForm
          key={creatingUnder?.id ?? 'root'}
          units={list}
          provinces={provinces.data ?? []}
          parent={creatingUnder}
          onCancel={() => setCreatingUnder(undefined)}
          onDone={(u) => {
            setCreatingUnder(undefined);
            setNotice(t('units.created', { name: u.name }));
            units.reload();
            navigate(`/unit/${u.id}`);
          }}
        />
      )}
      <div className="split">
        <section className="panel tree-panel" aria-labelledby="unit-tree-title">
          <h2 id="unit-tree-title" className="sr-only">
            {t('units.treeTitle')}
          </h2>
          <div className="tree-tools">
            <Field label={t('units.filter')} hint={t('units.filterHint')}>
              {(p) => <input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
            </Field>
            <Checkbox label={t('units.showInactive')} checked={includeInactive} onChange={setIncludeInactive} />
          </div>
          {units.error ? <ErrorAlert error={units.error} /> : null}
          {units.loading && !units.data ? (
            <Loading />
          ) : list.length === 0 ? (
            <Empty />
          ) : (
            <>
              <p className="muted small">{t('units.count', { n: number(list.length) })}</p>
              <UnitTree units={list} filter={filter} selectedId={selectedId} onSelect={select} />
            </>
          )}
        </section>
        <section className="panel detail-panel" id={detailId} aria-label={t('units.detail')}>
          {selectedId ? (
            <UnitDetailPanel
              key={selectedId}
              unitId={selectedId}
              units={list}
              provinces={provinces.data ?? []}
              isAdmin={isAdmin}
              onChanged={units.reload}
              onAddChild={(parent) => {
                setCreatingUnder(parent);
                window.scrollTo({ top: 0, behavior: 'smooth' });
              }}
            />
          ) : (
            <p className="empty">{t('units.pick')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
