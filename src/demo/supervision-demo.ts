import crypto from 'node:crypto';
import type { AppDeps } from '../http/context.js';
import { addDays, todayIn } from '../shared/dates.js';
import * as followups from '../supervision/followup.service.js';
import type { SyncOp } from '../supervision/supervision.schemas.js';
import * as plans from '../supervision/supervision.service.js';
import { sync } from '../supervision/sync.service.js';
import { worksheet } from '../supervision/worksheet.service.js';
import { getUnitByCode } from '../units/unit.repository.js';
import { demoActor } from './seed.js';

type Worksheet = Awaited<ReturnType<typeof worksheet>>;

/** What the team heard at each UPT of the article, and what it concluded. */
const VISITS: Record<string, { day: number; interviewees: [string, string][]; kendala: string; saran: string; findings: string; copies: string; unregistered?: [string, string, string] }> = {
  'UPT-33-LPSK-KRA': {
    day: 0,
    interviewees: [['Drs. Hendra Wijaya, M.Si.', 'Kepala Lapas Khusus Kelas IIA Karanganyar'], ['Rina Marlina, S.H.', 'Kepala Seksi Kegiatan Kerja']],
    kendala: 'Jadwal instruktur dari mitra sering berubah; bahan praktik pelatihan menjahit terbatas.',
    saran: 'Kanwil mendampingi penyusunan naskah dan evaluasi kerja sama setiap semester.',
    findings: 'Kerja sama yang masih berlaku telah memberikan profit kepada UPT, baik PNBP dari penjualan produk maupun sertifikat kompetensi warga binaan. Laporan pelaksanaan belum lengkap untuk semua naskah.',
    copies: 'Sebagian',
  },
  'UPT-33-LP-PSP': {
    day: 0,
    interviewees: [['Bambang Sutrisno, Bc.IP., S.H.', 'Kepala Lapas Kelas IIA Pasir Putih'], ['Agus Priyanto', 'Kepala Subseksi Bimbingan Kerja']],
    kendala: 'Lahan praktik budidaya terbatas dan sebagian mitra belum memahami prosedur pengamanan lapas.',
    saran: 'Perlu contoh naskah PKS standar untuk kerja sama pembinaan kemandirian.',
    findings: 'Kerja sama pelatihan pengelasan dan budidaya lele berjalan dan bermanfaat; satu kerja sama dengan koperasi belum tercatat di P2MA.',
    copies: 'Sebagian',
    unregistered: ['Koperasi Nelayan Mina Sejahtera Cilacap', 'Pemasaran Hasil Budidaya Ikan Lele Warga Binaan', 'Naskah ditandatangani Kepala Lapas; salinan belum diserahkan ke Kanwil.'],
  },
  'UPT-33-BAPAS-NK': {
    day: 1,
    interviewees: [['Dra. Sri Wahyuni', 'Kepala Bapas Kelas II Nusakambangan']],
    kendala: 'Klien pemasyarakatan tersebar jauh sehingga pendampingan bersama mitra sulit dijadwalkan.',
    saran: 'Kerja sama dengan perguruan tinggi diperluas ke layanan konseling daring.',
    findings: 'Kerja sama pendampingan psikologis memberikan manfaat nyata bagi klien; naskah pelatihan otomotif belum dilengkapi salinan yang ditandatangani.',
    copies: 'Belum',
  },
};

const op = (o: Record<string, unknown>) => ({ opId: crypto.randomUUID(), ...o }) as SyncOp;

