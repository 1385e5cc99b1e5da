import type { Executor } from '../db/database.js';

/**
 * The managed lists of the registry, as first loaded into an empty database. Afterwards they are data:
 * admins add and retire entries; codes never change because agreements point at them.
 */
export const PARTNER_CATEGORIES: [string, string][] = [
  ['kementerian_lembaga', 'Kementerian/Lembaga'],
  ['pemda', 'Pemerintah Daerah/OPD'],
  ['aph', 'TNI/Polri/Aparat Penegak Hukum'],
  ['bumn', 'BUMN'],
  ['bumd', 'BUMD'],
  ['swasta', 'Swasta'],
  ['umkm', 'UMKM/Perorangan'],
  ['perguruan_tinggi', 'Perguruan Tinggi'],
  ['sekolah_pelatihan', 'Sekolah/Lembaga Pelatihan (BLK, SMK)'],
  ['ormas', 'Ormas/Yayasan/LSM/Lembaga Keagamaan'],
  ['luar_negeri', 'Organisasi/Lembaga Luar Negeri'],
];

export const AGREEMENT_KINDS: [string, string, string][] = [
  ['mou', 'Nota Kesepahaman', 'MoU'],
  ['pks', 'Perjanjian Kerja Sama', 'PKS'],
  ['adendum', 'Adendum/Amandemen', 'Adendum'],
  ['kesepakatan_bersama', 'Kesepakatan Bersama', 'KB'],
  ['loi', 'Letter of Intent', 'LoI'],
  ['msp', 'Memorandum Saling Pengertian', 'MSP'],
  ['lainnya', 'Lainnya', 'Lainnya'],
];

export const SCOPES: [string, string][] = [
  ['kemandirian', 'Pembinaan kemandirian (pelatihan kerja, sertifikasi)'],
  ['pertanian', 'Pertanian, peternakan dan perikanan'],
  ['kepribadian', 'Pembinaan kepribadian dan keagamaan'],
  ['kesehatan', 'Layanan kesehatan'],
  ['pendidikan', 'Pendidikan kesetaraan (Paket A/B/C)'],
  ['rehabilitasi', 'Rehabilitasi narkotika'],
  ['bantuan_hukum', 'Bantuan hukum'],
  ['asimilasi', 'Asimilasi dan integrasi'],
  ['pemasaran', 'Pemasaran produk warga binaan'],
  ['lahan', 'Pemanfaatan lahan dan aset'],
  ['sdm', 'Peningkatan kapasitas SDM petugas'],
  ['keamanan', 'Keamanan dan ketertiban'],
  ['data_informasi', 'Pertukaran data dan informasi'],
  ['keimigrasian', 'Layanan keimigrasian'],
];

export const BENEFIT_KINDS: [string, string][] = [
  ['instruktur', 'Tenaga pelatih/instruktur'],
  ['sertifikat', 'Sertifikat kompetensi'],
  ['layanan', 'Layanan (kesehatan, hukum, pendidikan)'],
  ['sarana', 'Sarana dan prasarana'],
  ['kapasitas_petugas', 'Peningkatan kapasitas petugas'],
  ['bahan_baku', 'Bahan baku/modal kerja'],
  ['pemasaran', 'Akses pemasaran produk'],
  ['lapangan_kerja', 'Penyaluran kerja bagi klien/eks WBP'],
];

export async function loadRegistryLists(db: Executor): Promise<void> {
  const any = await db.selectFrom('agreement_kinds').select('code').limit(1).executeTakeFirst();
  if (any) return;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('partner_categories').values(PARTNER_CATEGORIES.map(([code, name], i) => ({ code, name, sort: i }))).execute();
    await tx.insertInto('agreement_kinds').values(AGREEMENT_KINDS.map(([code, name, abbreviation], i) => ({ code, name, abbreviation, sort: i }))).execute();
    await tx.insertInto('scopes').values(SCOPES.map(([code, name], i) => ({ code, name, sort: i }))).execute();
    await tx.insertInto('benefit_kinds').values(BENEFIT_KINDS.map(([code, name], i) => ({ code, name, sort: i }))).execute();
  });
}
