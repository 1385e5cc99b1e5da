/**
 * The accuracy corpus: generated agreements that vary what real ones vary (kind, parties, topic, numbers,
 * place and date of signing written in words, duration, umbrella MoU, signatories, the contact person's
 * personal data), each with the values a correct reading must give and a search query written for it.
 */
import type { AgreementText } from '../test/helpers/agreement-text.js';
import type { PlantedPii } from '../test/helpers/pii-fixtures.js';

export interface Truth {
  n: number;
  text: AgreementText;
  pii: PlantedPii;
  fields: Partial<Record<'kindCode' | 'title' | 'numberFirst' | 'numberSecond' | 'signingPlace' | 'signingDate' | 'duration' | 'umbrellaNumber' | 'firstParty' | 'secondParty', string>>;
  query: string;
}

const TOPICS: [string, string][] = [
  ['Pelatihan Keterampilan Pengelasan bagi Warga Binaan Pemasyarakatan', 'pengelasan'],
  ['Budidaya Ikan Lele bagi Warga Binaan', 'lele'],
  ['Pertanian Hidroponik di Lingkungan Lembaga Pemasyarakatan', 'hidroponik'],
  ['Pelatihan Barista dan Pengolahan Kopi', 'barista'],
  ['Pembinaan Kerajinan Batik Tulis', 'batik'],
  ['Layanan Kesehatan dan Pemeriksaan Berkala Warga Binaan', 'pemeriksaan'],
  ['Rehabilitasi Narkotika bagi Warga Binaan', 'rehabilitasi'],
  ['Pendidikan Kesetaraan Paket C', 'kesetaraan'],
  ['Pemasaran Produk Hasil Karya Warga Binaan', 'pemasaran'],
  ['Pelatihan Otomotif Sepeda Motor', 'otomotif'],
];

const PARTNERS: [string, string, string][] = [
  ['Balai Latihan Kerja Kabupaten Cilacap', 'Cilacap', 'Kepala Balai Latihan Kerja Kabupaten Cilacap'],
  ['Dinas Perikanan Kabupaten Banyumas', 'Banyumas', 'Kepala Dinas Perikanan Kabupaten Banyumas'],
  ['Universitas Jenderal Soedirman', 'Soedirman', 'Rektor Universitas Jenderal Soedirman'],
  ['Badan Narkotika Nasional Kabupaten Kebumen', 'Kebumen', 'Kepala Badan Narkotika Nasional Kabupaten Kebumen'],
  ['Rumah Sakit Umum Daerah Purbalingga', 'Purbalingga', 'Direktur Rumah Sakit Umum Daerah Purbalingga'],
  ['Yayasan Pesantren Al Hikmah Brebes', 'Brebes', 'Ketua Yayasan Pesantren Al Hikmah Brebes'],
  ['Dinas Koperasi dan Usaha Mikro Kabupaten Tegal', 'Tegal', 'Kepala Dinas Koperasi dan Usaha Mikro Kabupaten Tegal'],
];

const UNITS: [string, string][] = [
  ['Lembaga Pemasyarakatan Kelas IIA Karanganyar', 'Kepala Lembaga Pemasyarakatan Kelas IIA Karanganyar'],
  ['Lembaga Pemasyarakatan Kelas IIA Pasir Putih', 'Kepala Lembaga Pemasyarakatan Kelas IIA Pasir Putih'],
  ['Balai Pemasyarakatan Kelas II Nusakambangan', 'Kepala Balai Pemasyarakatan Kelas II Nusakambangan'],
];

const OFFICIALS = ['Budi Santoso', 'Siti Rahmawati', 'Agus Prasetyo', 'Dewi Lestari', 'Hendra Gunawan', 'Sri Wahyuni', 'Joko Susilo', 'Rina Marlina', 'Bambang Hartono', 'Yuli Astuti', 'Eko Saputro'];
const PLACES = ['Cilacap', 'Semarang', 'Purwokerto', 'Karanganyar', 'Surakarta', 'Banyumas', 'Magelang'];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const UNITS_WORDS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

