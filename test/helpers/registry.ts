import type { Session, TestApp } from './app.js';
import { unitIdByCode } from './app.js';

/** Creates (or finds) a partner through the API, as an operator would. */
export async function partner(s: Session, name: string, categoryCode = 'pemda'): Promise<string> {
  const res = await s.req('POST', '/api/v1/partners', { name, categoryCode, force: true });
  if (res.status !== 201) throw new Error(`partner ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.partner.id;
}

export interface AgreementOverrides {
  [key: string]: unknown;
}

/** Records an agreement through the API with sensible defaults for the unit. */
export async function agreement(t: TestApp, s: Session, unitCode: string, partnerIds: string[], o: AgreementOverrides = {}) {
  const res = await s.req('POST', '/api/v1/agreements', {
    unitId: await unitIdByCode(t, unitCode),
    kindCode: 'pks',
    title: 'Perjanjian Kerja Sama tentang Pelatihan Kemandirian Warga Binaan',
    partnerIds,
    signingDate: '2025-02-10',
    duration: '3 tahun',
    scopeCodes: ['kemandirian'],
    signatories: [
      { party: 'pertama', name: 'Budi Santoso', position: 'Kepala Lapas' },
      { party: 'kedua', name: 'Siti Aminah', position: 'Kepala Dinas' },
    ],
    ...o,
  });
  return res;
}
