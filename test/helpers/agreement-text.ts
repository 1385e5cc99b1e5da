import type { PdfLine } from '../../src/shared/pdf-writer.js';

/** What a generated agreement says; every field has a realistic default. */
export interface AgreementText {
  kind?: string;
  firstParty?: string;
  secondParty?: string;
  topic?: string;
  numberFirst?: string;
  numberSecond?: string;
  opening?: string;
  duration?: string;
  umbrella?: string | null;
  firstSigner?: [string, string];
  secondSigner?: [string, string];
}

/** The text of a Perjanjian Kerja Sama as Indonesian offices write them (heading, opening, articles, signatures). */
export function agreementLines(a: AgreementText = {}): PdfLine[] {
  const kind = a.kind ?? 'PERJANJIAN KERJA SAMA';
  const first = a.firstParty ?? 'LEMBAGA PEMASYARAKATAN KELAS IIA KARANGANYAR';
  const second = a.secondParty ?? 'BALAI LATIHAN KERJA KABUPATEN CILACAP';
  const topic = a.topic ?? 'PELATIHAN KETERAMPILAN PENGELASAN BAGI WARGA BINAAN PEMASYARAKATAN';
  const [s1name, s1pos] = a.firstSigner ?? ['Budi Santoso', 'Kepala Lembaga Pemasyarakatan Kelas IIA Karanganyar'];
  const [s2name, s2pos] = a.secondSigner ?? ['Siti Rahmawati', 'Kepala Balai Latihan Kerja Kabupaten Cilacap'];
  return [
    { text: kind, bold: true, center: true, size: 13 },
    { text: 'ANTARA', center: true },
    { text: first, center: true, bold: true },
    { text: 'DENGAN', center: true },
    { text: second, center: true, bold: true },
    { text: 'TENTANG', center: true },
    { text: topic, center: true, bold: true },
    { text: `NOMOR: ${a.numberFirst ?? 'W13.PAS.PAS.6-HM.05.02-1234'}`, center: true },
    { text: `NOMOR: ${a.numberSecond ?? '415.4/123/2024'}`, center: true },
    { text: ' ' },
    {
      text:
        a.opening ??
        'Pada hari ini Kamis tanggal dua puluh tujuh bulan Juni tahun dua ribu dua puluh empat, bertempat di Cilacap, kami yang bertanda tangan di bawah ini:',
    },
    { text: `1. ${s1name}, ${s1pos}, dalam hal ini bertindak untuk dan atas nama ${first.toLowerCase()}, selanjutnya disebut PIHAK PERTAMA.` },
    { text: `2. ${s2name}, ${s2pos}, dalam hal ini bertindak untuk dan atas nama ${second.toLowerCase()}, selanjutnya disebut PIHAK KEDUA.` },
    ...(a.umbrella === null
      ? []
      : [{ text: `Berdasarkan Nota Kesepahaman antara Kementerian Hukum dan Hak Asasi Manusia dengan Pemerintah Provinsi Jawa Tengah Nomor ${a.umbrella ?? 'M.HH-05.HM.05.02 Tahun 2023'} tentang Pembinaan Warga Binaan Pemasyarakatan, para pihak sepakat mengadakan kerja sama dengan ketentuan sebagai berikut.` }]),
    { text: 'Pasal 1 MAKSUD DAN TUJUAN', bold: true },
    { text: 'Maksud perjanjian ini adalah melatih warga binaan agar memiliki keterampilan kerja. Tujuannya meningkatkan kemandirian warga binaan setelah bebas.' },
    { text: 'Pasal 2 RUANG LINGKUP', bold: true },
    { text: 'Ruang lingkup perjanjian ini meliputi pelatihan pengelasan, sertifikasi kompetensi, dan pendampingan usaha.' },
    { text: 'Pasal 3 JANGKA WAKTU', bold: true },
    { text: a.duration ?? 'Perjanjian ini berlaku selama 3 (tiga) tahun terhitung sejak tanggal ditandatangani oleh Para Pihak.' },
    { text: 'Pasal 4 PENUTUP', bold: true },
    { text: 'Perjanjian ini dibuat dalam rangkap dua, masing-masing bermeterai cukup dan mempunyai kekuatan hukum yang sama.' },
    { text: 'PIHAK PERTAMA                                   PIHAK KEDUA' },
    { text: `${s1name}                                   ${s2name}` },
  ];
}
