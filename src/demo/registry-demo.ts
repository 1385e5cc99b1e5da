import { Readable } from 'node:stream';
import { inScope } from '../access/access.js';
import type { Actor } from '../access/access.js';
import * as agreements from '../agreements/agreement.service.js';
import { uploadDocument } from '../documents/document.service.js';
import type { AppDeps } from '../http/context.js';
import * as partners from '../partners/partner.service.js';
import * as reports from '../reports/report.service.js';
import { addDays, todayIn } from '../shared/dates.js';
import { writeTextPdf } from '../shared/pdf-writer.js';
import { getUnitByCode } from '../units/unit.repository.js';
import { transition } from '../workflow/workflow.service.js';
import { demoActor } from './seed.js';
import { seedDemoSupervision } from './supervision-demo.js';

/** Partners of the demo register: [name, category, regency]. */
const PARTNERS: [string, string, string | null][] = [
  ['Pemerintah Kabupaten Cilacap', 'pemda', '33.01'],
  ['Dinas Tenaga Kerja dan Transmigrasi Kabupaten Cilacap', 'pemda', '33.01'],
  ['Badan Narkotika Nasional Kabupaten Cilacap', 'kementerian_lembaga', '33.01'],
  ['RSUD Cilacap', 'pemda', '33.01'],
  ['Universitas Jenderal Soedirman', 'perguruan_tinggi', '33.02'],
  ['Balai Latihan Kerja Semarang', 'sekolah_pelatihan', '33.74'],
  ['SMK Negeri 2 Cilacap', 'sekolah_pelatihan', '33.01'],
  ['PT Solusi Bangun Indonesia Tbk', 'swasta', '33.01'],
  ['CV Batik Nusakambangan Lestari', 'umkm', '33.01'],
  ['Yayasan Pondok Pesantren Al-Ikhlas', 'ormas', '33.01'],
  ['Kepolisian Resor Cilacap', 'aph', '33.01'],
  ['Pengadilan Negeri Semarang', 'kementerian_lembaga', '33.74'],
  ['PT Pertamina (Persero) Refinery Unit IV Cilacap', 'bumn', '33.01'],
  ['Perumda Air Minum Tirta Wijaya Cilacap', 'bumd', '33.01'],
  ['Lembaga Bantuan Hukum Semarang', 'ormas', '33.74'],
  ['Dinas Kesehatan Kota Bandung', 'pemda', '32.73'],
  ['Universitas Gadjah Mada', 'perguruan_tinggi', '34.04'],
];

interface DemoAgreement {
  key: string;
  /** Where the demo leaves it in the submission workflow (default: draft). */
  state?: 'diajukan' | 'dikembalikan' | 'diverifikasi' | 'diterbitkan' | 'ditetapkan_internal' | 'ditarik';
  unit: string;
  kind: 'mou' | 'pks' | 'adendum';
  title: string;
  partners: number[];
  /** Signing date as days from today (negative: in the past); null for a draft. */
  signedDaysAgo: number | null;
  duration?: string;
  endInDays?: number;
  scopes: string[];
  parent?: string;
  amends?: string;
  renews?: string;
  terminate?: string;
  reports?: [beneficiaries: number, pnbp: number][];
  noDocument?: boolean;
}

