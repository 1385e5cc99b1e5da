/** Detail of one unit (GET /units/{id}): facts, path breadcrumb, history; admin actions. */
import { useState } from 'react';
import { api } from '../api.js';
import { useResource } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { Link } from '../router.js';
import type { Province, Unit, UnitDetail } from '../types.js';
import { Badge, Empty, ErrorAlert, Loading, Notice } from './Feedback.js';
import { UnitCloseForm, UnitEditForm } from './UnitForms.js';

type Mode = 'view' | 'edit' | 'close';

interface Props {
  unitId: string;
  units: readonly Unit[];
  provinces: readonly Province[];
  isAdmin: boolean;
  onChanged: () => void;
  onAddChild: (parent: Unit) => void;
}

export function UnitDetailPanel({ unitId, units, provinces, isAdmin, onChanged, onAddChild }: Props) {
  const { t, date, kindLabel } = useI18n();
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const detail = useResource((signal) => api.get<UnitDetail>(`/units/${encodeURIComponent(unitId)}`, undefined, signal), [unitId]);

  if (detail.error && !detail.data) return <ErrorAlert error={detail.error} />;
  if (!detail.data || detail.data.unit.id !== unitId) return <Loading />;
  const { unit, history, path } = detail.data;
  const province = provinces.find((p) => p.code === unit.provinceCode);
  const period = (from: string, to: string | null) =>
    to ? t('common.period', { from: date(from), to: date(to) }) : t('common.periodOpen', { from: date(from) });

  function done(message: string) {
    setMode('view');
    setNotice(message);
    detail.reload();
    onChanged();
  }

  return (
    <article className="unit-detail" aria-labelledby="unit-detail-title">
      {path.length > 1 && (
        <nav aria-label={t('units.path')} className="breadcrumb">
          <ol>
            {path.map((p, i) => (
              <li key={p.id}>
                {i === path.length - 1 ? (
                  <span aria-current="location">{p.name}</span>
                ) : units.some((u) => u.id === p.id) ? (
                  <Link to={`/unit/${p.id}`}>{p.name}</Link>
                ) : (
                  // above the caller's scope: shown, not linked
                  <span>{p.name}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h2 id="unit-detail-title" className="unit-title">
        {unit.name} {!unit.active && <Badge tone="muted">{t('units.inactive')}</Badge>}
      </h2>
      {notice && <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>}
      <dl className="facts">
        <div>
          <dt>{t('unit.code')}</dt>
          <dd>
            <code>{unit.code}</code>
          </dd>
        </div>
        <div>
          <dt>{t('unit.kind')}</dt>
          <dd>{kindLabel(unit.kind)}</dd>
        </div>
        <div>
          <dt>{t('unit.province')}</dt>
          <dd>{province?.name ?? unit.provinceCode ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('unit.validity')}</dt>
          <dd>{period(unit.validFrom, unit.validTo)}</dd>
        </div>
      </dl>

      {isAdmin && mode === 'view' && (
        <div className="button-row">
          {unit.active && (
            <button type="button" className="btn" onClick={() => setMode('edit')}>
              {t('units.edit')}
            </button>
          )}
          {unit.active && (
            <button type="button" className="btn" onClick={() => onAddChild(unit)}>
              {t('units.addChild')}
            </button>
          )}
          {unit.active && (
            <button type="button" className="btn btn-danger-outline" onClick={() => setMode('close')}>
              {t('units.close')}
            </button>
          )}
        </div>
      )}
      {isAdmin && mode === 'edit' && (
        <UnitEditForm
          unit={unit}
          units={units}
          provinces={provinces}
          onCancel={() => setMode('view')}
          onDone={() => done(t('units.saved'))}
        />
      )}
      {isAdmin && mode === 'close' && <UnitCloseForm unit={unit} onCancel={() => setMode('view')} onDone={() => done(t('units.closed'))} />}

      <h3>{t('units.history')}</h3>
      {history.length === 0 ? (
        <Empty>{t('units.noHistory')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('units.historyCaption', { name: unit.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('unit.period')}</th>
                <th scope="col">{t('unit.name')}</th>
                <th scope="col">{t('unit.code')}</th>
                <th scope="col">{t('unit.kind')}</th>
                <th scope="col">{t('unit.parent')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={`${h.validFrom}-${i}`}>
                  <td>{period(h.validFrom, h.validTo)}</td>
                  <td>{h.name}</td>
                  <td>
                    <code>{h.code}</code>
                  </td>
                  <td>{kindLabel(h.kind)}</td>
                  <td>{h.parentName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
