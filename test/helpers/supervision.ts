import crypto from 'node:crypto';
import type { Session, TestApp } from './app.js';
import { unitIdByCode } from './app.js';
import { agreement, partner } from './registry.js';

export const KRA = 'UPT-33-LPSK-KRA';
export const PSP = 'UPT-33-LP-PSP';
export const BAPAS = 'UPT-33-BAPAS-NK';

/** A signed-in account that the demo does not have (e.g. a pokja member at a Kanwil), made straight in the database. */
export async function extraUser(t: TestApp, username: string, role: 'pokja' | 'operator' | 'verifikator', unitCode: string): Promise<Session> {
  const password = `pw-${crypto.randomBytes(6).toString('hex')}`;
  await t.deps.database.db
    .insertInto('users')
    .values({ username, display_name: `Pengguna ${username}`, email: `${username}@p2ma.example`, role, unit_id: await unitIdByCode(t, unitCode), password_hash: await t.deps.passwords.hash(password) })
    .execute();
  return t.login(username, password);
}

export interface ArticleRegister {
  kraJahit: string;
  kraRehab: string;
  kraDraft: string;
  pspLas: string;
  bapasPsikologi: string;
}

/** The three Jawa Tengah UPTs' agreements in force (and one draft that must not be listed), recorded via the API. */
export async function articleRegister(t: TestApp, admin: Session): Promise<ArticleRegister> {
  const disnaker = await partner(admin, 'Dinas Tenaga Kerja Kabupaten Cilacap');
  const bnn = await partner(admin, 'Badan Narkotika Nasional Kabupaten Cilacap', 'kementerian_lembaga');
  const pertamina = await partner(admin, 'PT Pertamina Refinery Unit IV Cilacap', 'bumn');
  const unsoed = await partner(admin, 'Universitas Jenderal Soedirman', 'perguruan_tinggi');
  const id = async (unit: string, partners: string[], o: Record<string, unknown>) => {
    const res = await agreement(t, admin, unit, partners, o);
    if (res.status !== 201) throw new Error(`agreement: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.agreement.id as string;
  };
  return {
    kraJahit: await id(KRA, [disnaker], { title: 'Perjanjian Kerja Sama tentang Pelatihan Keterampilan Menjahit bagi Warga Binaan', numberFirst: 'W13.PAS.PAS.6-HM.05.02-1234', signingDate: '2025-06-02', duration: '3 tahun' }),
    kraRehab: await id(KRA, [bnn], { title: 'Perjanjian Kerja Sama tentang Rehabilitasi Sosial Warga Binaan Pengguna Narkotika', signingDate: '2024-09-10', duration: '3 tahun', scopeCodes: ['rehabilitasi'] }),
    kraDraft: await id(KRA, [disnaker], { title: 'Perjanjian Kerja Sama tentang Pelatihan Barista (draf)', signingDate: null, duration: null }),
    pspLas: await id(PSP, [pertamina], { title: 'Perjanjian Kerja Sama tentang Pelatihan Pengelasan dan Sertifikasi Juru Las', signingDate: '2025-01-15', duration: '3 tahun' }),
    bapasPsikologi: await id(BAPAS, [unsoed], { title: 'Perjanjian Kerja Sama tentang Pendampingan Psikologis Klien Pemasyarakatan', signingDate: '2025-03-03', duration: '3 tahun', scopeCodes: ['kepribadian'] }),
  };
}

/** The article's plan: the Biro's Pokja (chair: user pokja) with the Kanwil's Subbagian Humas, visiting three UPTs. */
export async function articlePlan(t: TestApp, pokja: Session, jatengUserId: string, o: Record<string, unknown> = {}) {
  const me = (await pokja.req('GET', '/api/v1/me')).body.user.id as string;
  return pokja.req('POST', '/api/v1/supervisions', {
    title: 'Supervisi Kerja Sama Dalam Negeri pada UPT Kantor Wilayah Jawa Tengah',
    basis: 'Surat Tugas Sekretaris Jenderal Nomor SEK-123.KS.01.01 Tahun 2026 tentang Supervisi Kerja Sama Dalam Negeri',
    purpose: 'Mengetahui sejauh mana kerja sama yang dilakukan oleh UPT memberikan profit kepada UPT.',
    scopeText: 'Kerja sama yang masih berlaku pada tiga UPT: latar belakang, jangka waktu, implementasi dan profit.',
    periodStart: '2026-11-19',
    periodEnd: '2026-11-20',
    region: 'Cilacap, Jawa Tengah',
    provinceCode: '33',
    team: [
      { userId: me, role: 'ketua', position: 'Ketua Tim Pokja Kerja Sama Dalam Negeri' },
      { userId: jatengUserId, role: 'anggota', position: 'Kepala Subbagian Humas, RB, dan TI Kanwil Jawa Tengah' },
    ],
    units: [
      { unitId: await unitIdByCode(t, KRA), visitDate: '2026-11-19' },
      { unitId: await unitIdByCode(t, PSP), visitDate: '2026-11-19' },
      { unitId: await unitIdByCode(t, BAPAS), visitDate: '2026-11-20' },
    ],
    ...o,
  });
}

export function question(visit: { template: { questions: { id: string; code: string }[] } }, code: string): string {
  const q = visit.template.questions.find((x) => x.code === code);
  if (!q) throw new Error(`no question ${code}`);
  return q.id;
}

export const op = () => crypto.randomUUID();