const LIST: DemoAgreement[] = [
  { key: 'mou-cilacap', state: 'diterbitkan', unit: 'KW-33', kind: 'mou', title: 'Pembinaan Kemandirian dan Kepribadian Warga Binaan Pemasyarakatan di Wilayah Kabupaten Cilacap', partners: [0], signedDaysAgo: 700, duration: '5 tahun', scopes: ['kemandirian', 'kepribadian', 'kesehatan'] },
  { key: 'mou-bnn', state: 'diterbitkan', unit: 'KW-33', kind: 'mou', title: 'Pencegahan dan Pemberantasan Penyalahgunaan dan Peredaran Gelap Narkotika', partners: [2], signedDaysAgo: 900, duration: '5 tahun', scopes: ['rehabilitasi', 'data_informasi'] },
  { key: 'kra-jahit', state: 'diterbitkan', unit: 'UPT-33-LPSK-KRA', kind: 'pks', title: 'Pelatihan Keterampilan Menjahit dan Sertifikasi Kompetensi bagi Warga Binaan', partners: [1], signedDaysAgo: 520, duration: '3 tahun', scopes: ['kemandirian'], parent: 'mou-cilacap', reports: [[40, 8_500_000], [35, 11_250_000]] },
  { key: 'kra-rehab', state: 'diterbitkan', unit: 'UPT-33-LPSK-KRA', kind: 'pks', title: 'Rehabilitasi Sosial bagi Warga Binaan Pengguna Narkotika', partners: [2], signedDaysAgo: 1080, endInDays: 25, scopes: ['rehabilitasi'], parent: 'mou-bnn', reports: [[60, 0]] },
  { key: 'kra-kesehatan', state: 'diterbitkan', unit: 'UPT-33-LPSK-KRA', kind: 'pks', title: 'Layanan Kesehatan Rujukan bagi Warga Binaan', partners: [3], signedDaysAgo: 800, duration: '2 tahun', scopes: ['kesehatan'] },
  { key: 'kra-kesehatan-2', state: 'diajukan', unit: 'UPT-33-LPSK-KRA', kind: 'pks', title: 'Layanan Kesehatan Rujukan bagi Warga Binaan (perpanjangan)', partners: [3], signedDaysAgo: 70, duration: '2 tahun', scopes: ['kesehatan'], renews: 'kra-kesehatan' },
  { key: 'kra-batik', state: 'diterbitkan', unit: 'UPT-33-LPSK-KRA', kind: 'pks', title: 'Pemasaran Produk Batik Karya Warga Binaan', partners: [8], signedDaysAgo: 300, duration: '2 tahun', scopes: ['pemasaran', 'kemandirian'], reports: [[12, 4_750_000]] },
  { key: 'kra-batik-add', state: 'dikembalikan', unit: 'UPT-33-LPSK-KRA', kind: 'adendum', title: 'Perubahan Pembagian Hasil Penjualan Produk Batik Karya Warga Binaan', partners: [8], signedDaysAgo: 90, duration: '1 tahun', scopes: ['pemasaran'], amends: 'kra-batik' },
  { key: 'kra-draft', unit: 'UPT-33-LPSK-KRA', kind: 'pks', title: 'Pelatihan Barista dan Tata Boga', partners: [5], signedDaysAgo: null, scopes: ['kemandirian'], noDocument: true },
  { key: 'psp-las', state: 'diterbitkan', unit: 'UPT-33-LP-PSP', kind: 'pks', title: 'Pelatihan Pengelasan dan Sertifikasi Juru Las', partners: [12], signedDaysAgo: 400, duration: '3 tahun', scopes: ['kemandirian'], parent: 'mou-cilacap', reports: [[25, 0]] },
  { key: 'psp-pesantren', state: 'ditarik', unit: 'UPT-33-LP-PSP', kind: 'pks', title: 'Pembinaan Kerohanian dan Baca Tulis Al-Quran', partners: [9], signedDaysAgo: 1200, duration: '3 tahun', scopes: ['kepribadian'] },
  { key: 'psp-lele', state: 'diajukan', unit: 'UPT-33-LP-PSP', kind: 'pks', title: 'Budidaya Ikan Lele Sistem Bioflok', partners: [13], signedDaysAgo: 350, endInDays: 75, scopes: ['pertanian', 'kemandirian'], reports: [[18, 2_300_000]] },
  { key: 'psp-polres', state: 'ditetapkan_internal', unit: 'UPT-33-LP-PSP', kind: 'pks', title: 'Pengamanan dan Penanganan Gangguan Keamanan dan Ketertiban', partners: [10], signedDaysAgo: 600, duration: '2 tahun', scopes: ['keamanan'], terminate: 'Tugas pengamanan dialihkan ke Satuan Brimob sesuai surat Kapolres.' },
  { key: 'psp-draft', unit: 'UPT-33-LP-PSP', kind: 'pks', title: 'Pemanfaatan Lahan Tidur untuk Pertanian Hortikultura', partners: [0], signedDaysAgo: null, scopes: ['lahan'], noDocument: true },
  { key: 'bapas-unsoed', state: 'diverifikasi', unit: 'UPT-33-BAPAS-NK', kind: 'pks', title: 'Pendampingan Psikologis Klien Pemasyarakatan', partners: [4], signedDaysAgo: 200, duration: '3 tahun', scopes: ['kepribadian', 'asimilasi'] },
  { key: 'bapas-smk', state: 'diajukan', unit: 'UPT-33-BAPAS-NK', kind: 'pks', title: 'Pelatihan Otomotif bagi Klien Pemasyarakatan', partners: [6], signedDaysAgo: 150, duration: '2 tahun', scopes: ['kemandirian'], noDocument: true },
  { key: 'smg-lbh', state: 'diterbitkan', unit: 'UPT-33-LP-SMG', kind: 'pks', title: 'Bantuan Hukum bagi Warga Binaan Tidak Mampu', partners: [14], signedDaysAgo: 450, duration: '2 tahun', scopes: ['bantuan_hukum'] },
  { key: 'smg-pn', state: 'diterbitkan', unit: 'UPT-33-RUTAN-SMG', kind: 'pks', title: 'Persidangan Secara Elektronik bagi Tahanan', partners: [11], signedDaysAgo: 1500, duration: '3 tahun', scopes: ['data_informasi'] },
  { key: 'smg-blk', state: 'diajukan', unit: 'UPT-33-LPP-SMG', kind: 'pks', title: 'Pelatihan Tata Rias dan Kecantikan bagi Warga Binaan Perempuan', partners: [5], signedDaysAgo: 250, duration: '2 tahun', scopes: ['kemandirian'], reports: [[30, 1_200_000]] },
  { key: 'jbr-dinkes', state: 'diterbitkan', unit: 'UPT-32-LP-SKM', kind: 'pks', title: 'Skrining Tuberkulosis dan HIV bagi Warga Binaan', partners: [15], signedDaysAgo: 330, duration: '2 tahun', scopes: ['kesehatan'] },
  { key: 'diy-ugm', state: 'diterbitkan', unit: 'UPT-34-LP-YK', kind: 'pks', title: 'Penelitian dan Pengabdian Masyarakat di Bidang Pemasyarakatan', partners: [16], signedDaysAgo: 500, duration: '4 tahun', scopes: ['pendidikan', 'sdm'] },
];