/** Answers for every agreement the team found in force, worded from the registry's own data. */
function agreementOps(v: Worksheet, i: number, a: Worksheet['agreements'][number]): SyncOp[] {
  const q = (code: string) => v.template.questions.find((x) => x.code === code)!.id;
  const ans = (code: string, value: unknown) => op({ type: 'answer.set', visitId: v.id, agreementId: a.id, questionId: q(code), value, baseRevision: 0 });
  const weak = a.documents === 0 || a.reports === 0;
  return [
    ans('latar_belakang', `Kebutuhan pembinaan di unit dan tawaran ${a.partnerNames ?? 'mitra'} untuk mendukung program ${a.title.replace(/^.*tentang /, '').toLowerCase()}.`),
    ans('jangka_waktu', a.durationText ? `${a.durationText}; unit berencana mengevaluasi sebelum berakhir.` : 'Sesuai naskah; belum dibahas rencana perpanjangan.'),
    ans('sudah_berjalan', true),
    ans('implementasi', a.reports ? `Kegiatan berjalan dan telah dilaporkan ${a.reports} kali di P2MA.` : 'Kegiatan berjalan, tetapi laporan pelaksanaan belum diunggah ke P2MA.'),
    ans('profit_uang', Math.round(a.pnbpTotal)),
    ans('manfaat_non_uang', 'Instruktur dari mitra, sertifikat kompetensi, dan peningkatan kapasitas petugas.'),
    ans('penerima_manfaat', a.beneficiaries),
    ans('nilai_pelaksanaan', weak ? 3 : 4),
    ans('nilai_manfaat_unit', 4 - (i % 2)),
    ans('nilai_manfaat_mitra', 3),
    ans('nilai_kesesuaian_tusi', 4),
    ans('nilai_kelengkapan_dokumen', weak ? 2 : 4),
    op({ type: 'assessment.set', visitId: v.id, agreementId: a.id, baseRevision: 0, benefitsUnit: true, mutual: i % 3 !== 2, recommendation: a.status === 'akan_berakhir' ? 'perpanjang' : weak ? 'perbaiki' : 'lanjutkan', note: weak ? 'Lengkapi salinan naskah dan laporan pelaksanaan di P2MA.' : null }),
  ];
}

/**
 * The article's supervision (the Biro's Pokja at three Jawa Tengah UPTs, reported, with follow-ups, one overdue)
 * and a planned one in Jawa Barat, recorded through the same use cases as the API so audit and scope are real.
 */
