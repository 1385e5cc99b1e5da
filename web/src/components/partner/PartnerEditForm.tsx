/** Edit a partner: name, category, address with province → regency, website, contacts. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../../api.js';
import { useProvinces, useResource } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import type { ListItem, Partner, PartnerContact } from '../../registry.js';
import { Field } from '../Field.js';
import { ErrorAlert } from '../Feedback.js';

const FIELDS = ['name', 'categoryCode', 'address', 'provinceCode', 'regencyCode', 'website', 'contacts'];

interface ContactDraft extends Required<PartnerContact> {
  key: number;
}
let nextKey = 1;
const draft = (c: PartnerContact = { name: '' }): ContactDraft => ({ key: nextKey++, name: c.name, position: c.position ?? '', phone: c.phone ?? '', email: c.email ?? '' });

export function PartnerEditForm({ partner, categories, onSaved, onCancel }: { partner: Partner; categories: readonly ListItem[]; onSaved: (p: Partner) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const provinces = useProvinces();
  const [name, setName] = useState(partner.name);
  const [categoryCode, setCategoryCode] = useState(partner.categoryCode);
  const [address, setAddress] = useState(partner.address ?? '');
  const [provinceCode, setProvinceCode] = useState(partner.provinceCode ?? '');
  const [regencyCode, setRegencyCode] = useState(partner.regencyCode ?? '');
  const [website, setWebsite] = useState(partner.website ?? '');
  const [contacts, setContacts] = useState<ContactDraft[]>(partner.contacts.map(draft));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const regencies = useResource(
    (signal) => (provinceCode ? api.get<{ regencies: { code: string; name: string }[] }>(`/provinces/${encodeURIComponent(provinceCode)}/regencies`, undefined, signal).then((r) => r.regencies) : Promise.resolve([])),
    [provinceCode],
  );
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const setContact = (key: number, patch: Partial<ContactDraft>) => setContacts((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.patch<{ partner: Partner }>(`/partners/${encodeURIComponent(partner.id)}`, {
        name: name.trim(),
        categoryCode,
        address: address.trim() || null,
        provinceCode: provinceCode || null,
        regencyCode: regencyCode || null,
        website: website.trim() || null,
        contacts: contacts
          .filter((c) => c.name.trim() || c.position.trim() || c.phone.trim() || c.email.trim())
          .map((c) => ({
            name: c.name.trim(),
            ...(c.position.trim() ? { position: c.position.trim() } : {}),
            ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
            ...(c.email.trim() ? { email: c.email.trim() } : {}),
          })),
      });
      onSaved(res.partner);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form subcard" onSubmit={submit} noValidate aria-labelledby="partner-edit-title" data-testid="partner-form">
      <h2 id="partner-edit-title">{t('partner.editTitle')}</h2>
      <ErrorAlert error={error} shownFields={FIELDS} />
      <div className="form-grid">
        <Field label={t('partner.name')} error={fieldError('name')} className="span-2">
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('partner.category')} error={fieldError('categoryCode')}>
          {(p) => (
            <select {...p} value={categoryCode} onChange={(e) => setCategoryCode(e.target.value)}>
              {categories
                .filter((c) => c.active || c.code === categoryCode)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('partner.address')} error={fieldError('address')} className="span-2">
          {(p) => <input {...p} value={address} autoComplete="off" onChange={(e) => setAddress(e.target.value)} />}
        </Field>
        <Field label={t('partner.website')} error={fieldError('website')} hint={t('partner.websiteHint')}>
          {(p) => <input {...p} type="url" value={website} placeholder="https://" onChange={(e) => setWebsite(e.target.value)} />}
        </Field>
        <Field label={t('unit.province')} error={fieldError('provinceCode')}>
          {(p) => (
            <select
              {...p}
              value={provinceCode}
              onChange={(e) => {
                setProvinceCode(e.target.value);
                setRegencyCode('');
              }}
            >
              <option value="">{t('unit.noProvince')}</option>
              {(provinces.data ?? []).map((pr) => (
                <option key={pr.code} value={pr.code}>
                  {pr.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('unit.regency')} error={fieldError('regencyCode')}>
          {(p) => (
            <select {...p} value={regencyCode} disabled={!provinceCode} onChange={(e) => setRegencyCode(e.target.value)}>
              <option value="">{t('unit.noRegency')}</option>
              {(regencies.data ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="choice">
        <legend>{t('partner.contacts')}</legend>
        <p className="field-hint">{t('partner.contactsHint')}</p>
        {fieldError('contacts') && <p className="field-error">{fieldError('contacts')}</p>}
        <ol className="signatory-list">
          {contacts.map((c, i) => (
            <li key={c.key} className="signatory-row">
              <div className="form-grid signatory-grid">
                <Field label={t('partner.contactName')}>{(p) => <input {...p} value={c.name} onChange={(e) => setContact(c.key, { name: e.target.value })} />}</Field>
                <Field label={t('partner.contactPosition')}>{(p) => <input {...p} value={c.position} onChange={(e) => setContact(c.key, { position: e.target.value })} />}</Field>
                <Field label={t('partner.contactPhone')}>{(p) => <input {...p} type="tel" value={c.phone} onChange={(e) => setContact(c.key, { phone: e.target.value })} />}</Field>
                <Field label={t('partner.contactEmail')}>{(p) => <input {...p} type="email" value={c.email} onChange={(e) => setContact(c.key, { email: e.target.value })} />}</Field>
              </div>
              <button type="button" className="btn btn-small btn-danger-outline" aria-label={t('partner.removeContact', { n: i + 1 })} onClick={() => setContacts((cs) => cs.filter((x) => x.key !== c.key))}>
                {t('form.remove')}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="btn btn-small" onClick={() => setContacts((cs) => [...cs, draft()])}>
          {t('partner.addContact')}
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