function signedCopy(a: DemoAgreement, unitName: string, partnerNames: string[], signing: string | null, publicCopy = false): Buffer {
  const kind = a.kind === 'mou' ? 'NOTA KESEPAHAMAN' : a.kind === 'adendum' ? 'ADENDUM PERJANJIAN KERJA SAMA' : 'PERJANJIAN KERJA SAMA';
  return writeTextPdf(
    [
      ...(publicCopy ? [{ text: 'SALINAN PUBLIK - data pribadi telah disamarkan', center: true, size: 9 }] : []),
      { text: kind, bold: true, center: true, size: 14 },
      { text: `ANTARA ${unitName.toUpperCase()} DAN ${partnerNames.join(' DAN ').toUpperCase()}`, bold: true, center: true },
      { text: `TENTANG ${a.title.toUpperCase()}`, bold: true, center: true },
      { text: '' },
      { text: `Pada hari ini, tanggal ${signing ?? '-'}, bertempat di Cilacap, yang bertanda tangan di bawah ini para pihak sepakat untuk mengikatkan diri dalam kerja sama dengan ketentuan sebagai berikut.` },
      { text: 'Pasal 1 Maksud dan Tujuan', bold: true },
      { text: 'Kerja sama ini dimaksudkan untuk meningkatkan pembinaan warga binaan pemasyarakatan sesuai tugas dan fungsi para pihak.' },
      { text: 'Pasal 2 Ruang Lingkup', bold: true },
      { text: a.title },
      { text: 'Pasal 3 Jangka Waktu', bold: true },
      { text: `Perjanjian ini berlaku selama ${a.duration ?? 'jangka waktu yang disepakati'} terhitung sejak tanggal ditandatangani.` },
      { text: '' },
      { text: 'PIHAK PERTAMA                                                   PIHAK KEDUA', bold: true },
      { text: '(ditandatangani dan dibubuhi cap)' },
    ],
    { title: a.title },
  );
}

const OPERATOR_OF: Record<string, string> = { 'UPT-33-LPSK-KRA': 'upt.karanganyar', 'UPT-33-LP-PSP': 'upt.pasirputih' };
const VERIFIER_OF: Record<string, string> = { '33': 'kanwil.jateng', '32': 'kanwil.jabar' };

/** Walks a demo agreement through the same transitions users make, so timelines and notifications are real. */
async function advance(deps: AppDeps, a: DemoAgreement, id: string, unitPath: string, unitName: string, partnerNames: string[], signing: string) {
  const admin = (await demoActor(deps.database.db, 'admin'))!;
  const operator = (OPERATOR_OF[a.unit] && (await demoActor(deps.database.db, OPERATOR_OF[a.unit]!))) || admin;
  const verifier = (await demoActor(deps.database.db, VERIFIER_OF[a.unit.split('-')[1]!] ?? 'admin')) ?? admin;
  const as = (actor: typeof admin) => ({ actor: inScope(actor, unitPath) ? actor : admin, ip: null });
  const ownRecord = a.unit.startsWith('KW-');
  if (!ownRecord) await transition(deps, as(operator), id, 'submit', {});
  if (a.state === 'diajukan') return;
  if (a.state === 'dikembalikan') {
    await transition(deps, as(verifier), id, 'return', { reason: 'Nomor pihak kedua pada naskah berbeda dengan isian.', details: [{ field: 'numberSecond', message: 'Samakan dengan nomor pada halaman pertama naskah.' }] });
    return;
  }
  await transition(deps, as(verifier), id, 'verify', {});
  if (a.state === 'diverifikasi') return;
  if (a.state === 'ditetapkan_internal') {
    await transition(deps, as(verifier), id, 'keep_internal', { reason: 'Memuat prosedur pengamanan lembaga pemasyarakatan (UU 14/2008 Pasal 17 huruf c).' });
    return;
  }
  const copy = signedCopy(a, unitName, partnerNames, signing, true);
  await uploadDocument(deps, as(verifier), id, { role: 'salinan_publik', filename: `salinan-publik-${a.key}.pdf`, stream: Readable.from(copy) });
  await transition(deps, as(verifier), id, 'publish', {});
  if (a.state === 'ditarik') await transition(deps, as(verifier), id, 'withdraw', { reason: 'Naskah sedang direvisi bersama mitra; versi baru akan diterbitkan.' });
}