export async function seedDemoSupervision(deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const pokja = await demoActor(db, 'pokja');
  const jateng = await demoActor(db, 'kanwil.jateng');
  const jabar = await demoActor(db, 'kanwil.jabar');
  const kra = await demoActor(db, 'upt.karanganyar');
  const psp = await demoActor(db, 'upt.pasirputih');
  if (!pokja || !jateng || !jabar || !kra || !psp) return;
  const src = { actor: pokja, ip: null };
  const today = todayIn(deps.now());
  const start = addDays(today, -40);
  const units: { unitId: string; visitDate: string; code: string }[] = [];
  for (const [code, v] of Object.entries(VISITS)) {
    const unit = await getUnitByCode(db, code);
    if (unit) units.push({ unitId: unit.id, visitDate: addDays(start, v.day), code });
  }
  const planId = await plans.create(deps, src, {
    title: 'Supervisi Kerja Sama Dalam Negeri pada UPT Kantor Wilayah Jawa Tengah',
    basis: 'Surat Tugas Sekretaris Jenderal tentang Pelaksanaan Supervisi Kerja Sama Dalam Negeri oleh Tim Kelompok Kerja (Pokja) Kerja Sama Dalam Negeri.',
    purpose: 'Mengetahui sejauh mana kerja sama yang dilakukan oleh UPT memberikan profit kepada UPT, serta menghimpun kendala dan saran dalam kerja sama dengan mitra.',
    scopeText: 'Kerja sama yang masih berlaku pada Lapas Khusus Kelas IIA Karanganyar, Lapas Kelas IIA Pasir Putih dan Bapas Kelas II Nusakambangan: latar belakang, jangka waktu, implementasi, dan profit yang dihasilkan.',
    periodStart: start,
    periodEnd: addDays(start, 1),
    region: 'Nusakambangan, Cilacap, Jawa Tengah',
    provinceCode: '33',
    team: [
      { userId: pokja.userId, role: 'ketua', position: 'Ketua Tim Pokja Kerja Sama Dalam Negeri' },
      { userId: jateng.userId, role: 'anggota', position: 'Kepala Subbagian Humas, RB, dan TI Kantor Wilayah Jawa Tengah' },
    ],
    units: units.map(({ unitId, visitDate }) => ({ unitId, visitDate })),
  });
  const detail = await plans.detail(deps, pokja, planId);
  for (const visit of detail.visits) {
    const facts = VISITS[visit.unit.code]!;
    const v = await worksheet(deps, pokja, planId, visit.id);
    const q = (code: string) => v.template.questions.find((x) => x.code === code)!.id;
    const ops: SyncOp[] = [
      op({ type: 'interviewees.set', visitId: v.id, baseRevision: 0, interviewees: facts.interviewees.map(([name, position]) => ({ name, position })) }),
      ...v.agreements.flatMap((a, i) => agreementOps(v, i, a)),
      op({ type: 'answer.set', visitId: v.id, agreementId: null, questionId: q('kendala'), value: facts.kendala, baseRevision: 0 }),
      op({ type: 'answer.set', visitId: v.id, agreementId: null, questionId: q('saran'), value: facts.saran, baseRevision: 0 }),
      op({ type: 'answer.set', visitId: v.id, agreementId: null, questionId: q('salinan_diserahkan'), value: facts.copies, baseRevision: 0 }),
      op({ type: 'findings.set', visitId: v.id, baseRevision: 0, findings: facts.findings }),
      ...(facts.unregistered ? [op({ type: 'unregistered.add', visitId: v.id, partnerName: facts.unregistered[0], title: facts.unregistered[1], note: facts.unregistered[2], dueDate: addDays(today, 20) })] : []),
    ];
    // The Kanwil member typed Pasir Putih's interview; the chair the others.
    await sync(deps, { actor: visit.unit.code === 'UPT-33-LP-PSP' ? jateng : pokja, ip: null }, planId, ops);
  }

  await followups.addRecommendation(deps, src, planId, { unitId: null, text: 'UPT agar selektif dalam menjalin kerja sama dengan pihak luar: sesuai arahan Sekretaris Jenderal, sebuah kerja sama hendaknya memberikan keuntungan bagi kedua belah pihak.' });
  await followups.addRecommendation(deps, src, planId, { unitId: null, text: 'UPT aktif menyerahkan salinan naskah kerja sama kepada Kantor Wilayah untuk diunggah pada P2MA.' });
  const unitId = (code: string) => units.find((u) => u.code === code)!.unitId;
  const overdue = await followups.createFollowup(deps, src, planId, { unitId: unitId('UPT-33-LPSK-KRA'), title: 'Menyerahkan salinan seluruh naskah kerja sama yang masih berlaku kepada Kantor Wilayah Jawa Tengah', dueDate: addDays(today, -5) });
  await followups.respond(deps, { actor: kra, ip: null }, overdue.id, { status: 'in_progress', response: 'Tiga dari lima salinan sudah diserahkan; sisanya menunggu tanda tangan mitra.' });
  await followups.createFollowup(deps, src, planId, { unitId: unitId('UPT-33-LPSK-KRA'), title: 'Mengunggah laporan pelaksanaan semester terakhir untuk setiap PKS yang berlaku', dueDate: addDays(today, 30) });
  const bapas = await followups.createFollowup(deps, src, planId, { unitId: unitId('UPT-33-BAPAS-NK'), title: 'Melengkapi naskah PKS pelatihan otomotif yang ditandatangani', dueDate: addDays(today, -10) });
  await followups.respond(deps, { actor: jateng, ip: null }, bapas.id, { status: 'done', response: 'Naskah yang ditandatangani sudah diterima Kanwil dan diunggah ke P2MA.' });
  await plans.changeStatus(deps, src, planId, 'dilaporkan');

  // A supervision still to come, elsewhere.
  const skm = await getUnitByCode(db, 'UPT-32-LP-SKM');
  const bdg = await getUnitByCode(db, 'UPT-32-LPN-BDG');
  if (skm && bdg) {
    await plans.create(deps, src, {
      title: 'Supervisi Kerja Sama Dalam Negeri pada UPT Kantor Wilayah Jawa Barat',
      basis: 'Surat Tugas Sekretaris Jenderal tentang Pelaksanaan Supervisi Kerja Sama Dalam Negeri Tahap II.',
      purpose: 'Menilai manfaat kerja sama layanan kesehatan dan rehabilitasi bagi UPT di Bandung.',
      scopeText: 'Kerja sama yang masih berlaku pada Lapas Sukamiskin dan Lapas Narkotika Bandung.',
      periodStart: addDays(today, 20),
      periodEnd: addDays(today, 21),
      region: 'Bandung, Jawa Barat',
      provinceCode: '32',
      team: [
        { userId: pokja.userId, role: 'ketua', position: 'Ketua Tim Pokja Kerja Sama Dalam Negeri' },
        { userId: jabar.userId, role: 'anggota', position: 'Verifikator Kantor Wilayah Jawa Barat' },
      ],
      units: [
        { unitId: skm.id, visitDate: addDays(today, 20) },
        { unitId: bdg.id, visitDate: addDays(today, 21) },
      ],
    });
  }
}
