import type { Locale } from './i18n.js';

/** Stable error codes; the one table below gives each its HTTP status and its message per language. */
const ERRORS = {
  VALIDATION_FAILED: { status: 400, id: 'Data yang dikirim tidak valid.', en: 'The submitted data is not valid.' },
  BAD_REQUEST: { status: 400, id: 'Permintaan tidak dapat diproses.', en: 'The request could not be processed.' },
  UNAUTHENTICATED: { status: 401, id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  INVALID_CREDENTIALS: { status: 401, id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  TOTP_REQUIRED: { status: 401, id: 'Masukkan kode verifikasi dua langkah dari aplikasi autentikator.', en: 'Enter the two-step verification code from your authenticator app.' },
  INVALID_TOTP: { status: 400, id: 'Kode verifikasi tidak cocok.', en: 'The verification code does not match.' },
  WRONG_PASSWORD: { status: 400, id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' },
  CSRF_FAILED: { status: 403, id: 'Sesi formulir tidak valid. Muat ulang halaman lalu coba lagi.', en: 'Invalid form session. Reload the page and try again.' },
  FORBIDDEN: { status: 403, id: 'Anda tidak berwenang melakukan tindakan ini.', en: 'You are not allowed to do this.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, id: 'Ganti kata sandi sementara Anda terlebih dahulu.', en: 'Change your temporary password first.' },
  NOT_FOUND: { status: 404, id: 'Data tidak ditemukan.', en: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, id: 'Alamat tidak ditemukan.', en: 'No such address.' },
  METHOD_NOT_ALLOWED: { status: 405, id: 'Metode tidak diizinkan.', en: 'Method not allowed.' },
  CONFLICT: { status: 409, id: 'Data bentrok dengan data yang sudah ada.', en: 'This conflicts with existing data.' },
  DUPLICATE_USERNAME: { status: 409, id: 'Nama pengguna atau e-mail sudah dipakai.', en: 'The username or e-mail is already in use.' },
  DUPLICATE_UNIT_CODE: { status: 409, id: 'Kode unit sudah dipakai.', en: 'The unit code is already in use.' },
  PARTNER_SIMILAR: { status: 409, id: 'Sudah ada mitra dengan nama mirip: {names}. Pilih mitra yang ada, atau simpan tetap sebagai mitra baru.', en: 'Partners with a similar name exist: {names}. Pick one, or save anyway as a new partner.' },
  DUPLICATE_NUMBER: { status: 409, id: 'Nomor naskah {number} sudah terdaftar di unit ini ({title}). Periksa lagi, atau simpan tetap jika memang berbeda.', en: 'Agreement number {number} is already registered in this unit ({title}). Check again, or save anyway if it really differs.' },
  TRANSITION_NOT_ALLOWED: { status: 409, id: 'Tindakan ini tidak dapat dilakukan pada naskah berstatus {state} atau oleh peran Anda.', en: 'This action is not possible for an agreement in state {state} or for your role.' },
  PUBLIC_COPY_REQUIRED: { status: 409, id: 'Unggah salinan publik (yang sudah disamarkan data pribadinya) sebelum menerbitkan.', en: 'Upload a public copy (with personal data redacted) before publishing.' },
  EDIT_LOCKED: { status: 409, id: 'Naskah yang sedang diajukan atau sudah diverifikasi tidak dapat diubah oleh operator. Minta Kanwil mengembalikannya.', en: 'An agreement under review or verified cannot be edited by an operator. Ask the Kanwil to return it.' },
  ALREADY_PROCESSED: { status: 409, id: 'Naskah ini baru saja diproses oleh pengguna lain. Muat ulang halaman untuk melihat statusnya.', en: 'Someone else has just acted on this agreement. Reload the page to see its state.' },
  INVALID_RELATION: { status: 400, id: 'Naskah terkait tidak valid.', en: 'The related agreement is not valid.' },
  IMPORT_INVALID_ROWS: { status: 409, id: '{invalid} dari {total} baris tidak valid, jadi belum ada yang diimpor. Perbaiki berkasnya, atau jalankan impor dengan melewati baris yang tidak valid.', en: '{invalid} of {total} rows are not valid, so nothing was imported. Fix the file, or run the import skipping the invalid rows.' },
  IMPORT_RUNNING: { status: 409, id: 'Impor ini sedang berjalan. Tunggu sampai selesai.', en: 'This import is already running. Wait until it finishes.' },
  IMPORT_NOT_PREVIEWED: { status: 409, id: 'Tentukan pemetaan kolom dan lihat pratinjau sebelum menjalankan impor.', en: 'Choose the column mapping and preview before running the import.' },
  PII_FINDINGS_CHANGED: { status: 409, id: 'Temuan data pribadi berkas ini sudah berubah (teksnya dibaca ulang). Muat ulang daftar temuan lalu pilih lagi.', en: "This document's personal-data findings have changed (its text was read again). Reload the findings and choose again." },
  PII_NOT_LOCATED: { status: 409, id: 'Posisi {count} temuan pada halaman tidak dapat ditentukan. Tandai area itu secara manual.', en: 'The position of {count} finding(s) on the page could not be determined. Mark those areas by hand.' },
  REDACTION_UNSUPPORTED: { status: 415, id: 'Salinan publik hanya dapat dibuat dari berkas PDF yang dapat dibaca.', en: 'A public copy can only be made from a readable PDF file.' },
  REDACTION_TOOL_MISSING: { status: 503, id: 'Salinan publik tidak dapat dibuat: alat pdftoppm (poppler-utils) tidak terpasang di server.', en: 'The public copy cannot be made: the pdftoppm tool (poppler-utils) is not installed on the server.' },
  EXTRACTION_PENDING: { status: 409, id: 'Teks berkas ini belum selesai dibaca. Coba lagi sebentar lagi.', en: "This document's text is still being read. Try again shortly." },
  UNIT_CYCLE: { status: 409, id: 'Unit tidak dapat dipindahkan ke bawah dirinya sendiri.', en: 'A unit cannot be moved beneath itself.' },
  PAYLOAD_TOO_LARGE: { status: 413, id: 'Data yang dikirim terlalu besar.', en: 'The request is too large.' },
  FILE_TOO_LARGE: { status: 413, id: 'Berkas terlalu besar. Ukuran maksimum {max}.', en: 'The file is too large. The maximum size is {max}.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, id: 'Jenis data tidak didukung.', en: 'Unsupported content type.' },
  UNSUPPORTED_FILE_TYPE: { status: 415, id: 'Jenis berkas tidak didukung. Unggah berkas PDF, DOCX, JPEG, atau PNG.', en: 'Unsupported file type. Upload a PDF, DOCX, JPEG or PNG file.' },
  UNSUPPORTED_IMPORT_FILE: { status: 415, id: 'Jenis berkas tidak didukung. Unggah berkas XLSX, atau CSV yang disimpan sebagai "CSV UTF-8".', en: 'Unsupported file type. Upload an XLSX file, or a CSV saved as "CSV UTF-8".' },
  TOO_MANY_ATTEMPTS: { status: 429, id: 'Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit.', en: 'Too many sign-in attempts. Try again in {minutes} minutes.' },
  RATE_LIMITED: { status: 429, id: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.', en: 'Too many requests. Try again shortly.' },
  INTERNAL: { status: 500, id: 'Terjadi kesalahan pada server. Silakan coba lagi.', en: 'Something went wrong on the server. Please try again.' },
  SERVICE_UNAVAILABLE: { status: 503, id: 'Layanan sedang tidak tersedia.', en: 'The service is unavailable.' },
  STORAGE_UNAVAILABLE: { status: 503, id: 'Penyimpanan berkas tidak dapat dihubungi; berkas tidak disimpan. Coba lagi nanti.', en: 'File storage cannot be reached; the file was not stored. Try again later.' },
  BACKUP_RUNNING: { status: 409, id: 'Pencadangan lain sedang berjalan. Tunggu sampai selesai.', en: 'Another backup is running. Wait until it finishes.' },
  BACKUP_INVALID: { status: 422, id: 'Berkas {file} bukan cadangan P2MA yang dapat dipakai: {reason}. Tidak ada yang dipulihkan.', en: 'The file {file} is not a usable P2MA backup: {reason}. Nothing was restored.' },
  BACKUP_TRUNCATED: { status: 422, id: 'Berkas cadangan {file} terpotong atau tidak lengkap ({reason}). Tidak ada yang dipulihkan; pakai salinan cadangan yang lain.', en: 'The backup file {file} is truncated or incomplete ({reason}). Nothing was restored; use another copy of the backup.' },
  BACKUP_DAMAGED: { status: 422, id: 'Berkas cadangan {file} rusak atau telah diubah: checksum {member} tidak cocok dengan manifesnya. Tidak ada yang dipulihkan.', en: 'The backup file {file} is damaged or was altered: the checksum of {member} does not match its manifest. Nothing was restored.' },
  BACKUP_SCHEMA_NEWER: { status: 422, id: 'Cadangan ini dibuat dengan skema basis data {version}, lebih baru daripada yang dikenal program ini ({known}). Pasang versi P2MA yang lebih baru, lalu ulangi pemulihan.', en: 'This backup was made with database schema {version}, newer than this program knows ({known}). Install a newer P2MA, then restore again.' },
  BACKUP_CHAIN_INCOMPLETE: { status: 422, id: 'Rantai cadangan tidak lengkap: {reason}. Sertakan cadangan penuh dan semua cadangan inkremental sesudahnya.', en: 'The backup chain is incomplete: {reason}. Give the full backup and every incremental backup after it.' },
  RESTORE_TARGET_NOT_EMPTY: { status: 409, id: 'Tujuan pemulihan tidak kosong: {what}. Pemulihan hanya ke direktori data atau basis data PostgreSQL dan penyimpanan berkas yang kosong; tidak ada yang diubah.', en: 'The restore target is not empty: {what}. Restore only into an empty data directory or PostgreSQL database and empty file storage; nothing was changed.' },
  SUPERVISION_LOCKED: { status: 409, id: 'Supervisi berstatus {status}: data wawancara tidak dapat diubah lagi.', en: 'The supervision is {status}: interview data can no longer be changed.' },
  SUPERVISION_STATUS: { status: 409, id: 'Status supervisi tidak dapat diubah dari {from} menjadi {to}.', en: 'The supervision status cannot change from {from} to {to}.' },
  ANSWER_WRONG_TEMPLATE: { status: 400, id: 'Pertanyaan tidak termasuk versi kuesioner kunjungan ini (versi {version}). Muat ulang formulir.', en: 'The question is not part of this visit\'s questionnaire version ({version}). Reload the form.' },
  RATING_OUT_OF_SCALE: { status: 400, id: 'Nilai "{label}" harus bilangan bulat 1 sampai 4.', en: 'The rating "{label}" must be a whole number from 1 to 4.' },
  FOLLOWUP_UNIT_NOT_IN_PLAN: { status: 400, id: 'Tindak lanjut hanya untuk unit yang dikunjungi dalam rencana supervisi ini.', en: 'A follow-up can only be for a unit visited in this supervision plan.' },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldProblem {
  path: string;
  message: string;
}

/** The one error type. Thrown anywhere; turned into `{error:{code,message}}` in one place (http/app.ts). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldProblem[],
    /** Structured facts a client can act on (e.g. the id of the duplicate); never internals. */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  messageFor(locale: Locale): string {
    return interpolate(ERRORS[this.code][locale], this.params);
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const invalid = (fields: FieldProblem[]) => new AppError('VALIDATION_FAILED', {}, fields);

export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  return interpolate(ERRORS[code][locale], params);
}

export function statusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}

function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
