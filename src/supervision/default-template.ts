import type { Executor } from '../db/database.js';
import type { QuestionType } from './supervision.schemas.js';

const SCALE = ['Kurang', 'Cukup', 'Baik', 'Sangat baik'];

/** The default questionnaire: the article's questions per agreement, the 1–4 ratings, then kendala and saran per unit. */
const DEFAULT_QUESTIONS: [code: string, label: string, type: string, target: string, required: boolean, options: string[], help: string | null][] = [
  ['latar_belakang', 'Latar belakang kerja sama', 'text', 'agreement', true, [], 'Kebutuhan unit dan alasan memilih mitra.'],
  ['jangka_waktu', 'Jangka waktu kerja sama dan rencana setelah berakhir', 'text', 'agreement', true, [], null],
  ['sudah_berjalan', 'Apakah kerja sama sudah dilaksanakan?', 'yes_no', 'agreement', true, [], null],
  ['implementasi', 'Implementasi: kegiatan yang sudah dilaksanakan', 'text', 'agreement', true, [], null],
  ['profit_uang', 'Profit berupa uang (PNBP, bagi hasil penjualan) sejak kerja sama berjalan', 'rupiah', 'agreement', false, [], 'Dalam rupiah; isi 0 bila tidak ada.'],
  ['manfaat_non_uang', 'Manfaat bukan uang (pelatih, sertifikat, layanan, sarana, kapasitas petugas)', 'text', 'agreement', false, [], null],
  ['penerima_manfaat', 'Jumlah warga binaan atau klien penerima manfaat', 'number', 'agreement', false, [], null],
  ['nilai_pelaksanaan', 'Penilaian pelaksanaan kerja sama', 'scale', 'agreement', true, ['Belum berjalan', 'Berjalan sebagian', 'Berjalan baik', 'Berjalan sangat baik'], null],
  ['nilai_manfaat_unit', 'Penilaian manfaat bagi unit', 'scale', 'agreement', true, SCALE, null],
  ['nilai_manfaat_mitra', 'Penilaian manfaat bagi mitra', 'scale', 'agreement', true, SCALE, null],
  ['nilai_kesesuaian_tusi', 'Kesesuaian dengan tugas dan fungsi unit', 'scale', 'agreement', true, ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'], null],
  ['nilai_kelengkapan_dokumen', 'Kelengkapan dokumen (naskah, laporan, bukti)', 'scale', 'agreement', true, ['Tidak lengkap', 'Kurang lengkap', 'Lengkap', 'Sangat lengkap'], null],
  ['salinan_diserahkan', 'Penyerahan salinan naskah kerja sama kepada Kantor Wilayah', 'choice', 'unit', false, ['Semua sudah diserahkan', 'Sebagian', 'Belum'], null],
  ['kendala', 'Kendala yang dialami dalam kerja sama dengan mitra', 'text', 'unit', true, [], null],
  ['saran', 'Saran unit', 'text', 'unit', true, [], null],
];

/**
 * Loads version 1 of the default template on a database that has none (first start, or after a restore of a
 * backup older than supervision). Admins change it afterwards by saving new versions; this never overwrites.
 */
export async function ensureDefaultTemplate(db: Executor): Promise<void> {
  const any = await db.selectFrom('supervision_templates').select('id').where('key', '=', 'default').limit(1).executeTakeFirst();
  if (any) return;
  const t = await db
    .insertInto('supervision_templates')
    .values({ key: 'default', version: 1, name: 'Kuesioner Supervisi Kerja Sama Dalam Negeri', description: 'Pertanyaan wawancara per naskah kerja sama yang masih berlaku, penilaian 1–4, serta kendala dan saran unit.' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('supervision_questions')
    .values(DEFAULT_QUESTIONS.map(([code, label, type, target, required, options, help], i) => ({ template_id: t.id, position: i + 1, code, label, help, required, type: type as QuestionType, target: target as 'agreement' | 'unit', options: JSON.stringify(options) })))
    .execute();
}
