/** Indonesian formatting for the report: "27 Juni 2024", "Rp 1.250.000", "1.250". */

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu'];

export function tanggal(isoDate: string | null | undefined): string {
  if (!isoDate) return '-';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** "Kamis, 27 Juni 2024". */
export function hariTanggal(isoDate: string): string {
  const day = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return `${DAYS[day]}, ${tanggal(isoDate)}`;
}

/** "27 s.d. 28 Juni 2024", "30 Juni s.d. 1 Juli 2024", or one date when both are equal. */
export function rentang(from: string, to: string): string {
  if (from === to) return tanggal(from);
  const [fy, fm] = from.split('-');
  const [ty, tm] = to.split('-');
  if (fy === ty && fm === tm) return `${Number(from.slice(8, 10))} s.d. ${tanggal(to)}`;
  if (fy === ty) return `${tanggal(from).replace(/ \d{4}$/, '')} s.d. ${tanggal(to)}`;
  return `${tanggal(from)} s.d. ${tanggal(to)}`;
}

export function angka(n: number): string {
  return new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(n);
}

export function rupiah(n: number): string {
  return `Rp ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(Math.round(n))}`;
}

export const RECOMMENDATION_LABELS = { lanjutkan: 'Lanjutkan', perbaiki: 'Perbaiki', perpanjang: 'Perpanjang', hentikan: 'Hentikan' } as const;
export const FOLLOWUP_LABELS = { open: 'Belum ditindaklanjuti', in_progress: 'Dalam proses', done: 'Selesai' } as const;
export const STATUS_LABELS = { direncanakan: 'Direncanakan', berjalan: 'Berjalan', dilaporkan: 'Dilaporkan', ditutup: 'Ditutup' } as const;

export function yaTidak(v: boolean | null | undefined): string {
  return v === true ? 'Ya' : v === false ? 'Tidak' : '-';
}
