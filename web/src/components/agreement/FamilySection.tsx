/** The agreement's family: parent MoU, PKS under it, amendments, renewals. Relatives outside the caller's scope are plain text. */
import { useI18n } from '../../i18n.js';
import type { AgreementDetail, Relative } from '../../registry.js';
import { Link } from '../../router.js';
import { StatusBadge } from '../StatusBadge.js';

function RelativeItem({ r }: { r: Relative }) {
  const { t } = useI18n();
  return (
    <li className="relative-item">
      {r.visible ? <Link to={`/kerja-sama/${r.id}`}>{r.title}</Link> : <span>{r.title}</span>}
      <span className="block small muted">
        {r.kind} · {r.numberFirst ?? t('detail.noNumber')} · {r.unitName}
        {!r.visible && ` · ${t('detail.outsideScope')}`}
      </span>
      <StatusBadge status={r.status} />
    </li>
  );
}

export function FamilySection({ a }: { a: AgreementDetail }) {
  const { t } = useI18n();
  const f = a.family;
  const groups: { label: string; items: Relative[] }[] = [
    { label: t('family.parent'), items: f.parent ? [f.parent] : [] },
    { label: t('family.children'), items: f.children },
    { label: t('family.amends'), items: f.amends ? [f.amends] : [] },
    { label: t('family.amendedBy'), items: f.amendedBy },
    { label: t('family.renews'), items: f.renews ? [f.renews] : [] },
    { label: t('family.renewedBy'), items: f.renewedBy },
  ].filter((g) => g.items.length > 0);

  return (
    <section className="card" aria-labelledby="detail-family" data-testid="family">
      <h2 id="detail-family">{t('family.title')}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t('family.none')}</p>
      ) : (
        <div className="family-groups">
          {groups.map((g) => (
            <div key={g.label}>
              <h3>{g.label}</h3>
              <ul className="plain-list">
                {g.items.map((r) => (
                  <RelativeItem key={r.id} r={r} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