/** A living demo register: agreements in every status, families, reports with PNBP, signed copies. */
export async function seedDemoRegistry(deps: AppDeps, admin: Actor): Promise<number> {
  const src = { actor: admin, ip: null };
  const partnerIds: string[] = [];
  for (const [name, categoryCode, regency] of PARTNERS) {
    const p = await partners.create(deps, src, { name, categoryCode, provinceCode: regency?.slice(0, 2) ?? null, regencyCode: regency }, true);
    partnerIds.push(p.id);
  }
  const today = todayIn(deps.now());
  const ids = new Map<string, string>();
  for (const a of LIST) {
    const unit = await getUnitByCode(deps.database.db, a.unit);
    if (!unit) continue;
    const signing = a.signedDaysAgo === null ? null : addDays(today, -a.signedDaysAgo);
    const id = await agreements.create(deps, src, {
      unitId: unit.id,
      kindCode: a.kind,
      title: `${a.kind === 'mou' ? 'Nota Kesepahaman' : a.kind === 'adendum' ? 'Adendum' : 'Perjanjian Kerja Sama'} tentang ${a.title}`,
      numberFirst: signing ? `W13.PAS.${a.unit.slice(-3)}-HM.05.02-${1000 + ids.size}` : null,
      numberSecond: signing ? `${400 + ids.size}/${100 + ids.size}/${signing.slice(0, 4)}` : null,
      partnerIds: a.partners.map((i) => partnerIds[i]!),
      signatories: [
        { party: 'pertama', name: 'Drs. Hendra Wijaya, M.Si.', position: `Kepala ${unit.name}` },
        { party: 'kedua', name: 'Ir. Sri Rahayu', position: `Pimpinan ${PARTNERS[a.partners[0]!]![0]}` },
      ],
      signingPlace: signing ? 'Cilacap' : null,
      signingDate: signing,
      startDate: signing,
      endDate: a.endInDays !== undefined ? addDays(today, a.endInDays) : null,
      duration: a.endInDays === undefined ? (a.duration ?? null) : null,
      scopeCodes: a.scopes,
      purpose: 'Meningkatkan kualitas pembinaan dan kemandirian warga binaan pemasyarakatan.',
      background: 'Hasil penjajakan dan kebutuhan pembinaan di unit pelaksana teknis.',
      financing: 'Dibebankan pada anggaran masing-masing pihak sesuai ketentuan.',
      confidentiality: 'public',
      parentId: a.parent ? (ids.get(a.parent) ?? null) : null,
      amendsId: a.amends ? (ids.get(a.amends) ?? null) : null,
      renewsId: a.renews ? (ids.get(a.renews) ?? null) : null,
      confirmDuplicateNumber: true,
    });
    ids.set(a.key, id);
    if (a.terminate && signing) await agreements.terminate(deps, src, id, addDays(today, -30), a.terminate);
    if (!a.noDocument && signing) {
      const pdf = signedCopy(a, unit.name, a.partners.map((i) => PARTNERS[i]![0]), signing);
      await uploadDocument(deps, src, id, { role: 'naskah_ttd', filename: `naskah-${a.key}.pdf`, stream: Readable.from(pdf) });
    }
    if (a.state && signing) await advance(deps, a, id, unit.path, unit.name, a.partners.map((i) => PARTNERS[i]![0]), signing);
    for (const [i, [beneficiaries, pnbp]] of (a.reports ?? []).entries()) {
      const start = addDays(signing ?? today, i * 182);
      await reports.create(deps, src, id, {
        periodStart: start,
        periodEnd: addDays(start, 181),
        activities: `Pelaksanaan kegiatan ${a.title.toLowerCase()} semester ${i + 1}.`,
        beneficiaries,
        pnbpAmount: pnbp,
        benefitCodes: ['instruktur', 'sertifikat'].slice(0, 1 + (i % 2)),
        obstacles: 'Keterbatasan sarana dan jadwal instruktur.',
        suggestions: 'Penambahan peralatan praktik.',
        internal: false,
      });
    }
  }
  // The article's supervision of three of these units, with its interviews, report and follow-ups.
  await seedDemoSupervision(deps);
  return ids.size;
}