/** 1 → "satu", 27 → "dua puluh tujuh", 2024 → "dua ribu dua puluh empat". */
export function words(n: number): string {
  if (n >= 2000) return `dua ribu${n > 2000 ? ` ${words(n - 2000)}` : ''}`;
  if (n < 10) return UNITS_WORDS[n]!;
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${UNITS_WORDS[n - 10]} belas`;
  return `${UNITS_WORDS[Math.floor(n / 10)]} puluh${n % 10 ? ` ${UNITS_WORDS[n % 10]}` : ''}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function nik(i: number): string {
  const provinces = [33, 32, 34, 35, 31];
  const day = (i % 28) + 1 + (i % 2 ? 40 : 0);
  return `${provinces[i % provinces.length]}${pad((i % 29) + 1)}${pad((i % 19) + 1)}${pad(day)}${pad((i % 12) + 1)}${pad(70 + (i % 25))}${String(1 + ((i * 37) % 999)).padStart(4, '0')}`;
}

function phone(i: number): string {
  const d = String(10_000_000 + ((i * 7_919_111) % 89_999_999)).slice(0, 8);
  const formats = [`0812-${d.slice(0, 4)}-${d.slice(4)}`, `+62 813 ${d.slice(0, 4)} ${d.slice(4)}`, `0857${d}`, `0821 ${d.slice(0, 4)} ${d.slice(4)}`];
  return formats[i % formats.length]!;
}

export function corpus(count: number): Truth[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const [topic, keyword] = TOPICS[i % TOPICS.length]!;
    const [partner, partnerWord, partnerHead] = PARTNERS[i % PARTNERS.length]!;
    const [unit, unitHead] = UNITS[i % UNITS.length]!;
    const mou = i % 5 === 4;
    const kindName = mou ? 'Nota Kesepahaman' : 'Perjanjian Kerja Sama';
    const year = 2020 + (i % 6);
    const month = (i * 5) % 12;
    const day = (i * 7) % 28 + 1;
    const date = new Date(Date.UTC(year, month, day));
    const place = PLACES[i % PLACES.length]!;
    const years = (i % 5) + 1;
    const numberFirst = `W13.PAS.PAS.${(i % 9) + 1}-HM.05.02-${1000 + i * 37}`;
    const numberSecond = i % 2 ? `${400 + i}.${(i % 9) + 1}/${100 + i * 3}/${year}` : `PKS/${n}/${partnerWord.toUpperCase().slice(0, 3)}/${year}`;
    const umbrella = `M.HH-0${(i % 9) + 1}.HM.05.02 Tahun ${2019 + (i % 4)}`;
    const officials: [string, string] = [OFFICIALS[i % OFFICIALS.length]!, OFFICIALS[(i * 3 + 1) % OFFICIALS.length]!];
    if (officials[0] === officials[1]) officials[1] = OFFICIALS[(i * 3 + 2) % OFFICIALS.length]!;
    const first = officials[0].split(' ')[0]!.toLowerCase();
    const email = `${first}.${['kontak', 'pribadi', 'wijaya'][i % 3]}${n}@${['gmail.com', 'yahoo.co.id', 'outlook.com'][i % 3]}`;
    const text: AgreementText = {
      kind: kindName.toUpperCase(),
      firstParty: unit.toUpperCase(),
      secondParty: partner.toUpperCase(),
      topic: topic.toUpperCase(),
      numberFirst,
      numberSecond,
      opening: `Pada hari ini ${DAYS[date.getUTCDay()]} tanggal ${words(day)} bulan ${MONTHS[month]} tahun ${words(year)}, bertempat di ${place}, kami yang bertanda tangan di bawah ini:`,
      duration: `${kindName} ini berlaku selama ${years} (${words(years)}) tahun terhitung sejak tanggal ditandatangani oleh Para Pihak.`,
      umbrella: mou ? null : umbrella,
      firstSigner: [officials[0], unitHead],
      secondSigner: [officials[1], partnerHead],
    };
    const fields: Truth['fields'] = {
      kindCode: mou ? 'mou' : 'pks',
      title: `${kindName} tentang ${topic}`,
      numberFirst,
      numberSecond,
      signingPlace: place,
      signingDate: date.toISOString().slice(0, 10),
      duration: `${years} tahun`,
      ...(mou ? {} : { umbrellaNumber: umbrella }),
      firstParty: unit,
      secondParty: partner,
    };
    return { n, text, pii: { nik: nik(n), phone: phone(n), email, officials }, fields, query: `${keyword} ${partnerWord}` };
  });
}
