/** The agreement's metadata, parties and signatories, and content, as read-only definition lists. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n.js';
import type { AgreementDetail, Signatory } from '../../registry.js';
import { registerLink } from '../../registry.js';
import { Link } from '../../router.js';
import { Badge } from '../Feedback.js';

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function DetailFacts({ a }: { a: AgreementDetail }) {
  const { t, date } = useI18n();
  const dash = '—';
  const first = a.signatories.filter((s) => s.party === 'pertama');
  const second = a.signatories.filter((s) => s.party === 'kedua');
  const columns: [string, Signatory[]][] = [
    [t('form.partyFirst'), first],
    [t('form.partySecond'), second],
  ];

  return (
    <>
      <section className="card" aria-labelledby="detail-identity">
        <h2 id="detail-identity">{t('form.identity')}</h2>
        <dl className="facts">
          <Fact label={t('agreement.kind')}>{a.kindName}</Fact>
          <Fact label={t('agreement.numberFirst')}>{a.numberFirst ?? dash}</Fact>
          <Fact label={t('agreement.numberSecond')}>{a.numberSecond ?? dash}</Fact>
          <Fact label={t('agreement.unit')}>{a.unit.name}</Fact>
          <Fact label={t('agreement.signingPlace')}>{a.signingPlace ?? dash}</Fact>
          <Fact label={t('agreement.signingDate')}>{a.signingDate ? date(a.signingDate) : t('detail.notSigned')}</Fact>
          <Fact label={t('agreement.startDate')}>{a.startDate ? date(a.startDate) : dash}</Fact>
          <Fact label={t('agreement.endDate')}>
            {a.endDate ? date(a.endDate) : dash}
            {a.durationText && <span className="block small muted">{t('detail.durationOf', { duration: a.durationText })}</span>}
          </Fact>
          <Fact label={t('agreement.confidentiality')}>
            {a.confidentiality === 'internal' ? <Badge tone="muted">{t('agreement.internal')}</Badge> : <Badge tone="ok">{t('agreement.public')}</Badge>}
            {a.confidentialityReason && <span className="block small">{a.confidentialityReason}</span>}
          </Fact>
          {a.terminatedOn && (
            <Fact label={t('detail.terminatedOn')} wide>
              {date(a.terminatedOn)}
              {a.terminationReason && <span className="block small">{a.terminationReason}</span>}
            </Fact>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="detail-parties">
        <h2 id="detail-parties">{t('form.parties')}</h2>
        <h3>{t('agreement.partners')}</h3>
        <ul className="plain-list">
          {a.partners.map((p) => (
            <li key={p.id}>
              <Link to={`/mitra/${p.id}`}>{p.name}</Link> <span className="muted small">· {p.categoryName}</span>{' '}
              <Link to={registerLink({ partnerId: p.id })} className="small">
                {t('detail.otherWithPartner')}
              </Link>
            </li>
          ))}
        </ul>
        <h3>{t('form.signatories')}</h3>
        {a.signatories.length === 0 ? (
          <p className="muted">{t('form.noSignatories')}</p>
        ) : (
          <div className="signatory-columns">
            {columns.map(([label, list]) => (
              <div key={label}>
                <h4>{label}</h4>
                <ul className="plain-list">
                  {list.map((s, i) => (
                    <li key={i}>
                      <strong>{s.name}</strong>
                      <span className="block small">{s.position}</span>
                      {s.nip && <span className="block small muted">NIP {s.nip}</span>}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="detail-content">
        <h2 id="detail-content">{t('form.content')}</h2>
        <h3>{t('agreement.scopes')}</h3>
        {a.scopes.length === 0 && !a.scopeOther ? (
          <p className="muted">{dash}</p>
        ) : (
          <ul className="tag-list">
            {a.scopes.map((s) => (
              <li key={s.code}>
                <Link to={registerLink({ scope: s.code })}>{s.name}</Link>
              </li>
            ))}
            {a.scopeOther && <li>{a.scopeOther}</li>}
          </ul>
        )}
        <dl className="facts facts-text">
          <Fact label={t('agreement.purpose')} wide>
            {a.purpose ?? dash}
          </Fact>
          <Fact label={t('agreement.background')} wide>
            {a.background ?? dash}
          </Fact>
          <Fact label={t('agreement.financing')} wide>
            {a.financing ?? dash}
          </Fact>
        </dl>
      </section>
    </>
  );
}
